import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { AppError } from '../../../shared/errors.ts';
import { recordAudit } from '../../audit/index.ts';
import type { Answers, AnswerValue } from '../definition/answers.ts';
import type { Language, Questionnaire } from '../definition/questionnaire.schema.ts';
import { compareEntries, needsSecondEntry, type Discrepancy } from './double-entry.ts';
import { insertSkippedAnswers } from '../review/skipped-answers.repository.ts';
import type { PaperBuurt } from '../paper/paper-codes.ts';
import {
  keyedText,
  keyingItems,
  parseKeyedForm,
  splitByRouting,
  type KeyProblem,
  type RoutedAnswers,
} from './keying-codes.ts';
import { placePostcodeAnswers, type SurveyPlace } from './postcode-answers.ts';
import {
  countKeyFormsByStatus,
  findKeyForm,
  insertKeyEntry,
  insertKeyForm,
  listFormNumbersWithDiscrepancies,
  listKeyEntries,
  updateKeyForm,
} from './keying.repository.ts';
import type { SurveyKeyEntry } from './keying.table.ts';

/** What a finished paper form becomes: one response, written in the same transaction. */
export interface KeyedResponse {
  questionnaire: Questionnaire;
  formNumber: number;
  language: Language;
  /** The keyer of the (first) entry. */
  keyerId: string;
  answers: Answers;
}

/** Writes the response of a finished form (channel schriftelijk, te_controleren); returns its id. */
export type StoreKeyedResponse = (trx: Transaction<Database>, r: KeyedResponse) => Promise<string>;

export interface KeyingDeps {
  db: Kysely<Database>;
  /** Keys the draw of forms for double entry (SURVEY_HMAC_SECRET). */
  secret: string;
  /** Share of forms keyed twice; 0.1 by default. */
  share: number;
  storeResponse: StoreKeyedResponse;
  municipalityCode: string;
  /** Where the survey is held: postcode answers are mapped to its buurten, or refused outside it. */
  place?: SurveyPlace | undefined;
  now?: () => Date;
}

export const FORM_NUMBER_MAX = 999_999;

export class KeyingRefusedError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
    this.name = 'KeyingRefusedError';
  }
}

export function parseFormNumber(raw: unknown): number | undefined {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^\d{1,6}$/.test(text)) return undefined;
  const n = Number(text);
  return n >= 1 && n <= FORM_NUMBER_MAX ? n : undefined;
}

const shown = (n: number) => String(n).padStart(6, '0');

const formOf = findKeyForm;
const entriesOf = listKeyEntries;

/** Which entry a keyer would make of this form now: 1, 2, or a Dutch refusal. */
export async function nextPass(
  db: Kysely<Database>,
  q: Questionnaire,
  formNumber: number,
  keyerId: string,
): Promise<1 | 2> {
  const form = await formOf(db, q.key, formNumber);
  if (!form) return 1;
  if (form.status === 'wacht_op_tweede') {
    const [first] = await entriesOf(db, q.key, formNumber);
    if (first?.keyer_id === keyerId) {
      throw new KeyingRefusedError(
        `Formulier ${shown(formNumber)} is gekozen voor dubbele invoer. Iemand anders moet het nog een keer invoeren.`,
      );
    }
    return 2;
  }
  throw new KeyingRefusedError(
    form.status === 'verschillen'
      ? `Formulier ${shown(formNumber)} is twee keer ingevoerd en heeft verschillen. Die worden nagekeken op de lijst met verschillen.`
      : `Formulier ${shown(formNumber)} is al ingevoerd.`,
  );
}

/**
 * `skipped`: the paper numbers of questions keyed although the routing skips them ("Vraag 3");
 * their answers are kept apart and flagged for review, and the keyer is told.
 */
export type KeyingOutcome =
  | { kind: 'fouten'; problems: KeyProblem[] }
  | { kind: 'klaar'; responseId: string; skipped: string[] }
  | { kind: 'wacht_op_tweede'; skipped: string[] }
  | { kind: 'verschillen'; discrepancies: Discrepancy[]; skipped: string[] };

