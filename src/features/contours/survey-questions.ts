import type { Questionnaire } from '../survey/index.ts';
import type { SurveyQuestionRef } from './contours.service.ts';

/**
 * The questions of an area's questionnaires (newest versions) that belong to a theme, as
 * candidate evidence: a matrix row counts as its own question, under its own theme if it has one.
 */
export function surveyQuestionsOf(
  questionnaires: readonly Questionnaire[],
  slug: string,
): SurveyQuestionRef[] {
  const out: SurveyQuestionRef[] = [];
  for (const q of questionnaires.filter((x) => x.focusArea === slug)) {
    const base = { surveyKey: q.key, audience: q.audience, surveyTitle: q.title.nl };
    for (const question of q.groups.flatMap((g) => g.questions)) {
      if (question.type === 'matrix') {
        for (const row of question.rows)
          out.push({
            ...base,
            name: row.name,
            text: `${question.text.nl} ${row.text.nl}`,
            themeKey: row.theme ?? question.theme,
          });
      } else {
        out.push({
          ...base,
          name: question.name,
          text: question.text.nl,
          themeKey: question.theme,
        });
      }
    }
  }
  return out;
}
