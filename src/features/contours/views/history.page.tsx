import { Layout } from '../../../views/layout.tsx';
import type { FocusAreaRef } from '../../participation/index.ts';
import { STATUS_LABELS } from '../contours.service.ts';
import type { ContourVersionRow } from '../contours.table.ts';
import { contoursBase, when } from './parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  TableScroll,
  Tr,
} from '../../../views/components/data-table.tsx';

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
          <TableScroll label="Versies">
            <Table>
              <TableCaption>Alle versies, de nieuwste eerst</TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Versie</Th>
                  <Th scope="col">Status</Th>
                  <Th scope="col">Opgeslagen</Th>
                  <Th scope="col">Wat is er veranderd</Th>
                  <Th scope="col">Voorgelegd</Th>
                  <Th scope="col">Vastgesteld</Th>
                </Tr>
              </THead>
              <TBody>
                {props.versions.map((v) => (
                  <Tr data-version={v.version}>
                    <Th scope="row">
                      <a class="utrecht-link" href={`${base}?versie=${v.version}`}>
                        {`Versie ${v.version}`}
                      </a>
                    </Th>
                    <Td>{STATUS_LABELS[v.status]}</Td>
                    <Td>{`${when(v.created_at)}, ${v.created_by_name}`}</Td>
                    <Td>
                      {v.note}
                      {v.based_on !== null ? ` (op basis van versie ${v.based_on})` : ''}
                    </Td>
                    <Td>
                      {v.submitted_at
                        ? `${when(v.submitted_at)}, ${v.submitted_by_name ?? ''}`
                        : ''}
                    </Td>
                    <Td>
                      {v.status === 'vastgesteld'
                        ? `${v.decided_on ?? ''}: ${v.decision_reference ?? ''} (vastgelegd door ${v.decided_by_name ?? ''})`
                        : ''}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </TableScroll>
        )}
      </div>
    </Layout>
  );
}
