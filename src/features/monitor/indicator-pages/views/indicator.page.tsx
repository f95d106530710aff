import type { ComponentChildren } from 'preact';
import { Layout } from '../../../../views/layout.tsx';
import {
  Choropleth,
  ZOOMED_MAP_WIDTH,
  zeroBasedMeasure,
  singlePeriod,
  TimeSeriesChart,
  type ChoroplethArea,
  type ChartSeries,
} from '../../../charts/index.ts';
import { STATUS_RULE_NL } from '../../../targets/index.ts';
import { aggregationRuleText } from '../indicator.download.ts';
import { sourceText } from '../../figure-notes.ts';
import type { IndicatorPageData } from '../indicator-page.types.ts';
import type { SeriesPoint } from '../../profile.types.ts';
import { DataTableView, formatCell } from './indicator-table-view.tsx';
import { MISSING_WORDS } from '../../missing-figure.ts';
import { isTermKey, type TermKey } from '../../terms.ts';
import { TermList } from '../../profiles/views/profile-section.tsx';
import { DownloadLinks, formatLinks } from '../../../../views/components/download-links.tsx';

const REASON_LABEL: Record<string, string> = {
  geheim: MISSING_WORDS.geheim,
  ontbreekt: 'geen cijfer',
  'indeling gewijzigd': 'buurtindeling gewijzigd',
};

const POLARITY_TEXT = {
  'hoger-is-beter': 'Hoger is beter.',
  'lager-is-beter': 'Lager is beter.',
  neutraal: 'Hoger of lager is niet beter of slechter: deze indicator beschrijft het gebied.',
};

function chartPoints(points: readonly SeriesPoint[]) {
  return points.map((p) => ({
    period: p.period,
    value: p.result.status === 'berekend' ? p.result.value : null,
  }));
}

/** The indicator's table as files; with buurt figures also as a map (GeoJSON). */
const INDICATOR_FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'csv-excel', label: 'CSV voor Excel' },
  { format: 'json', label: 'JSON' },
];
const MAP_FORMAT = { format: 'geojson', label: 'GeoJSON (kaart per buurt)' };

