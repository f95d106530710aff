import type { Condition, Question, Questionnaire } from './questionnaire.schema.ts';

/**
 * How an answer is held in memory, per question type. One answer row per variable is stored
 * (DESIGN.md): a matrix stores one value per row under the row's name.
 *
 * - single_choice, matrix row: the choice `value`
 * - multiple_choice: the chosen values, in the order of the choices
 * - grade: 1–10; number: a number
 * - agree_scale: 1 (helemaal oneens) … 5 (helemaal eens), or `weet_niet`
 * - open_text: the text
 * - theme_ranking: theme keys, most important first
 * - buurt_choice: a CBS buurt code (BU…) or a postcode (`3314AB` or `3314`)
 */
export type AnswerValue = string | number | string[];
export type Answers = Readonly<Record<string, AnswerValue | undefined>>;

/** The variables a question stores answers under: its own name, or one per matrix row. */
export function variablesOf(question: Question): string[] {
  return question.type === 'matrix' ? question.rows.map((r) => r.name) : [question.name];
}

/** Every question of a questionnaire in order, with the group it sits in. */
export function allQuestions(q: Questionnaire) {
  return q.groups.flatMap((group) => group.questions.map((question) => ({ group, question })));
}

/** Whether a skip-logic condition holds for the answers given so far. */
export function conditionHolds(condition: Condition, answers: Answers): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  if ('not' in condition) return !conditionHolds(condition.not, answers);
  const value = answers[condition.question];
  if ('answered' in condition) return (value !== undefined && value !== '') === condition.answered;
  if (value === undefined) return false;
  if ('selected' in condition) return Array.isArray(value) && value.includes(condition.selected);
  if (Array.isArray(value)) return false;
  if ('equals' in condition) return String(value) === String(condition.equals);
  if ('notEquals' in condition) return String(value) !== String(condition.notEquals);
  if ('in' in condition) return condition.in.some((v) => String(v) === String(value));
  const n = typeof value === 'number' ? value : Number(value);
  if (Number.isNaN(n)) return false;
  if ('gte' in condition) return n >= condition.gte;
  return n <= condition.lte;
}

/** A question is asked when its group's and its own condition hold. */
export function isAsked(
  group: { showIf?: Condition | undefined },
  question: { showIf?: Condition | undefined },
  answers: Answers,
): boolean {
  return (
    (!group.showIf || conditionHolds(group.showIf, answers)) &&
    (!question.showIf || conditionHolds(question.showIf, answers))
  );
}
