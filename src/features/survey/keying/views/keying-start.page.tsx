import { Layout } from '../../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../../views/components/form.tsx';
import { SavedNotice } from '../../../../views/components/form-controls.tsx';
import { textIn } from '../../definition/fixed-labels.ts';
import type { Questionnaire } from '../../definition/questionnaire.schema.ts';
import { keyingBase, skippedText } from './keying-parts.tsx';

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
