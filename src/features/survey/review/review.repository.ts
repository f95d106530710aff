import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AWAITING_REVIEW } from '../responses/trust.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** The responses of one questionnaire that wait for review, oldest first, at most `limit`. */
export async function listAwaitingReview(db: Q, questionnaireKey: string, limit = 500) {
  return db
    .selectFrom('survey_responses')
    .select(['id', 'channel', 'interviewer_id', 'keyer_id', 'form_number', 'submitted_at'])
    .where('questionnaire_key', '=', questionnaireKey)
    .where('status', '=', AWAITING_REVIEW)
    .orderBy('submitted_at')
    .limit(limit)
    .execute();
}
