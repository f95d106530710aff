import { sql, type Kysely } from 'kysely';
import { rawSqliteOf } from '../../db/database.ts';
import { bumpDataVersion, withDataChange } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';
import type {
  Dataset,
  NewDataset,
  NewObservation,
  Observation,
  Variable,
} from './dataset.table.ts';

type Q = Kysely<Database>;

// 9 columns × 400 rows stays far below SQLite's and PostgreSQL's bound-parameter limits.
const OBSERVATION_CHUNK = 400;

export async function findDatasetByFingerprint(db: Q, fingerprint: string): Promise<Dataset | undefined> {
  return db.selectFrom('datasets').selectAll().where('fingerprint', '=', fingerprint).executeTakeFirst();
}

/**
 * The active datasets read from the same bytes as the same kind of file for the same indeling,
 * oldest first: the candidates for "already imported" when the options differ (issue 13.7).
 */
export async function listActiveDatasetsOfFile(
  db: Q,
  file: { kind: Dataset['kind']; fileHash: string; indelingYear: number | null },
): Promise<Dataset[]> {
  let query = db
    .selectFrom('datasets')
    .selectAll()
    .where('kind', '=', file.kind)
    .where('file_hash', '=', file.fileHash)
    .where('status', '=', 'actief');
  query =
    file.indelingYear === null
      ? query.where('indeling_year', 'is', null)
      : query.where('indeling_year', '=', file.indelingYear);
  return query.orderBy('imported_at').orderBy('id').execute();
}

/** Every observation of one dataset, without its dataset id. */
export async function listDatasetObservations(
  db: Q,
  datasetId: string,
): Promise<Omit<Observation, 'dataset_id'>[]> {
  return db
    .selectFrom('observations')
    .select([
      'variable',
      'indeling_year',
      'area_code',
      'period',
      'value',
      'numerator',
      'denominator',
      'status',
    ])
    .where('dataset_id', '=', datasetId)
    .execute();
}

