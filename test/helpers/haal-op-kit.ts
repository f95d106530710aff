/**
 * What the `haal-op` tests share: the command's io without waiting or printing (lines and waits
 * collected), and counts and observations read back from the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { projectRoot } from '../../src/config.ts';
import type { Database } from '../../src/db/schema.ts';
import type { HaalOpIo } from '../../src/cli/haal-op.ts';
import { upsertAreas } from '../../src/features/areas/area.repository.ts';

/** The io of a test run: the shipped datasets, no real waiting, lines and waits collected. */
export function haalOpIo(lines: string[], waits: number[] = []): HaalOpIo {
  return {
    datasetsDir: path.join(projectRoot, 'datasets'),
    backoffMs: 1,
    sleep: async (ms) => {
      waits.push(ms);
    },
    log: (line) => lines.push(line),
    progress: () => undefined,
    importedBy: 'test',
  };
}

export type CountedTable = 'datasets' | 'observations' | 'audit_log' | 'areas';

export async function count(db: Kysely<Database>, table: CountedTable): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Areas, datasets, observations and audit entries, in that order: "nothing changed" in one. */
export const counts = (db: Kysely<Database>): Promise<number[]> =>
  Promise.all(
    (['areas', 'datasets', 'observations', 'audit_log'] as const).map((t) => count(db, t)),
  );

/** The observations of one dataset as comparable, sorted lines. */
export async function observationsOf(db: Kysely<Database>, datasetId: string): Promise<string[]> {
  const list = await db
    .selectFrom('observations')
    .select(['variable', 'indeling_year', 'area_code', 'period', 'value', 'status'])
    .where('dataset_id', '=', datasetId)
    .execute();
  return list
    .map((o) =>
      JSON.stringify([
        o.variable,
        Number(o.indeling_year),
        o.area_code,
        o.period,
        o.value === null ? null : Number(o.value),
        o.status,
      ]),
    )
    .sort();
}

/** GM0505 and 12 of its 13 wijken of indeling 2024 (WK050598 left out: not loaded yet). */
export async function loadDordrechtWijken2024(db: Kysely<Database>): Promise<void> {
  const rows = fs
    .readFileSync(path.join(projectRoot, 'datasets/cbs-kwb-2024/kwb2024_dordrecht.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  await upsertAreas(
    db,
    rows
      .filter(([code]) => code !== 'WK050598')
      .map(([code, name]) => ({
        indeling_year: 2024,
        code: code!,
        kind: code!.startsWith('GM') ? ('gemeente' as const) : ('wijk' as const),
        name: name!,
        parent_code: code!.startsWith('GM') ? null : 'GM0505',
        municipality_code: code!.startsWith('GM') ? null : 'GM0505',
        geometry: null,
        is_water: 0,
      })),
  );
}
