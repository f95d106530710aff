import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { rawSqliteOf } from '../../../db/database.ts';
import { readDataVersionRow, type DataVersionRow } from '../../../db/data-change.repository.ts';
import type { Database } from '../../../db/schema.ts';

/**
 * A short string that changes whenever anything the public monitor shows changes: an import, a
 * withdrawn or restored dataset, a new focus-area version, a target or catalogue edit, a survey
 * response sent or reviewed. It is explicit (ADR 0024): the `data_changes` row, moved by every
 * repository write on a table that feeds the monitor, in the same transaction as that write.
 * Rendered pages, snapshots and ETags are keyed on it, so a cache can never show figures from
 * before a change. MonitorData checks it on every request: on PostgreSQL by reading the row, on
 * SQLite only when the change marker below says the database may have changed (a write by this
 * process is seen at once, a commit by another process within 20 ms; ADR 0013).
 */
export async function readDataVersion(db: Kysely<Database>): Promise<string> {
  return (await readDataVersionParts(db)).version;
}

export type DataVersionParts = DataVersionRow;

/** The data version and the catalogue part of it, from one statement. */
export function readDataVersionParts(db: Kysely<Database>): Promise<DataVersionParts> {
  return readDataVersionRow(db);
}

/**
 * How long a reading of `PRAGMA data_version` is trusted. The pragma checks the shared WAL index
 * (about 6 µs, more under load: most of what a hot page costs); commits by another process are
 * therefore seen within this time, not at once. Writes by this process are always seen at once.
 */
export const OTHER_PROCESS_CHECK_MS = 20;

/**
 * SQLite only: a reading that changes whenever the database may have changed. `total_changes()`
 * moves when this connection writes (through Kysely or the raw bulk path alike; 0.2 µs, read every
 * time); `data_version` when another connection commits (the CLI importing in another process;
 * read at most every OTHER_PROCESS_CHECK_MS). While the reading stays the same the data version
 * cannot have moved, so a hot page costs this instead of the full version read. PostgreSQL has no
 * such reading: undefined, and the version is read in full on every request.
 */
export function changeMarker(
  db: Kysely<Database>,
  now: () => number = performance.now.bind(performance),
): (() => string) | undefined {
  const raw = rawSqliteOf(db);
  if (!raw) return undefined;
  const ownChanges = raw.prepare('select total_changes()').pluck();
  const otherCommits = raw.prepare('pragma data_version').pluck();
  let other = 0;
  let otherReadAt = -Infinity;
  return () => {
    const at = now();
    if (at - otherReadAt >= OTHER_PROCESS_CHECK_MS) {
      other = otherCommits.get() as number;
      otherReadAt = at;
    }
    return `${other}:${ownChanges.get() as number}`;
  };
}
