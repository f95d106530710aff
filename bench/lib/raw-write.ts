import SQLite from 'better-sqlite3';
import type { ParsedObservation } from '../../src/features/imports/import.types.ts';

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

/**
 * Write baseline: the same observations, in the same order, into the same migrated schema, with
 * better-sqlite3 directly: one prepared single-row INSERT reused inside one transaction, with the
 * pragmas createDb sets. What SQLite itself costs for these rows, without any query builder.
 */
export function rawInsertObservations(
  file: string,
  observations: readonly ParsedObservation[],
): void {
  const db = new SQLite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const id = 'benchmark-write-baseline';
    db.prepare(
      `insert into datasets (id, kind, fingerprint, source, table_id, edition, title, file_name, file_hash, indeling_year,
        imported_at, imported_by, row_count, observation_count, area_count, status, attribution)
       values (?, 'cbs-statline-csv', ?, 'CBS', '85984NED', null, 'write baseline', 'x', 'x', 2024,
        '2024-01-01T00:00:00.000Z', 'benchmark', 0, 0, 0, 'actief', 'x')`,
    ).run(id, id);
    const stmt = db.prepare(
      `insert into observations (${COLUMNS.join(', ')}) values (${COLUMNS.map(() => '?').join(', ')})`,
    );
    db.transaction(() => {
      for (const o of observations) {
        stmt.run(
          id,
          o.variable,
          o.indeling_year,
          o.area_code,
          o.period,
          o.value ?? null,
          o.numerator ?? null,
          o.denominator ?? null,
          o.status,
        );
      }
    })();
  } finally {
    db.close();
  }
}
