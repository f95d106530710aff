import { describeExclusions, type IndicatorAggregate } from '../../aggregation/index.ts';
import type { Indicator, Measure } from '../../indicators/index.ts';
import type { TrajectoryPoint } from '../../targets/index.ts';
import type { DataColumn, DataRow, DataTable } from '../../../shared/data-table.ts';
import { pointFlags, rowFlags, sourceText } from '../figure-notes.ts';
import type { AreaSelection, IndicatorProfile } from '../profile.types.ts';

/**
 * The tables of the indicator page, pure: the page's tables and every download are built from
 * these same rows, so a figure on screen and in a file cannot differ.
 */

/** The aggregation rule of a measure type, in plain Dutch (B1). */
export function aggregationRuleText(measure: Measure): string {
  switch (measure.type) {
    case 'count':
      return 'Een aantal: we tellen de aantallen van de buurten op.';
    case 'ratio':
      return measure.scale === 1000
        ? 'Een verhouding per 1.000: we tellen de tellers van alle buurten op en delen die door de opgetelde noemers, maal 1.000. We middelen nooit de cijfers van de buurten.'
        : 'Een percentage: we tellen de tellers van alle buurten op en delen die door de opgetelde noemers, maal 100. We middelen nooit de percentages van de buurten.';
    case 'share_published':
      return measure.count === undefined
        ? 'CBS publiceert per buurt alleen een percentage. We rekenen per buurt terug naar een aantal (percentage × basis), tellen die op en delen door de opgetelde basis. Zo’n cijfer heet "herberekend".'
        : 'Geeft CBS het aantal, dan tellen we de aantallen op en delen die door de opgetelde basis. Geeft CBS alleen een percentage, dan rekenen we per buurt eerst terug naar een aantal (percentage × basis). Zo’n cijfer heet "herberekend".';
    case 'mean':
      return measure.baseIsProxy
        ? 'Een gemiddelde: we wegen het gemiddelde van elke buurt met een basis die de echte basis benadert. De uitkomst is een benadering.'
        : 'Een gemiddelde: we wegen het gemiddelde van elke buurt met de basis waarover CBS het berekent.';
    case 'median':
      return 'Een mediaan kun je niet optellen of middelen. Voor een gebied met meer buurten tonen we daarom alleen de laagste en hoogste waarde van de buurten.';
    case 'model_estimate':
      return 'Een schatting uit een model: we wegen de schatting van elke buurt met het aantal inwoners of woningen. De uitkomst is "gemodelleerd".';
    case 'survey_proportion':
      return 'Uit onze eigen enquête: berekend uit de gewogen antwoorden, met een betrouwbaarheidsmarge.';
  }
}

function resultValue(result: IndicatorAggregate): number | null {
  return result.status === 'berekend' ? result.value : null;
}

function resultNote(result: IndicatorAggregate, decimals: number): string {
  const parts: string[] = [];
  if (result.status === 'bereik' && result.range) {
    const f = (n: number) => n.toLocaleString('nl-NL', { maximumFractionDigits: decimals });
    parts.push(`bereik over de buurten: ${f(result.range.min)} tot ${f(result.range.max)}`);
  } else if (result.status !== 'berekend') {
    parts.push(result.note ?? result.status);
  } else if (result.note) parts.push(result.note);
  const exclusions = result.status === 'berekend' ? describeExclusions(result.excluded) : null;
  if (exclusions) parts.push(exclusions);
  if (result.flags.includes('benadering')) parts.push('benadering');
  if (result.flags.includes('geschat')) parts.push('geschat door de bron');
  return parts.join('; ');
}

function valueColumn(indicator: Indicator): DataColumn {
  return {
    key: 'waarde',
    label: 'Waarde',
    type: 'number',
    decimals: indicator.decimals,
    unit: indicator.unit,
  };
}

export const SERIES_COLUMNS = ['periode', 'gebied', 'soort', 'waarde', 'toelichting'] as const;

export interface SeriesTableInput {
  selection: AreaSelection;
  profile: IndicatorProfile;
  dataVersion: string;
  /** The target trajectory, added as rows of kind "doeltraject" where it has a period. */
  trajectory?: readonly TrajectoryPoint[];
}