export async function findDataset(db: Q, id: string): Promise<Dataset | undefined> {
  return db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every dataset, or with `municipalityCode` only that municipality's own (ADR 0017). */
export async function listDatasets(db: Q, filter: { municipalityCode?: string } = {}): Promise<Dataset[]> {
  let query = db.selectFrom('datasets').selectAll();
  if (filter.municipalityCode !== undefined) query = query.where('municipality_code', '=', filter.municipalityCode);
  return query.orderBy('imported_at', 'desc').orderBy('id').execute();
}

export async function countDatasets(db: Q): Promise<number> {
  const row = await db.selectFrom('datasets').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The distinct area codes a dataset holds observations for. */
export async function listDatasetAreaCodes(db: Q, datasetId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('observations')
    .select('area_code')
    .distinct()
    .where('dataset_id', '=', datasetId)
    .execute();
  return rows.map((r) => r.area_code);
}

/** Per variable of a dataset: how many values, and its first and last period. */
export async function summariseDatasetVariables(
  db: Q,
  datasetId: string,
): Promise<{ variable: string; values: number; firstPeriod: string; lastPeriod: string }[]> {
  const rows = await db
    .selectFrom('observations')
    .select((eb) => [
      'variable',
      eb.fn.countAll().as('n'),
      eb.fn.min('period').as('first'),
      eb.fn.max('period').as('last'),
    ])
    .where('dataset_id', '=', datasetId)
    .groupBy('variable')
    .orderBy('variable')
    .execute();
  return rows.map((r) => ({
    variable: r.variable,
    values: Number(r.n),
    firstPeriod: String(r.first),
    lastPeriod: String(r.last),
  }));
}

/** Kind, table and import time of every active dataset (the factsheet's "data as of"). */
export async function listActiveDatasetImports(
  db: Q,
): Promise<Pick<Dataset, 'kind' | 'table_id' | 'imported_at'>[]> {
  return db
    .selectFrom('datasets')
    .select(['kind', 'table_id', 'imported_at'])
    .where('status', '=', 'actief')
    .execute();
}

export async function insertDataset(db: Q, dataset: NewDataset): Promise<void> {
  await withDataChange(db, 'dataset', (trx) => trx.insertInto('datasets').values(dataset).execute());
}

/** Withdraws or restores a dataset: the monitor shows or leaves out its figures. */
export async function setDatasetStatus(db: Q, id: string, status: Dataset['status']): Promise<void> {
  await withDataChange(db, 'dataset', (trx) =>
    trx.updateTable('datasets').set({ status }).where('id', '=', id).execute(),
  );
}

export async function insertObservations(
  db: Q,
  rows: readonly NewObservation[],
  onProgress?: (done: number) => void,
): Promise<void> {
  await withDataChange(db, 'observaties', async (trx) => {
    for (let i = 0; i < rows.length; i += OBSERVATION_CHUNK) {
      await trx.insertInto('observations').values(rows.slice(i, i + OBSERVATION_CHUNK)).execute();
      onProgress?.(Math.min(i + OBSERVATION_CHUNK, rows.length));
    }
  });
}

/** An observation before it belongs to a dataset, as importers produce it. */
export type DatasetObservation = Omit<NewObservation, 'dataset_id'>;

/**
 * Bulk write of one dataset's observations, the hot path of every import. Rows are grouped by
 * variable first so inserts follow the primary key. SQLite reuses one prepared statement on the
 * raw connection (Kysely compiles a new statement per chunk, which dominated import time);
 * PostgreSQL sends column arrays through unnest, 10,000 rows a statement. Both paths are
 * exercised by the same repository tests on both dialects.
 *
 * `root` must be the root Kysely instance (for the raw SQLite handle) and `trx` the open
 * transaction the rows belong to.
 */
export async function insertDatasetObservations(
  root: Q,
  trx: Q,
  datasetId: string,
  rows: readonly DatasetObservation[],
  onProgress?: (done: number) => void,
): Promise<void> {
  if (!trx.isTransaction) {
    return trx
      .transaction()
      .execute((t) => insertDatasetObservations(root, t, datasetId, rows, onProgress));
  }
  const byVariable = new Map<string, DatasetObservation[]>();
  for (const row of rows) {
    const list = byVariable.get(row.variable);
    if (list) list.push(row);
    else byVariable.set(row.variable, [row]);
  }
  // The version moves in the transaction the rows belong to (the raw path shares its connection).
  await bumpDataVersion(trx, 'observaties');
  const raw = rawSqliteOf(root);
  if (raw) {
    const insert = raw.prepare(
      'insert into observations (dataset_id, variable, indeling_year, area_code, period, value, numerator, denominator, status) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    let done = 0;
    for (const group of byVariable.values()) {
      for (const o of group) {
        insert.run(
          datasetId,
          o.variable,
          o.indeling_year,
          o.area_code,
          o.period,
          o.value ?? null,
          o.numerator ?? null,
          o.denominator ?? null,
          o.status,
        );
        if (++done % 20_000 === 0) onProgress?.(done);
      }
    }
    onProgress?.(done);
    return;
  }
  const chunk = 10_000;
  const ordered = [...byVariable.values()].flat();
  for (let i = 0; i < ordered.length; i += chunk) {
    const part = ordered.slice(i, i + chunk);
    await sql`
      insert into observations
        (dataset_id, variable, indeling_year, area_code, period, value, numerator, denominator, status)
      select ${datasetId}, * from unnest(
        ${part.map((o) => o.variable)}::text[],
        ${part.map((o) => o.indeling_year)}::integer[],
        ${part.map((o) => o.area_code)}::text[],
        ${part.map((o) => o.period)}::text[],
        ${part.map((o) => o.value ?? null)}::double precision[],
        ${part.map((o) => o.numerator ?? null)}::double precision[],
        ${part.map((o) => o.denominator ?? null)}::double precision[],
        ${part.map((o) => o.status)}::text[]
      )`.execute(trx);
    onProgress?.(Math.min(i + chunk, ordered.length));
  }
}

export async function upsertVariables(db: Q, rows: readonly Variable[]): Promise<void> {
  await withDataChange(db, 'variabelen', async (trx) => {
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('variables')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) =>
          oc.columns(['stem', 'table_id']).doUpdateSet((eb) => ({
            title: eb.ref('excluded.title'),
            unit: eb.ref('excluded.unit'),
            description: eb.ref('excluded.description'),
          })),
        )
        .execute();
    }
  });
}

