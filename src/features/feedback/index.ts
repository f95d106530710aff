/** The feedback feature's public face for the composition root and other features (ADR 0035). */
export { FeedbackRepository } from './feedback.repository.ts';
export { FeedbackService, type FeedbackDeps, type UpcomingSession } from './feedback.service.ts';
export {
  NOTHING_DECIDED,
  type DecidedContours,
  type DecidedContourSet,
} from './decided-contours.ts';
