import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { findObservations } from '../../datasets/index.ts';
import {
  findFocusArea,
  findVersion,
  listMembers,
  countedBuurtCodes,
} from '../../focus-areas/index.ts';
import {
  AGE_GROUPS,
  deriveAdultMargins,
  type AdultMargins,
  type AgeGroup,
  type BuurtPopulation,
} from './adult-margins.ts';

/**
 * The observation stems the margins are read from: what the PDOK wijk- en buurtkaart import
 * stores per buurt (pdokStem: `percentagePersonen15Tot25Jaar` → `PercentagePersonen15Tot25Jaar`).
 * The KWB tables publish age as counts under other stems; those are not read here.
 */
const INHABITANTS = 'AantalInwoners';
const MEN = 'Mannen';
const WOMEN = 'Vrouwen';
const AGE_STEM: Record<AgeGroup, string> = {
  '15-24': 'PercentagePersonen15Tot25Jaar',
  '25-44': 'PercentagePersonen25Tot45Jaar',
  '45-64': 'PercentagePersonen45Tot65Jaar',
  '65+': 'PercentagePersonen65JaarEnOuder',
};
const LABEL: Record<string, string> = {
  [INHABITANTS]: 'aantal inwoners',
  [MEN]: 'aantal mannen',
  [WOMEN]: 'aantal vrouwen',
  [AGE_STEM['15-24']]: 'percentage 15 tot 25 jaar',
  [AGE_STEM['25-44']]: 'percentage 25 tot 45 jaar',
  [AGE_STEM['45-64']]: 'percentage 45 tot 65 jaar',
  [AGE_STEM['65+']]: 'percentage 65 jaar en ouder',
};
const VARIABLES = Object.keys(LABEL);

export interface FocusAreaMargins extends AdultMargins {
  slug: string;
  name: string;
  version: number;
  indelingYear: number;
  /** The CBS year the figures are for. */
  period: string;
}

/**
 * Population margins (residents of 15 and older by buurt, age group and sex) of a focus area,
 * from the observations in the database: the members with status 'lid' of the newest (or the
 * given) version, in that version's indeling year, for the newest period with inhabitant counts
 * (or the given one). The derivation is deriveAdultMargins'. A buurt whose figures are secret or
 * not loaded is left out and said; a variable loaded for none of the buurten is an error that
 * says which figures are missing.
 */
export async function populationMargins(
  db: Kysely<Database>,
  focusAreaSlug: string,
  options: { version?: number; period?: string } = {},
): Promise<FocusAreaMargins> {
  const read = await readPopulationMargins(db, focusAreaSlug, options);
  if (!read.ok) throw new NotFoundError(read.reason);
  return read.margins;
}

/**
 * The margins can be absent for a known reason (no such focus area, no version, figures not
 * loaded): that is a typed refusal, not an error. A database error is thrown as it is.
 */
export type MarginsRead = { ok: true; margins: FocusAreaMargins } | { ok: false; reason: string };

/** populationMargins, with the expected absences as `{ ok: false, reason }` (Dutch). */
export async function readPopulationMargins(
  db: Kysely<Database>,
  focusAreaSlug: string,
  options: { version?: number; period?: string } = {},
): Promise<MarginsRead> {
  const refuse = (reason: string): MarginsRead => ({ ok: false, reason });
  const area = await findFocusArea(db, focusAreaSlug);
  if (!area) return refuse(`Focusgebied "${focusAreaSlug}" bestaat niet.`);
  const version = await findVersion(db, focusAreaSlug, options.version);
  if (!version) {
    return refuse(
      options.version === undefined
        ? `Focusgebied "${area.name}" heeft nog geen afbakening in buurten.`
        : `Focusgebied "${area.name}" heeft geen versie ${options.version}.`,
    );
  }
  const year = Number(version.indeling_year);
  const codes = countedBuurtCodes(await listMembers(db, focusAreaSlug, version.version));

  const rows = await findObservations(db, {
    variables: VARIABLES,
    indelingYear: year,
    areaCodes: codes,
    ...(options.period ? { periods: [options.period] } : {}),
  });
  const periods = [...new Set(rows.filter((r) => r.variable === INHABITANTS).map((r) => r.period))];
  const period = periods.sort().at(-1);
  const current = rows.filter((r) => r.period === period);
  const missing = VARIABLES.filter((v) => !current.some((r) => r.variable === v));
  if (period === undefined || missing.length > 0) {
    const when = options.period ? `${options.period}, ` : '';
    return refuse(
      `Bevolkingscijfers voor de weging van focusgebied "${area.name}" (${when}indeling ${year}) ` +
        `zijn nog niet geladen: ${missing.map((v) => `${LABEL[v]} (${v})`).join(', ')}.`,
    );
  }

  const byKey = new Map(current.map((r) => [`${r.area_code}\u0000${r.variable}`, r]));
  const valueOf = (code: string, variable: string): number | null | undefined => {
    const row = byKey.get(`${code}\u0000${variable}`);
    return row === undefined ? undefined : row.value === null ? null : Number(row.value);
  };

  const notLoaded: AdultMargins['leftOut'] = [];
  const buurten: BuurtPopulation[] = [];
  for (const code of codes) {
    const absent = VARIABLES.filter((v) => valueOf(code, v) === undefined);
    if (absent.length > 0) {
      notLoaded.push({
        buurtCode: code,
        inhabitants: valueOf(code, INHABITANTS) ?? null,
        reason: `niet geladen: ${absent.map((v) => LABEL[v]).join(', ')}`,
      });
      continue;
    }
    buurten.push({
      buurtCode: code,
      inhabitants: valueOf(code, INHABITANTS)!,
      men: valueOf(code, MEN)!,
      women: valueOf(code, WOMEN)!,
      agePercentages: Object.fromEntries(
        AGE_GROUPS.map((a) => [a, valueOf(code, AGE_STEM[a])!]),
      ) as Record<AgeGroup, number | null>,
    });
  }
  const derived = deriveAdultMargins(buurten);
  return {
    ok: true,
    margins: {
      slug: area.slug,
      name: area.name,
      version: version.version,
      indelingYear: year,
      period,
      margins: derived.margins,
      leftOut: [...derived.leftOut, ...notLoaded],
    },
  };
}
