import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import { rawSqliteOf } from '../../db/database.ts';
import type { Database } from '../../db/schema.ts';

/**
 * A short string that changes whenever anything the public monitor shows changes: an import, a
 * withdrawn or restored dataset, a new focus-area version, a target or catalogue edit, a survey
 * response sent or reviewed. Rendered pages, snapshots and ETags are keyed on it, so a cache can
 * never show figures from before a change. MonitorData checks it on every request: in full on
 * PostgreSQL, and on SQLite only when the change marker below says the database may have changed
 * (a write by this process is seen at once, a commit by another process within 20 ms; ADR 0013).
 */
export async function readDataVersion(db: Kysely<Database>): Promise<string> {
  return (await readDataVersionParts(db)).version;
}

export interface DataVersionParts {
  version: string;
  /** The part that only a catalogue edit moves: the newest stored catalogue version or ''. */
  catalogue: string;
}

/** The data version and the catalogue part of it, from the same queries. */
export async function readDataVersionParts(db: Kysely<Database>): Promise<DataVersionParts> {
  const hash = createHash('sha1');
  const datasets = await db.selectFrom('datasets').select(['id', 'status']).orderBy('id').execute();
  for (const d of datasets) hash.update(`${d.id}:${d.status};`);
  // One statement for the rest: this runs on every monitor request, hot pages included.
  // Survey results in the monitor: a new, approved or rejected response (both maxima are indexed).
  const { rows } = await sql<{
    fv_n: number | string;
    fv_latest: string | null;
    t_n: number | string;
    t_latest: string | null;
    c_latest: number | string | null;
    s_submitted: string | null;
    s_sent: number | string;
    s_reviewed: string | null;
  }>`select
      (select count(*) from focus_area_versions) as fv_n,
      (select max(created_at) from focus_area_versions) as fv_latest,
      (select count(*) from targets) as t_n,
      (select max(updated_at) from targets) as t_latest,
      (select max(version) from catalogue_versions) as c_latest,
      (select max(submitted_at) from survey_responses) as s_submitted,
      (select count(submitted_at) from survey_responses) as s_sent,
      (select max(reviewed_at) from survey_responses) as s_reviewed`.execute(db);
  const r = rows[0];
  hash.update(`fv:${Number(r?.fv_n ?? 0)}:${r?.fv_latest ?? ''};`);
  hash.update(`t:${Number(r?.t_n ?? 0)}:${r?.t_latest ?? ''};`);
  const catalogueKey = r?.c_latest === null || r?.c_latest === undefined ? '' : String(r.c_latest);
  hash.update(`c:${catalogueKey};`);
  // Response times are dates only (ADR 0016): the count of sent responses moves on every send.
  hash.update(`s:${r?.s_submitted ?? ''}:${Number(r?.s_sent ?? 0)}:${r?.s_reviewed ?? ''};`);
  return { version: hash.digest('base64url').slice(0, 16), catalogue: catalogueKey };
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
