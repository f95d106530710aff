import type { Language, LocalizedText, SurveyTheme } from './questionnaire.schema.ts';

/**
 * Labels of the answer scales that the schema fixes rather than the questionnaire: the
 * agree–disagree scale and the theme names. Every renderer (web, interviewer, paper, exports)
 * reads them from here so a scale reads the same in every channel.
 */
export const AGREE_SCALE: readonly { value: number | 'weet_niet'; label: LocalizedText }[] = [
  { value: 1, label: { nl: 'Helemaal oneens', en: 'Strongly disagree' } },
  { value: 2, label: { nl: 'Oneens', en: 'Disagree' } },
  { value: 3, label: { nl: 'Niet eens, niet oneens', en: 'Neither agree nor disagree' } },
  { value: 4, label: { nl: 'Eens', en: 'Agree' } },
  { value: 5, label: { nl: 'Helemaal eens', en: 'Strongly agree' } },
  { value: 'weet_niet', label: { nl: 'Weet niet', en: "Don't know" } },
];

/** The five NPLV themes that a theme_ranking question orders. */
export const RANKED_THEMES: readonly { key: string; label: LocalizedText }[] = [
  { key: 'gezond-leven', label: { nl: 'Gezond leven', en: 'Healthy living' } },
  { key: 'wonen', label: { nl: 'Wonen', en: 'Housing' } },
  { key: 'werk-en-inkomen', label: { nl: 'Werk en inkomen', en: 'Work and income' } },
  { key: 'onderwijs', label: { nl: 'Onderwijs', en: 'Education' } },
  {
    key: 'veiligheid-en-leefbaarheid',
    label: {
      nl: 'Veiligheid en leefbaarheid van de openbare ruimte',
      en: 'Safety and liveability of public space',
    },
  },
];

/** The text in the language asked for, or Dutch where that language has none. */
export function textIn(text: LocalizedText, language: Language): string {
  return text[language] ?? text.nl;
}

/** Dutch names of the themes, for variable labels and the codebook. */
export const THEME_LABELS: Record<SurveyTheme, string> = {
  'gezond-leven': 'Gezond leven',
  wonen: 'Wonen',
  'werk-en-inkomen': 'Werk en inkomen',
  onderwijs: 'Onderwijs',
  'veiligheid-en-leefbaarheid': 'Veiligheid en leefbaarheid',
  algemeen: 'Algemeen',
  achtergrond: 'Achtergrond',
};
