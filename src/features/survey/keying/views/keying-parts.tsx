import type { Questionnaire } from '../../definition/questionnaire.schema.ts';

export const formLabel = (n: number) => String(n).padStart(6, '0');

export function keyingBase(municipalityCode: string, key: string): string {
  return `/werkruimte/${municipalityCode}/enquetes/${key}`;
}

export function crumbs(municipalityCode: string, q: Questionnaire) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `${keyingBase(municipalityCode, q.key)}/invoer`, label: 'Formulieren invoeren' },
  ];
}

/**
 * The trail of the differences page: reviewers (survey:review) open it, and most of them may not
 * key in forms, so it leads back to the surveys rather than to "Formulieren invoeren".
 */
export function reviewCrumbs(municipalityCode: string) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `/werkruimte/${municipalityCode}/enquetes`, label: 'Enquêtes' },
  ];
}

/** What the keyer is told when a form had answers at questions the routing skips. */
export function skippedText(numbers: readonly number[]): string {
  const list =
    numbers.length === 1
      ? `vraag ${numbers[0]}`
      : `vraag ${numbers.slice(0, -1).join(', ')} en ${numbers[numbers.length - 1]}`;
  return `Let op: bij ${list} staat een antwoord, maar volgens de routing van het formulier had die vraag overgeslagen moeten worden. Het antwoord is bewaard, telt niet mee en is gemarkeerd voor de controle. Leg het formulier apart voor de controleur.`;
}
