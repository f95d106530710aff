/**
 * `BENCH_ONLY=snapshot npm run bench`: the monitor's snapshot read of one municipality, and the
 * import that fills the table it reads, with and without `observations_area_idx` (migration
 * 20261204_0701). "Zonder index" is the schema before that migration (the index dropped after
 * migrating), so every figure is a ratio to the state before, measured in the same run on the
 * same SYNTHETIC national file as the import benchmark (bench/synthetic-kwb.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CompiledQuery } from 'kysely';
import { upsertAreas } from '../src/features/areas/area.repository.ts';
import {
  snapshotObservationsQuery,
  SnapshotSource,
} from '../src/features/aggregation/observation-source.ts';
import { parseDataProperties } from '../src/features/imports/cbs-metadata.ts';
import { commitImport, loadAreaLookup } from '../src/features/imports/import.service.ts';
import { parseStatlineCsv } from '../src/features/imports/statline-csv.importer.ts';
import { collectGarbage, median, round, timed } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { BenchContext, BenchReport, Benchmark, ReportTable } from './lib/types.ts';
import { SYNTHETIC_FILE_NAME, toNewAreas, writeSyntheticKwb } from './synthetic-kwb.ts';

const VARIABLES = 100;
const INDELING_YEAR = 2024;
const IMPORT_REPEATS = 2;
const SNAPSHOT_REPEATS = 5;
type Variant = 'zonder index' | 'met index';
const VARIANTS: readonly Variant[] = ['zonder index', 'met index'];

interface VariantResult {
  commitMs: number[];
  snapshotMs: number[];
  queryMs: number[];
  rows: number;
  plan: string;
  dbBytes: number;
}

export const snapshotBenchmark: Benchmark = {
  name: 'snapshot',
  title: 'Snapshot van één gemeente en importkosten, met en zonder index op area_code',
  async run(ctx: BenchContext): Promise<BenchReport> {
    ctx.log(`SYNTHETISCH bestand maken (schaal ${ctx.scale}) …`);
    const dataPropertiesFile = path.join(
      ctx.root,
      'datasets/cbs-kwb-2024/85984NED_DataProperties.json',
    );
    const synthetic = writeSyntheticKwb(ctx.tmpDir, dataPropertiesFile, ctx.scale, VARIABLES);
    const input = { bytes: fs.readFileSync(synthetic.file), fileName: SYNTHETIC_FILE_NAME };
    const dataProperties = parseDataProperties(
      fs.readFileSync(dataPropertiesFile),
      path.basename(dataPropertiesFile),
    );
    const newAreas = toNewAreas(synthetic.areas, INDELING_YEAR);

    // The municipality with the most areas: the largest snapshot a page can ask for.
    const perMunicipality = new Map<string, string[]>();
    for (const a of synthetic.areas) {
      if (!a.municipality) continue;
      const list = perMunicipality.get(a.municipality) ?? [];
      list.push(a.code);
      perMunicipality.set(a.municipality, list);
    }
    const [municipality, areaCodes] = [...perMunicipality.entries()].sort(
      (a, b) => b[1].length - a[1].length,
    )[0]!;
    const snapshotCodes = ['NL00', ...areaCodes];

    const results = new Map<Variant, VariantResult>(
      VARIANTS.map((v) => [
        v,
        { commitMs: [], snapshotMs: [], queryMs: [], rows: 0, plan: '', dbBytes: 0 },
      ]),
    );
    // Alternating the variants spreads the noise of a shared machine over both.
    for (let i = 0; i < IMPORT_REPEATS; i++) {
      for (const variant of VARIANTS) {
        const result = results.get(variant)!;
        ctx.log(`${variant}: import ${i + 1}/${IMPORT_REPEATS} …`);
        const handle = await createBenchDb(ctx.tmpDir, `${variant.replace(' ', '-')}-${i}`);
        try {
          if (variant === 'zonder index') {
            await handle.db.schema.dropIndex('observations_area_idx').execute();
          }
          await upsertAreas(handle.db, newAreas);
          const parsed = parseStatlineCsv(input, await loadAreaLookup(handle.db), {
            tableId: '85984NED',
            dataProperties,
            indelingYear: INDELING_YEAR,
            period: String(INDELING_YEAR),
            edition: 'SYNTHETISCH',
          });
          collectGarbage();
          const committed = await timed(() =>
            commitImport(handle.db, parsed, { importedBy: 'benchmark' }),
          );
          if (committed.value.status !== 'geimporteerd') {
            throw new Error(`import gaf ${JSON.stringify(committed.value)}`);
          }
          result.commitMs.push(committed.ms);

          if (i === IMPORT_REPEATS - 1) {
            ctx.log(`${variant}: snapshot van ${municipality} ${SNAPSHOT_REPEATS}× …`);
            for (let r = 0; r < SNAPSHOT_REPEATS; r++) {
              collectGarbage();
              const loaded = await timed(() => SnapshotSource.load(handle.db, snapshotCodes));
              result.snapshotMs.push(loaded.ms);
              // The query alone, without building the in-memory snapshot from its rows.
              const query = await timed(() =>
                snapshotObservationsQuery(handle.db, snapshotCodes).execute(),
              );
              result.queryMs.push(query.ms);
            }
            const compiled = snapshotObservationsQuery(handle.db, snapshotCodes).compile();
            result.rows = (
              await snapshotObservationsQuery(handle.db, snapshotCodes).execute()
            ).length;
            const plan = await handle.db.executeQuery<{ detail: string }>(
              CompiledQuery.raw(`EXPLAIN QUERY PLAN ${compiled.sql}`, [...compiled.parameters]),
            );
            result.plan = plan.rows.map((p) => p.detail).join('; ');
          }
        } finally {
          await handle.destroy();
        }
        result.dbBytes = fs.statSync(handle.file).size;
        for (const suffix of ['', '-wal', '-shm']) {
          fs.rmSync(`${handle.file}${suffix}`, { force: true });
        }
      }
    }

    const before = results.get('zonder index')!;
    const after = results.get('met index')!;
    const m = {
      commitBefore: median(before.commitMs),
      commitAfter: median(after.commitMs),
      snapshotBefore: median(before.snapshotMs),
      snapshotAfter: median(after.snapshotMs),
      queryBefore: median(before.queryMs),
      queryAfter: median(after.queryMs),
    };
    const importRatio = m.commitAfter / m.commitBefore;
    const snapshotRatio = m.snapshotAfter / m.snapshotBefore;
    const sizeRatio = after.dbBytes / before.dbBytes;
    if (before.rows !== after.rows) {
      throw new Error(`snapshot las ${before.rows} en ${after.rows} rijen: ongelijk`);
    }

    const table: ReportTable = {
      title:
        `SYNTHETISCH landelijk bestand (${synthetic.areas.length} gebieden × ${VARIABLES} ` +
        `variabelen); snapshot van ${municipality} (${snapshotCodes.length} gebieden, ` +
        `${after.rows} waarnemingen)`,
      columns: ['meting', 'zonder index', 'met index', 'met ÷ zonder'],
      rows: [
        [
          'snapshot lezen (ms, mediaan)',
          round(m.snapshotBefore, 1),
          round(m.snapshotAfter, 1),
          round(snapshotRatio, 3),
        ],
        [
          'alleen de query (ms, mediaan)',
          round(m.queryBefore, 1),
          round(m.queryAfter, 1),
          round(m.queryAfter / m.queryBefore, 3),
        ],
        [
          'commitImport (ms, mediaan)',
          Math.round(m.commitBefore),
          Math.round(m.commitAfter),
          round(importRatio, 2),
        ],
        [
          'databasebestand (MB)',
          round(before.dbBytes / 1024 / 1024, 1),
          round(after.dbBytes / 1024 / 1024, 1),
          round(sizeRatio, 2),
        ],
      ],
    };
    return {
      name: 'snapshot',
      tables: [table],
      // No target: the issue asks for the ratios; docs/benchmarks.md and ADR 0021 weigh them.
      targets: [],
      notes: [
        `plan zonder index: ${before.plan}`,
        `plan met index: ${after.plan}`,
        'Geen enkel cijfer in het bestand is echt (SYNTHETISCH).',
      ],
      json: { municipality, areas: snapshotCodes.length, measured: m, before, after },
    };
  },
};
