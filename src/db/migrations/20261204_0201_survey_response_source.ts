import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * How a response came in (ADR 0016): `uitnodiging` (web, with a letter's code), `open_link` (web
 * without a code), `interviewer` or `papier`. A published estimate uses only the ways in its
 * questionnaire trusts. Web responses from before this migration cannot show a code, so they
 * become `open_link`: they no longer feed the public monitor unless a reviewer approves them.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('survey_responses')
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('open_link'))
    .execute();
  await db
    .updateTable('survey_responses')
    .set({ source: 'interviewer' })
    .where('channel', '=', 'mondeling')
    .execute();
  await db
    .updateTable('survey_responses')
    .set({ source: 'papier' })
    .where('channel', '=', 'schriftelijk')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('survey_responses').dropColumn('source').execute();
}
