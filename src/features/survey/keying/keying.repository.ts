import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { SurveyKeyEntry, SurveyKeyForm } from './keying.table.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The bookkeeping row of one paper form, or undefined when it was never keyed. */
export async function findKeyForm(
  db: Q,
  key: string,
  formNumber: number,
): Promise<SurveyKeyForm | undefined> {
  return db
    .selectFrom('survey_key_forms')
    .selectAll()
    .where('questionnaire_key', '=', key)
    .where('form_number', '=', formNumber)
    .executeTakeFirst();
}

/** The entries of one form, first pass first. */
export async function listKeyEntries(
  db: Q,
  key: string,
  formNumber: number,
): Promise<SurveyKeyEntry[]> {
  return db
    .selectFrom('survey_key_entries')
    .selectAll()
    .where('questionnaire_key', '=', key)
    .where('form_number', '=', formNumber)
    .orderBy('pass')
    .execute();
}

export async function insertKeyEntry(db: Q, entry: SurveyKeyEntry): Promise<void> {
  await db.insertInto('survey_key_entries').values(entry).execute();
}

export async function insertKeyForm(db: Q, form: SurveyKeyForm): Promise<void> {
  await db.insertInto('survey_key_forms').values(form).execute();
}

export async function updateKeyForm(
  db: Q,
  key: string,
  formNumber: number,
  values: Partial<Pick<SurveyKeyForm, 'status' | 'response_id' | 'resolved_by' | 'updated_at'>>,
): Promise<void> {
  await db
    .updateTable('survey_key_forms')
    .set(values)
    .where('questionnaire_key', '=', key)
    .where('form_number', '=', formNumber)
    .execute();
}

/** Form numbers of a questionnaire whose two entries differ, oldest first. */
export async function listFormNumbersWithDiscrepancies(db: Q, key: string): Promise<number[]> {
  const rows = await db
    .selectFrom('survey_key_forms')
    .select('form_number')
    .where('questionnaire_key', '=', key)
    .where('status', '=', 'verschillen')
    .orderBy('updated_at')
    .orderBy('form_number')
    .execute();
  return rows.map((r) => Number(r.form_number));
}

/** How many forms of a questionnaire are in each status. */
export async function countKeyFormsByStatus(
  db: Q,
  key: string,
): Promise<Record<SurveyKeyForm['status'], number>> {
  const rows = await db
    .selectFrom('survey_key_forms')
    .select(['status'])
    .select((e) => e.fn.countAll().as('n'))
    .where('questionnaire_key', '=', key)
    .groupBy('status')
    .execute();
  const counts = { wacht_op_tweede: 0, verschillen: 0, klaar: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
