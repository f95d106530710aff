import type { FeedbackSource } from '../feedback.service.ts';

export type FeedbackLanguage = 'nl' | 'en';

/** Where the public page and its flyer live, per language (ADR 0035). */
export function feedbackPaths(slug: string, lang: FeedbackLanguage) {
  const nl = `/gebieden/${slug}/inbreng`;
  const en = `/en/areas/${slug}/input`;
  const self = lang === 'nl' ? nl : en;
  return {
    self,
    other: lang === 'nl' ? en : nl,
    flyer: `${self}/folder`,
    flyerPdf: `${self}/folder.pdf`,
    doeMee: `/gebieden/${slug}/doe-mee`,
  };
}

/** English names of the five catalogue themes; another key keeps the catalogue's name. */
const THEME_NAMES_EN: Record<string, string> = {
  'gezond-leven': 'Healthy living',
  wonen: 'Housing',
  'werk-en-inkomen': 'Work and income',
  onderwijs: 'Education',
  'veiligheid-en-leefbaarheid': 'Safety and liveability of public space',
};

export function themeLabel(lang: FeedbackLanguage, key: string, name: string): string {
  return lang === 'en' ? (THEME_NAMES_EN[key] ?? name) : name;
}

const NL = {
  title: (area: string) => `Wat we met uw inbreng deden in ${area}`,
  description: (area: string) =>
    `Wat bewoners en professionals in ${area} zeiden, wat er besloten is en wat er nu gebeurt.`,
  intro:
    'Bewoners en professionals vertelden ons wat zij belangrijk vinden. Hier leest u wat zij zeiden, wat er besloten is en wat er nu gaat gebeuren.',
  otherLanguage: 'Read this page in English',
  otherLang: 'en',
  flyer: 'Deze pagina als folder om te printen (PDF, 1 A4)',
  saidTitle: 'Wat u zei',
  saidNone:
    'We hebben de antwoorden en de inbreng nog niet gelezen en ingedeeld. Zodra dat klaar is, ziet u hier de onderwerpen die het vaakst genoemd zijn.',
  saidIntro:
    'Wij lazen de open antwoorden uit de vragenlijsten en de inbreng van bijeenkomsten. Wij deelden ze in per onderwerp en telden ze. Dit zijn de onderwerpen die het vaakst genoemd zijn.',
  caption: 'Hoe vaak een onderwerp genoemd is',
  theme: 'Onderwerp',
  total: 'Samen',
  sources: {
    enquete: 'Bewoners (vragenlijst)',
    professionals: 'Professionals (vragenlijst)',
    bijeenkomst: 'Bijeenkomsten',
  } satisfies Record<FeedbackSource, string>,
  countNote:
    'Wij tellen alleen wat al gelezen en ingedeeld is. Eén antwoord kan bij twee onderwerpen horen.',
  quotesTitle: 'Wat mensen zeiden',
  quotesNote:
    'Wij laten alleen uitspraken zien van mensen die daar toestemming voor gaven. Het programmabureau heeft ze eerst gelezen.',
  decidedTitle: 'Wat er besloten is',
  decidedNone:
    'Er is nog geen besluit. De Alliantie kiest de belangrijkste onderwerpen voor het programma. Zodra dat besluit er is, leest u het hier.',
  decidedIntro: (date: string, reference: string) =>
    `Op ${date} koos de Alliantie de belangrijkste onderwerpen voor het programma (${reference}):`,
  nextTitle: 'Wat er nu gebeurt',
  nextNone: 'Er staan nu geen bijeenkomsten gepland.',
  nextIntro: 'Dit zijn de volgende bijeenkomsten. U bent welkom.',
  cancelled: 'gaat niet door',
  doeMee: 'Doe mee: alle manieren om mee te praten',
  webAddress: 'Op internet:',
  locale: 'nl-NL',
};

const EN: typeof NL = {
  title: (area: string) => `What we did with your input in ${area}`,
  description: (area: string) =>
    `What residents and professionals in ${area} said, what was decided and what happens next.`,
  intro:
    'Residents and professionals told us what matters to them. Here you can read what they said, what was decided and what happens next.',
  otherLanguage: 'Lees deze pagina in het Nederlands',
  otherLang: 'nl',
  flyer: 'This page as a flyer to print (PDF, 1 A4 page)',
  saidTitle: 'What you said',
  saidNone:
    'We have not yet read and sorted the answers and the input. When that is done, you will see the topics mentioned most often here.',
  saidIntro:
    'We read the open answers in the questionnaires and the input from meetings. We sorted them by topic and counted them. These are the topics mentioned most often.',
  caption: 'How often a topic was mentioned',
  theme: 'Topic',
  total: 'Together',
  sources: {
    enquete: 'Residents (questionnaire)',
    professionals: 'Professionals (questionnaire)',
    bijeenkomst: 'Meetings',
  },
  countNote: 'We only count what has been read and sorted. One answer can belong to two topics.',
  quotesTitle: 'What people said',
  quotesNote:
    'We only show statements from people who gave permission. The programme office read them first. Statements are shown in the language they were given in.',
  decidedTitle: 'What was decided',
  decidedNone:
    'Nothing has been decided yet. The Alliance chooses the main topics of the programme. When that decision has been made, you can read it here.',
  decidedIntro: (date: string, reference: string) =>
    `On ${date} the Alliance chose the main topics of the programme (${reference}):`,
  nextTitle: 'What happens next',
  nextNone: 'No meetings are planned at the moment.',
  nextIntro: 'These are the next meetings. You are welcome.',
  cancelled: 'cancelled',
  doeMee: 'Take part: all the ways to have your say (in Dutch)',
  webAddress: 'Online:',
  locale: 'en-GB',
};

export function feedbackText(lang: FeedbackLanguage) {
  return lang === 'nl' ? NL : EN;
}

/** A date (and time) in Amsterdam time, in the page's language. */
export function formatDate(lang: FeedbackLanguage, iso: string, withTime: boolean): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(feedbackText(lang).locale, {
    timeZone: 'Europe/Amsterdam',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(date);
}
