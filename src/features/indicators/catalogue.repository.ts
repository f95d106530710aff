import type { Kysely, Selectable } from 'kysely';
import { withDataChange } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';

type Q = Kysely<Database>;

export type CatalogueVersion = Selectable<Database['catalogue_versions']>;

export type CatalogueVersionMeta = Omit<CatalogueVersion, 'content'>;

/** The newest stored catalogue version with its content, or undefined when none is stored. */
export async function findNewestCatalogueVersion(db: Q): Promise<CatalogueVersion | undefined> {
  const row = await db
    .selectFrom('catalogue_versions')
    .selectAll()
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { ...row, version: Number(row.version) } : undefined;
}

/** Every stored version, newest first, without the content. */
export async function listCatalogueVersionRows(db: Q): Promise<CatalogueVersionMeta[]> {
  const rows = await db
    .selectFrom('catalogue_versions')
    .select(['version', 'note', 'created_at', 'created_by'])
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, version: Number(r.version) }));
}

/**
 * Stores `content` as the version after the newest one and returns its number; the data version
 * moves in the same transaction (the caller's, when it passes one).
 */
export async function insertNextCatalogueVersion(
  db: Q,
  entry: { content: string; note: string; createdAt: string; createdBy: string },
): Promise<number> {
  return withDataChange(db, 'catalogus', async (trx) => {
    const last = await trx
      .selectFrom('catalogue_versions')
      .select((eb) => eb.fn.max('version').as('v'))
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('catalogue_versions')
      .values({
        version,
        content: entry.content,
        note: entry.note,
        created_at: entry.createdAt,
        created_by: entry.createdBy,
      })
      .execute();
    return version;
  });
}
