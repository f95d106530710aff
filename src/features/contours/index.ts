/** The contours feature's public face for the composition root and other features (ADR 0034). */
export { ContoursRepository } from './contours.repository.ts';
export {
  ContoursService,
  type ContoursDeps,
  type DecidedContours,
  type SurveyQuestionRef,
} from './contours.service.ts';
