import { Layout } from '../../../views/layout.tsx';
import type { FocusAreaRef } from '../../participation/index.ts';
import { STATUS_LABELS } from '../contours.service.ts';
import type { ContourVersionRow } from '../contours.table.ts';
import { contoursBase, when } from './parts.tsx';

/** Every version of the proposal: who saved it when and why, and where it went. */
export function HistoryPage(props: {
  gemeente: string;
  focusArea: FocusAreaRef;
  versions: ContourVersionRow[];
}) {
  const base = contoursBase(props.gemeente, props.focusArea.slug);
  return (
    <Layout
      title={`Versies van de contouren ${props.focusArea.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Contouren ${props.focusArea.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Versies van de contouren {props.focusArea.name}</h1>
        {props.versions.length === 0 ? (
          <p class="utrecht-paragraph">Er is nog geen versie opgeslagen.</p>
        ) : (
          <div class="wk-table-scroll" tabIndex={0} role="region" aria-label="Versies">
            <table class="utrecht-table">
              <caption class="utrecht-table__caption">Alle versies, de nieuwste eerst</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    Versie
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Status
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Opgeslagen
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Wat is er veranderd
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Voorgelegd
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Vastgesteld
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {props.versions.map((v) => (
                  <tr class="utrecht-table__row" data-version={v.version}>
                    <th class="utrecht-table__header-cell" scope="row">
                      <a class="utrecht-link" href={`${base}?versie=${v.version}`}>
                        {`Versie ${v.version}`}
                      </a>
                    </th>
                    <td class="utrecht-table__cell">{STATUS_LABELS[v.status]}</td>
                    <td class="utrecht-table__cell">{`${when(v.created_at)}, ${v.created_by_name}`}</td>
                    <td class="utrecht-table__cell">
                      {v.note}
                      {v.based_on !== null ? ` (op basis van versie ${v.based_on})` : ''}
                    </td>
                    <td class="utrecht-table__cell">
                      {v.submitted_at
                        ? `${when(v.submitted_at)}, ${v.submitted_by_name ?? ''}`
                        : ''}
                    </td>
                    <td class="utrecht-table__cell">
                      {v.status === 'vastgesteld'
                        ? `${v.decided_on ?? ''}: ${v.decision_reference ?? ''} (vastgelegd door ${v.decided_by_name ?? ''})`
                        : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}
