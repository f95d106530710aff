import { conditionHolds, type Answers } from '../definition/answers.ts';
import { AGREE_SCALE, textIn } from '../definition/fixed-labels.ts';
import type {
  Condition,
  Language,
  Question,
  QuestionGroup,
  Questionnaire,
} from '../definition/questionnaire.schema.ts';

/**
 * Skip logic written out for paper. A paper respondent cannot be routed by software, so the
 * form says it twice: beside an answer that skips questions, "ga door naar vraag 12"; and at
 * every question that is not for everyone, in words, when to answer it.
 */

export interface NumberedQuestion {
  number: number;
  group: QuestionGroup;
  question: Question;
  /** The group's and the question's own condition together. */
  condition: Condition | undefined;
}

/** Questions numbered 1… through all groups, in order; a matrix is one number. */
export function numberQuestions(q: Questionnaire): NumberedQuestion[] {
  let n = 0;
  return q.groups.flatMap((group) =>
    group.questions.map((question) => {
      const parts = [group.showIf, question.showIf].filter((c): c is Condition => !!c);
      return {
        number: ++n,
        group,
        question,
        condition: parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : { all: parts },
      };
    }),
  );
}

/** Every question a condition looks at. */
export function referencedQuestions(c: Condition, out = new Set<string>()): Set<string> {
  if ('all' in c) c.all.forEach((x) => referencedQuestions(x, out));
  else if ('any' in c) c.any.forEach((x) => referencedQuestions(x, out));
  else if ('not' in c) referencedQuestions(c.not, out);
  else out.add(c.question);
  return out;
}

/** The answers a respondent can tick on paper for a question that routes: its choices. */
function tickable(question: Question): { value: string | number }[] {
  switch (question.type) {
    case 'single_choice':
      return question.choices;
    case 'agree_scale':
      return AGREE_SCALE.filter((c) => question.dontKnow || c.value !== 'weet_niet');
    case 'grade':
      return Array.from({ length: 10 }, (_, i) => ({ value: i + 1 }));
    default:
      return [];
  }
}

export type GoTo = number | 'einde';

/**
 * Per question name, per answer value: where to go next when that answer skips the questions
 * right after it. Only conditions that look at this one question alone are followed; any other
 * condition stops the jump and is written out at the question itself.
 */
export function paperJumps(numbered: readonly NumberedQuestion[]): Map<string, Map<string, GoTo>> {
  const jumps = new Map<string, Map<string, GoTo>>();
  numbered.forEach((from, i) => {
    const perValue = new Map<string, GoTo>();
    for (const { value } of tickable(from.question)) {
      const answers: Answers = { [from.question.name]: value };
      let j = i + 1;
      while (j < numbered.length) {
        const next = numbered[j]!;
        if (!next.condition) break;
        const refs = referencedQuestions(next.condition);
        if (refs.size !== 1 || !refs.has(from.question.name)) break;
        if (conditionHolds(next.condition, answers)) break;
        j++;
      }
      if (j > i + 1)
        perValue.set(String(value), j < numbered.length ? numbered[j]!.number : 'einde');
    }
    if (perValue.size > 0) jumps.set(from.question.name, perValue);
  });
  return jumps;
}

const WORDS = {
  nl: {
    only: 'Alleen invullen als u',
    at: 'bij vraag',
    chose: 'hebt gekozen',
    ticked: 'hebt aangekruist',
    filled: 'iets hebt ingevuld',
    empty: 'niets hebt ingevuld',
    notChose: 'niet',
    atLeast: 'of hoger hebt ingevuld',
    atMost: 'of lager hebt ingevuld',
    and: 'en',
    or: 'of',
    not: 'het volgende niet geldt:',
    goTo: 'Ga door naar vraag',
    end: 'Ga door naar het einde van de vragenlijst',
  },
  en: {
    only: 'Only answer if you',
    at: 'at question',
    chose: 'chose',
    ticked: 'ticked',
    filled: 'filled in something',
    empty: 'left it empty',
    notChose: 'not',
    atLeast: 'or higher',
    atMost: 'or lower',
    and: 'and',
    or: 'or',
    not: 'the following is not true:',
    goTo: 'Go to question',
    end: 'Go to the end of the questionnaire',
  },
} as const;

const wordsFor = (language: Language) => (language === 'en' ? WORDS.en : WORDS.nl);

/** "Ga door naar vraag 12" / "Go to question 12" for a jump. */
export function goToText(goTo: GoTo, language: Language): string {
  const w = wordsFor(language);
  return goTo === 'einde' ? w.end : `${w.goTo} ${goTo}`;
}

/** Label of an answer value of a question, in quotes, for instructions. */
function answerLabel(question: Question | undefined, value: string | number, language: Language) {
  if (question && (question.type === 'single_choice' || question.type === 'multiple_choice')) {
    const choice = question.choices.find((c) => c.value === String(value));
    if (choice) return `‘${textIn(choice.label, language)}’`;
  }
  if (question?.type === 'agree_scale') {
    const point = AGREE_SCALE.find((c) => String(c.value) === String(value));
    if (point) return `‘${textIn(point.label, language)}’`;
  }
  return `‘${value}’`;
}

/** A condition in plain words: "u bij vraag 3 ‘Ja’ hebt gekozen". */
export function conditionText(
  c: Condition,
  numbered: readonly NumberedQuestion[],
  language: Language,
): string {
  const w = wordsFor(language);
  if ('all' in c) return c.all.map((x) => conditionText(x, numbered, language)).join(` ${w.and} `);
  if ('any' in c) return c.any.map((x) => conditionText(x, numbered, language)).join(` ${w.or} `);
  if ('not' in c) return `${w.not} ${conditionText(c.not, numbered, language)}`;
  const target = numbered.find((n) => n.question.name === c.question);
  const at = `${w.at} ${target?.number ?? c.question}`;
  const label = (v: string | number) => answerLabel(target?.question, v, language);
  const en = language === 'en';
  if ('equals' in c)
    return en ? `${w.chose} ${label(c.equals)} ${at}` : `${at} ${label(c.equals)} ${w.chose}`;
  if ('notEquals' in c)
    return en
      ? `did ${w.notChose} choose ${label(c.notEquals)} ${at}`
      : `${at} ${w.notChose} ${label(c.notEquals)} ${w.chose}`;
  if ('in' in c) {
    const list = c.in.map(label).join(` ${w.or} `);
    return en ? `${w.chose} ${list} ${at}` : `${at} ${list} ${w.chose}`;
  }
  if ('selected' in c)
    return en ? `${w.ticked} ${label(c.selected)} ${at}` : `${at} ${label(c.selected)} ${w.ticked}`;
  if ('gte' in c)
    return en ? `filled in ${c.gte} ${w.atLeast} ${at}` : `${at} ${c.gte} ${w.atLeast}`;
  if ('lte' in c) return en ? `filled in ${c.lte} ${w.atMost} ${at}` : `${at} ${c.lte} ${w.atMost}`;
  return en
    ? `${c.answered ? w.filled : w.empty} ${at}`
    : `${at} ${c.answered ? w.filled : w.empty}`;
}

/** "Alleen invullen als u bij vraag 3 ‘Ja’ hebt gekozen." for a conditional question. */
export function instructionText(
  item: NumberedQuestion,
  numbered: readonly NumberedQuestion[],
  language: Language,
): string | undefined {
  if (!item.condition) return undefined;
  return `${wordsFor(language).only} ${conditionText(item.condition, numbered, language)}.`;
}
