import {
  aggregateIndicatorFrom,
  listKey,
  type IndicatorAggregate,
  type ObservationSource,
} from '../../aggregation/index.ts';
import {
  availabilityFromLoaded,
  type Catalogue,
  type Indicator,
  type SurveyProportionMeasure,
  type IndicatorAvailability,
} from '../../indicators/index.ts';
import type { MonitorData } from '../monitor-data.ts';
import { NETHERLANDS } from '../monitor-data.ts';
import { surveyPoint } from '../survey-estimates.ts';
import {
  areaNote,
  MISSING_WORDS,
  missingStateOf,
  missingText,
  publishedAreaNote,
  type MissingState,
} from '../missing-figure.ts';

const MISSING_WORDS_OF = (state: MissingState | undefined): string =>
  MISSING_WORDS[state ?? 'niet geladen'];
import {
  AVERAGE_TOO_FEW,
  AVERAGE_UNDEFINED,
  averageDefined,
  emptyColumns,
  nplvAreaSeries,
  nplvAverage,
} from '../nplv-average.ts';
import {
  REFERENCE_KEYS,
  REFERENCE_LABELS,
  type AreaProfile,
  type AreaSelection,
  type IndicatorProfile,
  type ReferenceSeries,
  type SeriesPoint,
} from '../profile.types.ts';

// Kept here for the pages that import it from the profile; its home is focus-area-selection.ts,
// which nplv-average.ts can import without an import cycle.
export { selectionForFocusArea } from '../focus-area-selection.ts';

const hasValue = (p: SeriesPoint): boolean =>
  p.result.status === 'berekend' || p.result.status === 'bereik';

/**
 * A figure CBS publishes for one area (the Netherlands, the municipality, a wijk) that is missing
 * is said as such, in the words of its state, not in the words for a set of buurten.
 */
function asPublishedArea(points: readonly SeriesPoint[], name: string): SeriesPoint[] {
  return points.map((point) => {
    if (!point.missing) return point;
    return {
      ...point,
      result: { ...point.result, note: publishedAreaNote(point.missing, name) },
    };
  });
}

async function series(
  source: ObservationSource,
  catalogue: Catalogue,
  indicator: Indicator,
  periods: readonly string[],
  codes: readonly string[],
  indelingYears: readonly number[],
  emptyColumns: ReadonlySet<string>,
): Promise<SeriesPoint[]> {
  const out: SeriesPoint[] = [];
  for (const period of periods) {
    let result: IndicatorAggregate | undefined;
    // A reference code such as NL00 or GM0505 means the same area in every indeling year it
    // exists in; try the selection's year first, then the others.
    for (const indelingYear of indelingYears) {
      result = await aggregateIndicatorFrom(source, catalogue, {
        indicatorKey: indicator.key,
        buurtCodes: codes,
        indelingYear,
        period,
      });
      if (result.status === 'berekend' || result.status === 'bereik') break;
    }
    if (!result) continue;
    if (result.status === 'berekend' || result.status === 'bereik') out.push({ period, result });
    else {
      const missing = await missingStateOf(source, emptyColumns, indicator, result);
      out.push({ period, result: { ...result, note: areaNote(missing, result) }, missing });
    }
  }
  return out;
}

/**
 * A series asked for twice in one profile is computed once: the focus area itself is one of the
 * areas of the NPLV average, and a buurt's wijk can be asked for as its own reference.
 */
function seriesOf(
  ctx: ProfileContext,
  source: ObservationSource,
  indicator: Indicator,
  periods: readonly string[],
  codes: readonly string[],
  indelingYears: readonly number[],
): Promise<SeriesPoint[]> {
  let bySource = ctx.seriesMemo.get(source);
  if (!bySource) ctx.seriesMemo.set(source, (bySource = new Map()));
  const key = `${indicator.key}\u0000${periods.join(',')}\u0000${indelingYears.join(',')}\u0000${listKey(codes)}`;
  let found = bySource.get(key);
  if (!found) {
    found = series(
      source,
      ctx.catalogue,
      indicator,
      periods,
      codes,
      indelingYears,
      ctx.emptyColumns,
    );
    bySource.set(key, found);
  }
  return found;
}

