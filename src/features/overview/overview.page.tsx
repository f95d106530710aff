import { Layout } from '../../views/layout.tsx';
import {
  formatPeriod,
  formatValue as chartValue,
  AREA_STYLES,
  GRID,
  INK,
  REFERENCE_STYLES,
} from '../charts/index.ts';
import {
  DownloadLinks,
  formatLinks,
  TABLE_FORMATS,
} from '../../views/components/download-links.tsx';
import type { Overview, OverviewValue } from './overview.service.ts';
import { tableScroll } from '../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  TFoot,
  THead,
  Td,
  Th,
  Tr,
} from '../../views/components/data-table.tsx';

/** As the profile tables: thousands grouped with a dot. */
function format(o: Overview, value: number): string {
  return chartValue(value, o.indicator.decimals, o.indicator.unit).replaceAll('\u202f', '.');
}

function ValueCell({ o, v }: { o: Overview; v: OverviewValue }) {
  return (
    <>
      {v.value === null ? '–' : format(o, v.value)}
      {v.note && <span class="wk-cell-note">{v.note}</span>}
    </>
  );
}

const ROW = 26;
const LEFT = 210;
const RIGHT = 24;
const WIDTH = 720;
const TOP = 34;

/** A label near either end of the axis is anchored inwards, so it is never cut off. */
function anchorAt(at: number): 'start' | 'middle' | 'end' {
  if (at > WIDTH - RIGHT - 120) return 'end';
  if (at < LEFT + 120) return 'start';
  return 'middle';
}

function missingText(n: number): string {
  return n === 1
    ? '1 gebied zonder cijfer staat alleen in de tabel.'
    : `${n} gebieden zonder cijfer staan alleen in de tabel.`;
}

/**
 * A dot per focus area on one axis, with the NPLV average and the Netherlands as vertical lines:
 * drawn by the server as SVG (no script), the table below gives the same figures.
 */
function DotChart({ o }: { o: Overview }) {
  const shown = o.rows.filter((r) => r.area.value !== null);
  if (shown.length === 0) return null;
  const refs: { label: string; value: number; style: (typeof REFERENCE_STYLES)[number] }[] = [];
  if (o.average)
    refs.push({
      label: 'Gemiddelde NPLV (Σ teller / Σ noemer)',
      value: o.average.pooled,
      style: REFERENCE_STYLES[2]!,
    });
  // A count for the whole country (17,9 miljoen inwoners) is no yardstick for a count of one
  // area: on the same axis it would push every area against zero. The table still gives it.
  const countOnly = o.indicator.measure.type === 'count';
  if (o.netherlands.value !== null && !countOnly)
    refs.push({ label: 'Nederland', value: o.netherlands.value, style: REFERENCE_STYLES[0]! });
  const values = [...shown.map((r) => r.area.value as number), ...refs.map((r) => r.value)];
  const min = Math.min(0, ...values);
  const max = Math.max(...values) || 1;
  const plot = WIDTH - LEFT - RIGHT;
  const x = (v: number) => LEFT + ((v - min) / (max - min)) * plot;
  const height = TOP + shown.length * ROW + 16;
  const id = 'grafiek-gebieden';
  const description =
    `${o.indicator.name}${o.period ? `, ${formatPeriod(o.period)}` : ''}, per focusgebied van hoog naar laag: ` +
    shown.map((r) => `${r.name} ${format(o, r.area.value as number)}`).join('; ') +
    '. ' +
    refs.map((r) => `${r.label}: ${format(o, r.value)}`).join('. ') +
    (refs.length > 0 ? '. ' : '') +
    'De tabel hieronder geeft dezelfde cijfers.';
  return (
    <figure class="wk-figure">
      <svg
        xmlns="http://www.w3.org/2000/svg"
        class="wk-chart wk-chart--punten"
        role="img"
        aria-labelledby={`${id}-titel ${id}-beschrijving`}
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
      >
        <title id={`${id}-titel`}>{`${o.indicator.name} per focusgebied`}</title>
        <desc id={`${id}-beschrijving`}>{description}</desc>
        <line x1={LEFT} x2={LEFT} y1={TOP - 6} y2={height - 12} stroke={GRID} />
        {refs.map((r, i) => (
          <g>
            <line
              x1={x(r.value)}
              x2={x(r.value)}
              y1={TOP - 6}
              y2={height - 12}
              stroke={r.style.color}
              stroke-width={r.style.width}
              stroke-dasharray={r.style.dash}
            />
            <text
              x={x(r.value)}
              y={12 + i * 12}
              font-size="11"
              fill={INK}
              text-anchor={anchorAt(x(r.value))}
            >
              {`${r.label}: ${format(o, r.value)}`}
            </text>
          </g>
        ))}
        {shown.map((r, i) => {
          const y = TOP + i * ROW + ROW / 2;
          return (
            <g>
              <text x={LEFT - 8} y={y + 4} font-size="12" fill={INK} text-anchor="end">
                {r.name}
              </text>
              <line x1={LEFT} x2={x(r.area.value as number)} y1={y} y2={y} stroke={GRID} />
              <circle
                cx={x(r.area.value as number)}
                cy={y}
                r={6}
                fill={r.provisional ? '#ffffff' : AREA_STYLES[0]!.color}
                stroke={AREA_STYLES[0]!.color}
                stroke-width={2}
              />
            </g>
          );
        })}
      </svg>
      <figcaption class="wk-muted">
        Dichte stip: afbakening vastgesteld door de gemeente. Open stip: voorlopige afbakening.
        {o.rows.length > shown.length ? ` ${missingText(o.rows.length - shown.length)}` : ''}
        {countOnly && o.netherlands.value !== null
          ? ' Nederland staat alleen in de tabel: een aantal voor heel Nederland is geen maat voor een aantal in één gebied.'
          : ''}
      </figcaption>
    </figure>
  );
}

