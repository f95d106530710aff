import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Council information letters (raadsinformatiebrieven) and the planning of council information
 * moments (issue 15, ADR 0032). A published letter keeps its frozen snapshot (canonical JSON)
 * and the SHA-256 of that text; its number is unique per focus area. Dates are `YYYY-MM-DD`
 * text, timestamps ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('council_letters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('texts', 'text', (c) => c.notNull())
    .addColumn('number', 'integer')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('snapshot', 'text')
    .addColumn('content_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('council_letters_number', ['focus_area_slug', 'number'])
    .execute();

  await db.schema
    .createTable('council_moments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('contact_email', 'text')
    .addColumn('reminded_for', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('council_moments_area')
    .on('council_moments')
    .columns(['focus_area_slug', 'date'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('council_moments').execute();
  await db.schema.dropTable('council_letters').execute();
}
