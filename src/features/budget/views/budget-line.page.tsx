import { Layout } from '../../../views/layout.tsx';
import type { BudgetEntry, FocusAreaRef } from '../budget.service.ts';
import { ENTRY_KIND_LABEL, type LineRow } from '../budget.service.ts';
import { formatEuro } from '../money.ts';
import { budgetBase } from './budget.page.tsx';

/** One budget line with every commitment and spending booked on it. */
export function BudgetLinePage(props: {
  municipalityCode: string;
  area: FocusAreaRef;
  row: LineRow;
  entries: BudgetEntry[];
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
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">Boekingen</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Datum
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Soort
            </th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
              Bedrag
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Omschrijving
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Kenmerk
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Ingevoerd
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.entries.length === 0 && (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell" colSpan={6}>
                Nog geen boekingen.
              </td>
            </tr>
          )}
          {props.entries.map((e) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{e.entry_date}</td>
              <td class="utrecht-table__cell">{ENTRY_KIND_LABEL[e.kind]}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric">
                {formatEuro(e.amount_cents)}
              </td>
              <td class="utrecht-table__cell">{e.description}</td>
              <td class="utrecht-table__cell">{e.reference || '–'}</td>
              <td class="utrecht-table__cell">
                {e.import_key ? 'ingelezen uit Excel' : 'met de hand'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
