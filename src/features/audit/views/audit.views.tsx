import { Layout } from '../../../views/layout.tsx';
import type { AuditRecord } from '../audit.facade.ts';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/Amsterdam',
});

function Json(props: { value: string | null }) {
  if (props.value === null) return <span class="wk-muted">—</span>;
  let pretty = props.value;
  try {
    pretty = JSON.stringify(JSON.parse(props.value), null, 2);
  } catch {
    // stored as JSON by recordAudit; show raw text if an old row is not
  }
  return <pre class="wk-audit-json">{pretty}</pre>;
}

export function AuditPage(props: {
  municipalityCode: string;
  records: AuditRecord[];
  page: number;
  pageCount: number;
  total: number;
}) {
  const code = props.municipalityCode;
  const base = `/beheer/${code}/audit`;
  return (
    <Layout title={`Logboek ${code}`} breadcrumbs={[{ href: '/account', label: 'Mijn account' }]}>
      <h1 class="utrecht-heading-1">Logboek van wijzigingen in gemeente {code}</h1>
      <p class="utrecht-paragraph">
        Elke wijziging in de werkplaats en elke import staat hier: wie, wanneer, wat, en hoe het
        ervoor en erna was. Niemand kan dit logboek veranderen. Wijzigingen die niet bij één
        gemeente horen (zoals landelijke CBS-cijfers) staan ook in de lijst.
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}.csv`} download>
          Download het hele logboek (CSV)
        </a>
      </p>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          {props.total} wijzigingen, pagina {props.page} van {props.pageCount}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Wanneer
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Wie
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Wat
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Ervoor
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Erna
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.records.map((r) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{dateFormat.format(new Date(r.occurredAt))}</td>
              <td class="utrecht-table__cell">{r.actor}</td>
              <td class="utrecht-table__cell">
                {r.action}
                <br />
                <span class="wk-muted">
                  {r.entity} {r.entityId}
                  {r.municipalityCode === null ? ' (alle gemeenten)' : ''}
                </span>
              </td>
              <td class="utrecht-table__cell">
                <Json value={r.before} />
              </td>
              <td class="utrecht-table__cell">
                <Json value={r.after} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.pageCount > 1 && (
        <nav aria-label="Pagina's van het logboek">
          <p class="utrecht-paragraph">
            {props.page > 1 && (
              <a class="utrecht-link" href={`${base}?pagina=${props.page - 1}`}>
                Vorige pagina
              </a>
            )}{' '}
            {props.page < props.pageCount && (
              <a class="utrecht-link" href={`${base}?pagina=${props.page + 1}`}>
                Volgende pagina
              </a>
            )}
          </p>
        </nav>
      )}
    </Layout>
  );
}
