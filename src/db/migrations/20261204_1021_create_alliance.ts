import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The Alliance of a focus area (issue 15, ADR 0026): seats and who held them when, meetings,
 * numbered decisions, actions, and the agreements between the state and the municipality.
 * Dates are `YYYY-MM-DD` text, timestamps ISO-8601 UTC text.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('alliance_seats')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('sector', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_seats_sector', ['focus_area_slug', 'sector'])
    .execute();

  await db.schema
    .createTable('alliance_memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seat_id', 'text', (c) => c.notNull().references('alliance_seats.id'))
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('representative_name', 'text')
    .addColumn('representative_function', 'text')
    .addColumn('representative_public', 'integer', (c) => c.notNull())
    .addColumn('mandate', 'text', (c) => c.notNull())
    .addColumn('networks', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alliance_memberships_area')
    .on('alliance_memberships')
    .columns(['focus_area_slug', 'starts_on'])
    .execute();

  await db.schema
    .createTable('alliance_meetings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull())
    .addColumn('agenda', 'text', (c) => c.notNull())
    .addColumn('documents', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alliance_meetings_area')
    .on('alliance_meetings')
    .columns(['focus_area_slug', 'starts_at'])
    .execute();

  await db.schema
    .createTable('alliance_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('alliance_meetings.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_decisions_number', ['focus_area_slug', 'year', 'sequence'])
    .execute();

  await db.schema
    .createTable('alliance_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('meeting_id', 'text', (c) => c.references('alliance_meetings.id'))
    .addColumn('decision_id', 'text', (c) => c.references('alliance_decisions.id'))
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_seat_id', 'text', (c) => c.notNull().references('alliance_seats.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('alliance_actions_due')
    .on('alliance_actions')
    .columns(['focus_area_slug', 'status', 'due_on'])
    .execute();

  await db.schema
    .createTable('alliance_agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('party', 'text', (c) => c.notNull())
    .addColumn('commitment', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('link_path', 'text')
    .addColumn('link_label', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('alliance_agreements_position', ['focus_area_slug', 'subject', 'position'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'alliance_agreements',
    'alliance_actions',
    'alliance_decisions',
    'alliance_meetings',
    'alliance_memberships',
    'alliance_seats',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
