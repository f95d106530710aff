import type { Answers, AnswerValue } from '../definition/answers.ts';
import { RANKED_THEMES } from '../definition/fixed-labels.ts';
import type { Question, QuestionGroup } from '../definition/questionnaire.schema.ts';

/**
 * A posted HTML form of one question group as answers. Field names: the variable for most
 * types (radio buttons, a textarea, a text box), repeated for multiple choice (check boxes),
 * `<name>__<theme>` for a ranking's place per theme and `<name>__postcode` beside a buurt list.
 * Values are only shaped here; checkAnswers (definition/validate.ts) judges them.
 */
export type FormBody = Readonly<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined): string =>
  (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x) => x.trim()).filter(Boolean);

function numberOf(text: string): number | string {
  const n = Number(text.replace(',', '.'));
  return text !== '' && Number.isFinite(n) ? n : text;
}

function readQuestion(q: Question, body: FormBody, out: Record<string, AnswerValue | undefined>) {
  switch (q.type) {
    case 'single_choice':
    case 'open_text': {
      const v = first(body[q.name]);
      out[q.name] = v === '' ? undefined : v;
      return;
    }
    case 'matrix':
      for (const row of q.rows) {
        const v = first(body[row.name]);
        out[row.name] = v === '' ? undefined : v;
      }
      return;
    case 'multiple_choice': {
      const order = q.choices.map((c) => c.value);
      const v = list(body[q.name]).sort((a, b) => order.indexOf(a) - order.indexOf(b));
      out[q.name] = v.length === 0 ? undefined : v;
      return;
    }
    case 'grade':
    case 'number': {
      const v = first(body[q.name]);
      out[q.name] = v === '' ? undefined : numberOf(v);
      return;
    }
    case 'agree_scale': {
      const v = first(body[q.name]);
      out[q.name] = v === '' ? undefined : v === 'weet_niet' ? v : numberOf(v);
      return;
    }
    case 'theme_ranking': {
      const placed = RANKED_THEMES.flatMap((t) => {
        const v = first(body[`${q.name}__${t.key}`]);
        return v === '' ? [] : [{ theme: t.key, place: Number(v) }];
      });
      // Out of order or doubled places are passed on as they are, so the check can name them.
      const places = placed.map((p) => p.place);
      const valid =
        places.every((p) => Number.isInteger(p)) && new Set(places).size === places.length;
      out[q.name] =
        placed.length === 0
          ? undefined
          : valid
            ? placed.sort((a, b) => a.place - b.place).map((p) => p.theme)
            : placed.map((p) => p.theme).concat(placed.map((p) => p.theme));
      return;
    }
    case 'buurt_choice': {
      const postcode = first(body[`${q.name}__postcode`]).toUpperCase().replace(/\s+/g, '');
      const buurt = first(body[q.name]);
      out[q.name] = buurt !== '' ? buurt : postcode !== '' ? postcode : undefined;
      return;
    }
  }
}

/**
 * A hidden field with the names of the questions the page showed, so a follow-up brought in by
 * an answer on the same page is noticed (step-flow.tsx). Not a variable name (starts with _).
 */
export const SHOWN_FIELD = '_getoond';

/** The answers to one group's questions from a posted form (undefined: not answered). */
export function readGroupForm(group: QuestionGroup, body: FormBody): Answers {
  const out: Record<string, AnswerValue | undefined> = {};
  for (const q of group.questions) readQuestion(q, body, out);
  return out;
}

/** The variables one group's form holds (to replace exactly those when saving). */
export function groupVariables(group: QuestionGroup): string[] {
  return group.questions.flatMap((q) =>
    q.type === 'matrix' ? q.rows.map((r) => r.name) : [q.name],
  );
}
