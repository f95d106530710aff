/**
 * Where does commitImport's time go? Not part of `npm run bench`: run by hand when the import
 * ratio misses its target (docs/benchmarks.md has the findings).
 *
 *   node --import tsx --expose-gc bench/profile-commit.ts            # all variants
 *   BENCH_SCALE=0.25 node --import tsx --expose-gc bench/profile-commit.ts
 *
 * Every variant writes the same parsed SYNTHETIC file into a fresh file-backed SQLite database
 * with the real schema (migrations), so only the write path differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { upsertAreas } from '../src/features/areas/area.repository.ts';
import { parseDataProperties } from '../src/features/imports/cbs-metadata.ts';
import { commitImport, loadAreaLookup } from '../src/features/imports/import.service.ts';
import type { ParsedImport } from '../src/features/imports/import.types.ts';
import { parseStatlineCsv } from '../src/features/imports/statline-csv.importer.ts';
import { collectGarbage, timed } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import { SYNTHETIC_FILE_NAME, toNewAreas, writeSyntheticKwb } from './synthetic-kwb.ts';

/**
 * Observations in variable order: both observation indexes (PK and lookup) then grow at a few
 * points instead of at 100 places per CSV row, so SQLite touches far fewer B-tree pages.
 */
function groupByVariable<T extends { variable: string }>(rows: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const g = groups.get(r.variable);
    if (g) g.push(r);
    else groups.set(r.variable, [r]);
  }
  return [...groups.values()].flat();
}

const root = path.resolve(import.meta.dirname, '..');
const scale = Number(process.env.BENCH_SCALE ?? '1');
const only = process.env.PROFILE_ONLY?.split(',');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-profile-'));
const COLUMNS = [
  'dataset_id',
  'variable',
  'indeling_year',
  'area_code',
  'period',
  'value',
  'numerator',
  'denominator',
  'status',
] as const;

/** A raw better-sqlite3 connection to a database the Kysely handle has migrated and closed. */
function rawHandle(file: string): SQLite.Database {
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  return db;
}

