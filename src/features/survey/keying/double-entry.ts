import { createHmac } from 'node:crypto';
import type { Answers } from '../definition/answers.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { keyedText, keyingItems } from './keying-codes.ts';

/**
 * Quality control of keyed paper forms: a chosen share of forms is keyed twice, by two
 * different keyers, and every field where the two differ goes on a discrepancy list that a
 * reviewer resolves against the paper.
 */

/** The default share of forms keyed twice (10 %, as in most Dutch survey fieldwork). */
export const DEFAULT_DOUBLE_ENTRY_SHARE = 0.1;

/**
 * Whether a form is keyed twice. The choice is a keyed hash of questionnaire and form number:
 * stable (the second keyer gets the same answer as the first), spread evenly, and not
 * guessable by a keyer from the number alone.
 */
export function needsSecondEntry(
  secret: string,
  questionnaireKey: string,
  formNumber: number,
  share: number,
): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  const digest = createHmac('sha256', secret).update(`${questionnaireKey}:${formNumber}`).digest();
  return digest.readUInt32BE(0) / 2 ** 32 < share;
}

export interface Discrepancy {
  field: string;
  /** "Vraag 4" or "Vraag 7b", as on paper. */
  label: string;
  first: string;
  second: string;
}

/** Every field where the two entries differ, in the order of the form (empty = niet ingevuld). */
export function compareEntries(q: Questionnaire, first: Answers, second: Answers): Discrepancy[] {
  const a = keyedText(q, first);
  const b = keyedText(q, second);
  const out: Discrepancy[] = [];
  for (const { fields } of keyingItems(q)) {
    for (const f of fields) {
      const x = (a[f.field] ?? '').trim();
      const y = (b[f.field] ?? '').trim();
      if (x !== y) out.push({ field: f.field, label: f.label, first: x, second: y });
    }
  }
  return out;
}
