import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/layout.tsx';
import { AreaMap, MapLegend, type LegendItem, type MapShape } from '../../maps/index.ts';
import { countedMembers, isCountedMember } from '../counted-members.ts';
import type { MemberStatus } from '../focus-area.table.ts';
import {
  LICENCE,
  POPULATION_YEARS,
  SOURCE_TEXT,
  type FocusAreaPageData,
  type MemberRow,
  type PopulationYear,
} from '../focus-area.page-data.ts';
import { tableScroll } from '../../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  TFoot,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

const numberFormat = new Intl.NumberFormat('nl-NL');
const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeZone: 'Europe/Amsterdam',
});

export const STATUS_LABEL: Record<MemberStatus, string> = {
  lid: 'Hoort erbij',
  uitgesloten: 'Uitgesloten',
  te_bevestigen: 'Te bevestigen',
  deels: 'Hoort er deels bij',
};

const NOT_LOADED = 'nog niet geladen';

export function formatCount(value: number | null): string {
  return value === null ? NOT_LOADED : numberFormat.format(value);
}

function plainBuurten(n: number): string {
  return n === 1 ? '1 buurt' : `${n} buurten`;
}

function wijken(n: number): string {
  return n === 1 ? '1 wijk' : `${n} wijken`;
}

const CONFIDENCE_TEXT = {
  hoog: 'hoog: een officieel document noemt de wijken',
  midden:
    'midden: een pagina van de gemeente of het programma noemt de wijken, en die passen duidelijk op CBS-wijken',
  laag: 'laag: afgeleid, bijvoorbeeld uit een inwonertal; geen bron noemt de wijken',
} as const;

const decimalFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 });

function ProvisionalNotice({ data }: { data: FocusAreaPageData }) {
  const p = data.provisional;
  if (!p) return null;
  return (
    <div class="utrecht-alert wk-notice" role="note" data-voorlopig>
      <p class="utrecht-paragraph">
        <strong>Voorlopige afbakening.</strong>{' '}
        {`Deze indeling in wijken is samengesteld uit openbare bronnen. De gemeente ${data.municipality.name} heeft haar nog niet bevestigd; de beheerder van de gemeente kan haar verfijnen in een nieuwe versie.`}
      </p>
      <p class="utrecht-paragraph">
        {`Bron: ${p.source ?? 'niet vastgelegd'}${p.sourceDate ? ` (${p.sourceDate})` : ''}. `}
        {`Betrouwbaarheid: ${p.confidence ? CONFIDENCE_TEXT[p.confidence] : 'niet vastgelegd'}.`}
      </p>
    </div>
  );
}

function KeyFiguresTable({ data }: { data: FocusAreaPageData }) {
  if (data.keyFigures.length === 0) return null;
  const cell = (v: number | null, f: (n: number) => string) => (
    <Td num class={v === null ? 'wk-muted' : undefined}>
      {v === null ? NOT_LOADED : f(v)}
    </Td>
  );
  return (
    <div
      {...tableScroll(`Kerncijfers op 1 januari 2024: ${data.name} naast de gemeente en Nederland`)}
    >
      <Table data-kerncijfers>
        <TableCaption>
          {`Kerncijfers op 1 januari 2024: ${data.name} naast de gemeente en Nederland`}
        </TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Gebied</Th>
            <Th num scope="col">
              Inwoners
            </Th>
            <Th num scope="col">
              Woningen
            </Th>
            <Th num scope="col">
              Land (km²)
            </Th>
            <Th num scope="col">
              Inwoners per km² land
            </Th>
          </Tr>
        </THead>
        <TBody>
          {data.keyFigures.map((f) => (
            <Tr>
              <Th scope="row">{f.label}</Th>
              {cell(f.inhabitants, (n) => numberFormat.format(n))}
              {cell(f.dwellings, (n) => numberFormat.format(n))}
              {cell(f.land, (n) => decimalFormat.format(n))}
              {cell(f.density, (n) => numberFormat.format(Math.round(n)))}
            </Tr>
          ))}
        </TBody>
      </Table>
      <p class="utrecht-paragraph wk-muted">
        Bron: CBS, Kerncijfers wijken en buurten 2024. Het gebied is de som van de delen die
        meetellen; de dichtheid is de som van de inwoners gedeeld door de som van het land.
        Nederland is de som van alle gemeenten.
      </p>
    </div>
  );
}

