import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/**
 * A short string that changes whenever anything the public monitor shows changes: an import, a
 * withdrawn or restored dataset, a new focus-area version, a target or catalogue edit, a survey
 * response sent or reviewed. Rendered
 * pages, snapshots and ETags are keyed on it, so a cache can never show figures from before a
 * change. Read per request (a few index-only queries), not remembered, so an import by the CLI in
 * another process is seen at once.
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
    s_reviewed: string | null;
  }>`select
      (select count(*) from focus_area_versions) as fv_n,
      (select max(created_at) from focus_area_versions) as fv_latest,
      (select count(*) from targets) as t_n,
      (select max(updated_at) from targets) as t_latest,
      (select max(version) from catalogue_versions) as c_latest,
      (select max(submitted_at) from survey_responses) as s_submitted,
      (select max(reviewed_at) from survey_responses) as s_reviewed`.execute(db);
  const r = rows[0];
  hash.update(`fv:${Number(r?.fv_n ?? 0)}:${r?.fv_latest ?? ''};`);
  hash.update(`t:${Number(r?.t_n ?? 0)}:${r?.t_latest ?? ''};`);
  const catalogueKey = r?.c_latest === null || r?.c_latest === undefined ? '' : String(r.c_latest);
  hash.update(`c:${catalogueKey};`);
  hash.update(`s:${r?.s_submitted ?? ''}:${r?.s_reviewed ?? ''};`);
  return { version: hash.digest('base64url').slice(0, 16), catalogue: catalogueKey };
}
