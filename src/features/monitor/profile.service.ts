import {
  aggregateIndicatorFrom,
  listKey,
  type IndicatorAggregate,
} from '../aggregation/aggregation.service.ts';
import type { ObservationSource } from '../aggregation/observation-source.ts';
import { getFocusArea } from '../focus-areas/focus-area.service.ts';
import type {
  Catalogue,
  Indicator,
  SurveyProportionMeasure,
} from '../indicators/catalogue.schema.ts';
import {
  availabilityFromLoaded,
  type IndicatorAvailability,
} from '../indicators/indicator-availability.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { MonitorData } from './monitor-data.ts';
import { NETHERLANDS } from './monitor-data.ts';
import { surveyPoint } from './survey-estimates.ts';
import {
  REFERENCE_KEYS,
  REFERENCE_LABELS,
  type AreaProfile,
  type AreaSelection,
  type IndicatorProfile,
  type ReferenceSeries,
  type SeriesPoint,
} from './profile.types.ts';

/**
 * A focus area's counted buurten ('lid' only) in the version asked for (newest by default), read
 * once per data version: every profile needs every focus area for the NPLV average.
 */
export function selectionForFocusArea(
  data: MonitorData,
  slug: string,
  version?: number,
): Promise<AreaSelection> {
  return data.read(`selectie\u0000${slug}\u0000${version ?? ''}`, () =>
    readSelection(data, slug, version),
  );
}

async function readSelection(
  data: MonitorData,
  slug: string,
  version: number | undefined,
): Promise<AreaSelection> {
  const detail = await getFocusArea(data.db, slug, version);
  if (!detail.version) {
    throw new NotFoundError(
      `Van focusgebied "${detail.area.name}" is nog niet bekend welke buurten erbij horen.`,
    );
  }
  return {
    kind: 'focusgebied',
    name: detail.area.name,
    municipalityCode: detail.area.municipality_code,
    municipalityName: detail.area.municipality_name,
    indelingYear: detail.version.indeling_year,
    buurtCodes: detail.members.filter((m) => m.status === 'lid').map((m) => m.buurt_code),
    slug,
    version: detail.version.version,
  };
}

const hasValue = (p: SeriesPoint): boolean =>
  p.result.status === 'berekend' || p.result.status === 'bereik';

/**
 * A figure CBS publishes for one area (the Netherlands, the municipality, a wijk) that is missing
 * is said as such, not in the words for a set of buurten ("voor geen enkele buurt …").
 */
function asPublishedArea(points: readonly SeriesPoint[], name: string): SeriesPoint[] {
  return points.map((point) => {
    if (point.result.status !== 'onvoldoende data' || point.result.value !== null) return point;
    const secret = point.result.excluded.some((e) => e.reason === 'geheim');
    return {
      period: point.period,
      result: {
        ...point.result,
        note: secret
          ? `CBS houdt dit cijfer voor ${name} geheim.`
          : `CBS publiceert dit cijfer niet voor ${name}.`,
      },
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
    if (result) out.push({ period, result });
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
    found = series(source, ctx.catalogue, indicator, periods, codes, indelingYears);
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
  /** Other focus areas with a known delineation, for the NPLV average. */
  nplvAreas: AreaSelection[];
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
  const nplvAreas: AreaSelection[] = [];
  for (const area of await data.focusAreas()) {
    if (area.composition_status !== 'bekend' || area.latestVersion === null) continue;
    nplvAreas.push(await selectionForFocusArea(data, area.slug));
  }
  const availability = availabilityFromLoaded(catalogue, await source.loadedVariablePeriods());
  const municipalityBuurten = buurten.filter((b) => b.is_water === 0).map((b) => b.code);
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
    nplvAreas,
    seriesMemo: new Map(),
  };
}

/** NPLV average: the plain mean of the focus areas' own values, once two or more have one. */
async function nplvSeries(
  ctx: ProfileContext,
  indicator: Indicator,
  periods: readonly string[],
): Promise<ReferenceSeries> {
  const label = REFERENCE_LABELS.nplv;
  const perArea: SeriesPoint[][] = [];
  for (const area of ctx.nplvAreas) {
    const source = await ctx.data.snapshot(area.municipalityCode);
    perArea.push(
      await seriesOf(ctx, source, indicator, periods, area.buurtCodes, [area.indelingYear]),
    );
  }
  const points: SeriesPoint[] = [];
  for (const [i, period] of periods.entries()) {
    const values = perArea
      .map((s) => s[i]?.result)
      .filter((r): r is IndicatorAggregate => r?.status === 'berekend' && r.value !== null);
    if (values.length < 2) continue;
    const first = values[0] as IndicatorAggregate;
    points.push({
      period,
      result: {
        ...first,
        value: values.reduce((a, r) => a + (r.value as number), 0) / values.length,
        includedCodes: values.flatMap((r) => r.includedCodes),
        excluded: values.flatMap((r) => r.excluded),
        numerator: undefined,
        denominator: undefined,
        note: `Gemiddelde van ${values.length} focusgebieden, elk gebied telt even zwaar.`,
      },
    });
  }
  return {
    key: 'nplv',
    label,
    points,
    ...(points.length === 0
      ? {
          note: `Nog niet te berekenen: van ${ctx.nplvAreas.length} van de 20 focusgebieden zijn de buurten bekend. Er zijn er minstens 2 met gegevens nodig.`,
        }
      : {}),
  };
}

/** The survey asks residents of the focus area only: the references have no figure. */
const NOT_SURVEYED = 'Niet gemeten: de enquête vraagt alleen bewoners van het focusgebied.';

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
  const periods =
    availability?.status === 'geladen' ? availability.periods.map((p) => p.period) : [];
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

  const area = await seriesOf(ctx, ctx.source, indicator, periods, selection.buurtCodes, [
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
    return {
      period: point.period,
      result: {
        ...sum.result,
        note: 'Som van de buurten: CBS publiceert dit cijfer niet voor de gemeente.',
      },
    };
  });
  references.push({
    key: 'gemeente',
    label: REFERENCE_LABELS.gemeente,
    points: municipal,
    ...(usedSum
      ? { note: 'Waar CBS geen cijfer voor de gemeente publiceert, tellen wij de buurten op.' }
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
