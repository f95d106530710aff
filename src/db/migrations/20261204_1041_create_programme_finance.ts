import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The programme bureau, its money and the national schemes (issue 15, ADR 0027). Amounts are
 * whole cents in integer columns (bigint on PostgreSQL); timestamps ISO-8601 UTC text, dates
 * YYYY-MM-DD text. Seeds only what the council letter states: the BZK contribution of
 * €500.000 a year from 2023 for Dordt West, sources without amounts, and the four schemes the
 * letter names with their ministry (never an amount).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('programme_bureaus')
    .addColumn('focus_area_slug', 'text', (c) => c.primaryKey())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bureau_positions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('hours_per_week', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('funding_sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    // rijk | gemeente | partner | overig; "gemeente" is the own contribution the council controls.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('funder', 'text', (c) => c.notNull())
    .addColumn('annual_cents', 'bigint')
    .addColumn('from_year', 'integer')
    .addColumn('to_year', 'integer')
    .addColumn('note', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('budget_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('funding_source_id', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('planned_cents', 'bigint', (c) => c.notNull())
    .addColumn('negative_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('budget_lines_code', ['focus_area_slug', 'code'])
    .execute();
  await db.schema
    .createTable('budget_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('budget_line_id', 'text', (c) => c.notNull())
    // verplichting (commitment) | uitgave (spending)
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_date', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('reference', 'text', (c) => c.notNull())
    // The same imported row twice is the same key: importing a file again adds nothing.
    .addColumn('import_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('budget_entries_line')
    .on('budget_entries')
    .column('budget_line_id')
    .execute();
  await db.schema
    .createTable('subsidy_schemes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('ministry', 'text', (c) => c.notNull())
    .addColumn('rules', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('subsidy_applications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('project', 'text', (c) => c.notNull())
    .addColumn('theme', 'text')
    .addColumn('requested_cents', 'bigint')
    .addColumn('granted_cents', 'bigint')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submission_deadline', 'text')
    .addColumn('accountability_deadline', 'text')
    .addColumn('budget_line_id', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('deadline_reminders')
    .addColumn('application_id', 'text', (c) => c.notNull())
    .addColumn('deadline_kind', 'text', (c) => c.notNull())
    .addColumn('deadline_date', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('deadline_reminders_pk', [
      'application_id',
      'deadline_kind',
      'deadline_date',
    ])
    .execute();
  await db.schema
    .createTable('programme_projects')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('budget_line_id', 'text')
    .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('project_indicators')
    .addColumn('project_id', 'text', (c) => c.notNull())
    .addColumn('indicator_key', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('project_indicators_pk', ['project_id', 'indicator_key'])
    .execute();
  await db.schema
    .createIndex('project_indicators_indicator')
    .on('project_indicators')
    .column('indicator_key')
    .execute();

  await db
    .insertInto('funding_sources')
    .values([
      {
        id: 'dordt-west-bzk',
        focus_area_slug: 'dordt-west',
        name: 'Bijdrage Rijk voor het programmabureau',
        kind: 'rijk',
        funder: 'Ministerie van Binnenlandse Zaken en Koninkrijksrelaties',
        annual_cents: 50_000_000,
        from_year: 2023,
        to_year: null,
        note: 'Raadsinformatiebrief: "vanaf 2023 een bedrag van 500.000,- per jaar beschikbaar voor het inrichten van een programmabureau".',
      },
      {
        id: 'dordt-west-gemeente',
        focus_area_slug: 'dordt-west',
        name: 'Eigen budgetten gemeente',
        kind: 'gemeente',
        funder: 'Gemeente Dordrecht',
        annual_cents: null,
        from_year: null,
        to_year: null,
        note: 'De raad stelt de kaders en controleert de uitvoering. Bedrag nog niet vastgelegd in Wijkkompas.',
      },
      {
        id: 'dordt-west-partners',
        focus_area_slug: 'dordt-west',
        name: 'Bijdragen partners',
        kind: 'partner',
        funder: 'Partners in de Alliantie Dordt West',
        annual_cents: null,
        from_year: null,
        to_year: null,
        note: 'Bedragen nog niet vastgelegd in Wijkkompas.',
      },
    ])
    .execute();
  const rules =
    'Aparte aanvraag bij het ministerie nodig. Voorwaarden en bedragen: zie de regeling zelf; nog niet ingevuld in Wijkkompas.';
  await db
    .insertInto('subsidy_schemes')
    .values([
      {
        id: 'preventie-met-gezag',
        name: 'Preventie met Gezag',
        ministry: 'Ministerie van Justitie en Veiligheid',
        rules,
      },
      {
        id: 'school-en-omgeving',
        name: 'School & Omgeving',
        ministry: 'Ministerie van Onderwijs, Cultuur en Wetenschap',
        rules,
      },
      {
        id: 'volkshuisvestingsfonds',
        name: 'Volkshuisvestingsfonds',
        ministry: 'Ministerie voor Volkshuisvesting en Ruimtelijke Ordening',
        rules,
      },
      {
        id: 'aanpak-geldzorgen-armoede-schulden',
        name: 'Aanpak Geldzorgen, Armoede en Schulden',
        ministry: 'Ministerie van Sociale Zaken en Werkgelegenheid',
        rules,
      },
    ])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [
    'project_indicators',
    'programme_projects',
    'deadline_reminders',
    'subsidy_applications',
    'subsidy_schemes',
    'budget_entries',
    'budget_lines',
    'funding_sources',
    'bureau_positions',
    'programme_bureaus',
  ])
    await db.schema.dropTable(table).execute();
}
