import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Corrections in the Alliance's records (ADR 0026): a seat and a decision get `updated_at`
 * (ISO-8601 UTC text, filled with `created_at` for existing rows), so a save can tell that
 * someone else changed the record since the form was loaded. A decision and an agreement get
 * `corrected_at` (null until its text is corrected), so the pages can say "gewijzigd op" while
 * the audit log keeps the old text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('alliance_seats')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update alliance_seats set updated_at = created_at`.execute(db);
  await db.schema
    .alterTable('alliance_decisions')
    .addColumn('updated_at', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`update alliance_decisions set updated_at = created_at`.execute(db);
  await db.schema.alterTable('alliance_decisions').addColumn('corrected_at', 'text').execute();
  await db.schema.alterTable('alliance_agreements').addColumn('corrected_at', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('alliance_agreements').dropColumn('corrected_at').execute();
  await db.schema.alterTable('alliance_decisions').dropColumn('corrected_at').execute();
  await db.schema.alterTable('alliance_decisions').dropColumn('updated_at').execute();
  await db.schema.alterTable('alliance_seats').dropColumn('updated_at').execute();
}