export interface ProfileContext {
  data: MonitorData;
  /** The area the profile is for. */
  selection: AreaSelection;
  catalogue: Catalogue;
  source: ObservationSource;
  /** Every non-water buurt of the municipality in the selection's indeling year. */
  municipalityBuurten: string[];
  /** Those not in the selection: the rest of the municipality. */
  restOfMunicipality: string[];
  indelingYears: number[];
  /** Columns of active datasets without any figure: "(nog) niet gepubliceerd". */
  emptyColumns: ReadonlySet<string>;
  /** Per indicator: loaded with its periods (every variable of the rule has them), or not. */
  availability: Map<string, IndicatorAvailability>;
  /** Series computed for this profile, per source (see seriesOf). */
  seriesMemo: Map<ObservationSource, Map<string, Promise<SeriesPoint[]>>>;
}

export async function profileContext(
  data: MonitorData,
  selection: AreaSelection,
): Promise<ProfileContext> {
  const catalogue = await data.catalogue();
  const source = await data.snapshot(selection.municipalityCode);
  const buurten = await data.areas({
    indelingYear: selection.indelingYear,
    municipalityCode: selection.municipalityCode,
    kind: 'buurt',
  });
  const years = (await data.indelingYears()).filter((y) => y !== selection.indelingYear);
  const availability = availabilityFromLoaded(catalogue, await source.loadedVariablePeriods());
  // The finest level the municipality has: its buurten, or its wijken where no buurten are loaded.
  const parts =
    buurten.length > 0
      ? buurten
      : await data.areas({
          indelingYear: selection.indelingYear,
          municipalityCode: selection.municipalityCode,
          kind: 'wijk',
        });
  const municipalityBuurten = parts.filter((b) => b.is_water === 0).map((b) => b.code);
  const empty = await emptyColumns(data);
  const counted = new Set(selection.buurtCodes);
  return {
    data,
    selection,
    catalogue,
    source,
    availability: new Map(availability.map((a) => [a.key, a])),
    municipalityBuurten,
    restOfMunicipality: municipalityBuurten.filter((c) => !counted.has(c)),
    indelingYears: [selection.indelingYear, ...years],
    emptyColumns: empty,
    seriesMemo: new Map(),
  };
}

/**
 * NPLV average, for shares, ratios and means only: Σ teller / Σ noemer over the focus areas with
 * a value (each area's own parts), with the plain mean of the areas' values beside it in the
 * note. Never for counts: twenty areas' households added up are no area's figure.
 */
async function nplvSeries(
  ctx: ProfileContext,
  indicator: Indicator,
  periods: readonly string[],
): Promise<ReferenceSeries> {
  const label = REFERENCE_LABELS.nplv;
  if (!averageDefined(indicator)) {
    return {
      key: 'nplv',
      label,
      points: [],
      note: AVERAGE_UNDEFINED,
      missing: 'niet van toepassing',
    };
  }
  const perArea = await nplvAreaSeries(ctx.data, indicator, periods);
  const points: SeriesPoint[] = [];
  for (const [i, period] of periods.entries()) {
    const results = perArea.flatMap((a) => (a.points[i] ? [a.points[i].result] : []));
    const average = nplvAverage(indicator, results);
    if (!average) continue;
    const first = results.find((r) => r.status === 'berekend') as IndicatorAggregate;
    const mean = average.mean.toLocaleString('nl-NL', {
      maximumFractionDigits: indicator.decimals,
    });
    points.push({
      period,
      result: {
        ...first,
        value: average.pooled,
        numerator: average.numerator,
        denominator: average.denominator,
        includedCodes: [],
        excluded: [],
        note: `Σ teller / Σ noemer over ${average.areas} focusgebieden. Gewoon gemiddelde van de gebieden (elk telt even zwaar): ${mean}.`,
      },
    });
  }
  return {
    key: 'nplv',
    label,
    points,
    ...(points.length === 0
      ? {
          note: `${missingText('niet geladen')} ${AVERAGE_TOO_FEW}`,
          missing: 'niet geladen' as const,
        }
      : {}),
  };
}

