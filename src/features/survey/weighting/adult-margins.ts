import { BadRequestError } from '../../../shared/errors.ts';
import type { PopulationMargin } from './weighting.schema.ts';

/** The survey's age groups: residents of 15 and older, in the groups CBS publishes per buurt. */
export const AGE_GROUPS = ['15-24', '25-44', '45-64', '65+'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];
export const SEXES = ['man', 'vrouw'] as const;

/** CBS kerncijfers per buurt (whole percentages of all residents); null when CBS keeps it secret. */
export interface BuurtPopulation {
  buurtCode: string;
  inhabitants: number | null;
  men: number | null;
  women: number | null;
  agePercentages: Readonly<Record<AgeGroup, number | null>>;
}

export interface LeftOutBuurt {
  buurtCode: string;
  inhabitants: number | null;
  reason: string;
}

export interface AdultMargins {
  /** `buurt`, `leeftijd` and `geslacht`, all with the same total. */
  margins: PopulationMargin[];
  /** Buurten that cannot be weighted to, each with the reason in Dutch. */
  leftOut: LeftOutBuurt[];
}

/** Counts are whole persons; `x.5` rounds up. The product is taken first so it is exact. */
const personsOf = (percentage: number, inhabitants: number): number =>
  Math.round((percentage * inhabitants) / 100);

/**
 * Population margins for residents of 15 and older, derived from CBS kerncijfers per buurt:
 *
 * - age group count per buurt = round(percentage × inhabitants / 100), half up;
 * - buurt total = the sum of its four age group counts (so it is not CBS's rounded count);
 * - age group total = the sum over the buurten;
 * - sex: CBS gives men and women per buurt for all ages only, so the 15+ total is split by the
 *   share of men among all residents of the buurten used: men = round(total × share), women =
 *   total − men. This assumes the sex ratio of 15+ equals that of all ages.
 *
 * The three margins therefore have exactly the same total. A buurt without residents, or whose
 * count or age percentages CBS keeps secret, is left out and said, never filled in.
 */
export function deriveAdultMargins(buurten: readonly BuurtPopulation[]): AdultMargins {
  const leftOut: LeftOutBuurt[] = [];
  const buurtTotals: Record<string, number> = {};
  const ageTotals = Object.fromEntries(AGE_GROUPS.map((a) => [a, 0])) as Record<AgeGroup, number>;
  let men = 0;
  let menAndWomen = 0;

  for (const b of buurten) {
    if (b.inhabitants === null) {
      leftOut.push({ ...pick(b), reason: 'aantal inwoners geheim (CBS)' });
      continue;
    }
    if (b.inhabitants === 0) {
      leftOut.push({ ...pick(b), reason: 'geen inwoners' });
      continue;
    }
    const percentages = AGE_GROUPS.map((a) => b.agePercentages[a]);
    if (percentages.some((p) => p === null)) {
      leftOut.push({
        ...pick(b),
        reason: `leeftijdsverdeling geheim (CBS), ca. ${b.inhabitants} inwoners`,
      });
      continue;
    }
    const counts = percentages.map((p) => personsOf(p!, b.inhabitants!));
    AGE_GROUPS.forEach((a, i) => (ageTotals[a] += counts[i]!));
    buurtTotals[b.buurtCode] = counts.reduce((x, y) => x + y, 0);
    if (b.men !== null && b.women !== null) {
      men += b.men;
      menAndWomen += b.men + b.women;
    }
  }

  const total = Object.values(buurtTotals).reduce((x, y) => x + y, 0);
  if (total > 0 && menAndWomen === 0) {
    throw new BadRequestError(
      'Bevolkingscijfers onvolledig: van geen enkele buurt is het aantal mannen en vrouwen bekend.',
    );
  }
  const maleTotal = menAndWomen > 0 ? Math.round((total * men) / menAndWomen) : 0;
  const margins: PopulationMargin[] = [
    { variable: 'buurt', totals: buurtTotals },
    { variable: 'leeftijd', totals: ageTotals },
    { variable: 'geslacht', totals: { man: maleTotal, vrouw: total - maleTotal } },
  ];
  return { margins, leftOut };
}

function pick(b: BuurtPopulation): { buurtCode: string; inhabitants: number | null } {
  return { buurtCode: b.buurtCode, inhabitants: b.inhabitants };
}
