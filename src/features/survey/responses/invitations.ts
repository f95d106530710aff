import { createHash, createHmac, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { BadRequestError } from '../../../shared/errors.ts';
import { insertInvitationHashes, markInvitationUsed } from './invitation.repository.ts';

/**
 * Single-use invitation codes for printed letters. Only a keyed hash is stored, with the
 * questionnaire and whether (not when) it was used: nothing in the table, and no column anywhere,
 * leads from a code to the response made with it (ADR 0011, 0016). Whoever prints the letters
 * gets the codes once.
 */

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const MAX_CODES_PER_RUN = 20_000;

/**
 * HMAC-SHA-256 keyed with SURVEY_HMAC_SECRET over the SHA-256 of `key:CODE`: without the
 * secret a copy of the table cannot be tried against the 31^10 codes, and codes made before the
 * key existed were converted without knowing them (migration 0202).
 */
export function keyedCodeHash(secret: string, text: string): string {
  const inner = createHash('sha256').update(text).digest('base64url');
  return createHmac('sha256', secret).update(inner).digest('base64url');
}

const hash = (secret: string, key: string, code: string) => keyedCodeHash(secret, `${key}:${code}`);

export function normaliseInvitationCode(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

function newCode(): string {
  return [...randomBytes(10)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** Makes `count` new codes for a questionnaire and returns them (shown only this once). */
export async function createInvitationCodes(
  db: Kysely<Database>,
  secret: string,
  questionnaireKey: string,
  count: number,
): Promise<string[]> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_CODES_PER_RUN) {
    throw new BadRequestError(`Maak 1 tot en met ${MAX_CODES_PER_RUN} codes per keer.`);
  }
  const codes = new Set<string>();
  while (codes.size < count) codes.add(newCode());
  const list = [...codes];
  await db.transaction().execute((trx) =>
    insertInvitationHashes(
      trx,
      questionnaireKey,
      list.map((c) => hash(secret, questionnaireKey, c)),
    ),
  );
  // Printed in groups of five for reading off a letter: ABCDE-FGHJK.
  return list.map((c) => `${c.slice(0, 5)}-${c.slice(5)}`);
}

/**
 * Uses a code once: true when it was valid and unused (now used). The caller does this in the
 * transaction that starts the response, without writing anything that links the two.
 */
export async function useInvitationCode(
  db: Kysely<Database> | Transaction<Database>,
  secret: string,
  questionnaireKey: string,
  code: string,
): Promise<boolean> {
  const clean = normaliseInvitationCode(code);
  if (clean.length !== 10) return false;
  return markInvitationUsed(db, questionnaireKey, hash(secret, questionnaireKey, clean));
}