/** The survey asks residents of the focus area only: the references have no figure. */
const NOT_SURVEYED = `${missingText('niet van toepassing')} Niet gemeten: de enquête vraagt alleen bewoners van het focusgebied.`;

async function surveyProfile(
  ctx: ProfileContext,
  selection: AreaSelection,
  indicator: Indicator,
  measure: SurveyProportionMeasure,
  empty: IndicatorProfile,
): Promise<IndicatorProfile> {
  const estimates = (await ctx.data.surveyEstimates?.(measure, selection)) ?? [];
  if (estimates.length === 0) return empty;
  const area = [...estimates]
    .sort((a, b) => a.period.localeCompare(b.period))
    .map((e) => surveyPoint(indicator, selection, e));
  const latest = area.at(-1) ?? null;
  const baseline = area[0] ?? null;
  return {
    indicator,
    loaded: true,
    periods: area.map((p) => p.period),
    area,
    references: REFERENCE_KEYS.map((key) => ({
      key,
      label: REFERENCE_LABELS[key],
      points: [],
      note: NOT_SURVEYED,
      missing: 'niet van toepassing' as const,
    })),
    latest,
    baseline,
    change:
      latest && baseline && latest !== baseline
        ? (latest.result.value as number) - (baseline.result.value as number)
        : null,
  };
}

