import type { ComponentChildren } from 'preact';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { ENTRY_KIND_LABEL, FUNDING_KIND_LABEL, LOADED_FIELD } from '../budget.service.ts';
import type { BudgetLine, FundingSource } from '../budget.service.ts';
import { ENTRY_KINDS, FUNDING_KINDS } from '../budget.table.ts';
import { THEMES } from '../themes.ts';
import { Choice, Input, prefixed, type FieldErrors } from './fields.tsx';

/**
 * The fields of a budget line, a funding source and a booking: one set for the add forms on the
 * budget page and the edit forms, so both ask the same and the service checks the same.
 */
interface FieldsProps {
  values: Record<string, string>;
  errors: FieldErrors;
  /** Several forms on one page: the prefix keeps element ids unique. */
  prefix: string;
}

export function lineOptions(lines: readonly BudgetLine[]) {
  return [
    { value: '', label: 'Kies een regel' },
    ...lines.map((l) => ({ value: l.id, label: `${l.code} – ${l.description} (${l.year})` })),
  ];
}

export function EntryFields(props: FieldsProps & { lines: readonly BudgetLine[] }) {
  const common = { values: props.values, errors: props.errors, prefix: props.prefix };
  return (
    <>
      <Choice
        name="budget_line_id"
        label="Begrotingsregel"
        options={lineOptions(props.lines)}
        {...common}
      />
      <Choice
        name="kind"
        label="Soort"
        options={ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABEL[k] }))}
        {...common}
      />
      <Input name="entry_date" label="Datum (jjjj-mm-dd)" type="date" {...common} />
      <Input name="amount" label="Bedrag in euro, zoals 1.234,56" inputmode="decimal" {...common} />
      <Input name="description" label="Omschrijving" {...common} />
      <Input name="reference" label="Kenmerk (factuur- of ordernummer)" {...common} />
    </>
  );
}

export function LineFields(props: FieldsProps & { sources: readonly FundingSource[] }) {
  const common = { values: props.values, errors: props.errors, prefix: props.prefix };
  const themeOptions = [
    { value: '', label: 'Geen thema (programmabureau)' },
    ...THEMES.map((t) => ({ value: t.key, label: t.name })),
  ];
  return (
    <>
      <Input name="code" label="Code, zoals GL-2025-01" {...common} />
      <Input name="year" label="Jaar" inputmode="numeric" {...common} />
      <Choice name="theme" label="Thema" options={themeOptions} {...common} />
      <Input name="project" label="Project (mag leeg)" {...common} />
      <Choice
        name="funding_source_id"
        label="Geldbron"
        options={[
          { value: '', label: 'Kies een bron' },
          ...props.sources.map((s) => ({ value: s.id, label: s.name })),
        ]}
        {...common}
      />
      <Input name="description" label="Omschrijving" {...common} />
      <Input name="planned" label="Begroot bedrag in euro" inputmode="decimal" {...common} />
      <Input name="negative_reason" label="Reden, alleen bij een negatief bedrag" {...common} />
    </>
  );
}

export function SourceFields(props: FieldsProps) {
  const common = { values: props.values, errors: props.errors, prefix: props.prefix };
  return (
    <>
      <Input name="name" label="Naam" {...common} />
      <Choice
        name="kind"
        label="Soort"
        options={FUNDING_KINDS.map((k) => ({ value: k, label: FUNDING_KIND_LABEL[k] }))}
        {...common}
      />
      <Input name="funder" label="Van wie" {...common} />
      <Input
        name="annual"
        label="Bedrag per jaar in euro (mag leeg)"
        inputmode="decimal"
        {...common}
      />
      <Input name="from_year" label="Vanaf jaar (mag leeg)" inputmode="numeric" {...common} />
      <Input name="note" label="Toelichting" {...common} />
    </>
  );
}

/** The edit page around the fields: errors, what is stored now after a conflict, the form. */
export function EditForm(props: {
  csrf: string;
  action: string;
  back: { href: string; label: string };
  values: Record<string, string>;
  errors: FieldErrors;
  prefix: string;
  conflict?: { message: string; current: Record<string, string> } | undefined;
  children: ComponentChildren;
}) {
  return (
    <>
      <ErrorSummary
        errors={prefixed(props.prefix, props.errors)}
        message={props.conflict?.message}
      />
      {props.conflict && (
        <>
          <h2 class="utrecht-heading-2">Zo staat het nu opgeslagen</h2>
          <dl class="wk-facts">
            {Object.entries(props.conflict.current).map(([label, value]) => (
              <>
                <dt>{label.charAt(0).toUpperCase() + label.slice(1)}</dt>
                <dd>{value === '' ? '–' : value}</dd>
              </>
            ))}
          </dl>
          <h2 class="utrecht-heading-2">Uw wijziging</h2>
        </>
      )}
      <form method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name={LOADED_FIELD} value={props.values[LOADED_FIELD] ?? ''} />
        {props.children}
        <SubmitButton label="Wijziging opslaan" />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link wk-target" href={props.back.href}>
          {props.back.label}
        </a>
      </p>
    </>
  );
}
