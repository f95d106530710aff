/**
 * The words the monitor puts beside a figure, each explained in one text with one anchor on
 * /methode. A page that uses a word explains it once (in its notes, with the same text) and links
 * to that anchor; nowhere else is the word explained in other words (issue 17 point 5).
 */
export const TERM_KEYS = ['herberekend', 'gemodelleerd', 'geheim', 'nplv'] as const;
export type TermKey = (typeof TERM_KEYS)[number];

export interface Term {
  /** The word as it appears beside a figure or as a column heading. */
  word: string;
  /** The id on /methode. */
  anchor: string;
  /** The one explanation, in plain Dutch (B1). */
  text: string;
}

export const TERMS: Record<TermKey, Term> = {
  herberekend: {
    word: 'herberekend',
    anchor: 'herberekend',
    text:
      'CBS geeft voor elke buurt alleen een percentage. Wij rekenen dat per buurt terug naar een ' +
      'aantal (percentage × basis), tellen die aantallen op en delen door de opgetelde basis.',
  },
  gemodelleerd: {
    word: 'gemodelleerd',
    anchor: 'gemodelleerd',
    text:
      'Het cijfer is een schatting uit een model, bijvoorbeeld van het RIVM. Voor het gebied ' +
      'nemen wij het gewogen gemiddelde van de schattingen van de buurten.',
  },
  geheim: {
    word: 'geheim',
    anchor: 'geheim',
    text:
      'CBS houdt het cijfer van sommige kleine buurten geheim, om de mensen die er wonen te ' +
      'beschermen of omdat het cijfer niet betrouwbaar is. Zo’n buurt tellen wij niet mee, en ' +
      'dat staat erbij. Wij vullen nooit zelf iets in.',
  },
  nplv: {
    word: 'Gemiddelde NPLV-focusgebieden',
    anchor: 'nplv-gemiddelde',
    text:
      'Alleen voor percentages, verhoudingen en gemiddelden: de tellers van alle focusgebieden ' +
      'opgeteld, gedeeld door hun opgetelde noemers. Het gewone gemiddelde van de gebieden (elk ' +
      'gebied telt even zwaar) staat erbij. Voor aantallen is er geen gemiddelde. We tonen het ' +
      'pas als minstens 2 gebieden een cijfer hebben.',
  },
};

export function isTermKey(value: string): value is TermKey {
  return (TERM_KEYS as readonly string[]).includes(value);
}

/** Where the word is explained on /methode. */
export function termHref(key: TermKey): string {
  return `/methode#${TERMS[key].anchor}`;
}
