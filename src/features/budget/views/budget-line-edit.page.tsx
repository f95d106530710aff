import { Layout } from '../../../views/layout.tsx';
import type { BudgetLine, FundingSource } from '../budget.service.ts';
import type { FocusAreaRef } from '../budget.service.ts';
import type { FieldErrors } from './fields.tsx';
import { budgetBase } from './budget.page.tsx';
import { EditForm, LineFields } from './budget-forms.tsx';

/** Correcting a budget line: the fields of adding one, prefilled. */
export function BudgetLineEditPage(props: {
  csrf: string;
  municipalityCode: string;
  area: FocusAreaRef;
  line: BudgetLine;
  sources: readonly FundingSource[];
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: { message: string; current: Record<string, string> } | undefined;
}) {
  const { area, line } = props;
  const base = budgetBase(props.municipalityCode, area.slug);
  const page = `${base}/regels/${line.id}`;
  return (
    <Layout
      title={`Begrotingsregel ${line.code} wijzigen`}
      description={`Een fout in begrotingsregel ${line.code} van ${area.name} verbeteren.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Begroting ${area.name}` },
        { href: page, label: line.code },
        { href: `${page}/wijzigen`, label: 'Wijzigen', current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Begrotingsregel {line.code} wijzigen</h1>
      <EditForm
        csrf={props.csrf}
        action={`${page}/wijzigen`}
        back={{ href: page, label: `Terug naar regel ${line.code}, zonder op te slaan` }}
        values={props.values}
        errors={props.errors}
        prefix="regel"
        conflict={props.conflict}
      >
        <LineFields
          sources={props.sources}
          values={props.values}
          errors={props.errors}
          prefix="regel"
        />
      </EditForm>
    </Layout>
  );
}
