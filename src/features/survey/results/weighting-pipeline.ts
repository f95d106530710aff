import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { readPopulationMargins } from '../weighting/population-margins.ts';
import type { PopulationMargin } from '../weighting/weighting.schema.ts';
import { weightResponses, type ResultResponse, type Weighting } from './survey-results.ts';

/** Weights a set of responses of one questionnaire with the margins loaded once. */
export type Weigher = (responses: readonly ResultResponse[]) => Weighting;

/**
 * Load margins, then weight: the one place the survey results and the monitor estimates get
 * their weighting from. Margins that are absent for a known reason (figures not loaded, no
 * buurten yet) give "niet gewogen"; a database error propagates to the error handler.
 */
export async function loadWeigher(db: Kysely<Database>, q: Questionnaire): Promise<Weigher> {
  let margins: PopulationMargin[] | undefined;
  if (q.weighting) {
    const read = await readPopulationMargins(db, q.focusArea);
    if (read.ok) margins = read.margins.margins;
  }
  return (responses) => weightResponses(q, responses, margins);
}
