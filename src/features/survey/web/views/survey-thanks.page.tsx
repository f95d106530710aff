import type { Language, Questionnaire } from '../../definition/questionnaire.schema.ts';
import { uiText, SurveyLayout } from './survey-web-parts.tsx';

export function SurveyThanksPage(props: { q: Questionnaire; language: Language }) {
  const t = uiText(props.language);
  return (
    <SurveyLayout q={props.q} language={props.language} title={t.thanks}>
      <h1 class="utrecht-heading-1">{t.thanks}</h1>
      <p class="utrecht-paragraph">{t.thanksText}</p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-link"
          id="wat-we-deden"
          href={
            props.language === 'en'
              ? `/en/areas/${props.q.focusArea}/input`
              : `/gebieden/${props.q.focusArea}/inbreng`
          }
        >
          {t.feedbackLink}
        </a>
      </p>
    </SurveyLayout>
  );
}
