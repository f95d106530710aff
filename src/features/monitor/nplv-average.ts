import { aggregateIndicatorFrom, type IndicatorAggregate } from '../aggregation/index.ts';
import type { Indicator } from '../indicators/index.ts';
import { areaNote, missingStateOf } from './missing-figure.ts';
import { listEmptyColumns } from './missing-figure.repository.ts';
import type { MonitorData } from './monitor-data.ts';
import { selectionForFocusArea } from './focus-area-selection.ts';
import type { AreaSelection, SeriesPoint } from './profile.types.ts';

/**
 * The NPLV focus areas side by side for one indicator: each area's own series (its counted
 * members only), read from one snapshot of every focus area's members, and the NPLV average.
 * Computed once per data version and indicator; the profiles, the home page and /gebieden share it.
 */

/** Columns of active datasets without any figure (see missing-figure.repository.ts). */
export function emptyColumns(data: MonitorData): Promise<ReadonlySet<string>> {
  return data.read('lege-kolommen', async () => new Set(await listEmptyColumns(data.db)));
}

/** Every focus area with a delineation, as a selection of its counted members. */
export function focusAreaSelections(data: MonitorData): Promise<AreaSelection[]> {
  return data.read('nplv-selecties', async () => {
    const out: AreaSelection[] = [];
    for (const area of await data.focusAreas()) {
      if (area.composition_status !== 'bekend' || area.latestVersion === null) continue;
      out.push(await selectionForFocusArea(data, area.slug));
    }
    return out;
  });
}

export interface AreaSeries {
  selection: AreaSelection;
  points: SeriesPoint[];
}

/** Per focus area: the indicator in every period asked for. */
export function nplvAreaSeries(
  data: MonitorData,
  indicator: Indicator,
  periods: readonly string[],
): Promise<AreaSeries[]> {
  return data.read(`nplv-reeksen\u0000${indicator.key}\u0000${periods.join(',')}`, async () => {
    const catalogue = await data.catalogue();
    const source = await data.nplvSnapshot();
    const empty = await emptyColumns(data);
    const out: AreaSeries[] = [];
    for (const selection of await focusAreaSelections(data)) {
      const points: SeriesPoint[] = [];
      for (const period of periods) {
        const result = await aggregateIndicatorFrom(source, catalogue, {
          indicatorKey: indicator.key,
          buurtCodes: selection.buurtCodes,
          indelingYear: selection.indelingYear,
          period,
        });
        if (result.status === 'berekend' || result.status === 'bereik') {
          points.push({ period, result });
          continue;
        }
        const missing = await missingStateOf(source, empty, indicator, result);
        points.push({ period, result: { ...result, note: areaNote(missing, result) }, missing });
      }
      out.push({ selection, points });
    }
    return out;
  });
}

export interface NplvAverage {
  /** Σ teller / Σ noemer over the areas with a value, in the indicator's unit. */
  pooled: number;
  /** The plain mean of the areas' values: every area counts the same. */
  mean: number;
  areas: number;
  numerator: number;
  denominator: number;
}

/**
 * Whether an NPLV average means anything for this measure: for shares, ratios and means the
 * areas' parts add up (Σ teller / Σ noemer); a sum of counts over twenty areas is no average of
 * an area, and a median cannot be pooled.
 */
export function averageDefined(indicator: Indicator): boolean {
  const t = indicator.measure.type;
  return t === 'ratio' || t === 'share_published' || t === 'mean' || t === 'model_estimate';
}

/** Why the NPLV average is missing while it is defined: said the same on every page and download. */
export const AVERAGE_TOO_FEW =
  'Het NPLV-gemiddelde kan pas berekend worden als van minstens 2 focusgebieden cijfers geladen zijn.';

export const AVERAGE_UNDEFINED =
  'Niet van toepassing: een gemiddelde van aantallen of medianen van gebieden zegt niets; vergelijk de gebieden in het overzicht van alle focusgebieden.';

/** The NPLV average of the results of one period, or null with fewer than two areas. */
export function nplvAverage(
  indicator: Indicator,
  results: readonly IndicatorAggregate[],
): NplvAverage | null {
  if (!averageDefined(indicator)) return null;
  const counted = results.filter(
    (r) =>
      r.status === 'berekend' &&
      r.value !== null &&
      r.numerator !== undefined &&
      r.denominator !== undefined &&
      r.denominator > 0,
  );
  if (counted.length < 2) return null;
  const numerator = counted.reduce((s, r) => s + (r.numerator as number), 0);
  const denominator = counted.reduce((s, r) => s + (r.denominator as number), 0);
  const m = indicator.measure;
  const scale = m.type === 'ratio' ? m.scale : m.type === 'share_published' ? 100 : 1;
  return {
    pooled: (numerator / denominator) * scale,
    mean: counted.reduce((s, r) => s + (r.value as number), 0) / counted.length,
    areas: counted.length,
    numerator,
    denominator,
  };
}
