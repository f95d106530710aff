import fs from 'node:fs';
import path from 'node:path';
import { parse as csvParseSync } from 'csv-parse/sync';
import type { Kysely } from 'kysely';
import type { Database } from '../src/db/schema.ts';
import { upsertAreas } from '../src/features/areas/area.repository.ts';
import { parseDataProperties } from '../src/features/imports/cbs-metadata.ts';
import { decodeCsv, ProblemList, readCsv } from '../src/features/imports/csv-reader.ts';
import { commitImport, loadAreaLookup } from '../src/features/imports/import.service.ts';
import type { ParsedImport } from '../src/features/imports/import.types.ts';
import { parseStatlineCsv } from '../src/features/imports/statline-csv.importer.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { MemorySampler, type MemoryPeak } from './lib/memory.ts';
import { rawInsertObservations } from './lib/raw-write.ts';
import { collectGarbage, median, round, timed } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { BenchContext, BenchReport, Benchmark, ReportTable } from './lib/types.ts';
import { SYNTHETIC_FILE_NAME, toNewAreas, writeSyntheticKwb } from './synthetic-kwb.ts';

/** Import may take at most this many times a bare csv-parse pass over the same file. */
export const IMPORT_RATIO_TARGET = 3;
const PARSE_REPEATS = 3;
const IMPORT_REPEATS = 2;
const VARIABLES = 100;
const INDELING_YEAR = 2024;
const TABLE_ID = '85984NED';

const COUNTED_TABLES = [
  'areas',
  'datasets',
  'observations',
  'variables',
  'focus_areas',
  'focus_area_members',
] as const;

async function countRows(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

async function repeat(times: number, fn: () => unknown): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    collectGarbage();
    ms.push((await timed(fn)).ms);
  }
  return ms;
}

const s = (ms: number) => round(ms / 1000, 2);

/** 1. The shipped files, as the first start loads them. */
async function benchSeed(ctx: BenchContext) {
  const handle = await createBenchDb(ctx.tmpDir, 'seed');
  try {
    collectGarbage();
    const { value: report, ms } = await timed(() =>
      seedShippedData(handle.db, path.join(ctx.root, 'datasets'), { importedBy: 'benchmark' }),
    );
    const rows = await countRows(handle.db);
    return { ms, rows, report };
  } finally {
    await handle.destroy();
  }
}

interface ImportRun {
  setupMs: number;
  lookupMs: number;
  parseMs: number;
  commitMs: number;
  totalMs: number;
  observations: number;
  memory: MemoryPeak;
  dbBytes: number;
}

