import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Keying of paper forms. A form is keyed once, or twice by two different keyers when it was
 * drawn for double entry; the entries stay here, apart from the responses, until they agree or
 * a reviewer resolved every difference. Only then is one response written (channel
 * schriftelijk, status te_controleren). No name, address or IP is stored: the form number is
 * printed on anonymous forms.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('survey_key_forms')
    .addColumn('questionnaire_key', 'text', (c) => c.notNull())
    .addColumn('form_number', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('double_entry', 'integer', (c) => c.notNull())
    // wacht_op_tweede | verschillen | klaar
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_key_forms_pk', ['questionnaire_key', 'form_number'])
    .execute();
  await db.schema
    .createTable('survey_key_entries')
    .addColumn('questionnaire_key', 'text', (c) => c.notNull())
    .addColumn('form_number', 'integer', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('keyer_id', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('keyed_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('survey_key_entries_pk', ['questionnaire_key', 'form_number', 'pass'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('survey_key_entries').execute();
  await db.schema.dropTable('survey_key_forms').execute();
}
