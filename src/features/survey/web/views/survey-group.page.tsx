import { CsrfField } from '../../../../views/components/form.tsx';
import type { Answers } from '../../definition/answers.ts';
import { textIn } from '../../definition/fixed-labels.ts';
import type {
  Language,
  Question,
  Questionnaire,
  QuestionGroup,
} from '../../definition/questionnaire.schema.ts';
import { QuestionFields } from '../question-fields.tsx';
import { SHOWN_FIELD } from '../web-form.ts';
import { uiText, SurveyLayout } from './survey-web-parts.tsx';

export function SurveyGroupPage(props: {
  q: Questionnaire;
  language: Language;
  csrf: string;
  /** Where this group's form posts to. */
  action: string;
  previous?: string | undefined;
  group: QuestionGroup;
  step: number;
  steps: number;
  asked: (q: Question) => boolean;
  /** The names of the questions on this page (sent back in a hidden field). */
  shown: readonly string[];
  /** Follow-up questions an answer on this page just brought in. */
  added: readonly string[];
  answers: Answers;
  errors: Readonly<Record<string, string>>;
  buurten: readonly { code: string; name: string }[];
  resumeCode?: string | undefined;
  /** Shown above the questions, e.g. the interviewer's "respondent 3". */
  note?: string | undefined;
  menu?: { href: string; label: string }[] | undefined;
}) {
  const { q, language } = props;
  const t = uiText(language);
  const errors = Object.entries(props.errors);
  return (
    <SurveyLayout
      q={q}
      language={language}
      title={`${textIn(props.group.title, language)} · ${textIn(q.title, language)}`}
      menu={props.menu}
    >
      <p class="utrecht-paragraph wk-muted">{t.step(props.step, props.steps)}</p>
      <h1 class="utrecht-heading-1">{textIn(props.group.title, language)}</h1>
      {props.note && <p class="utrecht-paragraph">{props.note}</p>}
      {props.resumeCode && (
        <div class="utrecht-alert" role="status">
          <p class="utrecht-paragraph">
            <strong data-resume-code={props.resumeCode}>{t.codeNote(props.resumeCode)}</strong>
          </p>
        </div>
      )}
      {errors.length > 0 && (
        <div
          class="utrecht-alert utrecht-alert--error"
          role="alert"
          tabIndex={-1}
          id="foutoverzicht"
        >
          <h2 class="utrecht-heading-2">{t.problem}</h2>
          <ul class="utrecht-unordered-list">
            {errors.map(([name, message]) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`#vraag-${name}`}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      {props.added.length > 0 && (
        <div class="utrecht-alert" role="status" id="vervolgvraag">
          <p class="utrecht-paragraph">
            {t.followUp}{' '}
            {props.added.map((name) => (
              <a class="utrecht-link" href={`#vraag-${name}`}>
                {t.followUpLink}
              </a>
            ))}
          </p>
        </div>
      )}
      {props.group.intro && <p class="utrecht-paragraph">{textIn(props.group.intro, language)}</p>}
      <form method="post" action={props.action} class="wk-stack" novalidate>
        <CsrfField token={props.csrf} />
        <input type="hidden" name={SHOWN_FIELD} value={props.shown.join(' ')} />
        <QuestionFields
          group={props.group}
          asked={props.asked}
          answers={props.answers}
          errors={props.errors}
          language={language}
          buurten={props.buurten}
        />
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t.next}
        </button>
      </form>
      {props.previous && (
        <p class="utrecht-paragraph">
          <a class="utrecht-link wk-target" href={props.previous}>
            {t.back}
          </a>
        </p>
      )}
    </SurveyLayout>
  );
}
