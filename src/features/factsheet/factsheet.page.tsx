import { Layout } from '../../views/layout.tsx';
import { assetUrl } from '../../shared/assets.ts';
import type { Factsheet, FactsheetCell } from './factsheet.model.ts';
import { tableScroll } from '../../views/table-scroll.ts';

function CellText({ cell }: { cell: FactsheetCell }) {
  return (
    <>
      {cell.text}
      {cell.note && <span class="wk-cell-note">{cell.note}</span>}
    </>
  );
}

/** Print-ready factsheet: one section per theme, each printed on a page of its own. */
export function FactsheetPage({ sheet }: { sheet: Factsheet }) {
  const base = `/gebieden/${sheet.slug}/factsheet`;
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
            {'. Afdrukken kan ook: elk thema komt op een eigen pagina.'}
          </p>
        </header>
        {sheet.sections.map((section) => (
          <section
            class="wk-factsheet-theme"
            aria-labelledby={`factsheet-${section.key}`}
            data-theme={section.key}
          >
            <h2 class="utrecht-heading-2" id={`factsheet-${section.key}`}>
              {section.title}
            </h2>
            <p class="utrecht-paragraph wk-muted">{`${sheet.areaName}, ${sheet.municipality}`}</p>
            {section.indicators.length > 0 ? (
              <div
                {...tableScroll(`${section.title}: laatste cijfer, verandering en vergelijking`)}
              >
                <table class="utrecht-table wk-factsheet-table">
                  <caption class="utrecht-table__caption">
                    {`${section.title}: laatste cijfer, verandering en vergelijking`}
                  </caption>
                  <thead class="utrecht-table__header">
                    <tr class="utrecht-table__row">
                      <th class="utrecht-table__header-cell" scope="col">
                        Indicator
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Laatste cijfer
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Verandering
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Gemeente
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Nederland
                      </th>
                      <th class="utrecht-table__header-cell" scope="col">
                        Doel
                      </th>
                    </tr>
                  </thead>
                  <tbody class="utrecht-table__body">
                    {section.indicators.map((i) => (
                      <tr class="utrecht-table__row" data-indicator={i.key}>
                        <th class="utrecht-table__header-cell" scope="row">
                          {i.name}
                        </th>
                        <td class="utrecht-table__cell" data-cell="laatste">
                          {i.value.text}
                          <span class="wk-cell-note">{i.period}</span>
                          {i.value.note && <span class="wk-cell-note">{i.value.note}</span>}
                        </td>
                        <td class="utrecht-table__cell" data-cell="verandering">
                          <CellText cell={i.change} />
                        </td>
                        <td class="utrecht-table__cell" data-cell="gemeente">
                          <CellText cell={i.gemeente} />
                        </td>
                        <td class="utrecht-table__cell" data-cell="nederland">
                          <CellText cell={i.nederland} />
                        </td>
                        <td class="utrecht-table__cell" data-cell="doel">
                          {i.status}
                          {i.statusExplanation && (
                            <span class="wk-cell-note">{i.statusExplanation}</span>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p class="utrecht-paragraph">Voor dit thema zijn nog geen cijfers geladen.</p>
            )}
            {section.notLoaded.length > 0 && (
              <>
                <h3 class="utrecht-heading-3">Nog niet geladen</h3>
                <ul class="utrecht-unordered-list">
                  {section.notLoaded.map((n) => (
                    <li class="utrecht-unordered-list__item" data-not-loaded={n.key}>
                      {`${n.name}: ${n.reason}`}
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p class="utrecht-paragraph wk-credit wk-factsheet-source">{sheet.source}</p>
          </section>
        ))}
      </article>
    </Layout>
  );
}
