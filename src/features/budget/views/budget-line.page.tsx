import { Layout } from '../../../views/layout.tsx';
import { Notice } from '../../../views/components/form.tsx';
import type { BudgetEntry, FocusAreaRef } from '../budget.service.ts';
import { ENTRY_KIND_LABEL, type LineRow } from '../budget.service.ts';
import { formatEuro } from '../money.ts';
import { budgetBase } from './budget.page.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

/** One budget line with every commitment and spending booked on it. */
export function BudgetLinePage(props: {
  municipalityCode: string;
  area: FocusAreaRef;
  row: LineRow;
  entries: BudgetEntry[];
  canEdit: boolean;
  saved?: string | undefined;
}) {
  const { row, area } = props;
  const base = budgetBase(props.municipalityCode, area.slug);
  return (
    <Layout
      title={`Begrotingsregel ${row.line.code}`}
      description={`Boekingen op begrotingsregel ${row.line.code} van ${area.name}.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Begroting ${area.name}` },
        { href: `${base}/regels/${row.line.id}`, label: row.line.code, current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">
        Regel {row.line.code}: {row.line.description}
      </h1>
      <Notice text={props.saved} />
      {props.canEdit && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link wk-target" href={`${base}/regels/${row.line.id}/wijzigen`}>
            Wijzigen<span class="wk-visually-hidden"> begrotingsregel {row.line.code}</span>
          </a>
        </p>
      )}
      <dl class="wk-facts">
        <dt>Jaar</dt>
        <dd>{row.line.year}</dd>
        <dt>Thema</dt>
        <dd>{row.themeName}</dd>
        <dt>Project</dt>
        <dd>{row.line.project || '–'}</dd>
        <dt>Geldbron</dt>
        <dd>{row.source?.name ?? 'onbekend'}</dd>
        <dt>Begroot</dt>
        <dd>{formatEuro(row.plannedCents)}</dd>
        {row.line.negative_reason && (
          <>
            <dt>Reden negatief bedrag</dt>
            <dd>{row.line.negative_reason}</dd>
          </>
        )}
        <dt>Verplicht</dt>
        <dd>{formatEuro(row.committedCents)}</dd>
        <dt>Uitgegeven</dt>
        <dd>{formatEuro(row.spentCents)}</dd>
        <dt>Beschikbaar</dt>
        <dd>{formatEuro(row.availableCents)}</dd>
      </dl>
      <Table>
        <TableCaption>Boekingen</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Datum</Th>
            <Th scope="col">Soort</Th>
            <Th num scope="col">
              Bedrag
            </Th>
            <Th scope="col">Omschrijving</Th>
            <Th scope="col">Kenmerk</Th>
            <Th scope="col">Ingevoerd</Th>
            {props.canEdit && <Th scope="col">Actie</Th>}
          </Tr>
        </THead>
        <TBody>
          {props.entries.length === 0 && (
            <Tr>
              <Td colSpan={props.canEdit ? 7 : 6}>Nog geen boekingen.</Td>
            </Tr>
          )}
          {props.entries.map((e) => (
            <Tr>
              <Td>{e.entry_date}</Td>
              <Td>{ENTRY_KIND_LABEL[e.kind]}</Td>
              <Td num>{formatEuro(e.amount_cents)}</Td>
              <Td>{e.description}</Td>
              <Td>{e.reference || '–'}</Td>
              <Td>{e.import_key ? 'ingelezen uit Excel' : 'met de hand'}</Td>
              {props.canEdit && (
                <Td>
                  <a class="utrecht-link" href={`${base}/boekingen/${e.id}/wijzigen`}>
                    Wijzigen
                    <span class="wk-visually-hidden">
                      {' '}
                      {ENTRY_KIND_LABEL[e.kind].toLowerCase()} van {formatEuro(e.amount_cents)} op{' '}
                      {e.entry_date}
                    </span>
                  </a>
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>
    </Layout>
  );
}
