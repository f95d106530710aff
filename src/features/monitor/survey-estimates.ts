import type { IndicatorAggregate } from '../aggregation/index.ts';
import type { Indicator, SurveyProportionMeasure } from '../indicators/index.ts';
import type { AreaSelection, SeriesPoint } from './profile.types.ts';

/**
 * Survey-based indicators in the monitor. The survey engine computes a weighted share with its
 * 95% interval per fieldwork period; the monitor shows it like any figure, marked as a survey
 * result, with the interval, the number of answers and the effective n.
 */
export interface SurveyEstimate {
  /** Fieldwork period, e.g. "2026". */
  period: string;
  /** Weighted share in percent. */
  value: number;
  lower: number;
  upper: number;
  /** Valid answers counted (unweighted). */
  n: number;
  /** Kish effective sample size after weighting. */
  effectiveN: number;
  /**
   * Set when the estimate may not be shown (raking did not converge, effective n under 30 or a
   * half-width over 15 points): the reason, shown after "te onzeker om te tonen". The figures
   * are then not shown anywhere in the monitor.
   */
  withheld?: string;
}

/** Keeps what `make` builds under `key` for the current data version (MonitorData.read). */
export type RememberPerVersion = <T>(key: string, make: () => Promise<T>) => Promise<T>;

/**
 * Estimates for a measure and a set of buurten; empty when there are none (yet). `remember`
 * keeps the costly part (the weighting) for the current data version.
 */
export type SurveyEstimateProvider = (
  measure: SurveyProportionMeasure,
  selection: AreaSelection,
  remember?: RememberPerVersion,
) => Promise<readonly SurveyEstimate[]>;

const pct = (v: number) => v.toLocaleString('nl-NL', { maximumFractionDigits: 0 });

/** One estimate as a series point, with the interval in `survey` and said in the note. */
export function surveyPoint(
  indicator: Indicator,
  selection: AreaSelection,
  e: SurveyEstimate,
): SeriesPoint {
  if (e.withheld !== undefined) {
    const withheld: IndicatorAggregate = {
      indicatorKey: indicator.key,
      period: e.period,
      indelingYear: selection.indelingYear,
      dataIndelingYears: {},
      status: 'onvoldoende data',
      value: null,
      flags: [],
      includedCodes: selection.buurtCodes,
      excluded: [],
      note: `Uit de enquête: te onzeker om te tonen, want ${e.withheld}.`,
    };
    return { period: e.period, result: withheld };
  }
  const result: IndicatorAggregate = {
    indicatorKey: indicator.key,
    period: e.period,
    indelingYear: selection.indelingYear,
    dataIndelingYears: {},
    status: 'berekend',
    value: e.value,
    flags: [],
    includedCodes: selection.buurtCodes,
    excluded: [],
    survey: { lower: e.lower, upper: e.upper, n: e.n, effectiveN: e.effectiveN },
    note: `Uit de enquête: ${e.n} antwoorden, gewogen; 95%-marge ${pct(e.lower)} tot ${pct(e.upper)}.`,
  };
  return { period: e.period, result };
}
