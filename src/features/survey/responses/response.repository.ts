import type { Kysely, Transaction } from 'kysely';
import { bumpDataVersion, withDataChange } from '../../../db/data-change.repository.ts';
import type { Database } from '../../../db/schema.ts';
import type { Answers, AnswerValue } from '../definition/answers.ts';
import type { Channel, Questionnaire } from '../definition/questionnaire.schema.ts';
import {
  COUNTED_STATUSES,
  type ResponseSource,
  type ResponseStatus,
  type SurveyResponse,
} from './response.table.ts';
import { feedsPublishedEstimate } from './trust.ts';

type Q = Kysely<Database> | Transaction<Database>;

/**
 * A response's stored time: the date only (YYYY-MM-DD). A time to the millisecond could be
 * matched to the moment an invitation code was used (ADR 0016).
 */
export const responseDate = (iso: string) => iso.slice(0, 10);

/** One answer as its row: numbers as numbers, text as text, lists as JSON text. */
export function encodeAnswer(value: AnswerValue): {
  value_text: string | null;
  value_number: number | null;
} {
  if (typeof value === 'number') return { value_text: null, value_number: value };
  if (Array.isArray(value)) return { value_text: JSON.stringify(value), value_number: null };
  return { value_text: value, value_number: null };
}

export function decodeAnswer(row: {
  value_text: string | null;
  value_number: number | null;
}): AnswerValue | undefined {
  if (row.value_number !== null && row.value_number !== undefined) return Number(row.value_number);
  if (row.value_text === null) return undefined;
  if (row.value_text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(row.value_text);
      if (Array.isArray(parsed) && parsed.every((x) => typeof x === 'string')) return parsed;
    } catch {
      // Not a list after all: an open answer that starts with "[".
    }
  }
  return row.value_text;
}

/** One response's answer rows as answers by variable (rows without a value are left out). */
export function decodeAnswerRows(
  rows: readonly { variable: string; value_text: string | null; value_number: number | null }[],
): Record<string, AnswerValue> {
  const out: Record<string, AnswerValue> = {};
  for (const r of rows) {
    const v = decodeAnswer(r);
    if (v !== undefined) out[r.variable] = v;
  }
  return out;
}

/** Stores the questionnaire version a response refers to, once (its definition as JSON). */
export async function ensureQuestionnaireVersion(db: Q, q: Questionnaire, now: string) {
  await db
    .insertInto('survey_questionnaire_versions')
    .values({
      questionnaire_key: q.key,
      version: q.version,
      definition: JSON.stringify(q),
      loaded_at: now,
    })
    .onConflict((oc) => oc.columns(['questionnaire_key', 'version']).doNothing())
    .execute();
}

export interface NewResponse {
  id: string;
  questionnaire: Questionnaire;
  channel: Channel;
  source: ResponseSource;
  language: string;
  status: ResponseStatus;
  idempotencyKey: string;
  interviewerId?: string | null;
  keyerId?: string | null;
  formNumber?: number | null;
  resumeHash?: string | null;
  now: string;
  submitted: boolean;
}

/**
 * Stores a new response. A response stored as sent can feed the monitor's survey figures, so it
 * moves the data version in the same transaction; a concept does not (yet).
 */
export async function insertResponse(db: Q, r: NewResponse): Promise<void> {
  const insert = (q: Q) =>
    q
      .insertInto('survey_responses')
      .values({
        id: r.id,
        questionnaire_key: r.questionnaire.key,
        version: r.questionnaire.version,
        channel: r.channel,
        source: r.source,
        language: r.language,
        status: r.status,
        interviewer_id: r.interviewerId ?? null,
        keyer_id: r.keyerId ?? null,
        form_number: r.formNumber ?? null,
        resume_hash: r.resumeHash ?? null,
        idempotency_key: r.idempotencyKey,
        created_at: responseDate(r.now),
        submitted_at: r.submitted ? responseDate(r.now) : null,
        reviewed_by: null,
        reviewed_at: null,
      })
      .execute();
  if (r.submitted) await withDataChange(db as Kysely<Database>, 'enquete-antwoord', insert);
  else await insert(db);
}

/**
 * Sends a concept: its status after sending, today's date and the sender's idempotency key.
 * False when it was no longer a concept (sent meanwhile). Moves the data version when sent.
 */
export async function markResponseSent(
  db: Q,
  input: { id: string; status: ResponseStatus; now: string; idempotencyKey: string },
): Promise<boolean> {
  return withDataChange(db, 'enquete-antwoord', async (trx) => {
    const updated = await trx
      .updateTable('survey_responses')
      .set({
        status: input.status,
        submitted_at: responseDate(input.now),
        idempotency_key: input.idempotencyKey,
        resume_hash: null,
      })
      .where('id', '=', input.id)
      .where('status', '=', 'concept')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  });
}

/**
 * Records a reviewer's decision on a response that waits for review; false when it no longer
 * waits. Moves the data version: an approved response can feed the monitor.
 */
export async function recordReviewDecision(
  db: Q,
  input: {
    id: string;
    decision: 'goedgekeurd' | 'afgekeurd';
    reviewer: string;
    at: string;
    awaiting: ResponseStatus;
  },
): Promise<boolean> {
  return withDataChange(db, 'enquete-antwoord', async (trx) => {
    const updated = await trx
      .updateTable('survey_responses')
      .set({ status: input.decision, reviewed_by: input.reviewer, reviewed_at: input.at })
      .where('id', '=', input.id)
      .where('status', '=', input.awaiting)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  });
}

