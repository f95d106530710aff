import { allQuestions, isAsked, type Answers, type AnswerValue } from './answers.ts';
import { RANKED_THEMES } from './fixed-labels.ts';
import type { Question, Questionnaire } from './questionnaire.schema.ts';

/**
 * The server-side check of answers, the same for every channel: each value must fit its
 * question's type and choices, answers to questions the routing skips are dropped, and (when
 * asked) required questions must be answered. Messages are Dutch and name the question.
 */

export interface AnswerProblem {
  variable: string;
  message: string;
}

export interface CheckedAnswers {
  answers: Record<string, AnswerValue>;
  problems: AnswerProblem[];
  /** Variables dropped because the routing skips their question. */
  skipped: string[];
}

const RANK_KEYS = new Set(RANKED_THEMES.map((t) => t.key));
const BUURT = /^BU\d{8}$/;
const POSTCODE = /^[1-9]\d{3}([A-Z]{2})?$/;

function checkValue(q: Question, variable: string, v: AnswerValue): string | undefined {
  const name = `"${q.text.nl}"`;
  switch (q.type) {
    case 'single_choice':
      return typeof v === 'string' && q.choices.some((c) => c.value === v)
        ? undefined
        : `Kies bij ${name} een van de antwoorden.`;
    case 'matrix':
      return typeof v === 'string' && q.choices.some((c) => c.value === v)
        ? undefined
        : `Kies bij ${name} per regel een van de antwoorden (${variable}).`;
    case 'multiple_choice': {
      if (!Array.isArray(v) || v.some((x) => !q.choices.some((c) => c.value === x)))
        return `Kies bij ${name} alleen uit de antwoorden.`;
      if (new Set(v).size !== v.length) return `Kies bij ${name} elk antwoord één keer.`;
      if (q.maxSelected !== undefined && v.length > q.maxSelected)
        return `Kies bij ${name} hoogstens ${q.maxSelected} antwoorden.`;
      return undefined;
    }
    case 'grade':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10
        ? undefined
        : `Geef bij ${name} een cijfer van 1 tot en met 10.`;
    case 'agree_scale':
      return (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5) ||
        (v === 'weet_niet' && q.dontKnow)
        ? undefined
        : `Kies bij ${name} een van de antwoorden.`;
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return `Vul bij ${name} een getal in.`;
      if (q.integer && !Number.isInteger(v)) return `Vul bij ${name} een heel getal in.`;
      if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
        return `Vul bij ${name} een getal van ${q.min ?? '…'} tot en met ${q.max ?? '…'} in.`;
      return undefined;
    case 'open_text':
      return typeof v === 'string' && v.length <= q.maxLength
        ? undefined
        : `Gebruik bij ${name} hoogstens ${q.maxLength} tekens.`;
    case 'theme_ranking':
      return Array.isArray(v) &&
        v.length >= 1 &&
        v.length <= q.places &&
        new Set(v).size === v.length &&
        v.every((x) => RANK_KEYS.has(x))
        ? undefined
        : `Zet bij ${name} hoogstens ${q.places} thema's op volgorde, elk één keer.`;
    case 'buurt_choice':
      return typeof v === 'string' && (BUURT.test(v) || (q.allowPostcode && POSTCODE.test(v)))
        ? undefined
        : `Kies bij ${name} een buurt${q.allowPostcode ? ' of vul een postcode in (1234 AB)' : ''}.`;
  }
}

const empty = (v: AnswerValue | undefined) =>
  v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

/**
 * Checks answers against the questionnaire. `requireComplete` also asks for every required
 * question that is asked (a final submit); without it only what is there is checked (a saved page).
 * Unknown variables are refused: nothing outside the definition is stored.
 */
export function checkAnswers(
  q: Questionnaire,
  given: Answers,
  options: { requireComplete: boolean; onlyGroups?: ReadonlySet<string> },
): CheckedAnswers {
  const answers: Record<string, AnswerValue> = {};
  const problems: AnswerProblem[] = [];
  const skipped: string[] = [];
  const known = new Set<string>();
  for (const { group, question } of allQuestions(q)) {
    const variables =
      question.type === 'matrix' ? question.rows.map((r) => r.name) : [question.name];
    variables.forEach((v) => known.add(v));
    const inScope = !options.onlyGroups || options.onlyGroups.has(group.name);
    if (!isAsked(group, question, { ...given, ...answers })) {
      for (const v of variables) if (!empty(given[v])) skipped.push(v);
      continue;
    }
    for (const variable of variables) {
      const value = given[variable];
      if (empty(value)) {
        if (options.requireComplete && question.required && inScope) {
          problems.push({
            variable,
            message: `Beantwoord de vraag "${question.text.nl}"${question.type === 'matrix' ? ' (elke regel)' : ''}.`,
          });
        }
        continue;
      }
      const problem = checkValue(question, variable, value as AnswerValue);
      if (problem) problems.push({ variable, message: problem });
      else answers[variable] = value as AnswerValue;
    }
  }
  for (const variable of Object.keys(given)) {
    if (!known.has(variable) && !empty(given[variable])) {
      problems.push({ variable, message: `Onbekende vraag "${variable.slice(0, 40)}".` });
    }
  }
  return { answers, problems, skipped };
}
