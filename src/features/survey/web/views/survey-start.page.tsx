import { CsrfField } from '../../../../views/components/form.tsx';
import { textIn } from '../../definition/fixed-labels.ts';
import type { Language, Questionnaire } from '../../definition/questionnaire.schema.ts';
import { LANGUAGE_NAMES, uiText, SurveyLayout } from './survey-web-parts.tsx';

export function SurveyStartPage(props: {
  q: Questionnaire;
  language: Language;
  csrf: string;
  base: string;
  error?: string | undefined;
}) {
  const { q, language } = props;
  const t = uiText(language);
  return (
    <SurveyLayout q={q} language={language} title={textIn(q.title, language)}>
      <h1 class="utrecht-heading-1">{textIn(q.title, language)}</h1>
      {q.languages.length > 1 && (
        <nav aria-label="Taal / Language">
          <ul class="wk-survey__languages">
            {q.languages.map((l) => (
              <li lang={l}>
                {l === language ? (
                  <strong>{LANGUAGE_NAMES[l]}</strong>
                ) : (
                  <a class="utrecht-link" href={`${props.base}?taal=${l}`} hreflang={l}>
                    {LANGUAGE_NAMES[l]}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
      {q.intro && <p class="utrecht-paragraph">{textIn(q.intro, language)}</p>}
      <p class="utrecht-paragraph wk-muted">{t.privacy}</p>
      {props.error && (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <p class="utrecht-paragraph">{props.error}</p>
        </div>
      )}
      <form method="post" action={`${props.base}/start`}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="taal" value={language} />
        {q.invitations !== 'uit' && (
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="uitnodiging">
              {q.invitations === 'verplicht' ? t.invitation : `${t.invitation} ${t.optional}`}
            </label>
            <input
              class="utrecht-textbox utrecht-textbox--html-input wk-survey__short"
              id="uitnodiging"
              name="uitnodiging"
              type="text"
              autocomplete="off"
            />
          </div>
        )}
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t.start}
        </button>
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link wk-target" href={`${props.base}/hervatten?taal=${language}`}>
          {t.resume}
        </a>
      </p>
    </SurveyLayout>
  );
}