export interface ObservationQuery {
  variables: readonly string[];
  indelingYear: number;
  areaCodes: readonly string[];
  /** Omit for every period. */
  periods?: readonly string[];
}

export type ObservationWithProvenance = Observation & { imported_at: string };

/**
 * Observations from active datasets. Where two active datasets give the same variable, area and
 * period, the newest import wins: the caller gets one row per key (see pickNewest).
 */
export async function findObservations(db: Q, query: ObservationQuery): Promise<ObservationWithProvenance[]> {
  if (query.variables.length === 0 || query.areaCodes.length === 0) return [];
  let q = db
    .selectFrom('observations as o')
    .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
    .selectAll('o')
    .select('d.imported_at')
    .where('d.status', '=', 'actief')
    .where('o.indeling_year', '=', query.indelingYear)
    .where('o.variable', 'in', query.variables)
    .where('o.area_code', 'in', query.areaCodes);
  if (query.periods) q = q.where('o.period', 'in', query.periods);
  const rows = await q.execute();
  return pickNewest(rows);
}

/**
 * Every observation of these areas in an active dataset: the snapshot's read. It finds the rows
 * through the index `observations_area_idx` (migration 20261204_0701), not by scanning the table.
 */
export function snapshotObservationsQuery(db: Q, areaCodes: readonly string[]) {
  return db
    .selectFrom('observations as o')
    .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
    .selectAll('o')
    .select('d.imported_at')
    .where('d.status', '=', 'actief')
    .where('o.area_code', 'in', [...areaCodes]);
}

/**
 * One row per variable, area, period and indeling year: the newest import wins. The indeling year
 * is part of the key, because one code (NL00, a municipality, an unchanged buurt) exists in
 * several indeling years with figures of its own in each.
 */
export function pickNewest(rows: ObservationWithProvenance[]): ObservationWithProvenance[] {
  const best = new Map<string, ObservationWithProvenance>();
  for (const row of rows) {
    const key = `${row.variable}\u0000${row.area_code}\u0000${row.period}\u0000${row.indeling_year}`;
    const current = best.get(key);
    if (
      !current ||
      row.imported_at > current.imported_at ||
      (row.imported_at === current.imported_at && row.dataset_id > current.dataset_id)
    ) {
      best.set(key, row);
    }
  }
  return [...best.values()];
}

/** Which variables have at least one value in an active dataset, with their periods. */
export async function listLoadedVariablePeriods(db: Q): Promise<{ variable: string; period: string; indeling_year: number }[]> {
  const rows = await db
    .selectFrom('observations as o')
    .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
    .select(['o.variable', 'o.period', 'o.indeling_year'])
    .where('d.status', '=', 'actief')
    .distinct()
    .execute();
  return rows.map((r) => ({ ...r, indeling_year: Number(r.indeling_year) }));
}

/**
 * Which active local datasets hold values for these variables: (variable, source) pairs. A local
 * file may replace CBS figures only when it says so (issue 11.10); every page that uses such a
 * variable names the local source. Reads by variable, the key's first column.
 */
export async function listLocalSources(db: Q, variables: readonly string[]): Promise<{ variable: string; source: string }[]> {
  if (variables.length === 0) return [];
  return db
    .selectFrom('observations as o')
    .innerJoin('datasets as d', 'd.id', 'o.dataset_id')
    .select(['o.variable', 'd.source'])
    .distinct()
    .where('d.kind', '=', 'local-csv')
    .where('d.status', '=', 'actief')
    .where('o.variable', 'in', [...variables])
    .orderBy('o.variable')
    .orderBy('d.source')
    .execute();
}
