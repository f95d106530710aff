import { Layout } from '../../../views/layout.tsx';
import type { FundingSource } from '../budget.service.ts';
import type { FocusAreaRef } from '../budget.service.ts';
import type { FieldErrors } from './fields.tsx';
import { budgetBase } from './budget.page.tsx';
import { EditForm, SourceFields } from './budget-forms.tsx';

/** Correcting a funding source: the fields of adding one, prefilled. */
export function FundingSourceEditPage(props: {
  csrf: string;
  municipalityCode: string;
  area: FocusAreaRef;
  source: FundingSource;
  values: Record<string, string>;
  errors: FieldErrors;
  conflict?: { message: string; current: Record<string, string> } | undefined;
}) {
  const { area, source } = props;
  const base = budgetBase(props.municipalityCode, area.slug);
  const action = `${base}/bronnen/${source.id}/wijzigen`;
  return (
    <Layout
      title={`Geldbron ${source.name} wijzigen`}
      description={`Een fout in geldbron ${source.name} van ${area.name} verbeteren.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Begroting ${area.name}` },
        { href: action, label: `Geldbron ${source.name} wijzigen`, current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Geldbron {source.name} wijzigen</h1>
      <EditForm
        csrf={props.csrf}
        action={action}
        back={{ href: `${base}#bronnen`, label: 'Terug naar de begroting, zonder op te slaan' }}
        values={props.values}
        errors={props.errors}
        prefix="bron"
        conflict={props.conflict}
      >
        <SourceFields values={props.values} errors={props.errors} prefix="bron" />
      </EditForm>
    </Layout>
  );
}