export function shapeFor(area: FocusAreaPageData['map']['buurten'][number]): MapShape {
  const base = 'wk-map__buurt';
  if (isCountedMember(area))
    return {
      code: area.code,
      geometry: area.geometry,
      className: `${base} ${base}--lid`,
      title: `${area.name}: hoort bij het focusgebied`,
    };
  if (area.status === 'te_bevestigen')
    return {
      code: area.code,
      geometry: area.geometry,
      className: `${base} ${base}--te-bevestigen`,
      pattern: 'hatch',
      title: `${area.name}: te bevestigen`,
    };
  if (area.status === 'uitgesloten')
    return {
      code: area.code,
      geometry: area.geometry,
      className: `${base} ${base}--uitgesloten`,
      pattern: 'cross',
      title: `${area.name}: uitgesloten`,
    };
  if (area.isWater)
    return {
      code: area.code,
      geometry: area.geometry,
      className: `${base} ${base}--water`,
      title: `${area.name}: water`,
    };
  return {
    code: area.code,
    geometry: area.geometry,
    className: `${base} ${base}--overig`,
    title: `${area.name}: hoort niet bij het focusgebied`,
  };
}

export const LEGEND: LegendItem[] = [
  {
    label: 'Hoort bij het focusgebied (donkerblauw vlak)',
    className: 'wk-map__buurt wk-map__buurt--lid',
  },
  {
    label: 'Te bevestigen (gele schuine strepen, gestreepte rand)',
    className: 'wk-map__buurt wk-map__buurt--te-bevestigen',
    pattern: 'hatch',
  },
  {
    label: 'Uitgesloten (grijze ruitjes, gestippelde rand)',
    className: 'wk-map__buurt wk-map__buurt--uitgesloten',
    pattern: 'cross',
  },
  {
    label: 'Andere buurt in de gemeente (wit vlak)',
    className: 'wk-map__buurt wk-map__buurt--overig',
  },
  { label: 'Grens van een wijk (dikke lijn)', className: 'wk-map__wijk' },
];

function Credit() {
  return (
    <p class="utrecht-paragraph wk-credit">
      {SOURCE_TEXT}. Licentie{' '}
      <a class="utrecht-link" href="https://creativecommons.org/licenses/by/4.0/deed.nl">
        {LICENCE}
      </a>
      .
    </p>
  );
}

function Count({ value }: { value: number | null }) {
  return (
    <Td num class={value === null ? 'wk-muted' : undefined}>
      {formatCount(value)}
    </Td>
  );
}

function YearHeaders() {
  return (
    <>
      {POPULATION_YEARS.map((y) => (
        <Th num scope="col">
          Inwoners 1 januari {y}
        </Th>
      ))}
    </>
  );
}

function MemberCells({ m }: { m: MemberRow }) {
  return (
    <>
      <Td>{m.code}</Td>
      <Th scope="row">
        {m.level === 'buurt' ? (
          <a class="utrecht-link" href={`/buurten/${m.code}`}>
            {m.name}
          </a>
        ) : (
          m.name
        )}
      </Th>
      <Td>{m.wijk ?? 'onbekend'}</Td>
      <Td>{STATUS_LABEL[m.status]}</Td>
    </>
  );
}

function TotalText({ data, year }: { data: FocusAreaPageData; year: PopulationYear }) {
  const buurten = data.memberLevel === 'wijk' ? wijken : plainBuurten;
  const total = data.totals[year];
  if (total !== null) return <>{numberFormat.format(total)}</>;
  if (data.missing[year] > 0 && data.missing[year] < countedMembers(data.members).length) {
    return <>{`onvolledig: van ${buurten(data.missing[year])} ${NOT_LOADED}`}</>;
  }
  return <>{NOT_LOADED}</>;
}

