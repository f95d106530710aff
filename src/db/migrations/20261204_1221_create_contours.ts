import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The contours proposal (ADR 0034): one row per saved version of a focus area's proposal. The
 * content (main themes, ambitions, goals, first actions, evidence references as text) is one
 * immutable JSON document per version; the status moves concept → voorgelegd → vastgesteld on
 * the version itself, and a vastgesteld version is never changed again. Timestamps are ISO-8601
 * UTC text; the decision date is a calendar date (YYYY-MM-DD).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('contour_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('based_on', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decision_reference', 'text')
    .addColumn('decision_id', 'text')
    .addUniqueConstraint('contour_versions_area_version', ['focus_area_slug', 'version'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('contour_versions').execute();
}
