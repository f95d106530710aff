import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Answers keyed from a paper form for a question the form's routing skips. They are not
 * answers to count (the routing says the question was not for this respondent), but they are
 * what the paper says: kept apart, next to the response, so the reviewer sees the flag and
 * decides against the sheet. Removed with their response.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('survey_skipped_answers')
    .addColumn('response_id', 'text', (c) =>
      c.notNull().references('survey_responses.id').onDelete('cascade'),
    )
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('value_text', 'text')
    .addColumn('value_number', 'double precision')
    .addPrimaryKeyConstraint('survey_skipped_answers_pk', ['response_id', 'variable'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('survey_skipped_answers').execute();
}
