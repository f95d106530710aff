import { isAsked, type Answers, type AnswerValue } from '../definition/answers.ts';
import { RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import type { Question, Questionnaire } from '../definition/questionnaire.schema.ts';
import {
  codedBoxes,
  DONT_KNOW_CODE,
  numberedBuurten,
  type PaperBuurt,
} from '../paper/paper-codes.ts';
import { numberQuestions, type NumberedQuestion } from '../paper/routing.ts';

/**
 * Keying paper forms by keyboard. Every box on the printed form has a short code the keyer
 * types: the position of the ticked box (1, 2, 3 …), several separated by spaces for "meer
 * antwoorden", the mark itself for a grade, 9 for "weet niet" on the agree scale. One text field
 * per variable, so a keyer never leaves the keyboard. An empty field is "niet ingevuld".
 */

export { DONT_KNOW_CODE };

export interface KeyField {
  /** The form field name: the variable, or `<name>__<theme>` for a ranking. */
  field: string;
  /** Which question (paper number) and, for a matrix, which row (a, b, …). */
  label: string;
  /** "1 Ja · 2 Nee", shown beside the field. */
  codes: string;
  multiline?: boolean;
}

export interface KeyingItem {
  numbered: NumberedQuestion;
  fields: KeyField[];
}

/** "1 Ja · 2 Nee": the codes printed beside the boxes, as the keyer sees them. */
function printedCodes(q: Question, buurten: readonly PaperBuurt[] = []): string {
  return codedBoxes(q, 'nl', buurten)
    .map((b) => `${b.code} ${b.label}`)
    .join(' · ');
}

/** The fields of one question, in the order the keyer meets them on paper. */
function fieldsOf(q: Question, number: number, buurten: readonly PaperBuurt[]): KeyField[] {
  const label = `Vraag ${number}`;
  switch (q.type) {
    case 'single_choice':
      return [{ field: q.name, label, codes: printedCodes(q) }];
    case 'multiple_choice':
      return [
        {
          field: q.name,
          label,
          codes: `${printedCodes(q)} (meer codes met een spatie ertussen)`,
        },
      ];
    case 'grade':
      return [{ field: q.name, label, codes: 'cijfer 1 tot en met 10' }];
    case 'agree_scale':
      return [{ field: q.name, label, codes: printedCodes(q) }];
    case 'matrix':
      return q.rows.map((row, i) => ({
        field: row.name,
        label: `${label}${String.fromCharCode(97 + i)}`,
        codes: printedCodes(q),
      }));
    case 'number':
      return [{ field: q.name, label, codes: 'een getal' }];
    case 'open_text':
      return [{ field: q.name, label, codes: 'de tekst zoals geschreven', multiline: true }];
    case 'theme_ranking':
      return RANKED_THEMES.map((t) => ({
        field: `${q.name}__${t.key}`,
        label: `${label} ${textIn(t.label, 'nl')}`,
        codes: `plaats 1 tot en met ${q.places}`,
      }));
    case 'buurt_choice':
      return [
        {
          field: q.name,
          label,
          codes: [
            buurten.length > 0 ? `${printedCodes(q, buurten)}, of` : '',
            `buurtcode (BU…)${q.allowPostcode ? ' of postcode' : ''}`,
          ]
            .filter(Boolean)
            .join(' '),
        },
      ];
  }
}

/**
 * The keying screen's fields for a questionnaire, numbered as on paper. `buurten` are the
 * buurten printed at a buurt question (the focus area's members), so their numbers are shown.
 */
export function keyingItems(q: Questionnaire, buurten: readonly PaperBuurt[] = []): KeyingItem[] {
  return numberQuestions(q).map((numbered) => ({
    numbered,
    fields: fieldsOf(numbered.question, numbered.number, buurten),
  }));
}

export interface KeyProblem {
  field: string;
  message: string;
}

export interface RoutedAnswers {
  /** What the routing asks for: these count once the response is approved. */
  answers: Record<string, AnswerValue>;
  /**
   * Filled in on paper for a question the routing skips: never dropped, kept apart from the
   * answers, and flagged for the reviewer, who decides against the sheet.
   */
  skipped: Record<string, AnswerValue>;
  /** The paper numbers of those questions ("Vraag 3"), for the keyer and the reviewer. */
  skippedQuestions: string[];
}

export interface ParsedKeying extends RoutedAnswers {
  /** Everything typed, as answers: what an entry stores and what double entry compares. */
  keyed: Record<string, AnswerValue>;
  problems: KeyProblem[];
}

const POSTCODE = /^[1-9][0-9]{3}(?: ?[A-Z]{2})?$/;

function parseOne(
  q: Question,
  field: KeyField,
  raw: string,
  buurten: readonly PaperBuurt[],
): { value?: AnswerValue; error?: string } {
  const text = raw.trim();
  const where = field.label;
  const pick = (choices: readonly { value: string }[], code: string) => {
    const i = Number(code);
    return Number.isInteger(i) && i >= 1 && i <= choices.length ? choices[i - 1]!.value : undefined;
  };
  switch (q.type) {
    case 'single_choice': {
      const v = pick(q.choices, text);
      return v
        ? { value: v }
        : { error: `${where}: typ één code van 1 tot en met ${q.choices.length}.` };
    }
    case 'matrix': {
      const v = pick(q.choices, text);
      return v
        ? { value: v }
        : { error: `${where}: typ één code van 1 tot en met ${q.choices.length}.` };
    }
    case 'multiple_choice': {
      const codes = [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
      const values = codes.map((c) => pick(q.choices, c));
      if (values.some((v) => v === undefined))
        return {
          error: `${where}: typ codes van 1 tot en met ${q.choices.length}, met een spatie ertussen.`,
        };
      if (q.maxSelected !== undefined && values.length > q.maxSelected)
        return { error: `${where}: hoogstens ${q.maxSelected} codes.` };
      // Kept in the order of the choices, as every channel stores them.
      const order = q.choices.map((c) => c.value);
      return { value: (values as string[]).sort((a, b) => order.indexOf(a) - order.indexOf(b)) };
    }
    case 'grade': {
      const n = Number(text);
      return Number.isInteger(n) && n >= 1 && n <= 10
        ? { value: n }
        : { error: `${where}: typ een cijfer van 1 tot en met 10.` };
    }
    case 'agree_scale': {
      if (text === DONT_KNOW_CODE && q.dontKnow) return { value: 'weet_niet' };
      const n = Number(text);
      return Number.isInteger(n) && n >= 1 && n <= 5
        ? { value: n }
        : {
            error: `${where}: typ 1 tot en met 5${q.dontKnow ? `, of ${DONT_KNOW_CODE} voor weet niet` : ''}.`,
          };
    }
    case 'number': {
      const n = Number(text.replace(',', '.'));
      if (!Number.isFinite(n)) return { error: `${where}: typ een getal.` };
      if (q.integer && !Number.isInteger(n)) return { error: `${where}: typ een heel getal.` };
      if ((q.min !== undefined && n < q.min) || (q.max !== undefined && n > q.max))
        return {
          error: `${where}: het getal moet tussen ${q.min ?? '…'} en ${q.max ?? '…'} liggen.`,
        };
      return { value: n };
    }
    case 'open_text':
      return text.length > q.maxLength
        ? { error: `${where}: hoogstens ${q.maxLength} tekens.` }
        : { value: text };
    case 'buurt_choice': {
      const upper = text.toUpperCase().replace(/\s+/g, ' ');
      const printed = numberedBuurten(buurten).find((b) => b.key === upper);
      if (printed) return { value: printed.code };
      if (/^BU\d{8}$/.test(upper)) return { value: upper };
      if (q.allowPostcode && POSTCODE.test(upper)) return { value: upper.replace(' ', '') };
      return {
        error: `${where}: typ ${buurten.length > 0 ? `het nummer van de buurt (1 tot en met ${buurten.length}), ` : ''}een buurtcode (BU en 8 cijfers)${q.allowPostcode ? ' of een postcode' : ''}.`,
      };
    }
    case 'theme_ranking':
      return { error: `${where}: rangorde wordt per thema ingevoerd.` };
  }
}

function parseRanking(
  q: Extract<Question, { type: 'theme_ranking' }>,
  fields: readonly KeyField[],
  raw: Readonly<Record<string, string | undefined>>,
): { value?: string[]; problems: KeyProblem[] } {
  const placed: { theme: string; place: number }[] = [];
  const problems: KeyProblem[] = [];
  RANKED_THEMES.forEach((t, i) => {
    const field = fields[i]!;
    const text = (raw[field.field] ?? '').trim();
    if (text === '') return;
    const place = Number(text);
    if (!Number.isInteger(place) || place < 1 || place > q.places)
      problems.push({
        field: field.field,
        message: `${field.label}: typ een plaats van 1 tot en met ${q.places}.`,
      });
    else placed.push({ theme: t.key, place });
  });
  const places = placed.map((p) => p.place);
  if (new Set(places).size !== places.length)
    problems.push({
      field: fields[0]!.field,
      message: `${fields[0]!.label.split(' ').slice(0, 2).join(' ')}: twee thema's hebben dezelfde plaats.`,
    });
  if (problems.length > 0 || placed.length === 0) return { problems };
  return { value: placed.sort((a, b) => a.place - b.place).map((p) => p.theme), problems };
}

/**
 * Splits keyed answers by the routing, question by question in paper order: a question is asked
 * when its condition holds on the answers kept so far (and those keyed after it), so an answer
 * behind a skipped question cannot open a follow-up either.
 */
export function splitByRouting(q: Questionnaire, keyed: Answers): RoutedAnswers {
  const view: Record<string, AnswerValue> = { ...(keyed as Record<string, AnswerValue>) };
  const answers: Record<string, AnswerValue> = {};
  const skipped: Record<string, AnswerValue> = {};
  const skippedQuestions: string[] = [];
  for (const { numbered, fields } of keyingItems(q)) {
    const names = [...new Set(fields.map((f) => f.field.replace(/__.*$/, '')))];
    const asked = isAsked(numbered.group, numbered.question, view);
    for (const name of names) {
      const value = keyed[name];
      if (value === undefined) continue;
      if (asked) answers[name] = value;
      else {
        skipped[name] = value;
        delete view[name];
        if (!skippedQuestions.includes(`Vraag ${numbered.number}`))
          skippedQuestions.push(`Vraag ${numbered.number}`);
      }
    }
  }
  return { answers, skipped, skippedQuestions };
}

/**
 * Turns what the keyer typed into answers. Problems name the question as numbered on paper;
 * with any problem nothing is stored (the caller shows the form again). `buurten` are the
 * buurten printed on the form, whose numbers the keyer may type.
 */
export function parseKeyedForm(
  q: Questionnaire,
  raw: Readonly<Record<string, string | undefined>>,
  buurten: readonly PaperBuurt[] = [],
): ParsedKeying {
  const keyed: Record<string, AnswerValue> = {};
  const problems: KeyProblem[] = [];
  for (const { numbered, fields } of keyingItems(q, buurten)) {
    const { question } = numbered;
    if (question.type === 'theme_ranking') {
      const r = parseRanking(question, fields, raw);
      problems.push(...r.problems);
      if (r.value) keyed[question.name] = r.value;
      continue;
    }
    for (const field of fields) {
      const text = raw[field.field] ?? '';
      if (text.trim() === '') continue;
      const r = parseOne(question, field, text, buurten);
      if (r.error) problems.push({ field: field.field, message: r.error });
      else if (r.value !== undefined) keyed[field.field] = r.value;
    }
  }
  return { keyed, problems, ...splitByRouting(q, keyed) };
}

/** Answers back to what a keyer would type: to show an entry again or compare two entries. */
export function keyedText(q: Questionnaire, answers: Answers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { numbered, fields } of keyingItems(q)) {
    const question = numbered.question;
    for (const field of fields) {
      if (question.type === 'theme_ranking') {
        const ranking = answers[question.name];
        const theme = field.field.split('__')[1];
        const place = Array.isArray(ranking) ? ranking.indexOf(theme ?? '') + 1 : 0;
        if (place > 0) out[field.field] = String(place);
        continue;
      }
      const value = answers[field.field];
      if (value === undefined) continue;
      if (question.type === 'single_choice' || question.type === 'matrix') {
        out[field.field] = String(question.choices.findIndex((c) => c.value === value) + 1);
      } else if (question.type === 'multiple_choice' && Array.isArray(value)) {
        out[field.field] = value
          .map((v) => String(question.choices.findIndex((c) => c.value === v) + 1))
          .join(' ');
      } else if (question.type === 'agree_scale' && value === 'weet_niet') {
        out[field.field] = DONT_KNOW_CODE;
      } else out[field.field] = String(value);
    }
  }
  return out;
}
