import { Layout } from '../../../views/layout.tsx';
import type { BudgetEntry, BudgetLine } from '../budget.service.ts';
import { ENTRY_KIND_LABEL, type FocusAreaRef } from '../budget.service.ts';
import { formatEuro } from '../money.ts';
import type { FieldErrors } from './fields.tsx';
import { budgetBase } from './budget.page.tsx';
import { EditForm, EntryFields } from './budget-forms.tsx';

/** Correcting a commitment or spending: the fields of booking one, prefilled. */
export function BudgetEntryEditPage(props: {
  csrf: string;
  municipalityCode: string;
  area: FocusAreaRef;
  entry: BudgetEntry;
  lines: readonly BudgetLine[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: { message: string; current: Record<string, string> } | undefined;
}) {
  const { area, entry } = props;
  const base = budgetBase(props.municipalityCode, area.slug);
  const line = props.lines.find((l) => l.id === entry.budget_line_id);
  const linePage = `${base}/regels/${entry.budget_line_id}`;
  const action = `${base}/boekingen/${entry.id}/wijzigen`;
  const what = `${ENTRY_KIND_LABEL[entry.kind].toLowerCase()} van ${formatEuro(entry.amount_cents)} op ${entry.entry_date}`;
  return (
    <Layout
      title={`Boeking wijzigen: ${what}`}
      description={`Een fout in een boeking op de begroting van ${area.name} verbeteren.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Begroting ${area.name}` },
        { href: linePage, label: line?.code ?? 'Regel' },
        { href: action, label: 'Boeking wijzigen', current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Boeking wijzigen</h1>
      <p class="utrecht-paragraph">
        U verbetert de {what}
        {line ? ` op regel ${line.code}` : ''}.
        {entry.import_key &&
          ' Deze boeking is ingelezen uit Excel; als u hetzelfde bestand nog eens inleest, komt ze er niet opnieuw bij.'}
      </p>
      <EditForm
        csrf={props.csrf}
        action={action}
        back={{
          href: linePage,
          label: `Terug naar regel ${line?.code ?? ''}, zonder op te slaan`,
        }}
        values={props.values}
        errors={props.errors}
        prefix="boeking"
        conflict={props.conflict}
      >
        <EntryFields
          lines={props.lines}
          values={props.values}
          errors={props.errors}
          prefix="boeking"
        />
      </EditForm>
    </Layout>
  );
}
