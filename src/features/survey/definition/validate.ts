import { allQuestions, isAsked, type Answers, type AnswerValue } from './answers.ts';
import { RANKED_THEMES } from './fixed-labels.ts';
import { textIn } from './fixed-labels.ts';
import type { Language, Question, Questionnaire } from './questionnaire.schema.ts';

/**
 * The server-side check of answers, the same for every channel: each value must fit its
 * question's type and choices, answers to questions the routing skips are dropped, and (when
 * asked) required questions must be answered. Messages name the question, in Dutch, or in the
 * respondent's language where one is given (English; other languages fall back to Dutch).
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

/** The messages, per language: Dutch, and English for respondents who answer in English. */
const MESSAGES = {
  nl: {
    choose: (n: string) => `Kies bij ${n} een van de antwoorden.`,
    chooseRow: (n: string, v: string) => `Kies bij ${n} per regel een van de antwoorden (${v}).`,
    onlyFrom: (n: string) => `Kies bij ${n} alleen uit de antwoorden.`,
    once: (n: string) => `Kies bij ${n} elk antwoord één keer.`,
    atMost: (n: string, m: number) => `Kies bij ${n} hoogstens ${m} antwoorden.`,
    grade: (n: string) => `Geef bij ${n} een cijfer van 1 tot en met 10.`,
    number: (n: string) => `Vul bij ${n} een getal in.`,
    whole: (n: string) => `Vul bij ${n} een heel getal in.`,
    range: (n: string, a: string, b: string) =>
      `Vul bij ${n} een getal van ${a} tot en met ${b} in.`,
    length: (n: string, m: number) => `Gebruik bij ${n} hoogstens ${m} tekens.`,
    rank: (n: string, m: number) =>
      `Zet bij ${n} hoogstens ${m} thema's op volgorde, elk één keer.`,
    buurt: (n: string, postcode: boolean) =>
      `Kies bij ${n} een buurt${postcode ? ' of vul een postcode in (1234 AB)' : ''}.`,
    required: (n: string, matrix: boolean) =>
      `Beantwoord de vraag ${n}${matrix ? ' (elke regel)' : ''}.`,
    unknown: (v: string) => `Onbekende vraag "${v}".`,
  },
  en: {
    choose: (n: string) => `Choose one of the answers to ${n}.`,
    chooseRow: (n: string, v: string) => `Choose one answer on each line of ${n} (${v}).`,
    onlyFrom: (n: string) => `Choose only from the answers to ${n}.`,
    once: (n: string) => `Choose each answer to ${n} only once.`,
    atMost: (n: string, m: number) => `Choose at most ${m} answers to ${n}.`,
    grade: (n: string) => `Give a mark from 1 to 10 for ${n}.`,
    number: (n: string) => `Fill in a number for ${n}.`,
    whole: (n: string) => `Fill in a whole number for ${n}.`,
    range: (n: string, a: string, b: string) => `Fill in a number from ${a} to ${b} for ${n}.`,
    length: (n: string, m: number) => `Use at most ${m} characters for ${n}.`,
    rank: (n: string, m: number) => `Put at most ${m} themes in order for ${n}, each once.`,
    buurt: (n: string, postcode: boolean) =>
      `Choose a neighbourhood for ${n}${postcode ? ' or fill in a postcode (1234 AB)' : ''}.`,
    required: (n: string, matrix: boolean) =>
      `Please answer the question ${n}${matrix ? ' (every line)' : ''}.`,
    unknown: (v: string) => `Unknown question "${v}".`,
  },
} as const;
type Messages = (typeof MESSAGES)['nl'];

function checkValue(
  q: Question,
  variable: string,
  v: AnswerValue,
  language: Language,
): string | undefined {
  const m: Messages = language === 'en' ? MESSAGES.en : MESSAGES.nl;
  const name = `"${textIn(q.text, language === 'en' ? 'en' : 'nl')}"`;
  switch (q.type) {
    case 'single_choice':
      return typeof v === 'string' && q.choices.some((c) => c.value === v)
        ? undefined
        : m.choose(name);
    case 'matrix':
      return typeof v === 'string' && q.choices.some((c) => c.value === v)
        ? undefined
        : m.chooseRow(name, variable);
    case 'multiple_choice': {
      if (!Array.isArray(v) || v.some((x) => !q.choices.some((c) => c.value === x)))
        return m.onlyFrom(name);
      if (new Set(v).size !== v.length) return m.once(name);
      if (q.maxSelected !== undefined && v.length > q.maxSelected)
        return m.atMost(name, q.maxSelected);
      return undefined;
    }
    case 'grade':
      return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10
        ? undefined
        : m.grade(name);
    case 'agree_scale':
      return (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 5) ||
        (v === 'weet_niet' && q.dontKnow)
        ? undefined
        : m.choose(name);
    case 'number':
      if (typeof v !== 'number' || !Number.isFinite(v)) return m.number(name);
      if (q.integer && !Number.isInteger(v)) return m.whole(name);
      if ((q.min !== undefined && v < q.min) || (q.max !== undefined && v > q.max))
        return m.range(name, String(q.min ?? '…'), String(q.max ?? '…'));
      return undefined;
    case 'open_text':
      return typeof v === 'string' && v.length <= q.maxLength
        ? undefined
        : m.length(name, q.maxLength);
    case 'theme_ranking':
      return Array.isArray(v) &&
        v.length >= 1 &&
        v.length <= q.places &&
        new Set(v).size === v.length &&
        v.every((x) => RANK_KEYS.has(x))
        ? undefined
        : m.rank(name, q.places);
    case 'buurt_choice':
      return typeof v === 'string' && (BUURT.test(v) || (q.allowPostcode && POSTCODE.test(v)))
        ? undefined
        : m.buurt(name, q.allowPostcode);
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
  options: {
    requireComplete: boolean;
    onlyGroups?: ReadonlySet<string>;
    /** The respondent's language for the messages (default Dutch). */
    language?: Language;
  },
): CheckedAnswers {
  const language = options.language ?? 'nl';
  const m: Messages = language === 'en' ? MESSAGES.en : MESSAGES.nl;
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
            message: m.required(
              `"${textIn(question.text, language === 'en' ? 'en' : 'nl')}"`,
              question.type === 'matrix',
            ),
          });
        }
        continue;
      }
      const problem = checkValue(question, variable, value as AnswerValue, language);
      if (problem) problems.push({ variable, message: problem });
      else answers[variable] = value as AnswerValue;
    }
  }
  for (const variable of Object.keys(given)) {
    if (!known.has(variable) && !empty(given[variable])) {
      problems.push({ variable, message: m.unknown(variable.slice(0, 40)) });
    }
  }
  return { answers, problems, skipped };
}
