import type { Language, SurveyTheme } from '../definition/questionnaire.schema.ts';
import type { Channel } from '../definition/questionnaire.schema.ts';

export { THEME_LABELS } from '../definition/fixed-labels.ts';

/** The five NPLV themes a theme_ranking question orders: the first five survey themes. */
export const RANKED_THEMES = [
  'gezond-leven',
  'wonen',
  'werk-en-inkomen',
  'onderwijs',
  'veiligheid-en-leefbaarheid',
] as const satisfies readonly SurveyTheme[];

export const CHANNEL_LABELS: Record<Channel, string> = {
  web: 'Web',
  mondeling: 'Mondeling (interviewer)',
  schriftelijk: 'Schriftelijk (papier)',
};

export const LANGUAGE_LABELS: Record<Language, string> = {
  nl: 'Nederlands',
  en: 'Engels',
  tr: 'Turks',
  ar: 'Arabisch',
  pl: 'Pools',
};

/** Agree scale codes 1–5 as stored; "weet niet" gets AGREE_DONT_KNOW_CODE, a missing code. */
export const AGREE_LABELS = [
  'Helemaal oneens',
  'Oneens',
  'Niet eens, niet oneens',
  'Eens',
  'Helemaal eens',
] as const;
export const AGREE_DONT_KNOW_VALUE = 'weet_niet';
export const AGREE_DONT_KNOW_CODE = 9;

/** A ranking answered with fewer places than themes leaves the rest at this missing code. */
export const NOT_RANKED_CODE = 0;

export const CHOSEN_LABELS = [
  { code: 0, label: 'Niet gekozen' },
  { code: 1, label: 'Gekozen' },
];
