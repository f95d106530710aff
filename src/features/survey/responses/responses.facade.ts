import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { withDb } from '../../../shared/with-db.ts';
import { unmappedPostcodeNote } from '../keying/postcode-answers.ts';
import { loadWeigher } from '../results/weighting-pipeline.ts';
import { listAwaitingReview } from '../review/review.repository.ts';
import { countSkippedAnswers, readSkippedAnswers } from '../review/skipped-answers.repository.ts';
import {
  openConcept,
  resumeByCode,
  saveGroup,
  startConcept,
  submitConcept,
} from '../web/session-response.service.ts';
import {
  countResponses,
  findResponse,
  listCountedResponses,
  readAnswers,
} from './response.repository.ts';
import { reviewResponse, submitComplete } from './response.service.ts';

/** Survey responses: web and interview sessions, whole submissions, review. */
export function responseService(db: Kysely<Database>) {
  return {
    find: withDb(db, findResponse),
    readAnswers: withDb(db, readAnswers),
    count: withDb(db, countResponses),
    listCounted: withDb(db, listCountedResponses),
    submitComplete: withDb(db, submitComplete),
    startConcept: withDb(db, startConcept),
    openConcept: withDb(db, openConcept),
    resumeByCode: withDb(db, resumeByCode),
    saveGroup: withDb(db, saveGroup),
    submitConcept: withDb(db, submitConcept),
    awaitingReview: withDb(db, listAwaitingReview),
    readSkippedAnswers: withDb(db, readSkippedAnswers),
    countSkippedAnswers: withDb(db, countSkippedAnswers),
    review: withDb(db, reviewResponse),
  };
}
export type ResponseService = ReturnType<typeof responseService>;

/** Weighted results of a survey: the weigher to CBS margins and the note on unmapped postcodes. */
export function surveyResultService(db: Kysely<Database>) {
  return {
    weigher: withDb(db, loadWeigher),
    unmappedPostcodeNote: withDb(db, unmappedPostcodeNote),
  };
}
export type SurveyResultService = ReturnType<typeof surveyResultService>;
