import { createCipheriv, createDecipheriv, createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError } from '../../../shared/errors.ts';
import { isAsked, type Answers } from '../definition/answers.ts';
import type { Language, Questionnaire, QuestionGroup } from '../definition/questionnaire.schema.ts';
import { checkAnswers, type AnswerProblem } from '../definition/validate.ts';
import { placeSurveyPostcodes } from '../keying/postcode-answers.ts';
import {
  ensureQuestionnaireVersion,
  findByResumeHash,
  findResponse,
  insertResponse,
  markResponseSent,
  readAnswers,
  writeAnswers,
} from '../responses/response.repository.ts';
import type { Channel } from '../definition/questionnaire.schema.ts';
import { InvitationRefusedError, newIdempotencyKey } from '../responses/response.service.ts';
import { keyedCodeHash, useInvitationCode } from '../responses/invitations.ts';
import { sourceOf, statusWhenSent } from '../responses/trust.ts';
import { groupVariables } from './web-form.ts';

/**
 * A response filled in page by page (web respondent or interviewer): a concept that holds its
 * answers so far, one group saved at a time, then sent once. Web respondents get a resume code
 * (shown once, stored as a hash); interviewers' changes are logged per answer.
 */

/** Resume codes: 12 characters without look-alikes (no 0/O, 1/I/L), in groups of four. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newResumeCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4, 8).join('')}-${chars.slice(8).join('')}`;
}

export function normaliseResumeCode(text: string): string | undefined {
  const clean = text.toUpperCase().replace(/[^A-Z0-9]/g, '');
  if (clean.length !== 12 || [...clean].some((c) => !ALPHABET.includes(c))) return undefined;
  return `${clean.slice(0, 4)}-${clean.slice(4, 8)}-${clean.slice(8)}`;
}

/** A resume code's stored form: keyed (SURVEY_HMAC_SECRET), as invitation codes (ADR 0016). */
export const hashCode = (secret: string, code: string) => keyedCodeHash(secret, code);

export { InvitationRefusedError };

/**
 * The resume code waits in the session until the first page shows it. Sessions are stored in
 * the database, so it waits there sealed (AES-256-GCM, key derived from SURVEY_HMAC_SECRET),
 * never in plain text.
 */
const sealKey = (secret: string) => createHmac('sha256', secret).update('hervatcode').digest();

