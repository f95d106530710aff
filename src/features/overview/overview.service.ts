import { aggregateIndicatorFrom, describeExclusions } from '../aggregation/index.ts';
import { getFocusArea, countedMembers } from '../focus-areas/index.ts';
import type { Indicator } from '../indicators/index.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { DataRow, DataTable } from '../../shared/data-table.ts';
import {
  pointFlags,
  sourceText,
  MISSING_FLAG,
  MISSING_WORDS,
  missingStateOf,
  missingText,
  publishedAreaNote,
  NETHERLANDS,
  AVERAGE_TOO_FEW,
  AVERAGE_UNDEFINED,
  averageDefined,
  emptyColumns,
  nplvAreaSeries,
  nplvAverage,
  type MissingState,
  type MonitorData,
  type NplvAverage,
  type SeriesPoint,
} from '../monitor/index.ts';

/** A figure or why there is none. */
export interface OverviewValue {
  value: number | null;
  missing?: MissingState;
  note?: string;
  point?: SeriesPoint;
}

export interface OverviewRow {
  slug: string;
  name: string;
  municipality: string;
  area: OverviewValue;
  /** The municipality's own figure as CBS publishes it (never a sum of buurten). */
  municipal: OverviewValue;
  /** How complete: "5 van 6 wijken tellen mee", with what is left out of the value. */
  completeness: string;
  /** How sure the delineation is: "voorlopig, betrouwbaarheid midden" or "vastgesteld". */
  certainty: string;
  provisional: boolean;
}

export interface Overview {
  indicator: Indicator;
  indicators: { key: string; name: string }[];
  period: string | null;
  rows: OverviewRow[];
  average: NplvAverage | null;
  /** Why there is no average (counts, medians, too few areas). */
  averageNote: string | null;
  netherlands: OverviewValue;
  dataVersion: string;
}

function units(n: number, level: 'buurt' | 'wijk'): string {
  if (level === 'wijk') return n === 1 ? '1 wijk' : `${n} wijken`;
  return n === 1 ? '1 buurt' : `${n} buurten`;
}

/**
 * All focus areas for one indicator in its newest period with data: each area's own value (its
 * counted members), its municipality's published figure, how complete and how sure its
 * delineation is, the NPLV average (for shares, ratios and means) and the Netherlands.
 */
export async function buildOverview(
  data: MonitorData,
  indicatorKey: string | undefined,
): Promise<Overview> {
  const dataVersion = await data.dataVersion();
  const catalogue = await data.catalogue();
  const availability = await data.availability();
  const loaded = availability.filter((a) => a.status === 'geladen');
  const indicators = catalogue.indicators
    .filter((i) => loaded.some((a) => a.key === i.key))
    .map((i) => ({ key: i.key, name: i.name }));
  const key = indicatorKey ?? indicators[0]?.key;
  const indicator = catalogue.indicators.find((i) => i.key === key);
  if (!indicator) throw new NotFoundError(`Indicator "${String(key).slice(0, 40)}" bestaat niet.`);
  return data.cached(`overzicht\u0000${indicator.key}`, async () => {
    const found = loaded.find((a) => a.key === indicator.key);
    const periods = found && found.status === 'geladen' ? found.periods.map((p) => p.period) : [];
    const series = await nplvAreaSeries(data, indicator, periods);
    const hasValue = (p: SeriesPoint | undefined) => p?.result.status === 'berekend';
    // The newest period in which any area has a value; every area is shown in that period.
    const period =
      [...periods]
        .reverse()
        .find((p) => series.some((s) => hasValue(s.points.find((x) => x.period === p)))) ??
      periods.at(-1) ??
      null;
    const source = await data.nplvSnapshot();
    const empty = await emptyColumns(data);
    const years = await data.indelingYears();

    /** A published figure of one area (municipality, NL), in any indeling year that has it. */
    const published = async (code: string, name: string, first: number): Promise<OverviewValue> => {
      if (period === null)
        return { value: null, missing: 'niet geladen', note: MISSING_WORDS['niet geladen'] };
      let last;
      for (const year of [first, ...years.filter((y) => y !== first)]) {
        last = await aggregateIndicatorFrom(source, catalogue, {
          indicatorKey: indicator.key,
          buurtCodes: [code],
          indelingYear: year,
          period,
        });
        if (last.status === 'berekend') return { value: last.value };
      }
      const missing = last ? await missingStateOf(source, empty, indicator, last) : 'niet geladen';
      return { value: null, missing, note: publishedAreaNote(missing, name) };
    };

    const rows: OverviewRow[] = [];
    for (const { selection, points } of series) {
      const detail = await data.read(`versie\u0000${selection.slug ?? ''}`, () =>
        getFocusArea(data.db, selection.slug ?? ''),
      );
      const point = points.find((p) => p.period === period);
      const level = detail.members.some((m) => m.level === 'wijk') ? 'wijk' : 'buurt';
      const counted = countedMembers(detail.members).length;
      const shown = detail.members.filter((m) => m.status !== 'uitgesloten').length;
      const exclusions =
        point && point.result.status === 'berekend'
          ? describeExclusions(point.result.excluded)
          : null;
      const v = detail.version;
      rows.push({
        slug: selection.slug ?? '',
        name: selection.name,
        municipality: selection.municipalityName,
        area:
          point && point.result.status === 'berekend'
            ? { value: point.result.value, point }
            : {
                value: null,
                missing: point?.missing ?? 'niet geladen',
                note: point?.result.note ?? MISSING_WORDS['niet geladen'],
                ...(point ? { point } : {}),
              },
        municipal: await published(
          selection.municipalityCode,
          `de gemeente ${selection.municipalityName}`,
          selection.indelingYear,
        ),
        completeness:
          `${counted} van ${units(shown, level)} tellen mee` +
          (counted === 0 ? ' (geen cijfer te berekenen)' : '') +
          (exclusions ? `; ${exclusions}` : ''),
        certainty:
          v && v.provisional === 1
            ? `voorlopig, betrouwbaarheid ${v.confidence ?? 'onbekend'}`
            : 'vastgesteld door de gemeente',
        provisional: v?.provisional === 1,
      });
    }
    rows.sort(
      (a, b) =>
        (a.area.value === null ? 1 : 0) - (b.area.value === null ? 1 : 0) ||
        (b.area.value ?? 0) - (a.area.value ?? 0) ||
        a.name.localeCompare(b.name, 'nl'),
    );
    const results = series.flatMap((s) => {
      const p = s.points.find((x) => x.period === period);
      return p ? [p.result] : [];
    });
    const average = nplvAverage(indicator, results);
    return {
      indicator,
      indicators,
      period,
      rows,
      average,
      averageNote: averageDefined(indicator)
        ? average
          ? null
          : `${missingText('niet geladen')} ${AVERAGE_TOO_FEW}`
        : AVERAGE_UNDEFINED,
      netherlands: await published(NETHERLANDS, 'Nederland', years[0] ?? 2024),
      dataVersion,
    };
  });
}