/** One indicator for the selection, with its time series and every reference. */
export async function indicatorProfile(
  ctx: ProfileContext,
  indicator: Indicator,
): Promise<IndicatorProfile> {
  const { selection } = ctx;
  const availability = ctx.availability.get(indicator.key);
  let periods = availability?.status === 'geladen' ? availability.periods.map((p) => p.period) : [];
  const empty: IndicatorProfile = {
    indicator,
    loaded: false,
    periods: [],
    area: [],
    references: [],
    latest: null,
    baseline: null,
    change: null,
  };
  if (indicator.measure.type === 'survey_proportion') {
    return surveyProfile(ctx, selection, indicator, indicator.measure, empty);
  }
  if (periods.length === 0) return empty;

  let area = await seriesOf(ctx, ctx.source, indicator, periods, selection.buurtCodes, [
    selection.indelingYear,
  ]);
  const references: ReferenceSeries[] = [];
  if (selection.kind === 'buurt' && selection.parentCode) {
    references.push({
      key: 'wijk',
      label: 'Wijk',
      points: asPublishedArea(
        await seriesOf(
          ctx,
          ctx.source,
          indicator,
          periods,
          [selection.parentCode],
          ctx.indelingYears,
        ),
        'de wijk',
      ),
    });
  }
  references.push({
    key: 'rest_gemeente',
    label: REFERENCE_LABELS.rest_gemeente,
    points: await seriesOf(ctx, ctx.source, indicator, periods, ctx.restOfMunicipality, [
      selection.indelingYear,
    ]),
  });
  const published = await seriesOf(
    ctx,
    ctx.source,
    indicator,
    periods,
    [selection.municipalityCode],
    ctx.indelingYears,
  );
  // The published municipal figure where CBS has one; otherwise the sum of the buurten, said.
  // The sum (over every buurt: the largest set in the profile) is only computed where needed.
  const unpublished = published.filter((p) => !hasValue(p)).map((p) => p.period);
  const summed = new Map(
    (unpublished.length === 0
      ? []
      : await seriesOf(ctx, ctx.source, indicator, unpublished, ctx.municipalityBuurten, [
          selection.indelingYear,
        ])
    ).map((p) => [p.period, p]),
  );
  let usedSum = false;
  const municipal = asPublishedArea(published, 'de gemeente').map((point) => {
    const sum = summed.get(point.period);
    if (hasValue(point) || !sum || !hasValue(sum)) return point;
    usedSum = true;
    const n = sum.result.includedCodes.length;
    const unit =
      n > 0 && sum.result.includedCodes.every((c) => c.startsWith('WK')) ? 'wijken' : 'buurten';
    return {
      period: point.period,
      result: {
        ...sum.result,
        note: `Som van ${n} geladen ${unit}, niet het cijfer van CBS voor de gemeente. Dat is ${MISSING_WORDS_OF(point.missing)}.`,
      },
    };
  });
  references.push({
    key: 'gemeente',
    label: REFERENCE_LABELS.gemeente,
    points: municipal,
    ...(usedSum
      ? {
          note: 'Waar het cijfer van de gemeente zelf ontbreekt, staat de som van de geladen buurten, met die naam erbij.',
        }
      : {}),
  });
  references.push({
    key: 'nederland',
    label: REFERENCE_LABELS.nederland,
    points: asPublishedArea(
      await seriesOf(ctx, ctx.source, indicator, periods, [NETHERLANDS], ctx.indelingYears),
      'Nederland',
    ),
  });
  references.push(await nplvSeries(ctx, indicator, periods));

  // A period in which no area has a figure (or anything to say but "not loaded") is there only
  // because the rule's variables are loaded for different areas in it, e.g. the municipality's
  // inhabitants from its budgets beside the Netherlands' crimes (issue 13.6). It is left out;
  // if that leaves nothing, the newest period stays, so the page still says what is missing.
  const saysSomething = (p: SeriesPoint) => hasValue(p) || p.missing !== 'niet geladen';
  const kept = periods.filter((period) =>
    [area, ...references.map((r) => r.points)].some((points) =>
      points.some((p) => p.period === period && saysSomething(p)),
    ),
  );
  const shown = new Set(kept.length > 0 ? kept : periods.slice(-1));
  if (shown.size < periods.length) {
    periods = periods.filter((period) => shown.has(period));
    area = area.filter((p) => shown.has(p.period));
    // New objects: a series may be memoised and shared with other pages.
    for (const [i, reference] of references.entries()) {
      references[i] = { ...reference, points: reference.points.filter((p) => shown.has(p.period)) };
    }
  }

  const withValue = area.filter(hasValue);
  const latest = withValue.at(-1) ?? null;
  const baseline = withValue[0] ?? null;
  const change =
    latest &&
    baseline &&
    latest.period !== baseline.period &&
    latest.result.value !== null &&
    baseline.result.value !== null
      ? latest.result.value - baseline.result.value
      : null;
  return {
    indicator,
    loaded: area.some((p) => p.result.status !== 'nog niet geladen'),
    periods,
    area,
    references,
    latest,
    baseline,
    change,
  };
}

/** The whole profile: every theme with its indicators (or only the keys asked for). */
export async function buildProfile(
  data: MonitorData,
  selection: AreaSelection,
  options: { indicatorKeys?: readonly string[] } = {},
): Promise<AreaProfile> {
  const dataVersion = await data.knownVersion();
  const ctx = await profileContext(data, selection);
  const wanted = options.indicatorKeys ? new Set(options.indicatorKeys) : undefined;
  const themes = [];
  for (const theme of ctx.catalogue.themes) {
    const indicators: IndicatorProfile[] = [];
    for (const indicator of ctx.catalogue.indicators) {
      if (indicator.theme !== theme.key || (wanted && !wanted.has(indicator.key))) continue;
      indicators.push(await indicatorProfile(ctx, indicator));
    }
    themes.push({ theme, indicators });
  }
  return { selection, themes, dataVersion };
}
