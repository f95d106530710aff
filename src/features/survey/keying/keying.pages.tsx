import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import { SavedNotice } from '../../workspace/views/common.tsx';
import { textIn } from '../definition/fixed-labels.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import type { Discrepancy } from './double-entry.ts';
import type { PaperBuurt } from '../paper/paper-codes.ts';
import { keyingItems } from './keying-codes.ts';
import type { FormWithDiscrepancies } from './keying.service.ts';

export const formLabel = (n: number) => String(n).padStart(6, '0');

export function keyingBase(municipalityCode: string, key: string): string {
  return `/werkruimte/${municipalityCode}/enquetes/${key}`;
}

function crumbs(municipalityCode: string, q: Questionnaire) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `${keyingBase(municipalityCode, q.key)}/invoer`, label: 'Formulieren invoeren' },
  ];
}

/**
 * The trail of the differences page: reviewers (survey:review) open it, and most of them may not
 * key in forms, so it leads back to the surveys rather than to "Formulieren invoeren".
 */
function reviewCrumbs(municipalityCode: string) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `/werkruimte/${municipalityCode}/enquetes`, label: 'Enquêtes' },
  ];
}

/** What the keyer is told when a form had answers at questions the routing skips. */
export function skippedText(numbers: readonly number[]): string {
  const list =
    numbers.length === 1
      ? `vraag ${numbers[0]}`
      : `vraag ${numbers.slice(0, -1).join(', ')} en ${numbers[numbers.length - 1]}`;
  return `Let op: bij ${list} staat een antwoord, maar volgens de routing van het formulier had die vraag overgeslagen moeten worden. Het antwoord is bewaard, telt niet mee en is gemarkeerd voor de controle. Leg het formulier apart voor de controleur.`;
}

/** Step 1: the form number, typed from the sheet; focus starts here and returns after a save. */
export function KeyingStartPage(props: {
  csrf: string;
  municipalityCode: string;
  questionnaire: Questionnaire;
  counts: { klaar: number; wacht_op_tweede: number; verschillen: number };
  saved?: string | undefined;
  /** Questions of the saved form keyed although the routing skips them. */
  skipped?: readonly number[];
  error?: string | undefined;
  value?: string;
}) {
  const { questionnaire: q } = props;
  const base = keyingBase(props.municipalityCode, q.key);
  const errors: FieldErrors = props.error ? { formulier: props.error } : {};
  return (
    <Layout
      title={`Formulieren invoeren: ${textIn(q.title, 'nl')}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <h1 class="utrecht-heading-1">{`Formulieren invoeren: ${textIn(q.title, 'nl')}`}</h1>
      <SavedNotice text={props.saved} />
      {props.skipped && props.skipped.length > 0 && (
        <div class="utrecht-alert utrecht-alert--warning" role="status" data-skipped>
          <div class="utrecht-alert__content">
            <p class="utrecht-paragraph">{skippedText(props.skipped)}</p>
          </div>
        </div>
      )}
      <ErrorSummary errors={errors} />
      <p class="utrecht-paragraph">
        {`Klaar: ${props.counts.klaar} · wacht op tweede invoer: ${props.counts.wacht_op_tweede} · met verschillen: ${props.counts.verschillen}. `}
        <a class="utrecht-link" href={`${base}/verschillen`}>
          Lijst met verschillen
        </a>
      </p>
      <form method="post" action={`${base}/invoer`} class="wk-stack" novalidate>
        <CsrfField token={props.csrf} />
        <TextField
          name="formulier"
          label="Formuliernummer"
          description="Het nummer rechtsboven op het formulier, bijvoorbeeld 000123."
          value={props.value ?? ''}
          error={props.error}
          required
        />
        <SubmitButton label="Formulier invoeren" />
      </form>
      <p class="utrecht-paragraph wk-muted">
        {`Versie ${q.version}. De antwoorden komen binnen als "te controleren". Een deel van de formulieren wordt twee keer ingevoerd, door twee verschillende mensen.`}
      </p>
    </Layout>
  );
}

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
