import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError, BadRequestError } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Answers } from '../definition/answers.ts';
import type { Language, Questionnaire } from '../definition/questionnaire.schema.ts';
import { checkAnswers, type AnswerProblem } from '../definition/validate.ts';
import { placeSurveyPostcodes } from '../keying/postcode-answers.ts';
import type { StoreKeyedResponse } from '../keying/keying.service.ts';
import { useInvitationCode } from './invitations.ts';
import {
  ensureQuestionnaireVersion,
  findByIdempotencyKey,
  findResponse,
  insertResponse,
  readAnswers,
  recordReviewDecision,
  writeAnswers,
} from './response.repository.ts';
import type { SurveyResponse } from './response.table.ts';
import type { Channel } from '../definition/questionnaire.schema.ts';
import { AWAITING_REVIEW, awaitsReview, sourceOf, statusWhenSent } from './trust.ts';

/**
 * Writing responses, for every channel. A submit carries an idempotency key (generated into the
 * form, or sent by a client): the same key twice gives the first result again and stores
 * nothing twice, also when the two arrive at the same moment (a unique index decides).
 */

export class AnswersRejectedError extends BadRequestError {
  constructor(readonly problems: AnswerProblem[]) {
    super(problems.map((p) => p.message).join(' '));
    this.name = 'AnswersRejectedError';
  }
}

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{16,100}$/;

export function newIdempotencyKey(): string {
  return randomBytes(18).toString('base64url');
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed|duplicate key/i.test(String(e?.message ?? ''))
  );
}

export interface CompleteResponse {
  questionnaire: Questionnaire;
  channel: Channel;
  language: Language;
  answers: Answers;
  idempotencyKey: string;
  interviewerId?: string;
  keyerId?: string;
  formNumber?: number;
  /** A letter's invitation code (web), used up in the same transaction; nothing links them. */
  invitation?: { code: string; secret: string };
}

/** Refused invitation code: unknown, or used already. */
export class InvitationRefusedError extends AppError {
  constructor() {
    super('BAD_REQUEST', 'Deze code kennen wij niet, of hij is al gebruikt.');
    this.name = 'InvitationRefusedError';
  }
}

/** A repeated Idempotency-Key with other answers: refused, nothing stored (issue 12). */
export class IdempotencyConflictError extends AppError {
  constructor() {
    super(
      'CONFLICT',
      'Met deze Idempotency-Key zijn eerder andere antwoorden verstuurd. Er is niets opgeslagen. Gebruik voor een nieuw antwoord een nieuwe sleutel.',
    );
    this.name = 'IdempotencyConflictError';
  }
}

/** Answers as one comparable text: variables in order, values as stored. */
function canonical(answers: Answers): string {
  return JSON.stringify(
    Object.keys(answers)
      .filter((k) => answers[k] !== undefined)
      .sort()
      .map((k) => [k, answers[k]]),
  );
}

/**
 * The first response with this key, when the repeat is the same request (questionnaire,
 * language and checked answers); a different body under the same key is a conflict.
 */
async function sameAsBefore(
  db: Kysely<Database>,
  seen: SurveyResponse,
  input: CompleteResponse,
): Promise<{ id: string; duplicate: true }> {
  const checked = checkAnswers(input.questionnaire, input.answers, { requireComplete: true });
  const same =
    seen.questionnaire_key === input.questionnaire.key &&
    seen.language === input.language &&
    checked.problems.length === 0 &&
    canonical(checked.answers) === canonical(await readAnswers(db, seen.id));
  if (!same) throw new IdempotencyConflictError();
  return { id: seen.id, duplicate: true };
}

async function insertComplete(
  trx: Transaction<Database>,
  input: CompleteResponse,
  answers: Answers,
  now: string,
): Promise<string> {
  const id = randomUUID();
  if (input.invitation) {
    const { code, secret } = input.invitation;
    if (!(await useInvitationCode(trx, secret, input.questionnaire.key, code))) {
      throw new InvitationRefusedError();
    }
  }
  const source = sourceOf(input.channel, input.invitation !== undefined);
  await ensureQuestionnaireVersion(trx, input.questionnaire, now);
  await insertResponse(trx, {
    id,
    questionnaire: input.questionnaire,
    channel: input.channel,
    source,
    language: input.language,
    status: statusWhenSent(input.questionnaire, source),
    idempotencyKey: input.idempotencyKey,
    interviewerId: input.interviewerId ?? null,
    keyerId: input.keyerId ?? null,
    formNumber: input.formNumber ?? null,
    now,
    submitted: true,
  });
  await writeAnswers(trx, id, Object.keys(answers), answers);
  return id;
}

