import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';

type Q = Kysely<Database> | Transaction<Database>;

/** Stores unused invitation codes by their keyed hash (never the code itself; ADR 0016). */
export async function insertInvitationHashes(
  db: Q,
  questionnaireKey: string,
  hashes: readonly string[],
): Promise<void> {
  for (let i = 0; i < hashes.length; i += 500) {
    await db
      .insertInto('survey_invitations')
      .values(
        hashes.slice(i, i + 500).map((code_hash) => ({
          code_hash,
          questionnaire_key: questionnaireKey,
          used: 0,
        })),
      )
      .execute();
  }
}

/** Marks an unused code as used; true when it was there and unused. */
export async function markInvitationUsed(
  db: Q,
  questionnaireKey: string,
  codeHash: string,
): Promise<boolean> {
  const result = await db
    .updateTable('survey_invitations')
    .set({ used: 1 })
    .where('code_hash', '=', codeHash)
    .where('questionnaire_key', '=', questionnaireKey)
    .where('used', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
