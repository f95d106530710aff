import type { ComponentChildren } from 'preact';
import { textIn } from '../../definition/fixed-labels.ts';
import { Layout } from '../../../../views/layout.tsx';
import {
  RTL_LANGUAGES,
  type Language,
  type Questionnaire,
} from '../../definition/questionnaire.schema.ts';

export const LANGUAGE_NAMES: Record<Language, string> = {
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
export function SurveyLayout(props: {
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
