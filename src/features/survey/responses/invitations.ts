import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { BadRequestError } from '../../../shared/errors.ts';

/**
 * Single-use invitation codes for printed letters. Only a hash is stored, with the
 * questionnaire and when it was used: nothing in the table, and no column anywhere, leads from a
 * code to the response made with it (ADR 0011). Whoever prints the letters gets the codes once.
 */

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const MAX_CODES_PER_RUN = 20_000;

const hash = (key: string, code: string) =>
  createHash('sha256').update(`${key}:${code}`).digest('base64url');

export function normaliseInvitationCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function newCode(): string {
  return [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Makes `count` new codes for a questionnaire and returns them (shown only this once). */
export async function createInvitationCodes(
  db: Kysely<Database>,
  questionnaireKey: string,
  count: number,
): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_RUN) {
    throw new BadRequestError(`Maak 1 tot en met ${MAX_CODES_PER_RUN} codes per keer.`);
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newCode());
  const now = new Date().toISOString();
  const list = [...codes];
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < list.length; i += 500) {
      await trx
        .insertInto('survey_invitations')
        .values(
          list.slice(i, i + 500).map((c) => ({
            code_hash: hash(questionnaireKey, c),
            questionnaire_key: questionnaireKey,
            created_at: now,
            used_at: null,
          })),
        )
        .execute();
    }
  });
  // Printed in groups of five for reading off a letter: ABCDE-FGHJK.
  return list.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

/**
 * Uses a code once: true when it was valid and unused (now used). The caller does this in the
 * transaction that starts the response, without writing anything that links the two.
 */
export async function useInvitationCode(
  db: Kysely<Database> | Transaction<Database>,
  questionnaireKey: string,
  code: string,
): Promise<boolean> {
  const clean = normaliseInvitationCode(code);
  if (clean.length !== 10) return false;
  const result = await db
    .updateTable('survey_invitations')
    .set({ used_at: new Date().toISOString() })
    .where('code_hash', '=', hash(questionnaireKey, clean))
    .where('questionnaire_key', '=', questionnaireKey)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