export function sealResumeCode(secret: string, code: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', sealKey(secret), iv);
  const body = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

export function openResumeCode(secret: string, sealed: string): string | undefined {
  try {
    const raw = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', sealKey(secret), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export async function startConcept(
  db: Kysely<Database>,
  input: {
    questionnaire: Questionnaire;
    channel: Channel;
    language: Language;
    /** SURVEY_HMAC_SECRET: keys the invitation and resume hashes. */
    secret: string;
    interviewerId?: string;
    resumeCode?: string;
    /** Used up in the same transaction; nothing links it to the response. */
    invitationCode?: string;
  },
): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const withCode = input.invitationCode !== undefined;
  await db.transaction().execute(async (trx) => {
    if (input.invitationCode !== undefined) {
      const ok = await useInvitationCode(
        trx,
        input.secret,
        input.questionnaire.key,
        input.invitationCode,
      );
      if (!ok) throw new InvitationRefusedError();
    }
    await ensureQuestionnaireVersion(trx, input.questionnaire, now);
    await insertResponse(trx, {
      id,
      questionnaire: input.questionnaire,
      channel: input.channel,
      source: sourceOf(input.channel, withCode),
      language: input.language,
      status: 'concept',
      idempotencyKey: newIdempotencyKey(),
      interviewerId: input.interviewerId ?? null,
      resumeHash: input.resumeCode ? hashCode(input.secret, input.resumeCode) : null,
      now,
      submitted: false,
    });
  });
  return id;
}

/** A concept this visitor may continue: the right questionnaire, still a concept. */
export async function openConcept(db: Kysely<Database>, id: string | undefined, key: string) {
  if (!id) return undefined;
  const r = await findResponse(db, id);
  return r && r.questionnaire_key === key && r.status === 'concept' ? r : undefined;
}

export async function resumeByCode(
  db: Kysely<Database>,
  secret: string,
  key: string,
  code: string,
) {
  const normal = normaliseResumeCode(code);
  if (!normal) return undefined;
  const r = await findByResumeHash(db, hashCode(secret, normal));
  return r && r.questionnaire_key === key && r.status === 'concept' ? r : undefined;
}

/** The groups this respondent is asked, given the answers so far. */
export function askedGroups(q: Questionnaire, answers: Answers): QuestionGroup[] {
  return q.groups.filter((g) => !g.showIf || isAsked(g, {}, answers));
}

/**
 * Saves one group's answers: checked like every channel (required questions of this group
 * included), answers to questions the routing now skips are removed. Problems change nothing.
 */
export async function saveGroup(
  db: Kysely<Database>,
  input: {
    questionnaire: Questionnaire;
    responseId: string;
    group: QuestionGroup;
    given: Answers;
    logAs?: string;
    /** The language of the messages (the respondent's). */
    language?: Language;
  },
): Promise<{ problems: AnswerProblem[]; answers: Answers }> {
  const before = await readAnswers(db, input.responseId);
  const merged: Record<string, Answers[string]> = { ...before };
  const variables = groupVariables(input.group);
  for (const v of variables) merged[v] = input.given[v];
  const checked = checkAnswers(input.questionnaire, merged, {
    requireComplete: true,
    ...(input.language ? { language: input.language } : {}),
    onlyGroups: new Set([input.group.name]),
  });
  // Only this group's problems stop the page (other groups are checked on their own pages).
  const own = checked.problems.filter((p) => variables.includes(p.variable));
  if (own.length > 0) return { problems: own, answers: merged };
  // A postcode becomes its buurt (CBS table), or is refused outside the municipality.
  const placed = await placeSurveyPostcodes(db, input.questionnaire, checked.answers);
  if (placed.problems.length > 0) return { problems: placed.problems, answers: merged };
  checked.answers = placed.answers;
  const all = Object.keys({ ...before, ...checked.answers });
  await db.transaction().execute(async (trx) => {
    await writeAnswers(
      trx,
      input.responseId,
      all,
      checked.answers,
      input.logAs ? { actor: input.logAs, at: new Date().toISOString() } : undefined,
    );
  });
  return { problems: [], answers: checked.answers };
}

/**
 * Sends a concept: checked as a whole, then ingediend (web) or te_controleren (interviewer). A
 * second send with the same idempotency key (a double click, a reload) finds it sent already.
 */
export async function submitConcept(
  db: Kysely<Database>,
  input: {
    questionnaire: Questionnaire;
    responseId: string;
    idempotencyKey: string;
    language?: Language;
  },
): Promise<{ problems: AnswerProblem[]; alreadySent: boolean }> {
  const r = await findResponse(db, input.responseId);
  if (!r) throw new AppError('NOT_FOUND', 'Deze vragenlijst is niet (meer) te vinden.');
  if (r.status !== 'concept') {
    return { problems: [], alreadySent: r.idempotency_key === input.idempotencyKey };
  }
  const answers = await readAnswers(db, input.responseId);
  const checked = checkAnswers(input.questionnaire, answers, {
    requireComplete: true,
    ...(input.language ? { language: input.language } : {}),
  });
  if (checked.problems.length > 0) return { problems: checked.problems, alreadySent: false };
  const status = statusWhenSent(input.questionnaire, r.source);
  const sent = await markResponseSent(db, {
    id: input.responseId,
    status,
    now: new Date().toISOString(),
    idempotencyKey: input.idempotencyKey,
  });
  return { problems: [], alreadySent: !sent };
}
