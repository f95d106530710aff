import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The review of quotes for the public page "Wat we met uw inbreng deden" (ADR 0035): one row per
 * reviewed item (a session input or an open survey answer whose source allowed quoting), with
 * the decision, the sha256 of the text that was approved (a changed text is no longer approved),
 * who decided and when (ISO-8601 UTC text).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('feedback_quote_reviews')
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('text_hash', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_quote_reviews_pk', ['source', 'item_id'])
    .execute();
  await db.schema
    .createIndex('feedback_quote_reviews_area')
    .on('feedback_quote_reviews')
    .column('focus_area_slug')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('feedback_quote_reviews').execute();
}
