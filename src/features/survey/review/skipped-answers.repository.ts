import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Answers, AnswerValue } from '../definition/answers.ts';
import { decodeAnswerRows, encodeAnswer } from '../responses/response.repository.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Keeps the answers keyed for skipped questions beside their response. */
export async function insertSkippedAnswers(
  db: Q,
  responseId: string,
  skipped: Answers,
): Promise<void> {
  const rows = Object.entries(skipped).flatMap(([variable, v]) =>
    v === undefined ? [] : [{ response_id: responseId, variable, ...encodeAnswer(v) }],
  );
  if (rows.length > 0) await db.insertInto('survey_skipped_answers').values(rows).execute();
}

export async function readSkippedAnswers(
  db: Q,
  responseId: string,
): Promise<Record<string, AnswerValue>> {
  const rows = await db
    .selectFrom('survey_skipped_answers')
    .select(['variable', 'value_text', 'value_number'])
    .where('response_id', '=', responseId)
    .execute();
  return decodeAnswerRows(rows);
}

/** Per response id: how many answers were keyed for skipped questions (only those with any). */
export async function countSkippedAnswers(
  db: Q,
  responseIds: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (responseIds.length === 0) return out;
  const rows = await db
    .selectFrom('survey_skipped_answers')
    .select('response_id')
    .select((e) => e.fn.countAll().as('n'))
    .where('response_id', 'in', [...responseIds])
    .groupBy('response_id')
    .execute();
  for (const r of rows) out.set(r.response_id, Number(r.n));
  return out;
}