/** Writes the response of a finished form and keeps its answers to skipped questions beside it. */
async function finishForm(
  deps: KeyingDeps,
  trx: Transaction<Database>,
  r: Omit<KeyedResponse, 'answers'> & { routed: RoutedAnswers },
): Promise<string> {
  const { routed, ...rest } = r;
  const responseId = await deps.storeResponse(trx, { ...rest, answers: routed.answers });
  await insertSkippedAnswers(trx, responseId, routed.skipped);
  return responseId;
}

function isUniqueViolation(error: unknown): boolean {
  const text = String((error as { code?: unknown })?.code ?? '') + String(error);
  return /SQLITE_CONSTRAINT|23505|UNIQUE|duplicate key/i.test(text);
}

/**
 * Saves one keyed entry of a form. With problems nothing is stored. A single-entry form, or a
 * second entry that agrees with the first, becomes a response at once; a second entry that
 * differs puts the form on the discrepancy list.
 */
export async function saveKeyedEntry(
  deps: KeyingDeps,
  input: {
    questionnaire: Questionnaire;
    formNumber: number;
    keyerId: string;
    language: Language;
    raw: Readonly<Record<string, string | undefined>>;
    /** The buurten printed on the form, whose numbers the keyer types. */
    buurten?: readonly PaperBuurt[];
  },
): Promise<KeyingOutcome> {
  const { questionnaire: q, formNumber, keyerId } = input;
  const typed = parseKeyedForm(q, input.raw, input.buurten);
  if (typed.problems.length > 0) return { kind: 'fouten', problems: typed.problems };
  let parsed = typed;
  if (deps.place) {
    const labels = new Map(keyingItems(q).flatMap((i) => i.fields.map((f) => [f.field, f.label])));
    const placed = await placePostcodeAnswers(
      deps.db,
      q,
      typed.keyed,
      deps.place,
      (v) => labels.get(v) ?? v,
    );
    if (placed.problems.length > 0) {
      return {
        kind: 'fouten',
        problems: placed.problems.map((p) => ({ field: p.variable, message: p.message })),
      };
    }
    parsed = { ...typed, keyed: placed.answers, ...splitByRouting(q, placed.answers) };
  }
  const now = (deps.now ?? (() => new Date()))().toISOString();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const pass = await nextPass(trx, q, formNumber, keyerId);
      await insertKeyEntry(trx, {
        questionnaire_key: q.key,
        form_number: formNumber,
        pass,
        keyer_id: keyerId,
        language: input.language,
        // Everything typed, skipped questions included: double entry compares all of it.
        answers: JSON.stringify(parsed.keyed),
        keyed_at: now,
      });
      await recordAudit(trx, {
        actor: keyerId,
        action: 'enquete.formulier_ingevoerd',
        entity: 'enqueteformulier',
        entityId: `${q.key}/${shown(formNumber)}`,
        municipalityCode: deps.municipalityCode,
        after: { invoer: pass },
      });
      const finish = (): Promise<string> =>
        finishForm(deps, trx, {
          questionnaire: q,
          formNumber,
          language: input.language,
          keyerId,
          routed: parsed,
        });
      if (pass === 1) {
        const double = needsSecondEntry(deps.secret, q.key, formNumber, deps.share);
        const responseId = double ? null : await finish();
        await insertKeyForm(trx, {
          questionnaire_key: q.key,
          form_number: formNumber,
          version: q.version,
          double_entry: double ? 1 : 0,
          status: double ? 'wacht_op_tweede' : 'klaar',
          response_id: responseId,
          resolved_by: null,
          updated_at: now,
        });
        const skipped = parsed.skippedQuestions;
        return responseId
          ? { kind: 'klaar', responseId, skipped }
          : { kind: 'wacht_op_tweede', skipped };
      }
      const [first] = await entriesOf(trx, q.key, formNumber);
      const discrepancies = compareEntries(q, answersOf(first), parsed.keyed);
      if (discrepancies.length > 0) {
        await setForm(trx, q.key, formNumber, { status: 'verschillen', updated_at: now });
        return { kind: 'verschillen', discrepancies, skipped: parsed.skippedQuestions };
      }
      const responseId = await finish();
      await setForm(trx, q.key, formNumber, {
        status: 'klaar',
        response_id: responseId,
        updated_at: now,
      });
      return { kind: 'klaar', responseId, skipped: parsed.skippedQuestions };
    });
  } catch (error) {
    // Two keyers saved the same entry of the same form at once: the second one loses.
    if (isUniqueViolation(error)) {
      throw new KeyingRefusedError(
        `Formulier ${shown(formNumber)} is net door iemand anders opgeslagen. Kijk op de lijst of het nog nodig is.`,
      );
    }
    throw error;
  }
}

