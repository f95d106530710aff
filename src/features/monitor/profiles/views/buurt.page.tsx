import { ProfileSummary } from './profile-summary.tsx';
import { Layout } from '../../../../views/layout.tsx';
import { formatPeriod, formatValue as chartValue } from '../../../charts/index.ts';
import type { IndicatorAggregate } from '../../../aggregation/index.ts';
import type { Indicator, IndicatorAvailability } from '../../../indicators/index.ts';
import type { AreaProfile, AreaSelection, SeriesPoint } from '../../profile.types.ts';
import {
  EmptyTheme,
  NotLoadedSection,
  TermList,
  termsUsed,
  profileView,
  type Cell,
  type ProfileThemeView,
} from './profile-section.tsx';
import { tableScroll } from '../../../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../../views/components/data-table.tsx';

/** As the profile tables: thousands grouped with a dot (28.740). */
export function tableValue(indicator: Indicator, r: IndicatorAggregate): string {
  const f = (v: number) =>
    chartValue(v, indicator.decimals, indicator.unit).replaceAll('\u202f', '.');
  if (r.status === 'bereik' && r.range) {
    return `${f(r.range.min)} tot ${f(r.range.max)} (per buurt)`;
  }
  return r.value === null ? '–' : f(r.value);
}

export const hasValue = (r: IndicatorAggregate): boolean =>
  r.status === 'berekend' || r.status === 'bereik';

/** The wijk's value in the buurt's period, or "–" with the reason. */
function wijkCell(indicator: Indicator, points: readonly SeriesPoint[], period: string): Cell {
  const point = points.find((p) => p.period === period);
  if (point && hasValue(point.result)) return { text: tableValue(indicator, point.result) };
  return { text: '–', note: point?.result.note ?? `Geen cijfer voor ${formatPeriod(period)}.` };
}

export interface BuurtThemeView extends ProfileThemeView {
  /** Per indicator key: the wijk's value in the period of the buurt's latest value. */
  wijk: Map<string, Cell>;
}

/** The profile rows of the focus-area page, plus the wijk as the nearest reference. */
export function buurtView(
  profile: AreaProfile,
  availability: readonly IndicatorAvailability[],
): BuurtThemeView[] {
  return profileView(profile, [], availability).map((theme) => {
    const wijk = new Map<string, Cell>();
    const profiles = profile.themes.find((t) => t.theme.key === theme.key)?.indicators ?? [];
    for (const row of theme.rows) {
      const p = profiles.find((x) => x.indicator.key === row.indicator.key);
      const points = p?.references.find((r) => r.key === 'wijk')?.points ?? [];
      wijk.set(row.indicator.key, wijkCell(row.indicator, points, row.latest.period));
    }
    return { ...theme, wijk };
  });
}

export function CellView({ cell }: { cell: Cell }) {
  return (
    <>
      {cell.text}
      {cell.note && <span class="wk-cell-note">{cell.note}</span>}
    </>
  );
}

export function SourceNote() {
  return (
    <p class="utrecht-paragraph wk-muted">
      {`Bron: CBS en andere bronnen per indicator, zie `}
      <a class="utrecht-link" href="/bronnen">
        bronnen
      </a>
      {' en '}
      <a class="utrecht-link" href="/methode">
        hoe wij rekenen
      </a>
      .
    </p>
  );
}

export interface BuurtPageProps {
  selection: AreaSelection;
  wijkName: string | null;
  siblings: { code: string; name: string }[];
  themes: BuurtThemeView[];
}

export function BuurtPage({ selection, wijkName, siblings, themes }: BuurtPageProps) {
  return (
    <Layout
      title={`Buurt ${selection.name} in ${selection.municipalityName}`}
      description={`Cijfers over buurt ${selection.name} in ${selection.municipalityName}: per thema, vergeleken met de gemeente en Nederland, met de bron bij elk cijfer.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/buurten/${selection.code ?? ''}`, label: selection.name, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{selection.name}</h1>
        <p class="utrecht-paragraph wk-lead">
          {`Buurt ${selection.code ?? ''} · wijk ${wijkName ?? 'onbekend'} · gemeente ${selection.municipalityName} · buurtindeling van het CBS van ${selection.indelingYear}`}
        </p>
        <p class="utrecht-paragraph">
          Per thema ziet u het laatste cijfer van deze buurt naast dat van de wijk, de gemeente en
          Nederland, in hetzelfde jaar. Een streepje betekent dat er geen cijfer is; de reden staat
          erbij.{' '}
          <a
            class="utrecht-link"
            href={`/vergelijk?a=bu:${selection.code ?? ''}${selection.parentCode ? `&b=wk:${selection.parentCode}` : ''}`}
          >
            Vergelijk deze buurt met een ander gebied
          </a>
          .
        </p>
        <ProfileSummary themes={themes} areaName={selection.name} />
        {themes.map((theme) => (
          <section class="wk-stack" aria-labelledby={`thema-${theme.key}`}>
            <h2 class="utrecht-heading-2" id={`thema-${theme.key}`}>
              {theme.name}
            </h2>
            {theme.rows.length === 0 && <EmptyTheme />}
            {theme.rows.length > 0 && (
              <div
                {...tableScroll(
                  `${theme.name}: ${selection.name} naast wijk, gemeente en Nederland`,
                )}
              >
                <Table class="wk-profile-table">
                  <TableCaption>
                    {`${theme.name}: ${selection.name} naast wijk, gemeente en Nederland`}
                  </TableCaption>
                  <THead>
                    <Tr>
                      <Th scope="col">Indicator</Th>
                      <Th scope="col">Buurt (laatste cijfer)</Th>
                      <Th scope="col">{wijkName ? `Wijk ${wijkName}` : 'Wijk'}</Th>
                      <Th scope="col">{`Gemeente ${selection.municipalityName}`}</Th>
                      <Th scope="col">Nederland</Th>
                    </Tr>
                  </THead>
                  <TBody>
                    {theme.rows.map((r) => (
                      <Tr data-indicator={r.indicator.key}>
                        <Th scope="row">{r.indicator.name}</Th>
                        <Td data-cell="laatste">
                          {r.latest.text}
                          <span class="wk-cell-note">
                            {formatPeriod(r.latest.period)}
                            {r.latest.flags.length > 0 ? ` · ${r.latest.flags.join(', ')}` : ''}
                          </span>
                          {r.latest.note && <span class="wk-cell-note">{r.latest.note}</span>}
                        </Td>
                        <Td data-cell="wijk">
                          <CellView cell={theme.wijk.get(r.indicator.key) ?? { text: '–' }} />
                        </Td>
                        <Td data-cell="gemeente">
                          <CellView cell={r.references.gemeente} />
                        </Td>
                        <Td data-cell="nederland">
                          <CellView cell={r.references.nederland} />
                        </Td>
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            )}
          </section>
        ))}
        <TermList terms={termsUsed(themes, [])} />
        <NotLoadedSection themes={themes} />
        {siblings.length > 0 && (
          <>
            <h2 class="utrecht-heading-2">{`Andere buurten in wijk ${wijkName ?? ''}`}</h2>
            <ul class="utrecht-unordered-list">
              {siblings.map((s) => (
                <li class="utrecht-unordered-list__item">
                  <a class="utrecht-link" href={`/buurten/${s.code}`}>
                    {s.name}
                  </a>
                </li>
              ))}
            </ul>
          </>
        )}
        <SourceNote />
      </div>
    </Layout>
  );
}
