import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A delineation version can be provisional: compiled from public sources before the municipality
 * confirmed it (ADR 0022). Such a version says so on the page, with its source, the source's date
 * and how sure the compilation is (hoog, midden, laag). A version a beheerder saves is not
 * provisional unless marked; existing versions are not.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('focus_area_versions')
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('focus_area_versions').addColumn('confidence', 'text').execute();
  await db.schema.alterTable('focus_area_versions').addColumn('source', 'text').execute();
  await db.schema.alterTable('focus_area_versions').addColumn('source_date', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['source_date', 'source', 'confidence', 'provisional']) {
    await db.schema.alterTable('focus_area_versions').dropColumn(column).execute();
  }
}
