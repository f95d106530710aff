import { Layout } from '../../../views/layout.tsx';
import { actorLabel } from '../../../shared/actor-label.ts';
import type { AuditRecord } from '../audit.facade.ts';
import { actionLabel, entityLabel, parseAuditJson, summarizeChange } from '../audit-summary.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'medium',
  timeZone: 'Europe/Amsterdam',
});

function Change(props: { record: AuditRecord }) {
  const lines = summarizeChange(props.record.before, props.record.after);
  if (lines.length === 0) return <span class="wk-muted">—</span>;
  return (
    <ul class="utrecht-unordered-list wk-audit-change">
      {lines.map((l) => (
        <li class="utrecht-unordered-list__item">{l}</li>
      ))}
    </ul>
  );
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
    <Layout title={`Logboek ${code}`} breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}>
      <h1 class="utrecht-heading-1">Logboek van wijzigingen in gemeente {code}</h1>
      <p class="utrecht-paragraph">
        Hier staat elke wijziging in de werkruimte en elk bestand dat is ingelezen: wie het deed,
        wanneer, en wat er veranderde. Niemand kan dit logboek veranderen. Ook wijzigingen voor alle
        gemeenten samen staan erin, zoals landelijke cijfers van het CBS.
      </p>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}.csv`} download>
          Download het hele logboek (CSV)
        </a>{' '}
        <span class="wk-muted">· met alle technische gegevens van elke wijziging</span>
      </p>
      <Table>
        <TableCaption>
          {props.total} wijzigingen, pagina {props.page} van {props.pageCount}
        </TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Wanneer</Th>
            <Th scope="col">Wie</Th>
            <Th scope="col">Wat</Th>
            <Th scope="col">Wat veranderde</Th>
          </Tr>
        </THead>
        <TBody>
          {props.records.map((r) => (
            <Tr>
              <Td>{dateFormat.format(new Date(r.occurredAt))}</Td>
              <Td>{actorLabel(r.actor)}</Td>
              <Td data-actie={r.action}>
                {actionLabel(r.action)}
                <br />
                <span class="wk-muted">
                  {entityLabel(
                    r.entity,
                    r.entityId,
                    parseAuditJson(r.before),
                    parseAuditJson(r.after),
                  )}
                  {r.municipalityCode === null ? ' (alle gemeenten)' : ''}
                </span>
              </Td>
              <Td>
                <Change record={r} />
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
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
