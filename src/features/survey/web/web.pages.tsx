import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/layout.tsx';
import { CsrfField } from '../../../views/components/form.tsx';
import type { Answers } from '../definition/answers.ts';
import { textIn } from '../definition/fixed-labels.ts';
import {
  RTL_LANGUAGES,
  type Language,
  type Question,
  type Questionnaire,
  type QuestionGroup,
} from '../definition/questionnaire.schema.ts';
import { QuestionFields } from './question-fields.tsx';
import { SHOWN_FIELD } from './web-form.ts';

const LANGUAGE_NAMES: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'English',
  tr: 'Türkçe',
  ar: 'العربية',
  pl: 'Polski',
};

const UI = {
  nl: {
    start: 'Begin met de vragenlijst',
    invitation: 'Code uit uw brief',
    optional: '(mag leeg blijven)',
    resume: 'Verder met een code',
    resumeIntro: 'Typ de code die u kreeg toen u begon.',
    code: 'Uw code',
    next: 'Opslaan en verder',
    back: 'Vorige vraag',
    step: (n: number, total: number) => `Stap ${n} van ${total}`,
    codeNote: (c: string) =>
      `Wilt u later verder? Schrijf deze code op: ${c}. U ziet hem maar één keer.`,
    problem: 'Er is een probleem',
    followUp:
      'Door uw antwoord is er een vraag bijgekomen. Beantwoord die ook, en klik dan op "Opslaan en verder".',
    followUpLink: 'Naar de nieuwe vraag',
    send: 'Verstuur mijn antwoorden',
    sendIntro: 'U bent klaar. Na het versturen kunt u niets meer veranderen.',
    thanks: 'Hartelijk dank!',
    thanksText: 'Uw antwoorden zijn verstuurd. Ze helpen om Dordt West beter te maken.',
    feedbackLink: 'Lees wat we met uw inbreng doen',
    privacy: 'Uw antwoorden zijn anoniem. Wij bewaren geen naam, adres of IP-adres.',
    skipLink: 'Ga direct naar de vragen',
    menuLabel: 'Menu van de vragenlijst',
    menuStart: 'Over de vragenlijst',
    description: (title: string) =>
      `${title}: vul de vragenlijst in op uw telefoon of computer, in een paar minuten. Uw antwoorden zijn anoniem.`,
  },
  en: {
    start: 'Start the questionnaire',
    invitation: 'Code from your letter',
    optional: '(may be left empty)',
    resume: 'Continue with a code',
    resumeIntro: 'Type the code you got when you started.',
    code: 'Your code',
    next: 'Save and continue',
    back: 'Previous question',
    step: (n: number, total: number) => `Step ${n} of ${total}`,
    codeNote: (c: string) =>
      `Want to continue later? Write down this code: ${c}. You will only see it once.`,
    problem: 'There is a problem',
    followUp: 'Your answer added a question. Please answer it too, then click "Save and continue".',
    followUpLink: 'Go to the new question',
    send: 'Send my answers',
    sendIntro: 'You are done. After sending you cannot change anything.',
    thanks: 'Thank you very much!',
    thanksText: 'Your answers have been sent. They help to make Dordt West better.',
    feedbackLink: 'Read what we do with your input',
    privacy: 'Your answers are anonymous. We do not keep any name, address or IP address.',
    skipLink: 'Skip to the questions',
    menuLabel: 'Questionnaire menu',
    menuStart: 'About the questionnaire',
    description: (title: string) =>
      `${title}: fill in the questionnaire on your phone or computer in a few minutes. Your answers are anonymous.`,
  },
} as const;
export const uiText = (l: Language) => (l === 'en' ? UI.en : UI.nl);

/**
 * The page around a survey step, in the respondent's language and writing direction: the skip
 * link, the menu and the footer too (issue 12). No monitor menu or "Bron: CBS" footer: a survey
 * page shows no figures.
 */
function SurveyLayout(props: {
  q: Questionnaire;
  language: Language;
  title: string;
  children: ComponentChildren;
  menu?: { href: string; label: string }[] | undefined;
}) {
  const t = uiText(props.language);
  const base = `/enquete/${props.q.key}`;
  const lang = `?taal=${props.language}`;
  return (
    <Layout
      title={props.title}
      description={t.description(textIn(props.q.title, props.language))}
      respondent={{
        language: props.language,
        dir: RTL_LANGUAGES.has(props.language) ? 'rtl' : 'ltr',
        skipLink: t.skipLink,
        menuLabel: t.menuLabel,
        menu: props.menu ?? [
          { href: `${base}${lang}`, label: t.menuStart },
          { href: `${base}/hervatten${lang}`, label: t.resume },
        ],
        footer: <p class="utrecht-paragraph">{t.privacy}</p>,
      }}
    >
      <div
        class="wk-survey"
        lang={props.language}
        dir={RTL_LANGUAGES.has(props.language) ? 'rtl' : 'ltr'}
      >
        {props.children}
      </div>
    </Layout>
  );
}

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
        <div class={`utrecht-form-field${props.error ? ' utrecht-form-field--invalid' : ''}`}>
          <label class="utrecht-form-label" for="code">
            {t.code}
          </label>
          {props.error && (
            <p class="utrecht-form-field-error-message" id="code-fout">
              {props.error}
            </p>
          )}
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id="code"
            name="code"
            type="text"
            autocomplete="off"
            aria-describedby={props.error ? 'code-fout' : undefined}
            aria-invalid={props.error ? 'true' : undefined}
          />
        </div>
        <button class="utrecht-button utrecht-button--primary-action" type="submit">
          {t.resume}
        </button>
      </form>
    </SurveyLayout>
  );
}

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
            t === UI.en
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
