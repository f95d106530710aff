import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Versions of the indicator catalogue edited in the workspace. Each save stores the whole
 * catalogue, so any version can be read back as it was; the newest one is the active catalogue
 * and catalogue/indicators.json is only the starting point.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('catalogue_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('catalogue_versions').execute();
}
