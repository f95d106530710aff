import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The themakaart's ranking weights per focus area (ADR 0033): one row per area once someone
 * changed them (no row: equal weights). Timestamps are ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('synthesis_weights')
    .addColumn('focus_area_slug', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('weight_monitor', 'integer', (c) => c.notNull())
    .addColumn('weight_bewoners', 'integer', (c) => c.notNull())
    .addColumn('weight_professionals', 'integer', (c) => c.notNull())
    .addColumn('weight_bijeenkomsten', 'integer', (c) => c.notNull())
    .addColumn('weight_codes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('synthesis_weights').execute();
}
