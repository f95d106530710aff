import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import type { SurveyEstimate, SurveyEstimateProvider } from '../../monitor/index.ts';
import type { QuestionnaireRegistry } from '../definition/registry.ts';
import { listPublishableResponses } from '../responses/response.repository.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import {
  missingValuesOf,
  weightedShare,
  type ResultResponse,
  type Weighting,
} from './survey-results.ts';
import { loadWeigher } from './weighting-pipeline.ts';

/** As the catalogue's survey indicators say: "Geen uitkomst bij minder dan 30 antwoorden." */
export const MONITOR_MINIMUM_ANSWERS = 30;

/**
 * Survey-based indicators for the monitor: per fieldwork year, the weighted share of the
 * questionnaire's focus area. Only for that focus area itself (a custom set or a buurt has too
 * few answers to weight on its own). The weighted responses are kept through `remember`, which
 * the monitor gives per data version (ADR 0024): a response sent or reviewed moves that version,
 * so nothing here keeps a cache of its own. Without `remember` every call weighs afresh.
 */
export function surveyEstimateProvider(
  db: Kysely<Database>,
  questionnaires: QuestionnaireRegistry,
): SurveyEstimateProvider {
  return async (measure, selection, remember = (_key, make) => make()) => {
    const q = questionnaires.get(measure.questionnaire);
    if (!q || selection.kind !== 'focusgebied' || selection.slug !== q.focusArea) return [];
    const prepared = await remember(`enquete-gewogen\u0000${q.key}`, () => prepare(db, q));
    const measureKey = `${measure.variable}|${measure.values.join(',')}`;
    const known = prepared.shares.get(measureKey);
    if (known) return known;
    const estimates = estimatesOf(q, prepared, measure);
    prepared.shares.set(measureKey, estimates);
    return estimates;
  };
}

/**
 * The statistics, apart from which responses count (prepare): per year the weighted share with
 * its logit interval, "weet niet" outside the base, and the publication guards. A year whose
 * raking did not converge gives a withheld estimate that says so.
 */
export function estimatesOf(
  q: Questionnaire,
  prepared: Pick<Prepared, 'byYear' | 'weighted'>,
  measure: { variable: string; values: readonly string[] },
): SurveyEstimate[] {
  const missing = missingValuesOf(q, measure.variable);
  const estimates: SurveyEstimate[] = [];
  for (const [year, group] of prepared.byYear) {
    const w = prepared.weighted.get(year);
    if (!w) continue;
    if (w.converged === false) {
      estimates.push({
        period: year,
        value: NaN,
        lower: NaN,
        upper: NaN,
        n: group.length,
        effectiveN: NaN,
        withheld: 'de weging kwam niet uit (de weegfactoren convergeerden niet)',
      });
      continue;
    }
    const share = weightedShare(
      group,
      w,
      measure.variable,
      measure.values,
      MONITOR_MINIMUM_ANSWERS,
      missing,
    );
    if (share) estimates.push({ period: year, ...share });
  }
  return estimates;
}

interface Prepared {
  byYear: Map<string, ResultResponse[]>;
  weighted: Map<string, Weighting>;
  shares: Map<string, SurveyEstimate[]>;
}

/**
 * The publishable responses per fieldwork year, each year weighted on its own. Only responses
 * through a way the questionnaire trusts (responses/trust.ts): a flood of anonymous posts
 * cannot move a public figure (issue 11).
 */
async function prepare(db: Kysely<Database>, q: Questionnaire): Promise<Prepared> {
  const responses: ResultResponse[] = await listPublishableResponses(db, q);
  // Margins not loaded (yet): nothing is weighted, so the monitor shows no survey figure.
  const weigh = await loadWeigher(db, q);
  const byYear = new Map<string, ResultResponse[]>();
  for (const r of responses) {
    const year = r.submittedAt.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), r]);
  }
  const weighted = new Map<string, Weighting>();
  for (const [year, group] of byYear) weighted.set(year, weigh(group));
  return { byYear, weighted, shares: new Map() };
}