async function main() {
  const dp = path.join(root, 'datasets/cbs-kwb-2024/85984NED_DataProperties.json');
  const synthetic = writeSyntheticKwb(tmp, dp, scale, 100);
  const dataProperties = parseDataProperties(fs.readFileSync(dp), 'dp.json');
  const areas = toNewAreas(synthetic.areas, 2024);

  let n = 0;
  const fresh = async () => {
    const handle = await createBenchDb(tmp, `p${n++}`);
    await upsertAreas(handle.db, areas);
    const lookup = await loadAreaLookup(handle.db);
    const parsed: ParsedImport = parseStatlineCsv(
      { bytes: synthetic.bytes, fileName: SYNTHETIC_FILE_NAME },
      lookup,
      {
        tableId: '85984NED',
        dataProperties,
        indelingYear: 2024,
        period: '2024',
      },
    );
    return { handle, parsed };
  };
  const rowsOf = (parsed: ParsedImport, id: string) =>
    parsed.observations.map((o) => ({ ...o, dataset_id: id }));
  const insertDataset = (raw: SQLite.Database, id: string) =>
    raw
      .prepare(
        `insert into datasets (id, kind, fingerprint, source, table_id, edition, title, file_name, file_hash, indeling_year, imported_at, imported_by, row_count, observation_count, area_count, status, attribution)
         values (?, 'cbs-statline-csv', ?, 'CBS', '85984NED', null, 't', 'f', 'h', 2024, '2026-01-01', 'p', 0, 0, 0, 'actief', 'a')`,
      )
      .run(id, id);

  const variants: Record<string, () => Promise<number>> = {
    'commitImport (Kysely, 400 rijen per insert)': async () => {
      const { handle, parsed } = await fresh();
      collectGarbage();
      const t = await timed(() => commitImport(handle.db, parsed, { importedBy: 'p' }));
      await handle.destroy();
      return t.ms;
    },
    'alleen Kysely compile() van dezelfde inserts': async () => {
      const { handle, parsed } = await fresh();
      const rows = rowsOf(parsed, 'x'.repeat(36));
      collectGarbage();
      const t = await timed(() => {
        for (let i = 0; i < rows.length; i += 400) {
          handle.db
            .insertInto('observations')
            .values(rows.slice(i, i + 400))
            .compile();
        }
      });
      await handle.destroy();
      return t.ms;
    },
    'better-sqlite3: 400-rijen-insert, statement hergebruikt': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
      const id = 'y'.repeat(36);
      insertDataset(raw, id);
      collectGarbage();
      const t = await timed(() => {
        const obs = parsed.observations;
        const values = `(${COLUMNS.map(() => '?').join(',')})`;
        const sqlFor = (k: number) =>
          `insert into observations (${COLUMNS.join(',')}) values ${Array(k).fill(values).join(',')}`;
        const full = raw.prepare(sqlFor(400));
        raw.transaction(() => {
          for (let i = 0; i < obs.length; i += 400) {
            const chunk = obs.slice(i, i + 400);
            const params: unknown[] = [];
            for (const o of chunk)
              params.push(
                id,
                o.variable,
                o.indeling_year,
                o.area_code,
                o.period,
                o.value,
                o.numerator,
                o.denominator,
                o.status,
              );
            (chunk.length === 400 ? full : raw.prepare(sqlFor(chunk.length))).run(params);
          }
        })();
      });
      raw.close();
      return t.ms;
    },
    'better-sqlite3: 1 rij per run(), statement hergebruikt': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
      const id = 'z'.repeat(36);
      insertDataset(raw, id);
      collectGarbage();
      const t = await timed(() => {
        const stmt = raw.prepare(
          `insert into observations (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
        );
        raw.transaction(() => {
          for (const o of parsed.observations)
            stmt.run(
              id,
              o.variable,
              o.indeling_year,
              o.area_code,
              o.period,
              o.value,
              o.numerator,
              o.denominator,
              o.status,
            );
        })();
      });
      raw.close();
      return t.ms;
    },
    'idem + cache_size 256 MB': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
      raw.pragma('cache_size = -262144');
      const id = 'c'.repeat(36);
      insertDataset(raw, id);
      collectGarbage();
      const t = await timed(() => {
        const stmt = raw.prepare(
          `insert into observations (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
        );
        raw.transaction(() => {
          for (const o of parsed.observations)
            stmt.run(
              id,
              o.variable,
              o.indeling_year,
              o.area_code,
              o.period,
              o.value,
              o.numerator,
              o.denominator,
              o.status,
            );
        })();
      });
      raw.close();
      return t.ms;
    },
    'idem zonder observations_lookup_idx (index daarna opnieuw)': async () => {
      const { handle, parsed } = await fresh();
      await sql`drop index observations_lookup_idx`.execute(handle.db);
      await handle.destroy();
      const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
      const id = 'i'.repeat(36);
      insertDataset(raw, id);
      collectGarbage();
      const t = await timed(() => {
        const stmt = raw.prepare(
          `insert into observations (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
        );
        raw.transaction(() => {
          for (const o of parsed.observations)
            stmt.run(
              id,
              o.variable,
              o.indeling_year,
              o.area_code,
              o.period,
              o.value,
              o.numerator,
              o.denominator,
              o.status,
            );
          raw.exec(
            'create index observations_lookup_idx on observations (variable, period, indeling_year, area_code)',
          );
        })();
      });
      raw.close();
      return t.ms;
    },
    'vloer: 1 rij per run() in een tabel zonder PK en zonder index': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
      raw.exec(`create table floor (${COLUMNS.join(',')})`);
      const id = 'f'.repeat(36);
      collectGarbage();
      const t = await timed(() => {
        const stmt = raw.prepare(
          `insert into floor (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
        );
        raw.transaction(() => {
          for (const o of parsed.observations)
            stmt.run(
              id,
              o.variable,
              o.indeling_year,
              o.area_code,
              o.period,
              o.value,
              o.numerator,
              o.denominator,
              o.status,
            );
        })();
      });
      raw.close();
      return t.ms;
    },
    'WITHOUT ROWID-tabel (PK geclusterd) + lookup-index, 1 rij per run(), cache 256 MB':
      async () => {
        const { handle, parsed } = await fresh();
        await handle.destroy();
        const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
        raw.pragma('cache_size = -262144');
        raw.exec(
          `create table obs2 (dataset_id text not null, variable text not null, indeling_year integer not null, area_code text not null, period text not null, value real, numerator real, denominator real, status text not null, primary key (dataset_id, variable, indeling_year, area_code, period)) without rowid`,
        );
        raw.exec('create index obs2_lookup on obs2 (variable, period, indeling_year, area_code)');
        const id = 'w'.repeat(36);
        collectGarbage();
        const t = await timed(() => {
          const stmt = raw.prepare(
            `insert into obs2 (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
          );
          raw.transaction(() => {
            for (const o of parsed.observations)
              stmt.run(
                id,
                o.variable,
                o.indeling_year,
                o.area_code,
                o.period,
                o.value,
                o.numerator,
                o.denominator,
                o.status,
              );
          })();
        });
        raw.close();
        return t.ms;
      },
    'commitImport (Kysely) met waarnemingen per variabele gegroepeerd (groeperen meegeteld)':
      async () => {
        const { handle, parsed } = await fresh();
        collectGarbage();
        const t = await timed(() => {
          parsed.observations = groupByVariable(parsed.observations);
          return commitImport(handle.db, parsed, { importedBy: 'p' });
        });
        await handle.destroy();
        return t.ms;
      },
    'better-sqlite3: 1 rij per run(), per variabele gegroepeerd (groeperen meegeteld)':
      async () => {
        const { handle, parsed } = await fresh();
        await handle.destroy();
        const raw = rawHandle(path.join(tmp, `p${n - 1}.sqlite`));
        const id = 'g'.repeat(36);
        insertDataset(raw, id);
        collectGarbage();
        const t = await timed(() => {
          const obs = groupByVariable(parsed.observations);
          const stmt = raw.prepare(
            `insert into observations (${COLUMNS.join(',')}) values (${COLUMNS.map(() => '?').join(',')})`,
          );
          raw.transaction(() => {
            for (const o of obs)
              stmt.run(
                id,
                o.variable,
                o.indeling_year,
                o.area_code,
                o.period,
                o.value,
                o.numerator,
                o.denominator,
                o.status,
              );
          })();
        });
        raw.close();
        return t.ms;
      },
    'alleen groeperen per variabele (JS, O(n))': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      collectGarbage();
      return (await timed(() => groupByVariable(parsed.observations))).ms;
    },
    'alleen sorteren op (variable, area_code) (JS)': async () => {
      const { handle, parsed } = await fresh();
      await handle.destroy();
      collectGarbage();
      return (
        await timed(() =>
          [...parsed.observations].sort((a, b) =>
            a.variable < b.variable
              ? -1
              : a.variable > b.variable
                ? 1
                : a.area_code < b.area_code
                  ? -1
                  : a.area_code > b.area_code
                    ? 1
                    : 0,
          ),
        )
      ).ms;
    },
    'Kysely 400 rijen + cache_size 256 MB (alleen pragma anders)': async () => {
      const { handle, parsed } = await fresh();
      await sql`pragma cache_size = -262144`.execute(handle.db);
      collectGarbage();
      const t = await timed(() => commitImport(handle.db, parsed, { importedBy: 'p' }));
      await handle.destroy();
      return t.ms;
    },
  };

  console.log(
    `SYNTHETISCH bestand, schaal ${scale}: ${synthetic.areas.length} gebieden × 100 = ${synthetic.areas.length * 100} waarnemingen`,
  );
  const results: Record<string, number> = {};
  for (const [name, fn] of Object.entries(variants)) {
    if (only && !only.some((o) => name.includes(o))) continue;
    const ms = await fn();
    results[name] = ms;
    console.log(`${String(Math.round(ms)).padStart(7)} ms  ${name}`);
    for (const f of fs.readdirSync(tmp)) if (f.includes('.sqlite')) fs.rmSync(path.join(tmp, f));
  }
  fs.mkdirSync(path.join(import.meta.dirname, 'out'), { recursive: true });
  fs.writeFileSync(
    path.join(import.meta.dirname, 'out', 'profile-commit.json'),
    `${JSON.stringify({ scale, results }, null, 2)}\n`,
  );
}

main()
  .catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
