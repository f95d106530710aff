import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Targets per indicator per focus area (issue 3, point 3). One target per pair: a changed target
 * replaces the old one, and the audit log keeps what it was before.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('targets')
    .addColumn('focus_area_slug', 'text', (c) => c.notNull().references('focus_areas.slug'))
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reference', 'text')
    .addColumn('gap_share', 'double precision')
    .addColumn('target_value', 'double precision')
    .addColumn('change', 'double precision')
    .addColumn('baseline_period', 'text', (c) => c.notNull())
    .addColumn('target_year', 'integer', (c) => c.notNull())
    .addColumn('is_example', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('targets_pk', ['focus_area_slug', 'indicator_key'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('targets').execute();
}
