import type { IndicatorSection } from '../../budget/index.ts';
import type { Services } from '../../../composition.ts';
import { htmlPage, renderPage, type HtmlPage } from '../../../views/render.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { toJson } from '../../../shared/downloads/json.ts';
import { describeExclusions, aggregateIndicatorFrom } from '../../aggregation/index.ts';
import { mergeGeometries, parseAreaGeometry, type AreaGeometry } from '../../maps/index.ts';
import { findIndicator, type Indicator } from '../../indicators/index.ts';
import {
  evaluateTarget,
  noiseBand,
  periodYear,
  type StoredTarget,
  type TargetEvaluation,
} from '../../targets/index.ts';
import {
  indicatorProfile,
  profileContext,
  selectionForFocusArea,
} from '../profiles/profile.service.ts';
import type { IndicatorProfile, SeriesPoint } from '../profile.types.ts';
import { buurtTable, seriesTable, type BuurtResult } from './indicator.download.ts';
import type { DataTable } from '../../../shared/data-table.ts';
import { IndicatorPage } from './views/indicator.page.tsx';
import type { IndicatorPageData } from './indicator-page.types.ts';

/** What the indicator page needs; route tests may pass fakes of these. */
export type IndicatorServices = Pick<Services, 'monitor' | 'targets'>;

const valueOf = (p: SeriesPoint | undefined): number | null =>
  p && p.result.status === 'berekend' ? p.result.value : null;

function pointIn(points: readonly SeriesPoint[], period: string): SeriesPoint | undefined {
  const year = periodYear(period);
  return points.find(
    (p) => p.period === period || (year !== null && periodYear(p.period) === year),
  );
}

export function evaluate(
  target: StoredTarget,
  indicator: Indicator,
  profile: IndicatorProfile,
): TargetEvaluation {
  const basePoint = pointIn(profile.area, target.baselinePeriod);
  const baseValue = valueOf(basePoint);
  const latest = profile.latest;
  const latestValue = valueOf(latest ?? undefined);
  const measure = indicator.measure;
  const reference = target.reference
    ? profile.references.find((r) => r.key === target.reference)
    : undefined;
  return evaluateTarget({
    target,
    polarity: indicator.polarity,
    baseline:
      basePoint && baseValue !== null ? { period: basePoint.period, value: baseValue } : null,
    current:
      latest && latestValue !== null
        ? {
            period: latest.period,
            value: latestValue,
            noise: noiseBand({
              measureType: measure.type,
              value: latestValue,
              includedBuurten: latest.result.includedCodes.length,
              ...(latest.result.denominator !== undefined
                ? { denominator: latest.result.denominator }
                : {}),
              ...(measure.type === 'ratio' ? { scale: measure.scale } : {}),
            }),
          }
        : null,
    ...(reference
      ? {
          reference: {
            baseline: valueOf(pointIn(reference.points, target.baselinePeriod)),
            current: latest ? valueOf(pointIn(reference.points, latest.period)) : null,
          },
        }
      : {}),
  });
}

/** The indicator page as HTML, cached per data version. */
export async function renderIndicatorPage(
  services: IndicatorServices,
  slug: string,
  indicatorKey: string,
  version?: number,
  data?: IndicatorPageData,
  /** A section another feature adds (the projects aiming at this indicator); part of the key. */
  section?: IndicatorSection,
): Promise<HtmlPage> {
  const pageData = data ?? (await loadIndicatorPage(services, slug, indicatorKey, version));
  return services.monitor.cached(
    `indicator-html\u0000${slug}\u0000${version ?? ''}\u0000${indicatorKey}\u0000${section?.key ?? ''}`,
    async () => htmlPage(renderPage(<IndicatorPage data={pageData} extra={section?.node} />)),
  );
}

/** Everything the indicator page, its downloads and its API answer show. */
export async function loadIndicatorPage(
  services: IndicatorServices,
  slug: string,
  indicatorKey: string,
  version?: number,
): Promise<IndicatorPageData> {
  const { monitor } = services;
  const dataVersion = await monitor.dataVersion();
  return monitor.cached(`indicator\u0000${slug}\u0000${version ?? ''}\u0000${indicatorKey}`, () =>
    buildIndicatorPage(services, slug, indicatorKey, dataVersion, version),
  );
}