function answersOf(entry: SurveyKeyEntry | undefined): Answers {
  return entry ? (JSON.parse(entry.answers) as Record<string, AnswerValue>) : {};
}

const setForm = updateKeyForm;

export interface FormWithDiscrepancies {
  formNumber: number;
  firstKeyer: string;
  secondKeyer: string;
  discrepancies: Discrepancy[];
}

/** Every double-keyed form of a questionnaire whose two entries differ, oldest first. */
export async function listDiscrepancies(
  db: Kysely<Database>,
  q: Questionnaire,
): Promise<FormWithDiscrepancies[]> {
  const out: FormWithDiscrepancies[] = [];
  for (const n of await listFormNumbersWithDiscrepancies(db, q.key)) {
    const [first, second] = await entriesOf(db, q.key, n);
    out.push({
      formNumber: n,
      firstKeyer: first?.keyer_id ?? '',
      secondKeyer: second?.keyer_id ?? '',
      discrepancies: compareEntries(q, answersOf(first), answersOf(second)),
    });
  }
  return out;
}

/** Counts per status, for the keying overview. */
export async function keyingCounts(db: Kysely<Database>, key: string) {
  return countKeyFormsByStatus(db, key);
}

/**
 * A reviewer settles every difference of a double-keyed form, field by field, against the
 * paper: the first entry, the second, or a value typed anew (in keying codes). Then the form
 * becomes a response.
 */
export async function resolveForm(
  deps: KeyingDeps,
  input: {
    questionnaire: Questionnaire;
    formNumber: number;
    reviewerId: string;
    /** Per differing field: 'eerste', 'tweede', or the keying code to use instead. */
    choices: Readonly<Record<string, string | undefined>>;
  },
): Promise<KeyingOutcome> {
  const { questionnaire: q, formNumber } = input;
  const now = (deps.now ?? (() => new Date()))().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const form = await formOf(trx, q.key, formNumber);
    if (form?.status !== 'verschillen') {
      throw new KeyingRefusedError(
        `Formulier ${shown(formNumber)} staat niet (meer) op de lijst met verschillen.`,
      );
    }
    const [first, second] = await entriesOf(trx, q.key, formNumber);
    const a = answersOf(first);
    const b = answersOf(second);
    const text = keyedText(q, b);
    const textA = keyedText(q, a);
    const problems: KeyProblem[] = [];
    for (const d of compareEntries(q, a, b)) {
      const choice = input.choices[d.field]?.trim();
      if (choice === 'eerste') {
        if (textA[d.field] === undefined) delete text[d.field];
        else text[d.field] = textA[d.field] as string;
      } else if (choice === 'tweede') continue;
      else if (choice !== undefined && choice !== '') text[d.field] = choice;
      else problems.push({ field: d.field, message: `${d.label}: kies welke invoer klopt.` });
    }
    if (problems.length > 0) return { kind: 'fouten', problems };
    const parsed = parseKeyedForm(q, text);
    if (parsed.problems.length > 0) return { kind: 'fouten', problems: parsed.problems };
    const responseId = await finishForm(deps, trx, {
      questionnaire: q,
      formNumber,
      language: (first?.language ?? 'nl') as Language,
      keyerId: first?.keyer_id ?? input.reviewerId,
      routed: parsed,
    });
    await setForm(trx, q.key, formNumber, {
      status: 'klaar',
      response_id: responseId,
      resolved_by: input.reviewerId,
      updated_at: now,
    });
    await recordAudit(trx, {
      actor: input.reviewerId,
      action: 'enquete.verschillen_opgelost',
      entity: 'enqueteformulier',
      entityId: `${q.key}/${shown(formNumber)}`,
      municipalityCode: deps.municipalityCode,
    });
    return { kind: 'klaar', responseId, skipped: parsed.skippedQuestions };
  });
}
