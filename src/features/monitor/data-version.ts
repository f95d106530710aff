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
  const versions = await db
    .selectFrom('focus_area_versions')
    .select([sql<number>`count(*)`.as('n'), sql<string>`max(created_at)`.as('latest')])
    .executeTakeFirst();
  hash.update(`fv:${Number(versions?.n ?? 0)}:${versions?.latest ?? ''};`);
  const targets = await db
    .selectFrom('targets')
    .select([sql<number>`count(*)`.as('n'), sql<string>`max(updated_at)`.as('latest')])
    .executeTakeFirst();
  hash.update(`t:${Number(targets?.n ?? 0)}:${targets?.latest ?? ''};`);
  const catalogue = await db
    .selectFrom('catalogue_versions')
    .select(sql<number>`max(version)`.as('latest'))
    .executeTakeFirst();
  const catalogueKey = String(catalogue?.latest ?? '');
  hash.update(`c:${catalogueKey};`);
  // Survey results in the monitor: a new, approved or rejected response (both maxima are indexed).
  const survey = await db
    .selectFrom('survey_responses')
    .select([
      sql<string>`max(submitted_at)`.as('submitted'),
      sql<string>`max(reviewed_at)`.as('reviewed'),
    ])
    .executeTakeFirst();
  hash.update(`s:${survey?.submitted ?? ''}:${survey?.reviewed ?? ''};`);
  return { version: hash.digest('base64url').slice(0, 16), catalogue: catalogueKey };
}
