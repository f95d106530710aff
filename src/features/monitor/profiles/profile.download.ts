import { localSourceNote } from '../../imports/index.ts';
import type { DataColumn, DataRow, DataTable } from '../../../shared/data-table.ts';
import { pointFlags } from '../figure-notes.ts';
import { MISSING_FLAG, MISSING_WORDS } from '../missing-figure.ts';
import {
  REFERENCE_KEYS,
  REFERENCE_LABELS,
  type AreaProfile,
  type IndicatorProfile,
  type SeriesPoint,
} from '../profile.types.ts';

/**
 * The profile as one long table for downloads: per indicator a row for the area at its newest
 * period (with the change since the baseline) and a row per reference at that same period.
 * Values are rounded to the indicator's decimals, as on the page; an indicator that is not
 * loaded gets one row that says so, never a zero.
 */
export const PROFILE_COLUMNS: DataColumn[] = [
  { key: 'thema', label: 'Thema', type: 'text' },
  { key: 'indicator', label: 'Indicator (code)', type: 'code' },
  { key: 'indicator_naam', label: 'Indicator', type: 'text' },
  { key: 'eenheid', label: 'Eenheid', type: 'text' },
  { key: 'gebied', label: 'Gebied', type: 'text' },
  { key: 'soort', label: 'Soort gebied', type: 'code' },
  { key: 'periode', label: 'Periode', type: 'code' },
  { key: 'waarde', label: 'Waarde', type: 'number' },
  { key: 'basisperiode', label: 'Basisperiode', type: 'code' },
  { key: 'verandering', label: 'Verandering sinds basis', type: 'number' },
  { key: 'toelichting', label: 'Toelichting', type: 'text' },
];

const round = (value: number | null | undefined, decimals: number): number | null =>
  value === null || value === undefined || !Number.isFinite(value)
    ? null
    : Number(value.toFixed(decimals));

function pointNote(point: SeriesPoint | undefined): string {
  if (!point) return 'geen cijfer voor deze periode';
  const r = point.result;
  if (r.status === 'bereik' && r.range)
    return `bereik over de buurten: ${r.range.min} tot ${r.range.max}`;
  if (r.status !== 'berekend') return r.note ?? r.status;
  return r.note ?? '';
}

function indicatorRows(
  themeName: string,
  areaName: string,
  kind: string,
  p: IndicatorProfile,
): DataRow[] {
  const { indicator } = p;
  const base = {
    thema: themeName,
    indicator: indicator.key,
    indicator_naam: indicator.name,
    eenheid: indicator.unit,
  };
  if (!p.latest) {
    const state = p.loaded ? (p.area.at(-1)?.missing ?? 'niet geladen') : 'niet geladen';
    return [
      {
        cells: {
          ...base,
          gebied: areaName,
          soort: kind,
          periode: null,
          waarde: null,
          basisperiode: null,
          verandering: null,
          toelichting: p.area.at(-1)?.result.note ?? MISSING_WORDS[state],
        },
        flags: [MISSING_FLAG[state]],
      },
    ];
  }
  const period = p.latest.period;
  const rows: DataRow[] = [
    {
      cells: {
        ...base,
        gebied: areaName,
        soort: kind,
        periode: period,
        waarde: round(p.latest.result.value, indicator.decimals),
        basisperiode: p.change === null ? null : (p.baseline?.period ?? null),
        verandering: round(p.change, indicator.decimals),
        toelichting: pointNote(p.latest),
      },
      flags: pointFlags(p.latest),
    },
  ];
  for (const key of REFERENCE_KEYS) {
    const series = p.references.find((r) => r.key === key);
    const point = series?.points.find((x) => x.period === period);
    rows.push({
      cells: {
        ...base,
        gebied: REFERENCE_LABELS[key],
        soort: key,
        periode: period,
        waarde:
          point?.result.status === 'berekend'
            ? round(point.result.value, indicator.decimals)
            : null,
        basisperiode: null,
        verandering: null,
        toelichting: point ? pointNote(point) : (series?.note ?? 'geen cijfer voor deze periode'),
      },
      flags: point
        ? pointFlags(point)
        : series?.missing
          ? [MISSING_FLAG[series.missing]]
          : [MISSING_FLAG['niet geladen']],
    });
  }
  return rows;
}

/** The general source line, with the local sources in use after it (issue 11.10). */
function withLocalNote(line: string, note: string): string {
  return note ? `${line}.${note}` : line;
}

export function profileTable(profile: AreaProfile, fileStem: string): DataTable {
  const { selection } = profile;
  const kind = selection.kind;
  return {
    name: fileStem,
    title: `Profiel van ${selection.name}: laatste cijfers en vergelijking`,
    source: withLocalNote(
      'Bron: CBS en andere bronnen per indicator (zie /bronnen), CC BY 4.0',
      localSourceNote(profile.themes.flatMap((t) => t.indicators.map((p) => p.indicator))),
    ),
    columns: PROFILE_COLUMNS,
    rows: profile.themes.flatMap(({ theme, indicators }) =>
      indicators.flatMap((p) => indicatorRows(theme.name, selection.name, kind, p)),
    ),
    dataVersion: profile.dataVersion,
  };
}
