import { Layout } from '../../views/layout.tsx';
import { assetUrl } from '../../shared/assets.ts';
import { AreaMap, MapLegend, type MapShape } from '../maps/index.ts';
import { LEGEND, shapeFor } from '../focus-areas/index.ts';
import type { Factsheet, FactsheetBoundary, FactsheetCell } from './factsheet.model.ts';
import { tableScroll } from '../../views/table-scroll.ts';
import { NoteRef } from '../monitor/index.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../views/components/data-table.tsx';

/** The columns of every theme table, in order; "Doel" only when a target was set. */
export const FACTSHEET_COLUMNS = [
  'Indicator',
  'Laatste cijfer',
  'Verandering',
  'Rest van de gemeente',
  'Gemeente',
  'Nederland',
] as const;

/** The element the .docx takes the boundary map from (a PNG of it). */
export const FACTSHEET_MAP_SELECTOR = '[data-factsheet-map]';

/** The figure, and the number of its note (printed once under the tables). */
function CellText({ cell }: { cell: FactsheetCell }) {
  return (
    <>
      {cell.text}
      {cell.ref !== undefined && <NoteRef n={cell.ref} />}
    </>
  );
}

/** The boundary: the existing delineation map, zoomed to the area, and the buurten with status. */
function Boundary({ sheet, boundary }: { sheet: Factsheet; boundary: FactsheetBoundary }) {
  const mapId = 'factsheet-kaart';
  const shapes = boundary.map.buurten.map(shapeFor);
  const outlines: MapShape[] = boundary.map.wijken
    .filter((w) => !w.isWater)
    .map((w) => ({
      code: w.code,
      geometry: w.geometry,
      className: 'wk-map__wijk',
      title: `Wijk ${w.name}`,
    }));
  const focusShapes = shapes.filter((_, i) => boundary.map.buurten[i]?.status !== undefined);
  const memberWijken = new Set(boundary.members.map((m) => m.wijk));
  const labels = boundary.map.wijken
    .filter((w) => memberWijken.has(w.name))
    .map((w) => ({ text: w.name, geometry: w.geometry }));
  const unit = boundary.unit === 'wijk' ? 'Wijk' : 'Buurt';
  const caption = `${unit === 'Wijk' ? 'Wijken' : 'Buurten'} van ${sheet.areaName} per status en wijk`;
  return (
    <section class="wk-factsheet-boundary" aria-labelledby="factsheet-afbakening">
      <h2 class="utrecht-heading-2" id="factsheet-afbakening">
        Afbakening
      </h2>
      <p class="utrecht-paragraph">{boundary.text}</p>
      {focusShapes.length > 0 ? (
        <figure class="wk-figure wk-factsheet-boundary__grid">
          <div class="wk-map-frame" data-factsheet-map>
            <AreaMap
              id={mapId}
              title={`Kaart van ${sheet.areaName}: de buurten en hun status`}
              description={`${boundary.text} De tabel bij de kaart noemt dezelfde buurten met hun status.`}
              shapes={shapes}
              outlines={outlines}
              fitTo={focusShapes}
              labels={labels}
              width={420}
              height={320}
              padding={12}
            />
          </div>
          <figcaption>
            <MapLegend mapId={mapId} heading="Legenda" items={LEGEND} />
          </figcaption>
        </figure>
      ) : (
        <p class="utrecht-paragraph wk-muted">
          De kaart is nog niet geladen: er zijn nog geen grenzen ingelezen.
        </p>
      )}
      <div {...tableScroll(caption)}>
        <Table class="wk-factsheet-members" data-members>
          <TableCaption>{caption}</TableCaption>
          <THead>
            <Tr>
              <Th scope="col">Status</Th>
              <Th scope="col">Wijk</Th>
              <Th scope="col">{unit === 'Wijk' ? 'Wijken' : 'Buurten'}</Th>
            </Tr>
          </THead>
          <TBody>
            {boundary.groups.map((g) => (
              <Tr data-status={g.status}>
                <Th scope="row">{g.statusLabel}</Th>
                <Td>{g.wijk}</Td>
                <Td>
                  {g.names.map((name, i) => (
                    <>
                      {i > 0 && ', '}
                      <span data-member={name}>{name}</span>
                    </>
                  ))}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </section>
  );
}

/**
 * Print-ready factsheet: page 1 holds the title, the key figures and the boundary; then a table
 * per theme that has figures, the notes once, and one short list of what is not loaded yet.
 */
export function FactsheetPage({ sheet }: { sheet: Factsheet }) {
  const base = `/gebieden/${sheet.slug}/factsheet`;
  const columns = [...FACTSHEET_COLUMNS, ...(sheet.withTargets ? ['Doel'] : [])];
  return (
    <Layout
      title={sheet.title}
      description={`Factsheet om te printen met de belangrijkste cijfers over ${sheet.areaName}, per thema en met de bron bij elk cijfer.`}
      head={<link rel="stylesheet" href={assetUrl('css/factsheet.css')} />}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${sheet.slug}`, label: sheet.areaName },
      ]}
    >
      <article class="wk-factsheet" data-data-version={sheet.dataVersion}>
        <header class="wk-factsheet-header">
          <h1 class="utrecht-heading-1">{sheet.title}</h1>
          <dl class="wk-factsheet-meta">
            <div>
              <dt>Gebied</dt>
              <dd>{sheet.areaName}</dd>
            </div>
            <div>
              <dt>Gemeente</dt>
              <dd>{sheet.municipality}</dd>
            </div>
            {sheet.version && (
              <div>
                <dt>Buurtindeling</dt>
                <dd>{sheet.version}</dd>
              </div>
            )}
            <div>
              <dt>Gegevens van</dt>
              <dd>{sheet.dataDate}</dd>
            </div>
          </dl>
          <p class="utrecht-paragraph wk-factsheet-downloads">
            {'Download deze factsheet als '}
            <a class="utrecht-link" href={`${base}.pdf`}>
              PDF
            </a>
            {' of als '}
            <a class="utrecht-link" href={`${base}.docx`}>
              Word-bestand (.docx)
            </a>
            {'. Afdrukken kan ook: de kerncijfers en de afbakening staan op de eerste pagina.'}
          </p>
        </header>
        {sheet.summary.length > 0 && (
          <section class="wk-factsheet-summary" aria-labelledby="factsheet-in-het-kort">
            <h2 class="utrecht-heading-2" id="factsheet-in-het-kort">
              In het kort
            </h2>
            <ul class="wk-factsheet-summary__list">
              {sheet.summary.map((item) => (
                <li data-summary={item.key}>
                  <span class="wk-factsheet-summary__theme">{`${item.theme}: `}</span>
                  {`${item.name} `}
                  <strong>{item.value}</strong>
                  {` (${item.period}).`}
                  {item.words.length > 0 && ` ${item.words.join(' ')}`}
                </li>
              ))}
            </ul>
          </section>
        )}
        {sheet.boundary && <Boundary sheet={sheet} boundary={sheet.boundary} />}
        {sheet.sections.map((section) => (
          <section
            class="wk-factsheet-theme"
            aria-labelledby={`factsheet-${section.key}`}
            data-theme={section.key}
          >
            <h2 class="utrecht-heading-2" id={`factsheet-${section.key}`}>
              {section.title}
            </h2>
            <div {...tableScroll(`${section.title}: laatste cijfer, verandering en vergelijking`)}>
              <Table class="wk-factsheet-table">
                <TableCaption>
                  {`${section.title}: laatste cijfer, verandering en vergelijking`}
                </TableCaption>
                <THead>
                  <Tr>
                    {columns.map((c) => (
                      <Th scope="col">{c}</Th>
                    ))}
                  </Tr>
                </THead>
                <TBody>
                  {section.indicators.map((i) => (
                    <Tr data-indicator={i.key}>
                      <Th scope="row">{i.name}</Th>
                      <Td data-cell="laatste">
                        <CellText cell={i.value} />
                        <span class="wk-cell-note">{i.period}</span>
                      </Td>
                      <Td data-cell="verandering">
                        <CellText cell={i.change} />
                      </Td>
                      <Td data-cell="rest_gemeente">
                        <CellText cell={i.rest} />
                      </Td>
                      <Td data-cell="gemeente">
                        <CellText cell={i.gemeente} />
                      </Td>
                      <Td data-cell="nederland">
                        <CellText cell={i.nederland} />
                      </Td>
                      {sheet.withTargets && (
                        <Td data-cell="doel">
                          {i.status}
                          {i.statusExplanation && (
                            <span class="wk-cell-note">{i.statusExplanation}</span>
                          )}
                        </Td>
                      )}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          </section>
        ))}
        {sheet.notes.length > 0 && (
          <section class="wk-factsheet-notes" aria-labelledby="factsheet-toelichting">
            <h2 class="utrecht-heading-2" id="factsheet-toelichting">
              Toelichting bij de tabellen
            </h2>
            <ol class="wk-footnotes__list">
              {sheet.notes.map(({ n, text }) => (
                <li id={`noot-${n}`} value={n} data-note={n}>
                  {text}
                </li>
              ))}
            </ol>
          </section>
        )}
        {sheet.notLoaded.length > 0 && (
          <section class="wk-factsheet-not-loaded" aria-labelledby="factsheet-nog-niet-geladen">
            <h2 class="utrecht-heading-2" id="factsheet-nog-niet-geladen">
              Nog niet geladen
            </h2>
            <ul class="wk-plain-list">
              {sheet.notLoaded.map((group) => (
                <li>
                  {`${group.reason} Dat geldt voor: `}
                  {group.indicators.map((n, i) => (
                    <>
                      {i > 0 && ', '}
                      <span data-not-loaded={n.key}>{n.name}</span>
                    </>
                  ))}
                  .
                </li>
              ))}
            </ul>
          </section>
        )}
        <p class="utrecht-paragraph wk-credit wk-factsheet-source">{sheet.source}</p>
      </article>
    </Layout>
  );
}
