import { isAsked, type Answers, type AnswerValue } from '../definition/answers.ts';
import { AGREE_SCALE, RANKED_THEMES, textIn } from '../definition/fixed-labels.ts';
import type { Question, Questionnaire } from '../definition/questionnaire.schema.ts';
import { numberQuestions, type NumberedQuestion } from '../paper/routing.ts';

/**
 * Keying paper forms by keyboard. Every box on the printed form has a short code the keyer
 * types: the position of the ticked box (1, 2, 3 …), several separated by spaces for "meer
 * antwoorden", the mark itself for a grade, 9 for "weet niet" on the agree scale. One text field
 * per variable, so a keyer never leaves the keyboard. An empty field is "niet ingevuld".
 */

/** The agree scale's "weet niet" is keyed as 9, as on most Dutch keying instructions. */
export const DONT_KNOW_CODE = '9';

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

function choiceCodes(choices: readonly { label: { nl: string } }[]): string {
  return choices.map((c, i) => `${i + 1} ${c.label.nl}`).join(' · ');
}

const AGREE_CODES = AGREE_SCALE.map((p) =>
  p.value === 'weet_niet' ? `${DONT_KNOW_CODE} ${p.label.nl}` : `${p.value} ${p.label.nl}`,
).join(' · ');

/** The fields of one question, in the order the keyer meets them on paper. */
function fieldsOf(q: Question, number: number): KeyField[] {
  const label = `Vraag ${number}`;
  switch (q.type) {
    case 'single_choice':
      return [{ field: q.name, label, codes: choiceCodes(q.choices) }];
    case 'multiple_choice':
      return [
        {
          field: q.name,
          label,
          codes: `${choiceCodes(q.choices)} (meer codes met een spatie ertussen)`,
        },
      ];
    case 'grade':
      return [{ field: q.name, label, codes: 'cijfer 1 tot en met 10' }];
    case 'agree_scale':
      return [{ field: q.name, label, codes: AGREE_CODES }];
    case 'matrix':
      return q.rows.map((row, i) => ({
        field: row.name,
        label: `${label}${String.fromCharCode(97 + i)}`,
        codes: choiceCodes(q.choices),
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
      return [{ field: q.name, label, codes: 'buurtcode (BU…) of postcode' }];
  }
}

/** The keying screen's fields for a questionnaire, numbered as on paper. */
export function keyingItems(q: Questionnaire): KeyingItem[] {
  return numberQuestions(q).map((numbered) => ({
    numbered,
    fields: fieldsOf(numbered.question, numbered.number),
  }));
}

export interface KeyProblem {
  field: string;
  message: string;
}

export interface ParsedKeying {
  answers: Record<string, AnswerValue>;
  problems: KeyProblem[];
  /** Filled in on paper, but skipped by the routing: not kept, and said so. */
  dropped: string[];
}

const POSTCODE = /^[1-9][0-9]{3}(?: ?[A-Z]{2})?$/;

function parseOne(
  q: Question,
  field: KeyField,
  raw: string,
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
      if (/^BU\d{8}$/.test(upper)) return { value: upper };
      if (q.allowPostcode && POSTCODE.test(upper)) return { value: upper.replace(' ', '') };
      return {
        error: `${where}: typ een buurtcode (BU en 8 cijfers)${q.allowPostcode ? ' of een postcode' : ''}.`,
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
 * Turns what the keyer typed into answers. Problems name the question as numbered on paper;
 * with any problem nothing is stored (the caller shows the form again).
 */
export function parseKeyedForm(
  q: Questionnaire,
  raw: Readonly<Record<string, string | undefined>>,
): ParsedKeying {
  const answers: Record<string, AnswerValue> = {};
  const problems: KeyProblem[] = [];
  const dropped: string[] = [];
  for (const { numbered, fields } of keyingItems(q)) {
    const { question } = numbered;
    if (question.type === 'theme_ranking') {
      const r = parseRanking(question, fields, raw);
      problems.push(...r.problems);
      if (r.value) answers[question.name] = r.value;
      continue;
    }
    for (const field of fields) {
      const text = raw[field.field] ?? '';
      if (text.trim() === '') continue;
      const r = parseOne(question, field, text);
      if (r.error) problems.push({ field: field.field, message: r.error });
      else if (r.value !== undefined) answers[field.field] = r.value;
    }
  }
  // Routing: what the paper form says to skip is not kept, as in the other channels.
  for (const { numbered, fields } of keyingItems(q)) {
    if (isAsked(numbered.group, numbered.question, answers as Answers)) continue;
    for (const name of new Set(fields.map((f) => f.field.replace(/__.*$/, '')))) {
      if (name in answers) {
        delete answers[name];
        dropped.push(`Vraag ${numbered.number}`);
      }
    }
  }
  return { answers, problems, dropped: [...new Set(dropped)] };
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