/** The overview as a table for its downloads: the same rows as the page. */
export function overviewTable(o: Overview): DataTable {
  const { indicator } = o;
  const flags = (v: OverviewValue) =>
    v.point ? pointFlags(v.point) : v.missing ? [MISSING_FLAG[v.missing]] : [];
  const rows: DataRow[] = o.rows.map((r) => ({
    cells: {
      soort: 'focusgebied',
      gebied: r.name,
      gemeente: r.municipality,
      periode: o.period,
      waarde: r.area.value,
      gemeente_cbs: r.municipal.value,
      volledigheid: r.completeness,
      afbakening: r.certainty,
      toelichting: r.area.note ?? '',
    },
    flags: flags(r.area),
  }));
  const extra = (
    soort: string,
    gebied: string,
    value: number | null,
    note: string,
    f: DataRow['flags'],
  ): DataRow => ({
    cells: {
      soort,
      gebied,
      gemeente: null,
      periode: o.period,
      waarde: value,
      gemeente_cbs: null,
      volledigheid: null,
      afbakening: null,
      toelichting: note,
    },
    flags: f,
  });
  if (o.average) {
    rows.push(
      extra(
        'nplv_teller_noemer',
        'Gemiddelde NPLV-focusgebieden (Σ teller / Σ noemer)',
        o.average.pooled,
        `over ${o.average.areas} focusgebieden`,
        [],
      ),
      extra(
        'nplv_gewoon_gemiddelde',
        'Gewoon gemiddelde van de focusgebieden',
        o.average.mean,
        `elk gebied telt even zwaar; ${o.average.areas} focusgebieden`,
        [],
      ),
    );
  } else {
    rows.push(
      extra('nplv_teller_noemer', 'Gemiddelde NPLV-focusgebieden', null, o.averageNote ?? '', [
        MISSING_FLAG[averageDefined(indicator) ? 'niet geladen' : 'niet van toepassing'],
      ]),
    );
  }
  rows.push(
    extra(
      'nederland',
      'Nederland',
      o.netherlands.value,
      o.netherlands.note ?? '',
      flags(o.netherlands),
    ),
  );
  return {
    name: `focusgebieden-${indicator.key}`,
    title: `${indicator.name}: alle NPLV-focusgebieden${o.period ? `, ${o.period}` : ''}`,
    source: sourceText(indicator),
    columns: [
      { key: 'soort', label: 'Soort', type: 'code' },
      { key: 'gebied', label: 'Gebied', type: 'text' },
      { key: 'gemeente', label: 'Gemeente', type: 'text' },
      { key: 'periode', label: 'Periode', type: 'code' },
      {
        key: 'waarde',
        label: 'Waarde',
        type: 'number',
        decimals: indicator.decimals,
        unit: indicator.unit,
      },
      {
        key: 'gemeente_cbs',
        label: 'Gemeente (cijfer van CBS)',
        type: 'number',
        decimals: indicator.decimals,
        unit: indicator.unit,
      },
      { key: 'volledigheid', label: 'Hoe volledig', type: 'text' },
      { key: 'afbakening', label: 'Hoe zeker de afbakening is', type: 'text' },
      { key: 'toelichting', label: 'Toelichting', type: 'text' },
    ],
    rows,
    dataVersion: o.dataVersion,
  };
}