/**
 * Stores a whole response in one transaction. Returns its id, and `duplicate` when the key was
 * seen before (then nothing is written). Answers are checked as on every channel.
 */
export async function submitComplete(
  db: Kysely<Database>,
  input: CompleteResponse,
  now: Date = new Date(),
): Promise<{ id: string; duplicate: boolean }> {
  if (!IDEMPOTENCY_KEY.test(input.idempotencyKey)) {
    throw new BadRequestError('De sleutel tegen dubbel versturen ontbreekt of klopt niet.');
  }
  const seen = await findByIdempotencyKey(db, input.idempotencyKey);
  if (seen) return sameAsBefore(db, seen, input);
  const checked = checkAnswers(input.questionnaire, input.answers, { requireComplete: true });
  if (checked.problems.length > 0) throw new AnswersRejectedError(checked.problems);
  // A postcode becomes its buurt (CBS table), or is refused outside the municipality.
  const placed = await placeSurveyPostcodes(db, input.questionnaire, checked.answers);
  if (placed.problems.length > 0) throw new AnswersRejectedError(placed.problems);
  try {
    const id = await db
      .transaction()
      .execute((trx) => insertComplete(trx, input, placed.answers, now.toISOString()));
    return { id, duplicate: false };
  } catch (error) {
    // A concurrent twin may have won the key (or used the same invitation code just before).
    if (!isUniqueViolation(error) && !(error instanceof InvitationRefusedError)) throw error;
    const winner = await findByIdempotencyKey(db, input.idempotencyKey);
    if (!winner) throw error;
    return sameAsBefore(db, winner, input);
  }
}

/**
 * The keying channel's way in: a finished paper form becomes a response in the keying
 * transaction, channel schriftelijk, status te_controleren, with keyer and form number.
 */
export const storeKeyedResponse: StoreKeyedResponse = async (trx, r) => {
  const checked = checkAnswers(r.questionnaire, r.answers, { requireComplete: false });
  if (checked.problems.length > 0) throw new AnswersRejectedError(checked.problems);
  return insertComplete(
    trx,
    {
      questionnaire: r.questionnaire,
      channel: 'schriftelijk',
      language: r.language,
      answers: checked.answers,
      idempotencyKey: `papier-${r.questionnaire.key}-${r.formNumber}`,
      keyerId: r.keyerId,
      formNumber: r.formNumber,
    },
    checked.answers,
    new Date().toISOString(),
  );
};

/** Approves or rejects a response that waits for review (interviewer or keyed). */
export async function reviewResponse(
  db: Kysely<Database>,
  input: {
    id: string;
    decision: 'goedgekeurd' | 'afgekeurd';
    reviewer: string;
    municipalityCode: string;
  },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const r = await findResponse(trx, input.id);
    if (!r || !awaitsReview(r)) {
      throw new AppError('CONFLICT', 'Dit antwoord wacht niet (meer) op controle.');
    }
    const at = new Date().toISOString();
    await recordReviewDecision(trx, {
      id: input.id,
      decision: input.decision,
      reviewer: input.reviewer,
      at,
      awaiting: AWAITING_REVIEW,
    });
    await recordAudit(trx, {
      actor: input.reviewer,
      action: `enquete.antwoord_${input.decision}`,
      entity: 'enqueteantwoord',
      entityId: input.id,
      municipalityCode: input.municipalityCode,
      before: { status: r.status },
      after: { status: input.decision },
    });
  });
}

/**
 * Abuse control without storing an address: a keyed HMAC of the client address names a bucket
 * that counts starts per hour, in memory only. The key comes from SURVEY_HMAC_SECRET.
 */
export class StartLimiter {
  private readonly buckets = new Map<string, { hour: number; count: number }>();

  constructor(
    private readonly secret: string,
    private readonly perHour: number,
  ) {}

  /** True when this client may start another response now. */
  allow(address: string, now: number = Date.now()): boolean {
    const key = createHmac('sha256', this.secret).update(address).digest('base64url');
    const hour = Math.floor(now / 3_600_000);
    const bucket = this.buckets.get(key);
    if (!bucket || bucket.hour !== hour) {
      if (this.buckets.size > 50_000) this.buckets.clear();
      this.buckets.set(key, { hour, count: 1 });
      return true;
    }
    bucket.count += 1;
    return bucket.count <= this.perHour;
  }

  /** For tests: the buckets hold no address, only HMACs. */
  keys(): string[] {
    return [...this.buckets.keys()];
  }
}