export async function buildIndicatorPage(
  services: IndicatorServices,
  slug: string,
  indicatorKey: string,
  dataVersion: string,
  version?: number,
): Promise<IndicatorPageData> {
  const { monitor, targets } = services;
  const catalogue = await monitor.catalogue();
  const indicator = findIndicator(catalogue, indicatorKey);
  const selection = await selectionForFocusArea(monitor, slug, version);
  if (!indicator) throw new NotFoundError(`Indicator "${indicatorKey}" bestaat niet.`);
  const ctx = await profileContext(monitor, selection);
  const profile = await indicatorProfile(ctx, indicator);

  const stored = await monitor.read(`doel\u0000${slug}\u0000${indicator.key}`, () =>
    targets.find(slug, indicator.key),
  );
  const target = stored
    ? { target: stored, evaluation: evaluate(stored, indicator, profile) }
    : null;

  const series = seriesTable({
    selection,
    profile,
    dataVersion,
    trajectory: target?.evaluation.trajectory ?? [],
  });

  const shapes = await monitor.areasWithGeometry({
    indelingYear: selection.indelingYear,
    municipalityCode: selection.municipalityCode,
    kind: 'buurt',
  });
  const members = new Set(selection.buurtCodes);
  const mapAreas: IndicatorPageData['mapAreas'] = [];
  const geometries = new Map<string, AreaGeometry>();
  for (const shape of shapes) {
    if (shape.is_water === 1 && !members.has(shape.code)) continue;
    const geometry = parseAreaGeometry(shape.geometry);
    if (!geometry) continue;
    const member = members.has(shape.code);
    geometries.set(shape.code, geometry);
    mapAreas.push({ code: shape.code, name: shape.name, geometry, member });
  }
  // The member buurten together, each with its own border: the focus area is their union.
  const outline = mergeGeometries(mapAreas.filter((a) => a.member).map((a) => a.geometry));
  const memberWijken = new Set(
    shapes
      .filter((s) => members.has(s.code))
      .flatMap((s) => (s.parent_code ? [s.parent_code] : [])),
  );
  const mapLabels = (
    await monitor.areasWithGeometry({
      indelingYear: selection.indelingYear,
      municipalityCode: selection.municipalityCode,
      kind: 'wijk',
    })
  ).flatMap((w) => {
    const geometry = memberWijken.has(w.code) ? parseAreaGeometry(w.geometry) : null;
    return geometry ? [{ text: w.name, geometry }] : [];
  });

  const latestPeriod = profile.periods.at(-1);
  let buurten: DataTable | null = null;
  if (latestPeriod !== undefined && profile.loaded) {
    const results: BuurtResult[] = [];
    for (const area of mapAreas) {
      results.push({
        code: area.code,
        name: area.name,
        member: area.member,
        result: await aggregateIndicatorFrom(ctx.source, catalogue, {
          indicatorKey: indicator.key,
          buurtCodes: [area.code],
          indelingYear: selection.indelingYear,
          period: latestPeriod,
        }),
      });
    }
    buurten = buurtTable({
      selection,
      indicator,
      period: latestPeriod,
      buurten: results,
      dataVersion,
    });
  }

  const names = new Map(
    (
      await monitor.areas({
        indelingYear: selection.indelingYear,
        municipalityCode: selection.municipalityCode,
        kind: 'buurt',
      })
    ).map((a) => [a.code, a.name]),
  );
  const latestResult = profile.latest?.result ?? profile.area.at(-1)?.result;
  const excludedList =
    latestResult && latestResult.status !== 'nog niet geladen' ? latestResult.excluded : [];
  return {
    selection,
    indicator,
    profile,
    target,
    series,
    buurten,
    mapAreas,
    geometries,
    outline,
    mapLabels,
    excluded: excludedList.map((e) => ({
      code: e.code,
      name: names.get(e.code) ?? e.code,
      reason: e.reason,
      inhabitants: e.inhabitants,
    })),
    exclusionSummary: describeExclusions(excludedList),
    dataVersion,
  };
}

/** The JSON API body: the series table plus the target and its evaluation. */
export function indicatorJson(data: IndicatorPageData) {
  const t = data.target;
  return {
    ...toJson(data.series),
    indicator: {
      sleutel: data.indicator.key,
      naam: data.indicator.name,
      eenheid: data.indicator.unit,
      definitie: data.indicator.definition,
    },
    gebied: { slug: data.selection.slug ?? null, naam: data.selection.name },
    doel: t
      ? {
          soort: t.target.kind,
          referentie: t.target.reference ?? null,
          nulmeting: t.target.baselinePeriod,
          doeljaar: t.target.targetYear,
          voorbeeld: t.target.isExample,
          toelichting: t.target.note,
          doelwaarde: t.evaluation.targetValue,
          verwacht_nu: t.evaluation.expected,
          oordeel: t.evaluation.status,
          uitleg: t.evaluation.explanation,
          verandering_gebied: t.evaluation.areaChange,
          verandering_referentie: t.evaluation.referenceChange,
          traject: t.evaluation.trajectory.map((p) => ({ jaar: p.year, waarde: p.value })),
        }
      : null,
  };
}
