import { Field } from '../../../../views/components/field.tsx';
import { CsrfField } from '../../../../views/components/form.tsx';
import type { Language, Questionnaire } from '../../definition/questionnaire.schema.ts';
import { uiText, SurveyLayout } from './survey-web-parts.tsx';

export function SurveyResumePage(props: {
  q: Questionnaire;
  language: Language;
  csrf: string;
  base: string;
  error?: string | undefined;
}) {
  const t = uiText(props.language);
  return (
    <SurveyLayout q={props.q} language={props.language} title={t.resume}>
      <h1 class="utrecht-heading-1">{t.resume}</h1>
      <p class="utrecht-paragraph">{t.resumeIntro}</p>
      <form method="post" action={`${props.base}/hervatten`} class="wk-stack">
        <CsrfField token={props.csrf} />
        <input type="hidden" name="taal" value={props.language} />
        <Field name="code" id="code" label={t.code} error={props.error}>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="code"
            name="code"
            type="text"
            autocomplete="off"
            aria-describedby={props.error ? 'code-fout' : undefined}
            aria-invalid={props.error ? 'true' : undefined}
          />
        </Field>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t.resume}
        </button>
      </form>
    </SurveyLayout>
  );
}