export function OverviewPage({ o }: { o: Overview }) {
  const title = 'Alle focusgebieden naast elkaar';
  const self = `/gebieden?indicator=${o.indicator.key}`;
  return (
    <Layout
      title={`${title}: ${o.indicator.name}`}
      description={`${o.indicator.name} voor alle NPLV-focusgebieden naast elkaar, van hoog naar laag, met het gemiddelde van de focusgebieden en Nederland.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: '/gebieden', label: 'Alle focusgebieden', current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph wk-lead">
          Eén indicator tegelijk voor alle NPLV-focusgebieden, van hoog naar laag, met het
          gemiddelde van de focusgebieden en Nederland. Per gebied staat erbij hoe volledig en hoe
          zeker de afbakening is.
        </p>
        <form method="get" action="/gebieden" class="wk-stack">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="indicator">
              Indicator
            </label>
            <select class="utrecht-select" id="indicator" name="indicator">
              {o.indicators.map((i) => (
                <option value={i.key} selected={i.key === o.indicator.key}>
                  {i.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Toon
            </button>
          </div>
        </form>
        <h2 class="utrecht-heading-2">
          {`${o.indicator.name}${o.period ? ` in ${formatPeriod(o.period)}` : ''}`}
        </h2>
        <DotChart o={o} />
        <div {...tableScroll(`${o.indicator.name} per focusgebied, van hoog naar laag`)}>
          <Table data-table="gebieden">
            <TableCaption>{`${o.indicator.name} per focusgebied, van hoog naar laag`}</TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Focusgebied</Th>
                <Th scope="col">Waarde</Th>
                <Th scope="col">Gemeente (cijfer van CBS)</Th>
                <Th scope="col">Hoe volledig</Th>
                <Th scope="col">Hoe zeker de afbakening is</Th>
              </Tr>
            </THead>
            <TBody>
              {o.rows.map((r) => (
                <Tr data-gebied={r.slug}>
                  <Th scope="row">
                    <a class="utrecht-link" href={`/gebieden/${r.slug}`}>
                      {r.name}
                    </a>
                    <span class="wk-cell-note">{`Gemeente ${r.municipality}`}</span>
                  </Th>
                  <Td data-cell="waarde">
                    <ValueCell o={o} v={r.area} />
                  </Td>
                  <Td data-cell="gemeente">
                    <ValueCell o={o} v={r.municipal} />
                  </Td>
                  <Td data-cell="volledig">{r.completeness}</Td>
                  <Td data-cell="zeker">{r.certainty}</Td>
                </Tr>
              ))}
            </TBody>
            <TFoot>
              <Tr data-gebied="nplv">
                <Th scope="row">Gemiddelde NPLV-focusgebieden (Σ teller / Σ noemer)</Th>
                <Td data-cell="waarde" colSpan={4}>
                  {o.average ? format(o, o.average.pooled) : '–'}
                  <span class="wk-cell-note">
                    {o.average
                      ? `De tellers van ${o.average.areas} focusgebieden opgeteld en gedeeld door hun opgetelde noemers.`
                      : (o.averageNote ?? '')}
                  </span>
                </Td>
              </Tr>
              {o.average && (
                <Tr data-gebied="nplv-gewoon">
                  <Th scope="row">Gewoon gemiddelde van de focusgebieden</Th>
                  <Td data-cell="waarde" colSpan={4}>
                    {format(o, o.average.mean)}
                    <span class="wk-cell-note">
                      {`Het gemiddelde van de ${o.average.areas} cijfers hierboven; elk gebied telt even zwaar, hoe groot ook.`}
                    </span>
                  </Td>
                </Tr>
              )}
              <Tr data-gebied="nederland">
                <Th scope="row">Nederland</Th>
                <Td data-cell="waarde" colSpan={4}>
                  <ValueCell o={o} v={o.netherlands} />
                </Td>
              </Tr>
            </TFoot>
          </Table>
        </div>
        <DownloadLinks intro="Download deze cijfers:" links={formatLinks(self, TABLE_FORMATS)} />
        <p class="utrecht-paragraph wk-muted">
          {`${o.indicator.source.publisher}. `}
          <a class="utrecht-link" href="/methode">
            Hoe wij rekenen
          </a>
          {' en '}
          <a class="utrecht-link" href="/bronnen">
            bronnen
          </a>
          .
        </p>
      </div>
    </Layout>
  );
}
