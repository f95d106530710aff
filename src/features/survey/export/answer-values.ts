import { BadRequestError } from '../../../shared/errors.ts';
import type { AnswerValue } from '../definition/answers.ts';
import type { Choice, Question } from '../definition/questionnaire.schema.ts';
import type { Extract, VersionPlan } from './catalogue.ts';
import {
  AGREE_DONT_KNOW_CODE,
  AGREE_DONT_KNOW_VALUE,
  NOT_RANKED_CODE,
  RANKED_THEMES,
} from './labels.ts';
import type { DatasetValue } from './model.ts';

/**
 * From stored answers to export values. Answers were checked when they were given; they are
 * checked again here because the export is a boundary, and a wrong value in a researcher's file
 * is worse than a refused export. A refusal names the response and the question.
 */

type Checked = { kind: 'absent' } | { kind: 'value'; value: AnswerValue };

function isEmpty(value: AnswerValue | undefined): value is undefined {
  // An empty list is "nothing ticked": for a multiple-choice question that is not an answer.
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

function toNumber(value: AnswerValue): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** Why an answer does not fit its question, or undefined when it fits. */
function problemWith(
  value: AnswerValue,
  question: Question,
  choices?: Choice[],
): string | undefined {
  const allowed = new Set(choices?.map((c) => c.value));
  switch (question.type) {
    case 'single_choice':
    case 'matrix':
      return typeof value === 'string' && allowed.has(value)
        ? undefined
        : `"${String(value)}" is geen antwoordmogelijkheid`;
    case 'multiple_choice': {
      if (!Array.isArray(value)) return 'een meerkeuzeantwoord moet een lijst zijn';
      const wrong = value.find((v) => !allowed.has(v));
      if (wrong !== undefined) return `"${wrong}" is geen antwoordmogelijkheid`;
      return new Set(value).size === value.length ? undefined : 'een keuze staat er dubbel in';
    }
    case 'grade': {
      const n = toNumber(value);
      return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 10
        ? undefined
        : `"${String(value)}" is geen rapportcijfer van 1 tot en met 10`;
    }
    case 'agree_scale': {
      if (value === AGREE_DONT_KNOW_VALUE && question.dontKnow) return undefined;
      const n = toNumber(value);
      return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 5
        ? undefined
        : `"${String(value)}" ligt niet op de schaal 1 tot en met 5`;
    }
    case 'number': {
      const n = toNumber(value);
      if (n === undefined || !Number.isFinite(n)) return `"${String(value)}" is geen getal`;
      if (question.integer && !Number.isInteger(n)) return `${n} is geen geheel getal`;
      if (question.min !== undefined && n < question.min)
        return `${n} is kleiner dan ${question.min}`;
      if (question.max !== undefined && n > question.max)
        return `${n} is groter dan ${question.max}`;
      return undefined;
    }
    case 'open_text':
    case 'buurt_choice':
      return typeof value === 'string' ? undefined : 'het antwoord moet tekst zijn';
    case 'theme_ranking': {
      if (!Array.isArray(value)) return 'een rangorde moet een lijst met thema’s zijn';
      const themes = new Set<string>(RANKED_THEMES);
      const wrong = value.find((v) => !themes.has(v));
      if (wrong !== undefined) return `"${wrong}" is geen thema`;
      if (new Set(value).size !== value.length) return 'een thema staat er dubbel in';
      return value.length <= question.places ? undefined : `meer dan ${question.places} plaatsen`;
    }
    default: {
      const never: never = question;
      return `onbekend vraagtype ${JSON.stringify(never)}`;
    }
  }
}

/** Checks every answer of one response against its version; returns the answers by key. */
export function checkAnswers(
  responseId: string,
  version: number,
  answers: Readonly<Record<string, AnswerValue | undefined>>,
  plan: VersionPlan,
): Map<string, Checked> {
  const out = new Map<string, Checked>();
  for (const [key, value] of Object.entries(answers)) {
    const entry = plan.questions.get(key);
    if (!entry) {
      throw new BadRequestError(
        `Respons ${responseId}: versie ${version} van de vragenlijst heeft geen vraag "${key}".`,
      );
    }
    if (isEmpty(value)) {
      out.set(key, { kind: 'absent' });
      continue;
    }
    const problem = problemWith(value, entry.question, entry.choices);
    if (problem) {
      throw new BadRequestError(`Respons ${responseId}, vraag "${key}": ${problem}.`);
    }
    out.set(key, { kind: 'value', value });
  }
  return out;
}

/** The export value of one variable; the answer has been checked by checkAnswers. */
export function valueOf(extract: Extract, answers: Map<string, Checked>): DatasetValue {
  const answer = answers.get(extract.answerKey);
  if (!answer || answer.kind === 'absent') return null;
  const value = answer.value;
  switch (extract.kind) {
    case 'code':
      return extract.codes.get(value as string) ?? null;
    case 'chosen':
      return (value as string[]).includes(extract.value) ? 1 : 0;
    case 'rank': {
      const place = (value as string[]).indexOf(extract.theme);
      return place === -1 ? NOT_RANKED_CODE : place + 1;
    }
    case 'agree':
      return value === AGREE_DONT_KNOW_VALUE ? AGREE_DONT_KNOW_CODE : toNumber(value)!;
    case 'number':
      return toNumber(value)!;
    case 'text':
      return value as string;
  }
}
