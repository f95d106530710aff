import { Layout } from '../../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  type FieldErrors,
} from '../../../../views/components/form.tsx';
import { SavedNotice } from '../../../../views/components/form-controls.tsx';
import { textIn } from '../../definition/fixed-labels.ts';
import type { Questionnaire } from '../../definition/questionnaire.schema.ts';
import type { Discrepancy } from '../double-entry.ts';
import type { FormWithDiscrepancies } from '../keying.service.ts';
import { formLabel, keyingBase, reviewCrumbs } from './keying-parts.tsx';

function DiscrepancyRow({
  d,
  value,
  other,
}: {
  d: Discrepancy;
  value: string | undefined;
  other: string | undefined;
}) {
  const name = d.field;
  const id = fieldId(name);
  const choice = (option: 'eerste' | 'tweede' | 'anders', label: string) => (
    <>
      <input
        class="utrecht-radio-button utrecht-radio-button--html-input"
        type="radio"
        id={`${id}-${option}`}
        name={name}
        value={option}
        checked={value === option}
      />{' '}
      <label class="utrecht-form-label" for={`${id}-${option}`}>
        {label}
      </label>
    </>
  );
  return (
    <fieldset class="wk-keying__question">
      <legend class="wk-keying__legend">{d.label}</legend>
      <div class="wk-keying__choice">
        {choice('eerste', `Eerste invoer: ${d.first || '(leeg)'}`)}
      </div>
      <div class="wk-keying__choice">
        {choice('tweede', `Tweede invoer: ${d.second || '(leeg)'}`)}
      </div>
      <div class="wk-keying__choice">
        {choice('anders', 'Allebei fout; op papier staat:')}{' '}
        <input
          class="utrecht-textbox utrecht-textbox--html-input wk-keying__input"
          type="text"
          name={`${name}__anders`}
          aria-label={`${d.label}: wat op papier staat (code)`}
          value={other ?? ''}
        />
      </div>
    </fieldset>
  );
}

/** The differences of double-keyed forms, each settled against the paper. */
export function DiscrepancyPage(props: {
  csrf: string;
  municipalityCode: string;
  questionnaire: Questionnaire;
  forms: FormWithDiscrepancies[];
  saved?: string | undefined;
  errors?: { formNumber: number; errors: FieldErrors; values: Record<string, string> };
}) {
  const { questionnaire: q } = props;
  const base = keyingBase(props.municipalityCode, q.key);
  return (
    <Layout
      title={`Verschillen bij dubbele invoer: ${textIn(q.title, 'nl')}`}
      breadcrumbs={reviewCrumbs(props.municipalityCode)}
    >
      <h1 class="utrecht-heading-1">Verschillen bij dubbele invoer</h1>
      <SavedNotice text={props.saved} />
      {props.forms.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn geen formulieren met verschillen.</p>
      ) : (
        <p class="utrecht-paragraph">
          Pak het papieren formulier erbij en kies per vraag welke invoer klopt.
        </p>
      )}
      {props.forms.map((f) => {
        const own = props.errors?.formNumber === f.formNumber ? props.errors : undefined;
        return (
          <section class="wk-stack" aria-labelledby={`formulier-${f.formNumber}`}>
            <h2 class="utrecht-heading-2" id={`formulier-${f.formNumber}`}>
              {`Formulier ${formLabel(f.formNumber)}`}
            </h2>
            {own && <ErrorSummary errors={own.errors} />}
            <form method="post" action={`${base}/verschillen/${f.formNumber}`} class="wk-stack">
              <CsrfField token={props.csrf} />
              {f.discrepancies.map((d) => (
                <DiscrepancyRow
                  d={d}
                  value={own?.values[d.field]}
                  other={own?.values[`${d.field}__anders`]}
                />
              ))}
              <SubmitButton label={`Formulier ${formLabel(f.formNumber)} goedkeuren`} />
            </form>
          </section>
        );
      })}
    </Layout>
  );
}
