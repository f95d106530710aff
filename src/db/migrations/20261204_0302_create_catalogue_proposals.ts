import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Proposals of a municipality to change the shared indicator catalogue, decided by the national
 * role (ADR 0017). Timestamps are ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('catalogue_proposals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addColumn('base_version', 'integer', (c) => c.notNull())
    .addColumn('proposed', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('result_version', 'integer')
    .execute();
  await db.schema
    .createIndex('catalogue_proposals_status')
    .on('catalogue_proposals')
    .columns(['status', 'proposed_at'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('catalogue_proposals').execute();
}
