import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Participation (ADR 0025): knowledge sessions of a focus area, their themes, attendance counts,
 * optional named participants (only with consent, never public), the inputs (one statement per
 * row, ready for coding and the themakaart), and staged XLSX imports of flip-over notes.
 * Timestamps are ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('participation_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('organiser', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('is_public', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('cancel_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('participation_sessions_area')
    .on('participation_sessions')
    .columns(['focus_area_slug', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('participation_sessions_municipality')
    .on('participation_sessions')
    .columns(['municipality_code', 'starts_at'])
    .execute();

  await db.schema
    .createTable('participation_session_themes')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('participation_sessions.id').onDelete('cascade'),
    )
    .addColumn('theme_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_session_themes_pk', ['session_id', 'theme_key'])
    .execute();

  await db.schema
    .createTable('participation_attendance')
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('participation_sessions.id').onDelete('cascade'),
    )
    .addColumn('group_label', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('participation_attendance_pk', ['session_id', 'group_label'])
    .execute();

  await db.schema
    .createTable('participation_participants')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('participation_sessions.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text')
    .addColumn('consent_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('participation_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('session_id', 'text', (c) =>
      c.notNull().references('participation_sessions.id').onDelete('cascade'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('rows', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('confirmed_at', 'text')
    // Set on confirm: the same file loads into a session once (NULLs do not collide).
    .addColumn('loaded_hash', 'text')
    .addUniqueConstraint('participation_imports_loaded', ['session_id', 'loaded_hash'])
    .execute();

  await db.schema
    .createTable('participation_inputs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) =>
      c.references('participation_sessions.id').onDelete('cascade'),
    )
    .addColumn('theme_key', 'text', (c) => c.notNull())
    .addColumn('sub_theme', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('table_group', 'text')
    .addColumn('votes', 'integer', (c) => c.notNull())
    .addColumn('quote_allowed', 'integer', (c) => c.notNull())
    .addColumn('quote_review', 'text', (c) => c.notNull())
    .addColumn('import_id', 'text', (c) => c.references('participation_imports.id'))
    .addColumn('import_row', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('participation_inputs_session')
    .on('participation_inputs')
    .columns(['session_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('participation_inputs_area_theme')
    .on('participation_inputs')
    .columns(['focus_area_slug', 'theme_key'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'participation_inputs',
    'participation_imports',
    'participation_participants',
    'participation_attendance',
    'participation_session_themes',
    'participation_sessions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
