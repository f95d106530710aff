import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listLoadedVariablePeriods } from '../datasets/index.ts';
import { measureVariables, measureVariableSets, type Catalogue } from './catalogue.schema.ts';

export interface LoadedPeriod {
  period: string;
  /** Indeling years that hold at least one of the indicator's variables for this period. */
  indelingYears: number[];
}

/**
 * Whether an indicator can be shown. "nog niet geladen" is never a zero: the monitor says the
 * data is missing instead of drawing an empty bar.
 */
export type IndicatorAvailability =
  | { key: string; status: 'geladen'; periods: LoadedPeriod[] }
  | {
      key: string;
      status: 'nog niet geladen';
      /** Variables without any value in an active dataset. */
      missing: string[];
      reason: string;
    };

type LoadedRow = { variable: string; period: string; indeling_year: number };

/** Pure part: decides availability from the list of loaded (variable, period, year) rows. */
export function availabilityFromLoaded(
  catalogue: Catalogue,
  loaded: readonly LoadedRow[],
): IndicatorAvailability[] {
  const byVariable = new Map<string, Map<string, Set<number>>>();
  for (const row of loaded) {
    let periods = byVariable.get(row.variable);
    if (!periods) byVariable.set(row.variable, (periods = new Map()));
    let years = periods.get(row.period);
    if (!years) periods.set(row.period, (years = new Set()));
    years.add(row.indeling_year);
  }

  return catalogue.indicators.map((indicator): IndicatorAvailability => {
    const variables = measureVariables(indicator.measure);
    if (variables.length === 0) {
      return {
        key: indicator.key,
        status: 'nog niet geladen',
        missing: [],
        reason: 'Dit cijfer komt uit de bewonersenquête en wordt daar berekend.',
      };
    }
    // A share may be loaded as a percentage or as a count: each set of stems that suffices is
    // tried, and a period counts when every stem of one set has it.
    const sets = measureVariableSets(indicator.measure);
    const complete = sets.filter((set) => set.every((v) => byVariable.has(v)));
    if (complete.length === 0) {
      const missing = (sets[0] as string[]).filter((v) => !byVariable.has(v));
      return {
        key: indicator.key,
        status: 'nog niet geladen',
        missing,
        reason: `Nog geen gegevens geladen voor ${missing.join(', ')}.`,
      };
    }
    const byPeriod = new Map<string, Set<number>>();
    for (const set of complete) {
      const first = byVariable.get(set[0] as string) as Map<string, Set<number>>;
      for (const period of first.keys()) {
        const perVariable = set.map((v) => byVariable.get(v)?.get(period));
        if (perVariable.some((years) => years === undefined)) continue;
        let years = byPeriod.get(period);
        if (!years) byPeriod.set(period, (years = new Set()));
        for (const found of perVariable) for (const y of found as Set<number>) years.add(y);
      }
    }
    const periods: LoadedPeriod[] = [...byPeriod.keys()].sort().map((period) => ({
      period,
      indelingYears: [...(byPeriod.get(period) as Set<number>)].sort((a, b) => a - b),
    }));
    if (periods.length === 0) {
      return {
        key: indicator.key,
        status: 'nog niet geladen',
        missing: [],
        reason: `De gegevens voor ${variables.join(', ')} zijn geladen, maar niet voor dezelfde periode.`,
      };
    }
    return { key: indicator.key, status: 'geladen', periods };
  });
}

/** Per indicator: loaded (with its periods) or not yet loaded, from the active datasets. */
export async function indicatorAvailability(
  db: Kysely<Database>,
  catalogue: Catalogue,
): Promise<IndicatorAvailability[]> {
  return availabilityFromLoaded(catalogue, await listLoadedVariablePeriods(db));
}
