import { Layout } from '../../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  type FieldErrors,
} from '../../../../views/components/form.tsx';
import { textIn } from '../../definition/fixed-labels.ts';
import type { Questionnaire } from '../../definition/questionnaire.schema.ts';
import type { PaperBuurt } from '../../paper/paper-codes.ts';
import { keyingItems } from '../keying-codes.ts';
import { formLabel, keyingBase, crumbs } from './keying-parts.tsx';

/** Step 2: every field of the form in paper order; Tab to the next, Enter saves. */
export function KeyingFormPage(props: {
  csrf: string;
  municipalityCode: string;
  questionnaire: Questionnaire;
  /** The buurten printed on the form, whose numbers the keyer types. */
  buurten?: readonly PaperBuurt[];
  formNumber: number;
  pass: 1 | 2;
  values: Readonly<Record<string, string | undefined>>;
  errors: FieldErrors;
}) {
  const { questionnaire: q, values, errors } = props;
  const base = keyingBase(props.municipalityCode, q.key);
  let first = true;
  return (
    <Layout
      title={`Formulier ${formLabel(props.formNumber)} invoeren`}
      breadcrumbs={crumbs(props.municipalityCode, q)}
    >
      <h1 class="utrecht-heading-1">{`Formulier ${formLabel(props.formNumber)}`}</h1>
      <p class="utrecht-paragraph">
        {props.pass === 2
          ? 'Tweede invoer: dit formulier wordt ter controle nog een keer ingevoerd. Typ precies wat op papier staat.'
          : 'Typ bij elke vraag de code van het aangekruiste hokje. Laat leeg wat niet is ingevuld. Met Tab gaat u naar de volgende vraag, met Enter slaat u op.'}
      </p>
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action={`${base}/invoer/${props.formNumber}`}
        class="wk-keying"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <input type="hidden" name="invoer" value={String(props.pass)} />
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={fieldId('taal')}>
            Taal van het formulier
          </label>
          <select class="utrecht-select" id={fieldId('taal')} name="taal">
            {q.languages.map((l) => (
              <option value={l} selected={(values.taal ?? 'nl') === l}>
                {l === 'nl' ? 'Nederlands' : l === 'en' ? 'Engels' : l}
              </option>
            ))}
          </select>
        </div>
        {keyingItems(q, props.buurten).map(({ numbered, fields }) => (
          <fieldset class="wk-keying__question" data-number={numbered.number}>
            <legend class="wk-keying__legend">
              {`${numbered.number}. ${textIn(numbered.question.text, 'nl')}`}
            </legend>
            {fields.map((f) => {
              const id = fieldId(f.field);
              const error = errors[f.field];
              const autofocus = first && !Object.keys(errors).length;
              first = false;
              const describedBy = [`${id}-codes`, error ? `${id}-fout` : '']
                .filter(Boolean)
                .join(' ');
              return (
                <div class={`wk-keying__field${error ? ' utrecht-form-field--invalid' : ''}`}>
                  <label class="utrecht-form-label" for={id}>
                    {f.label}
                  </label>
                  {f.multiline ? (
                    <textarea
                      class="utrecht-textarea utrecht-textarea--html-textarea"
                      id={id}
                      name={f.field}
                      rows={2}
                      aria-describedby={describedBy}
                      aria-invalid={error ? 'true' : undefined}
                    >
                      {values[f.field] ?? ''}
                    </textarea>
                  ) : (
                    <input
                      class="utrecht-textbox utrecht-textbox--html-input wk-keying__input"
                      id={id}
                      name={f.field}
                      type="text"
                      autocomplete="off"
                      value={values[f.field] ?? ''}
                      autofocus={autofocus}
                      aria-describedby={describedBy}
                      aria-invalid={error ? 'true' : undefined}
                    />
                  )}
                  <span class="wk-keying__codes" id={`${id}-codes`}>
                    {f.codes}
                  </span>
                  {error && (
                    <span class="utrecht-form-field-error-message" id={`${id}-fout`}>
                      {error}
                    </span>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
        <SubmitButton label="Opslaan en volgend formulier" />
      </form>
    </Layout>
  );
}
