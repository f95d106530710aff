import { SqliteAdapter, type Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Survey responses, one answer row per variable. Anonymity is in the shape: invitation codes
 * live in their own table with no column that could lead to a response, there is no IP address
 * anywhere, and a resume code is stored only as a hash. Channel, version, language and the
 * interviewer or keyer are columns of every response (DESIGN.md, "Participation").
 */
export async function up(db: AnyDb): Promise<void> {
  // Migrations are immutable, so this one keeps its own copy of the dialect check.
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('survey_questionnaire_versions')
    .addColumn('questionnaire_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_questionnaire_versions_pk', ['questionnaire_key', 'version'])
    .execute();
  await db.schema
    .createTable('survey_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    // web | mondeling | schriftelijk
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // concept | ingediend | te_controleren | goedgekeurd | afgekeurd
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('interviewer_id', 'text')
    .addColumn('keyer_id', 'text')
    .addColumn('form_number', 'integer')
    .addColumn('resume_hash', 'text', (c) => c.unique())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .execute();
  await db.schema
    .createIndex('survey_responses_questionnaire_status')
    .on('survey_responses')
    .columns(['questionnaire_key', 'status'])
    .execute();
  // The monitor's data version reads max(submitted_at) and max(reviewed_at) on every request.
  await db.schema
    .createIndex('survey_responses_submitted_at')
    .on('survey_responses')
    .column('submitted_at')
    .execute();
  await db.schema
    .createIndex('survey_responses_reviewed_at')
    .on('survey_responses')
    .column('reviewed_at')
    .execute();
  await db.schema
    .createTable('survey_answers')
    .addColumn('response_id', 'text', (c) =>
      c.notNull().references('survey_responses.id').onDelete('cascade'),
    )
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addPrimaryKeyConstraint('survey_answers_pk', ['response_id', 'variable'])
    .execute();
  await db.schema
    .createTable('survey_invitations')
    .addColumn('code_hash', 'text', (c) => c.primaryKey())
    .addColumn('questionnaire_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema
    .createTable('survey_answer_log')
    .addColumn('id', sqlite ? 'integer' : 'bigserial', (c) =>
      sqlite ? c.primaryKey().autoIncrement() : c.primaryKey(),
    )
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const t of [
    'survey_answer_log',
    'survey_invitations',
    'survey_answers',
    'survey_responses',
    'survey_questionnaire_versions',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
