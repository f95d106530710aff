import { AGREE_SCALE, textIn } from '../definition/fixed-labels.ts';
import type { Language, Question } from '../definition/questionnaire.schema.ts';

/**
 * The codes printed beside the boxes of the paper form, and typed by the keyer. One place for
 * both, so what the sheet shows is what the keying screen accepts: a choice's position (1, 2,
 * 3 …), the agree scale's point with 9 for "weet niet", a mark for a grade, and a buurt's
 * number in the printed list (its CBS code is printed beside it and accepted too).
 */

/** The agree scale's "weet niet" is keyed as 9, as on most Dutch keying instructions. */
export const DONT_KNOW_CODE = '9';

export interface PaperBuurt {
  code: string;
  name: string;
}

export interface CodedBox {
  /** What is printed beside the box and typed by the keyer. */
  code: string;
  /** The stored answer value. */
  value: string | number;
  label: string;
}

/**
 * The buurten in the order they are printed (by name, as a resident looks for it), each with
 * its number on the form. Paper and keying both call this, so the numbers agree.
 */
export function numberedBuurten(buurten: readonly PaperBuurt[]): (PaperBuurt & { key: string })[] {
  return [...buurten]
    .sort((a, b) => a.name.localeCompare(b.name, 'nl') || a.code.localeCompare(b.code))
    .map((b, i) => ({ ...b, key: String(i + 1) }));
}

/** The tick boxes of a question with their printed codes; empty for questions written in. */
export function codedBoxes(
  question: Question,
  language: Language,
  buurten: readonly PaperBuurt[] = [],
): CodedBox[] {
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
    case 'matrix':
      return question.choices.map((c, i) => ({
        code: String(i + 1),
        value: c.value,
        label: textIn(c.label, language),
      }));
    case 'agree_scale':
      return AGREE_SCALE.filter((c) => question.dontKnow || c.value !== 'weet_niet').map((c) => ({
        code: c.value === 'weet_niet' ? DONT_KNOW_CODE : String(c.value),
        value: c.value,
        label: textIn(c.label, language),
      }));
    case 'grade':
      return Array.from({ length: 10 }, (_, i) => ({
        code: String(i + 1),
        value: i + 1,
        label: String(i + 1),
      }));
    case 'buurt_choice':
      return numberedBuurten(buurten).map((b) => ({ code: b.key, value: b.code, label: b.name }));
    case 'number':
    case 'open_text':
    case 'theme_ranking':
      return [];
  }
}
