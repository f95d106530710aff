/** What other features use of the survey: questionnaires, submissions, results, publication. */
export { questionnaireSchema } from './definition/questionnaire.schema.ts';
export type { Questionnaire } from './definition/questionnaire.schema.ts';
export { newIdempotencyKey, submitComplete } from './responses/response.service.ts';
export { SurveyMethodSection } from './results/methode-section.tsx';
export type { ResultTable } from './results/survey-results.ts';
export { publicationCheck } from './weighting/publication.ts';