export function IndicatorPage({
  data,
  extra,
}: {
  data: IndicatorPageData;
  /** A section another feature adds (the projects aiming at this indicator). */
  extra?: ComponentChildren;
}) {
  const { selection, indicator, profile } = data;
  // An example target stays in the workspace until the Alliance sets a real one (issue 17).
  const target = data.target && !data.target.target.isExample ? data.target : null;
  const slug = selection.slug ?? '';
  const base = `/gebieden/${slug}/indicatoren/${indicator.key}`;
  const title = `${indicator.name} in ${selection.name}`;
  // A count (inhabitants, households) of the municipality or the Netherlands is hundreds of times
  // the area's: on one axis the area's own line would lie flat on zero. Counts are drawn for the
  // area alone; the references stay in the table below the chart.
  const isCount = indicator.measure.type === 'count';
  const series: ChartSeries[] = [
    { key: 'gebied', label: selection.name, kind: 'gebied', points: chartPoints(profile.area) },
    ...profile.references
      .filter((r) => r.points.length > 0 && !isCount)
      .map((r): ChartSeries => ({
        key: r.key,
        label: r.label,
        kind: 'referentie',
        points: chartPoints(r.points),
      })),
  ];
  const evaluation = target?.evaluation;
  if (evaluation && evaluation.trajectory.length > 0) {
    series.push({
      key: 'traject',
      label: `Doeltraject${target.target.isExample ? ' (voorbeeld)' : ''}`,
      kind: 'traject',
      points: evaluation.trajectory.map((p) => ({ period: String(p.year), value: p.value })),
    });
  }
  const chartTarget =
    target && evaluation && evaluation.targetValue !== null
      ? {
          year: target.target.targetYear,
          value: evaluation.targetValue,
          label: `Doel ${target.target.targetYear}${target.target.isExample ? ' (voorbeeld)' : ''}`,
        }
      : undefined;
  // One period only: the chart draws dots that compare areas (the same test as the chart).
  const oneMoment = singlePeriod(series) && !chartTarget;
  const chartKind = oneMoment ? 'Stippen' : 'Lijngrafiek';

  const buurtRows = new Map((data.buurten?.rows ?? []).map((r) => [r.areaCode, r]));
  const mapAreas: ChoroplethArea[] = data.buurten
    ? data.mapAreas.map((a) => {
        const row = buurtRows.get(a.code);
        const value = typeof row?.cells.waarde === 'number' ? row.cells.waarde : null;
        const status = row?.flags.includes('geheim') && value === null ? 'geheim' : undefined;
        return {
          code: a.code,
          name: a.name,
          geometry: a.geometry,
          value,
          status: status ?? (value === null ? 'ontbreekt' : 'waarde'),
        };
      })
    : [];
  const mapPeriod = profile.periods.at(-1);
  const latest = profile.latest;
  const otherReasons = data.excluded.filter((e) => e.reason !== 'geheim');
  // The explained words the page's tables use, explained once at the end (as on /methode).
  const terms = new Set<TermKey>(
    [...data.series.rows, ...(data.buurten?.rows ?? [])]
      .flatMap((r): string[] => r.flags)
      .filter(isTermKey),
  );
  if (data.excluded.some((e) => e.reason === 'geheim')) terms.add('geheim');

  return (
    <Layout
      title={title}
      description={`${indicator.name} in ${selection.name} (${selection.municipalityName}): de ontwikkeling door de jaren, de vergelijking met de gemeente en Nederland, en de cijfers per buurt.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${slug}`, label: selection.name },
        { href: base, label: indicator.name, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph wk-lead">
          Gemeente {selection.municipalityName} · {indicator.unit}
          {latest && latest.result.value !== null
            ? ` · ${formatCell(latest.result.value, indicator.decimals)} in ${latest.period}`
            : ''}
        </p>
        {!profile.loaded && (
          <div class="utrecht-alert wk-notice" role="note">
            <p class="utrecht-paragraph">
              De gegevens van deze indicator zijn nog niet geladen. Zodra ze er zijn, ziet u hier de
              grafiek, de kaart en de tabellen.
            </p>
          </div>
        )}

        <h2 class="utrecht-heading-2">
          {oneMoment ? 'Vergelijking met andere gebieden' : 'Ontwikkeling door de tijd'}
        </h2>
        {/* One drawing for every width: it adapts to the column (see TimeSeriesChart). */}
        <TimeSeriesChart
          id="grafiek-tijdreeks"
          title={
            isCount
              ? `${indicator.name}: ${selection.name}`
              : `${indicator.name}: ${selection.name} en vergelijkingsgebieden`
          }
          description={
            isCount
              ? `${chartKind} van ${indicator.name.toLowerCase()} per jaar voor ${selection.name}${chartTarget ? ', met het doeltraject' : ''}. De tabel onder de grafiek geeft dezelfde cijfers en die van de vergelijkingsgebieden.`
              : `${chartKind} van ${indicator.name.toLowerCase()} per jaar voor ${selection.name}, de rest van de gemeente, de gemeente, Nederland en het gemiddelde van de NPLV-focusgebieden${chartTarget ? ', met het doeltraject' : ''}. De tabel onder de grafiek geeft dezelfde cijfers.`
          }
          unit={indicator.unit}
          decimals={indicator.decimals}
          series={series}
          {...(chartTarget ? { target: chartTarget } : {})}
          fromZero={zeroBasedMeasure(indicator.measure.type)}
          axisNote="Dit is een gemiddelde of schatting: zo blijven de verschillen zichtbaar."
        />
        {isCount && profile.loaded && (
          <p class="utrecht-paragraph">
            Dit is een aantal. De gemeente en Nederland zijn veel groter dan {selection.name}.
            Daarom staan ze niet in de grafiek, maar wel in de tabel.
          </p>
        )}
        {profile.references
          .filter((r) => r.note)
          .map((r) => (
            <p class="utrecht-paragraph">
              {r.label}: {r.note}
            </p>
          ))}
        {target && evaluation && (
          <section aria-labelledby="doel">
            <h2 class="utrecht-heading-2" id="doel">
              Doel{target.target.isExample ? ' (voorbeeld)' : ''}: {evaluation.status}
            </h2>
            <p class="utrecht-paragraph">{target.target.note}</p>
            <p class="utrecht-paragraph">{evaluation.explanation}</p>
            {evaluation.areaChange !== null && (
              <p class="utrecht-paragraph">
                Verandering sinds de nulmeting: {selection.name}{' '}
                {formatCell(evaluation.areaChange, indicator.decimals)}
                {evaluation.referenceChange !== null &&
                  `; vergelijkingsgebied ${formatCell(evaluation.referenceChange, indicator.decimals)}`}
                .
              </p>
            )}
            <details>
              <summary>Hoe we het oordeel bepalen</summary>
              <ul class="utrecht-unordered-list">
                {STATUS_RULE_NL.map((r) => (
                  <li class="utrecht-unordered-list__item">
                    <strong>{r.status}</strong>: {r.rule}
                  </li>
                ))}
              </ul>
            </details>
          </section>
        )}
        <h2 class="utrecht-heading-2">Tabel bij de grafiek</h2>
        <DataTableView
          table={data.series}
          caption={`${indicator.name} per periode, ${selection.name} en vergelijkingsgebieden`}
        />
        <DownloadLinks
          intro="Download:"
          links={formatLinks(
            base,
            data.buurten !== null ? [...INDICATOR_FORMATS, MAP_FORMAT] : INDICATOR_FORMATS,
          )}
        />

        <h2 class="utrecht-heading-2">Kaart per buurt</h2>
        {data.buurten && mapPeriod ? (
          <>
            <Choropleth
              id="kaart-buurten"
              title={`${indicator.name} per buurt, ${data.outline ? `in en rond ${selection.name}` : `van ${selection.municipalityName}`}, ${mapPeriod}`}
              description={`Kaart van ${selection.name} en de buurten eromheen in ${selection.municipalityName}, gekleurd naar ${indicator.name.toLowerCase()} in ${mapPeriod}. De buurten van ${selection.name} hebben een dikke rand. De tabel onder de kaart geeft de cijfers van alle buurten van ${selection.municipalityName}.`}
              unit={indicator.unit}
              decimals={indicator.decimals}
              polarity={indicator.polarity}
              areas={mapAreas}
              {...(data.outline
                ? {
                    outline: data.outline,
                    // Zoomed to the focus area, with its wijken named: on a phone the whole
                    // municipality would leave the area a few dozen pixels wide.
                    zoomToOutline: true,
                    width: ZOOMED_MAP_WIDTH,
                    labels: data.mapLabels,
                  }
                : {})}
              outlineLabel={`Buurten van ${selection.name} (dikke rand)`}
            />
            <DataTableView
              table={data.buurten}
              caption={`${indicator.name} per buurt, ${mapPeriod}`}
              rowHeader="buurt"
            />
          </>
        ) : (
          <p class="utrecht-paragraph">Voor deze indicator is nog geen kaart.</p>
        )}

        {extra}

        <h2 class="utrecht-heading-2">Over deze indicator</h2>
        <dl class="wk-definitions">
          <dt>Definitie</dt>
          <dd>{indicator.definition}</dd>
          <dt>Eenheid</dt>
          <dd>{indicator.unit}</dd>
          <dt>Basis</dt>
          <dd>{indicator.base}</dd>
          <dt>Richting</dt>
          <dd>{POLARITY_TEXT[indicator.polarity]}</dd>
          {indicator.seriesNote !== undefined && (
            <>
              <dt>Over de reeks</dt>
              <dd>{indicator.seriesNote}</dd>
            </>
          )}
          <dt>Zo tellen we buurten op</dt>
          <dd>{aggregationRuleText(indicator.measure)}</dd>
          <dt>Geheimhouding</dt>
          <dd>
            {indicator.suppression.rule}
            {indicator.suppression.minBase !== undefined &&
              ` Wij tonen geen waarde voor het gebied als de basis kleiner is dan ${formatCell(indicator.suppression.minBase)}.`}
          </dd>
          <dt>Buurten die niet meetellen</dt>
          <dd>
            {data.excluded.length === 0 ? (
              `Alle buurten van ${selection.name} tellen mee${latest ? ` in ${latest.period}` : ''}.`
            ) : (
              <>
                {data.exclusionSummary}
                {latest ? ` (${latest.period})` : ''}:{' '}
                {data.excluded
                  .map((e) => `${e.name} (${REASON_LABEL[e.reason] ?? e.reason})`)
                  .join(', ')}
                .
                {otherReasons.length > 0 &&
                  ' We vullen ontbrekende cijfers nooit zelf in; de waarde geldt voor de andere buurten.'}
              </>
            )}
          </dd>
        </dl>
        <TermList terms={[...terms]} />
        <p class="utrecht-paragraph wk-credit">{sourceText(indicator)}</p>
      </div>
    </Layout>
  );
}