function UnknownCompositionPage({ data }: { data: FocusAreaPageData }) {
  return (
    <Layout
      title={`${data.name} in ${data.municipality.name}`}
      description={`${data.name} is een focusgebied in ${data.municipality.name}. Nog niet bekend is welke buurten erbij horen.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${data.slug}`, label: data.name, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{data.name}</h1>
        <p class="utrecht-paragraph wk-lead">Gemeente {data.municipality.name}</p>
        <p class="utrecht-paragraph">
          Van dit focusgebied is nog niet bekend welke buurten erbij horen. Zodra de gemeente de
          afbakening heeft vastgesteld, ziet u hier de kaart en de buurten.
        </p>
      </div>
    </Layout>
  );
}

/** A long table folded away under a summary line on the profile; as is on the delineation page. */
function Fold({
  when,
  label,
  children,
}: {
  when: boolean;
  label: string;
  children: ComponentChildren;
}) {
  if (!when) return <>{children}</>;
  return (
    <details class="wk-fold">
      <summary class="wk-not-loaded__summary">{label}</summary>
      {children}
    </details>
  );
}

export function FocusAreaPage({
  data,
  profile,
  summary,
}: {
  data: FocusAreaPageData;
  /** The monitor profile, shown above the delineation (which then gets its own h2). */
  profile?: ComponentChildren;
  /** "In het kort": the key figures, shown first, with the boundary map beside or under them. */
  summary?: ComponentChildren;
}) {
  if (data.version === null || data.createdAt === null) {
    return <UnknownCompositionPage data={data} />;
  }
  const buurten = data.memberLevel === 'wijk' ? wijken : plainBuurten;
  const unitName = data.memberLevel === 'wijk' ? 'wijken' : 'buurten';
  const members = countedMembers(data.members);
  const others = data.members.filter((m) => !isCountedMember(m));
  const excluded = others.filter((m) => m.status === 'uitgesloten');
  const toConfirm = others.filter((m) => m.status === 'te_bevestigen');
  const partly = others.filter((m) => m.status === 'deels');
  const mapId = 'kaart-afbakening';
  const shapes = data.map.buurten.map(shapeFor);
  const outlines: MapShape[] = data.map.wijken
    .filter((w) => !w.isWater)
    .map((w) => ({
      code: w.code,
      geometry: w.geometry,
      className: 'wk-map__wijk',
      title: `Wijk ${w.name}`,
    }));
  const focusShapes = shapes.filter((_, i) => data.map.buurten[i]?.status !== undefined);
  const focusWijken = new Set(data.members.map((m) => m.wijkCode));
  const labels = data.map.wijken
    .filter((w) => focusWijken.has(w.code))
    .map((w) => ({ text: w.name, geometry: w.geometry }));
  const isLatest = data.version === data.latestVersion;
  const total2023 = data.totals['2023'];
  const membersText =
    `${buurten(members.length)} horen bij ${data.name}` +
    (total2023 !== null
      ? `, met samen ${numberFormat.format(total2023)} inwoners op 1 januari 2023`
      : '') +
    (excluded.length > 0
      ? `. ${excluded.length === 1 ? '1 buurt is' : `${excluded.length} buurten zijn`} uitgesloten`
      : '') +
    (partly.length > 0
      ? `. Van ${buurten(partly.length)} hoort maar een deel erbij; die tellen niet mee`
      : '') +
    `. Van ${buurten(toConfirm.length)} moet de gemeente nog bevestigen of ze erbij horen.`;
  const description =
    `Kaart van ${buurten(shapes.length)} van ${data.municipality.name} (indeling ${data.indelingYear}). ` +
    `De ${buurten(members.length)} van ${data.name} zijn donkerblauw. ` +
    (excluded.length > 0
      ? `Uitgesloten (grijze ruitjes): ${excluded.map((m) => m.name).join(', ')}. `
      : '') +
    (toConfirm.length > 0
      ? `Te bevestigen (gele strepen): ${toConfirm.map((m) => m.name).join(', ')}. `
      : '') +
    'De tabellen onder de kaart geven dezelfde buurten met hun inwonertal.';

  const mapFigure = (
    <>
      {shapes.length > 0 ? (
        <figure class="wk-figure">
          <div class="wk-maps">
            <div>
              <p class="wk-map-caption" aria-hidden="true">
                Uitsnede: {data.name}
              </p>
              <div class="wk-map-frame">
                <AreaMap
                  id={mapId}
                  title={`Kaart van ${data.name}: de buurten en hun status`}
                  description={description}
                  shapes={shapes}
                  outlines={outlines}
                  fitTo={focusShapes}
                  labels={labels}
                  height={600}
                  padding={20}
                />
              </div>
            </div>
            <div>
              <p class="wk-map-caption" aria-hidden="true">
                Overzicht: heel {data.municipality.name}
              </p>
              <div class="wk-map-frame">
                <AreaMap
                  id="kaart-overzicht"
                  title={`Overzichtskaart van ${data.municipality.name} met ${data.name}`}
                  description={`Alle ${buurten(shapes.length)} van ${data.municipality.name}. ${data.name} ligt in het westen van de stad; de kleuren en patronen zijn dezelfde als op de uitsnede.`}
                  shapes={shapes}
                  outlines={outlines}
                  width={480}
                />
              </div>
            </div>
          </div>
          <figcaption>
            <MapLegend mapId={mapId} heading="Legenda" items={LEGEND} />
            <Credit />
          </figcaption>
        </figure>
      ) : (
        <p class="utrecht-paragraph wk-muted">
          {`De kaart is ${NOT_LOADED}: er zijn nog geen grenzen van de ${unitName} ingelezen.`}
        </p>
      )}
    </>
  );

  return (
    <Layout
      title={
        profile
          ? `${data.name} in ${data.municipality.name}`
          : `${data.name}: welke buurten horen erbij`
      }
      description={
        profile
          ? `Cijfers over focusgebied ${data.name} in ${data.municipality.name}: per thema, vergeleken met de gemeente en Nederland, met de buurten die erbij horen en de bron bij elk cijfer.`
          : `Welke buurten horen bij focusgebied ${data.name} in ${data.municipality.name}, en waarom: de kaart en de lijst van buurten.`
      }
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${data.slug}`, label: data.name, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">
          {profile ? data.name : `${data.name}: welke buurten horen erbij?`}
        </h1>
        <p class="utrecht-paragraph wk-lead">
          Gemeente {data.municipality.name} · {data.memberLevel}indeling van het CBS van{' '}
          {data.indelingYear} · versie {data.version}
          {isLatest ? ' (nieuwste)' : ''},{' '}
          {data.provisional ? 'voorlopig, opgesteld' : 'vastgesteld'} op{' '}
          {dateFormat.format(new Date(data.createdAt))}
        </p>
        <ProvisionalNotice data={data} />
        {profile && (
          <p class="utrecht-paragraph">
            <a
              class="utrecht-link"
              href={`/gebieden/${data.slug}/factsheet${isLatest ? '' : `?versie=${data.version}`}`}
            >
              Factsheet om te printen (ook als PDF en Word)
            </a>
          </p>
        )}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/gebieden/${data.slug}/doe-mee`}>
            Doe mee: vragenlijsten en bijeenkomsten in {data.name}
          </a>
        </p>
        {profile && (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/gebieden/${data.slug}/alliantie`}>
              Wie zitten er in de Alliantie, en wat besloot die?
            </a>
          </p>
        )}
        {!isLatest && (
          <div class="utrecht-alert wk-notice" role="note">
            <p class="utrecht-paragraph">
              U bekijkt een oudere versie van deze indeling.{' '}
              {`U bekijkt versie ${data.version} van ${dateFormat.format(new Date(data.createdAt))}; de nieuwste is versie ${data.latestVersion}.`}{' '}
              <a class="utrecht-link" href={`/gebieden/${data.slug}`}>
                Bekijk de nieuwste versie ({data.latestVersion})
              </a>
              .
            </p>
          </div>
        )}
        {summary}
        {summary && (
          <section class="wk-stack" aria-labelledby="kaart">
            <h2 class="utrecht-heading-2" id="kaart">
              {`Kaart: de ${unitName} van ${data.name}`}
            </h2>
            <p class="utrecht-paragraph">{membersText}</p>
            {mapFigure}
          </section>
        )}
        {profile}
        {profile && (
          <h2 class="utrecht-heading-2" id="afbakening">
            Afbakening
          </h2>
        )}
        <p class="utrecht-paragraph">{membersText}</p>
        <KeyFiguresTable data={data} />

        <h2 class="utrecht-heading-2">{`Waarom deze ${unitName}`}</h2>
        <p class="utrecht-paragraph wk-rationale">{data.rationale}</p>

        {!summary && (
          <h2 class="utrecht-heading-2" id="kaart">
            Kaart
          </h2>
        )}
        {summary ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="#kaart">
              De kaart staat bovenaan de pagina
            </a>
            .
          </p>
        ) : (
          mapFigure
        )}

        <h2 class="utrecht-heading-2">{`${unitName === 'wijken' ? 'Wijken' : 'Buurten'} die meetellen`}</h2>
        <Fold
          when={summary !== undefined}
          label={`Toon de ${buurten(members.length)} met hun inwoners`}
        >
          <div
            {...tableScroll(`${buurten(members.length)} van ${data.name} met hun aantal inwoners`)}
          >
            <Table>
              <TableCaption>
                {`${buurten(members.length)} van ${data.name} met hun aantal inwoners`}
              </TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Code</Th>
                  <Th scope="col">{unitName === 'wijken' ? 'Wijk' : 'Buurt'}</Th>
                  <Th scope="col">Wijk</Th>
                  <Th scope="col">Status</Th>
                  <YearHeaders />
                </Tr>
              </THead>
              <TBody>
                {members.map((m) => (
                  <Tr>
                    <MemberCells m={m} />
                    {POPULATION_YEARS.map((y) => (
                      <Count value={m.inhabitants[y]} />
                    ))}
                  </Tr>
                ))}
              </TBody>
              <TFoot>
                <Tr class="wk-total">
                  <Th scope="row" colSpan={4}>
                    {`Totaal ${buurten(members.length)}`}
                  </Th>
                  {POPULATION_YEARS.map((y) => (
                    <Td num data-total={y}>
                      <TotalText data={data} year={y} />
                    </Td>
                  ))}
                </Tr>
              </TFoot>
            </Table>
          </div>
        </Fold>

        {others.length > 0 && (
          <>
            <h2 class="utrecht-heading-2">Uitgesloten, deels en nog te bevestigen</h2>
            <p class="utrecht-paragraph">
              {`Deze ${unitName} tellen niet mee in de cijfers van ${data.name}. Wat nog bevestigd moet worden, telt pas mee als de gemeente dat heeft besloten. Van een ${unitName === 'wijken' ? 'wijk' : 'buurt'} die er deels bij hoort, tellen wij niets mee: de cijfers gelden voor het geheel.`}
            </p>
            <Fold
              when={summary !== undefined}
              label={`Toon de ${others.length} ${unitName} die niet meetellen`}
            >
              <div {...tableScroll('Buurten die niet meetellen, met de reden')}>
                <Table>
                  <TableCaption>Buurten die niet meetellen, met de reden</TableCaption>
                  <THead>
                    <Tr>
                      <Th scope="col">Code</Th>
                      <Th scope="col">{unitName === 'wijken' ? 'Wijk' : 'Buurt'}</Th>
                      <Th scope="col">Wijk</Th>
                      <Th scope="col">Status</Th>
                      <Th scope="col">Reden</Th>
                      <YearHeaders />
                    </Tr>
                  </THead>
                  <TBody>
                    {others.map((m) => (
                      <Tr data-status={m.status}>
                        <MemberCells m={m} />
                        <Td>{m.reason ?? 'geen reden vastgelegd'}</Td>
                        {POPULATION_YEARS.map((y) => (
                          <Count value={m.inhabitants[y]} />
                        ))}
                      </Tr>
                    ))}
                  </TBody>
                </Table>
              </div>
            </Fold>
          </>
        )}
        <Credit />

        {data.versions.length > 1 && (
          <>
            <h2 class="utrecht-heading-2">Eerdere versies</h2>
            <ul class="utrecht-unordered-list">
              {data.versions.map((v) => (
                <li class="utrecht-unordered-list__item">
                  {v === data.version ? (
                    <span aria-current="page">Versie {v} (deze pagina)</span>
                  ) : (
                    <a class="utrecht-link" href={`/gebieden/${data.slug}?versie=${v}`}>
                      Versie {v}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}

        <h2 class="utrecht-heading-2">Gegevens hergebruiken</h2>
        <p class="utrecht-paragraph">
          <a
            class="utrecht-link"
            href={`/api/gebieden/${data.slug}${isLatest ? '' : `?versie=${data.version}`}`}
          >
            Deze indeling als JSON
          </a>
        </p>
      </div>
    </Layout>
  );
}