export const importBenchmark: Benchmark = {
  name: 'import',
  title: 'Import: meegeleverde bestanden en SYNTHETISCH landelijk KWB-bestand',
  async run(ctx: BenchContext): Promise<BenchReport> {
    ctx.log('meegeleverde bestanden inlezen (seedShippedData) …');
    const seed = await benchSeed(ctx);

    ctx.log(`SYNTHETISCH bestand maken (schaal ${ctx.scale}) …`);
    const dataPropertiesFile = path.join(
      ctx.root,
      'datasets/cbs-kwb-2024/85984NED_DataProperties.json',
    );
    const generated = await timed(() =>
      writeSyntheticKwb(ctx.tmpDir, dataPropertiesFile, ctx.scale, VARIABLES),
    );
    const synthetic = generated.value;
    const bytes = fs.readFileSync(synthetic.file);
    const input = { bytes, fileName: SYNTHETIC_FILE_NAME };
    const dataProperties = parseDataProperties(
      fs.readFileSync(dataPropertiesFile),
      path.basename(dataPropertiesFile),
    );
    const newAreas = toNewAreas(synthetic.areas, INDELING_YEAR);
    const expectedObservations = synthetic.areas.length * VARIABLES;

    // Baseline: the parser the importer uses (csv-parse/sync), bare, over the same bytes.
    ctx.log(`baseline: csv-parse/sync ${PARSE_REPEATS}× …`);
    let baselineRecords = 0;
    const baselineMs = await repeat(PARSE_REPEATS, () => {
      const records = csvParseSync(bytes, { delimiter: ';', bom: true }) as string[][];
      baselineRecords = records.length;
    });
    if (baselineRecords !== synthetic.areas.length + 1) {
      throw new Error(
        `baseline las ${baselineRecords} records, verwacht ${synthetic.areas.length + 1}`,
      );
    }

    // Phases inside parseStatlineCsv, measured on their own with the importer's own functions.
    ctx.log(`fasen: decoderen en lezen ${PARSE_REPEATS}× …`);
    const decodeMs = await repeat(PARSE_REPEATS, () => decodeCsv(bytes, SYNTHETIC_FILE_NAME));
    const readMs = await repeat(PARSE_REPEATS, () =>
      readCsv(input, { minColumns: 2 }, new ProblemList(SYNTHETIC_FILE_NAME), {
        header() {},
        row() {},
      }),
    );

    const runs: ImportRun[] = [];
    for (let i = 0; i < IMPORT_REPEATS; i++) {
      ctx.log(`import ${i + 1}/${IMPORT_REPEATS} in een nieuwe database …`);
      const handle = await createBenchDb(ctx.tmpDir, `import-${i}`);
      try {
        // Setup, not part of the import: the areas exist before a KWB file can be read.
        const setup = await timed(() => upsertAreas(handle.db, newAreas));
        const lookup = await timed(() => loadAreaLookup(handle.db));
        collectGarbage();
        const sampler = new MemorySampler(50);
        await sampler.start();
        const parsed = await timed(() =>
          parseStatlineCsv(input, lookup.value, {
            tableId: TABLE_ID,
            dataProperties,
            indelingYear: INDELING_YEAR,
            period: String(INDELING_YEAR),
            edition: 'SYNTHETISCH',
          }),
        );
        sampler.mark('na parseStatlineCsv');
        const committed = await timed(() =>
          commitImport(handle.db, parsed.value, { importedBy: 'benchmark' }),
        );
        const memory = await sampler.stop();
        if (
          committed.value.status !== 'geimporteerd' ||
          committed.value.observations !== expectedObservations
        ) {
          throw new Error(
            `import gaf ${JSON.stringify(committed.value)}, verwacht ${expectedObservations} waarnemingen`,
          );
        }
        const rows = await countRows(handle.db);
        if (rows.observations !== expectedObservations) {
          throw new Error(
            `database heeft ${rows.observations} waarnemingen, verwacht ${expectedObservations}`,
          );
        }
        runs.push({
          setupMs: setup.ms,
          lookupMs: lookup.ms,
          parseMs: parsed.ms,
          commitMs: committed.ms,
          totalMs: parsed.ms + committed.ms,
          observations: committed.value.observations,
          memory,
          dbBytes: 0,
        });
      } finally {
        await handle.destroy();
      }
      const run = runs[runs.length - 1];
      if (run) run.dbBytes = fs.statSync(handle.file).size;
      for (const suffix of ['', '-wal', '-shm'])
        fs.rmSync(`${handle.file}${suffix}`, { force: true });
    }

    // Write baseline: what SQLite itself costs for the same rows in the same order and schema.
    const writeBaselineMs: number[] = [];
    for (let i = 0; i < IMPORT_REPEATS; i++) {
      ctx.log(`schrijf-baseline ${i + 1}/${IMPORT_REPEATS} (better-sqlite3 direct) …`);
      const handle = await createBenchDb(ctx.tmpDir, `write-${i}`);
      let observations: ParsedImport['observations'];
      try {
        await upsertAreas(handle.db, newAreas);
        observations = parseStatlineCsv(input, await loadAreaLookup(handle.db), {
          tableId: TABLE_ID,
          dataProperties,
          indelingYear: INDELING_YEAR,
          period: String(INDELING_YEAR),
        }).observations;
      } finally {
        await handle.destroy();
      }
      collectGarbage();
      writeBaselineMs.push(
        (await timed(() => rawInsertObservations(handle.file, observations))).ms,
      );
      for (const suffix of ['', '-wal', '-shm'])
        fs.rmSync(`${handle.file}${suffix}`, { force: true });
    }

    const m = {
      writeBaseline: median(writeBaselineMs),
      baseline: median(baselineMs),
      decode: median(decodeMs),
      read: median(readMs),
      parse: median(runs.map((r) => r.parseMs)),
      commit: median(runs.map((r) => r.commitMs)),
      total: median(runs.map((r) => r.totalMs)),
    };
    const ratio = m.total / m.baseline;
    const peakRss = Math.max(...runs.map((r) => r.memory.rssMb));
    const peakHeap = Math.max(...runs.map((r) => r.memory.heapUsedMb));
    const fileMb = bytes.length / 1024 / 1024;

    const seedTable: ReportTable = {
      title: 'Meegeleverde bestanden (datasets/) in een nieuwe SQLite-database (bestand)',
      columns: ['meting', 'waarde'],
      rows: [
        ['tijd (s)', s(seed.ms)],
        ['bestanden geïmporteerd', seed.report.imported.length],
        ['bestanden ongewijzigd', seed.report.unchanged.length],
        ...Object.entries(seed.rows).map(([table, n]): [string, number] => [`rijen ${table}`, n]),
      ],
    };
    const fileTable: ReportTable = {
      title: `SYNTHETISCH bestand ${SYNTHETIC_FILE_NAME} (geen echte cijfers; seed vast, schaal ${ctx.scale})`,
      columns: ['meting', 'waarde'],
      rows: [
        [
          'gebieden (NL / GM / WK / BU)',
          `${synthetic.counts.land} / ${synthetic.counts.gemeente} / ${synthetic.counts.wijk} / ${synthetic.counts.buurt}`,
        ],
        ['variabelen (eerste numerieke Topics 85984NED)', synthetic.topics.length],
        ['waarnemingen', expectedObservations],
        ['bestandsgrootte (MB)', round(fileMb, 1)],
        ['maken (s)', s(generated.ms)],
      ],
    };
    const phaseRow = (name: string, ms: number, what: string): (string | number)[] => [
      name,
      Math.round(ms),
      round(ms / m.baseline, 2),
      what,
    ];
    const phaseTable: ReportTable = {
      title: `Import van het SYNTHETISCHE bestand, mediaan (parse ${PARSE_REPEATS}×, import ${IMPORT_REPEATS}× in nieuwe databases)`,
      columns: ['fase', 'ms', '× baseline', 'wat'],
      rows: [
        phaseRow(
          'baseline',
          m.baseline,
          "csv-parse/sync parse(bytes, {delimiter: ';', bom: true}), alle records in een array",
        ),
        phaseRow('  decoderen', m.decode, 'decodeCsv: BOM, UTF-8-controle, Buffer → string'),
        phaseRow(
          '  lezen',
          m.read,
          'readCsv: decoderen + csv-parse (on_record) + kolomcontrole, lege visitor',
        ),
        phaseRow(
          '  valideren',
          Math.max(0, m.parse - m.read),
          'parseStatlineCsv min lezen: kolommen koppelen, codes, getallen, objecten',
        ),
        phaseRow('parseStatlineCsv', m.parse, 'decoderen + lezen + valideren'),
        phaseRow(
          'commitImport',
          m.commit,
          'schrijven: één transactie, insertObservations per 400 rijen',
        ),
        phaseRow('import totaal', m.total, 'parseStatlineCsv + commitImport'),
        phaseRow(
          'schrijf-baseline',
          m.writeBaseline,
          'better-sqlite3 direct: zelfde rijen en volgorde, 1 prepared INSERT, 1 transactie',
        ),
      ],
    };
    const memTable: ReportTable = {
      title: 'Geheugen tijdens de import (parse + commit), per run',
      columns: [
        'run',
        'RSS piek (MB)',
        'heap piek (MB)',
        'heap na parse (MB)',
        'RSS bij start (MB)',
        'heap bij start (MB)',
        'metingen',
        'database (MB)',
      ],
      rows: runs.map((r, i) => [
        i + 1,
        round(r.memory.rssMb, 0),
        round(r.memory.heapUsedMb, 0),
        round(r.memory.marks['na parseStatlineCsv'] ?? 0, 0),
        round(r.memory.startRssMb, 0),
        round(r.memory.startHeapUsedMb, 0),
        r.memory.samples,
        round(r.dbBytes / 1024 / 1024, 1),
      ]),
    };

    return {
      name: 'import',
      tables: [seedTable, fileTable, phaseTable, memTable],
      targets: [
        {
          name: 'import / csv-parse',
          value: ratio,
          target: IMPORT_RATIO_TARGET,
          met: ratio <= IMPORT_RATIO_TARGET,
        },
      ],
      notes: [
        'Het landelijke bestand is SYNTHETISCH: gebieden, namen en cijfers komen uit een PRNG met vaste seed; alleen de kolomtitels zijn echt (85984NED).',
        'Baseline = csv-parse/sync, de parser die readCsv (csv-reader.ts) zelf gebruikt.',
        `Lezen en valideren alleen (parseStatlineCsv): ${round(m.parse / m.baseline, 2)}× csv-parse; commitImport: ${round(m.commit / m.writeBaseline, 2)}× de schrijf-baseline. Zie docs/benchmarks.md.`,
        `Gebieden invoegen (${s(median(runs.map((r) => r.setupMs)))} s) en loadAreaLookup (${s(median(runs.map((r) => r.lookupMs)))} s) zijn voorbereiding en tellen niet mee.`,
        'RSS wordt elke 50 ms in een worker-thread gemeten (ook tijdens synchrone parsing); de heap op de hoofdthread elke 50 ms en op elke fasegrens.',
      ],
      json: {
        syntheticFile: {
          name: SYNTHETIC_FILE_NAME,
          synthetic: true,
          bytes: bytes.length,
          areas: synthetic.counts,
          variables: synthetic.topics.map((t) => t.key),
          observations: expectedObservations,
        },
        seed: {
          ms: seed.ms,
          rows: seed.rows,
          imported: seed.report.imported,
          unchanged: seed.report.unchanged,
        },
        writeBaseline: {
          how: 'better-sqlite3, one prepared single-row INSERT reused, one transaction, same rows and order',
          ms: writeBaselineMs,
          medianMs: m.writeBaseline,
        },
        baseline: {
          parser: 'csv-parse/sync',
          options: { delimiter: ';', bom: true },
          ms: baselineMs,
          medianMs: m.baseline,
        },
        phases: {
          decodeMs,
          readMs,
          parseMs: runs.map((r) => r.parseMs),
          commitMs: runs.map((r) => r.commitMs),
          medianMs: m,
        },
        ratio: {
          importToParse: ratio,
          target: IMPORT_RATIO_TARGET,
          met: ratio <= IMPORT_RATIO_TARGET,
          parseStatlineCsvToParse: m.parse / m.baseline,
          commitToWriteBaseline: m.commit / m.writeBaseline,
        },
        memory: { peakRssMb: peakRss, peakHeapUsedMb: peakHeap, runs: runs.map((r) => r.memory) },
        runs,
      },
    };
  },
};