/** Period × area and references: one row per period per line of the chart. */
export function seriesTable({
  selection,
  profile,
  dataVersion,
  trajectory = [],
}: SeriesTableInput): DataTable {
  const { indicator } = profile;
  const lines = [
    { label: selection.name, kind: 'gebied', points: profile.area },
    ...profile.references.map((r) => ({ label: r.label, kind: 'referentie', points: r.points })),
  ];
  const rows: DataRow[] = [];
  for (const period of profile.periods) {
    for (const line of lines) {
      const point = line.points.find((p) => p.period === period);
      if (!point) continue;
      rows.push({
        cells: {
          periode: period,
          gebied: line.label,
          soort: line.kind,
          waarde: resultValue(point.result),
          toelichting: resultNote(point.result, indicator.decimals),
        },
        flags: pointFlags(point),
      });
    }
  }
  for (const point of trajectory) {
    rows.push({
      cells: {
        periode: String(point.year),
        gebied: `Doeltraject ${selection.name}`,
        soort: 'doeltraject',
        waarde: point.value,
        toelichting: 'verwachte waarde op het rechte pad van nulmeting naar doel',
      },
      flags: [],
    });
  }
  return {
    name: `${selection.slug ?? selection.name}-${indicator.key}`,
    title: `${indicator.name}: ${selection.name} en vergelijkingsgebieden`,
    source: sourceText(indicator),
    columns: [
      { key: 'periode', label: 'Periode', type: 'code' },
      { key: 'gebied', label: 'Gebied', type: 'text' },
      { key: 'soort', label: 'Soort', type: 'text' },
      valueColumn(indicator),
      { key: 'toelichting', label: 'Toelichting', type: 'text' },
    ],
    rows,
    dataVersion,
  };
}

export interface BuurtResult {
  code: string;
  name: string;
  /** True when the buurt counts for the focus area (status lid). */
  member: boolean;
  result: IndicatorAggregate;
}

/** How a buurt is drawn on the map: a value, secret (CBS) or missing. */
export function buurtMapStatus(result: IndicatorAggregate): 'waarde' | 'geheim' | 'ontbreekt' {
  if (buurtValue(result) !== null) return 'waarde';
  return result.excluded.some((e) => e.reason === 'geheim') ? 'geheim' : 'ontbreekt';
}

/** One buurt's value; for a median a single buurt's range is its own value. */
export function buurtValue(result: IndicatorAggregate): number | null {
  if (result.status === 'berekend') return result.value;
  if (result.status === 'bereik' && result.range && result.range.min === result.range.max)
    return result.range.min;
  return null;
}

/** Every buurt of the municipality in one period: the map table (GeoJSON by areaCode). */
export function buurtTable(input: {
  selection: AreaSelection;
  indicator: Indicator;
  period: string;
  buurten: readonly BuurtResult[];
  dataVersion: string;
}): DataTable {
  const { selection, indicator, period, buurten, dataVersion } = input;
  const statusLabel = { waarde: 'waarde', geheim: 'geheim (CBS)', ontbreekt: 'geen gegevens' };
  return {
    name: `${selection.slug ?? selection.name}-${indicator.key}-buurten-${period}`,
    title: `${indicator.name} per buurt van ${selection.municipalityName}, ${period}`,
    source: sourceText(indicator),
    columns: [
      { key: 'buurtcode', label: 'Buurtcode', type: 'code' },
      { key: 'buurt', label: 'Buurt', type: 'text' },
      { key: 'in_focusgebied', label: `Hoort bij ${selection.name}`, type: 'text' },
      { key: 'periode', label: 'Periode', type: 'code' },
      valueColumn(indicator),
      { key: 'uitkomst', label: 'Uitkomst', type: 'text' },
    ],
    rows: buurten.map((b) => {
      const flags = rowFlags(b.result);
      const shown = buurtMapStatus(b.result);
      if (shown === 'geheim' && !flags.includes('geheim')) flags.push('geheim');
      // The source says the figure cannot exist for this buurt (ADR 0042): its own words and flag.
      const notDefined =
        shown === 'ontbreekt' &&
        b.result.excluded.length > 0 &&
        b.result.excluded.every((e) => e.reason === 'niet van toepassing');
      if (notDefined) flags.push('niet van toepassing');
      return {
        areaCode: b.code,
        cells: {
          buurtcode: b.code,
          buurt: b.name,
          in_focusgebied: b.member ? 'ja' : 'nee',
          periode: period,
          waarde: buurtValue(b.result),
          uitkomst: notDefined ? 'niet van toepassing' : statusLabel[shown],
        },
        flags,
      };
    }),
    dataVersion,
  };
}
