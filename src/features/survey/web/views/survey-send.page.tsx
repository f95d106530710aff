import { CsrfField } from '../../../../views/components/form.tsx';
import type { Language, Questionnaire } from '../../definition/questionnaire.schema.ts';
import { uiText, SurveyLayout } from './survey-web-parts.tsx';

export function SurveySendPage(props: {
  q: Questionnaire;
  language: Language;
  csrf: string;
  action: string;
  previous: string;
  idempotencyKey: string;
  problems: string[];
  menu?: { href: string; label: string }[] | undefined;
}) {
  const t = uiText(props.language);
  return (
    <SurveyLayout q={props.q} language={props.language} title={t.send} menu={props.menu}>
      <h1 class="utrecht-heading-1">{t.send}</h1>
      {props.problems.length > 0 && (
        <div class="utrecht-alert utrecht-alert--error" role="alert">
          <ul class="utrecht-unordered-list">
            {props.problems.map((p) => (
              <li class="utrecht-unordered-list__item">{p}</li>
            ))}
          </ul>
        </div>
      )}
      <p class="utrecht-paragraph">{t.sendIntro}</p>
      <form method="post" action={props.action}>
        <CsrfField token={props.csrf} />
        <input type="hidden" name="sleutel" value={props.idempotencyKey} />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t.send}
        </button>
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={props.previous}>
          {t.back}
        </a>
      </p>
    </SurveyLayout>
  );
}