export async function findResponse(db: Q, id: string): Promise<SurveyResponse | undefined> {
  return db.selectFrom('survey_responses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findByIdempotencyKey(
  db: Q,
  key: string,
): Promise<SurveyResponse | undefined> {
  return db
    .selectFrom('survey_responses')
    .selectAll()
    .where('idempotency_key', '=', key)
    .executeTakeFirst();
}

export async function findByResumeHash(db: Q, hash: string): Promise<SurveyResponse | undefined> {
  return db
    .selectFrom('survey_responses')
    .selectAll()
    .where('resume_hash', '=', hash)
    .executeTakeFirst();
}

export async function readAnswers(db: Q, responseId: string): Promise<Record<string, AnswerValue>> {
  const rows = await db
    .selectFrom('survey_answers')
    .select(['variable', 'value_text', 'value_number'])
    .where('response_id', '=', responseId)
    .execute();
  return decodeAnswerRows(rows);
}

/**
 * Replaces the answers of the given variables (an answer set to nothing is removed). With an
 * actor, every change is written to the answer log with its old and new value (interviewer and
 * keying channels); the web respondent changes their own answers unlogged.
 */
export async function writeAnswers(
  trx: Q,
  responseId: string,
  variables: readonly string[],
  answers: Answers,
  log?: { actor: string; at: string },
): Promise<number> {
  if (variables.length === 0) return 0;
  const before = log ? await readAnswers(trx, responseId) : {};
  // The answers of a concept feed nothing yet; those of a sent response may feed the monitor.
  const response = await trx
    .selectFrom('survey_responses')
    .select('status')
    .where('id', '=', responseId)
    .executeTakeFirst();
  if (response && response.status !== 'concept') {
    await bumpDataVersion(trx, 'enquete-antwoord');
  }
  await trx
    .deleteFrom('survey_answers')
    .where('response_id', '=', responseId)
    .where('variable', 'in', [...variables])
    .execute();
  const rows = variables.flatMap((variable) => {
    const v = answers[variable];
    return v === undefined ? [] : [{ response_id: responseId, variable, ...encodeAnswer(v) }];
  });
  if (rows.length > 0) await trx.insertInto('survey_answers').values(rows).execute();
  if (!log) return 0;
  const changes = variables.flatMap((variable) => {
    const old = before[variable];
    const now = answers[variable];
    const a = old === undefined ? null : JSON.stringify(old);
    const b = now === undefined ? null : JSON.stringify(now);
    return a === b
      ? []
      : [
          {
            response_id: responseId,
            actor: log.actor,
            variable,
            old_value: a,
            new_value: b,
            at: log.at,
          },
        ];
  });
  if (changes.length > 0) await trx.insertInto('survey_answer_log').values(changes).execute();
  return changes.length;
}

export interface StoredResponse {
  id: string;
  version: number;
  channel: Channel;
  source: ResponseSource;
  language: string;
  status: ResponseStatus;
  submittedAt: string;
  answers: Record<string, AnswerValue>;
}

/** Every counted response of a questionnaire (sent on the web, or approved), with its answers. */
export async function listCountedResponses(db: Q, key: string): Promise<StoredResponse[]> {
  const responses = await db
    .selectFrom('survey_responses')
    .select([
      'id',
      'version',
      'channel',
      'source',
      'language',
      'status',
      'submitted_at',
      'created_at',
    ])
    .where('questionnaire_key', '=', key)
    .where('status', 'in', [...COUNTED_STATUSES])
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  if (responses.length === 0) return [];
  const answers = new Map<string, Record<string, AnswerValue>>();
  const rows = await db
    .selectFrom('survey_answers')
    .innerJoin('survey_responses', 'survey_responses.id', 'survey_answers.response_id')
    .select(['survey_answers.response_id', 'variable', 'value_text', 'value_number'])
    .where('survey_responses.questionnaire_key', '=', key)
    .where('survey_responses.status', 'in', [...COUNTED_STATUSES])
    .execute();
  for (const r of rows) {
    const v = decodeAnswer(r);
    if (v === undefined) continue;
    const own = answers.get(r.response_id) ?? {};
    own[r.variable] = v;
    answers.set(r.response_id, own);
  }
  return responses.map((r) => ({
    id: r.id,
    version: Number(r.version),
    channel: r.channel,
    source: r.source,
    language: r.language,
    status: r.status,
    submittedAt: r.submitted_at ?? r.created_at,
    answers: answers.get(r.id) ?? {},
  }));
}

/**
 * The responses that may feed a published estimate (the public monitor): the counted ones that
 * came in through a way the questionnaire trusts (trust.ts, the one place of that rule).
 */
export async function listPublishableResponses(
  db: Q,
  q: Pick<Questionnaire, 'key' | 'trustedSources'>,
): Promise<StoredResponse[]> {
  const counted = await listCountedResponses(db, q.key);
  return counted.filter((r) => feedsPublishedEstimate(q, r));
}

/** How many responses a questionnaire has per status and channel (no answers). */
export async function countResponses(db: Q, key: string) {
  const rows = await db
    .selectFrom('survey_responses')
    .select(['status', 'channel'])
    .select((e) => e.fn.countAll().as('n'))
    .where('questionnaire_key', '=', key)
    .groupBy(['status', 'channel'])
    .execute();
  return rows.map((r) => ({ status: r.status, channel: r.channel, n: Number(r.n) }));
}
