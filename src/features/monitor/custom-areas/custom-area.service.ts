import { BadRequestError } from '../../../shared/errors.ts';
import { findArea, listAreas } from '../../areas/index.ts';
import { listFocusAreas } from '../../focus-areas/index.ts';
import { BUURT_CODE, WIJK_CODE, newestIndelingYear } from '../profiles/buurt.page-builder.tsx';
import type { MonitorData } from '../monitor-data.ts';
import { selectionForFocusArea } from '../profiles/profile.service.ts';
import type { AreaSelection } from '../profile.types.ts';

/** Below this many inhabitants a custom set is refused, and so is a difference this small. */
export const MIN_INHABITANTS = 1000;
/** A set larger than this is a municipality, not a custom area; it also bounds the work. */
export const MAX_BUURTEN = 250;

/** One buurt the form offers, with what the refusal rules need to know of it. */
export interface PickableBuurt {
  code: string;
  name: string;
  wijkCode: string | null;
  wijkName: string;
  /** Inhabitants in the newest period loaded; null when CBS gives none. */
  inhabitants: number | null;
  /** CBS suppressed at least one of its figures in the newest period of that figure. */
  secret: boolean;
}

/** An area the site already publishes, which a custom set must not differ from by a sliver. */
interface PublishedArea {
  label: string;
  buurtCodes: readonly string[];
}

export interface CustomAreaContext {
  /** What a visitor picks: buurten, or wijken where the municipality has no buurten loaded. */
  level: 'buurt' | 'wijk';
  municipalityCode: string;
  municipalityName: string;
  indelingYear: number;
  buurten: PickableBuurt[];
  published: PublishedArea[];
}

/** A refusal the page explains next to the form, with the set still ticked. */
export class CustomAreaRefusedError extends BadRequestError {
  constructor(
    message: string,
    readonly reason: 'te-klein' | 'verschil' | 'ongeldig',
  ) {
    super(message);
    this.name = 'CustomAreaRefusedError';
  }
}

/**
 * Per buurt of `indelingYear`: inhabitants in the newest period, and whether CBS suppressed a
 * figure of it in that figure's newest period. Data of other indeling years count where the
 * buurt is unchanged (crosswalk weight 1). A buurt without inhabitants is never "secret": CBS
 * blanks its figures because there is nobody to describe, not to protect anyone.
 */
async function inhabitantsAndSecrets(
  monitor: MonitorData,
  municipalityCode: string,
  target: { indelingYear: number; codes: readonly string[] },
) {
  const source = await monitor.snapshot(municipalityCode);
  const loaded = await source.loadedVariablePeriods();
  const years = [...new Set(loaded.map((l) => Number(l.indeling_year)))].sort((a, b) => b - a);
  const inhabitants = new Map<string, { period: string; value: number | null }>();
  const newest = new Map<string, { period: string; secret: Set<string> }>();
  for (const year of years) {
    // The codes of `year` that are, whole and unchanged, a buurt of the target year.
    const toTarget = new Map<string, string>();
    if (year === target.indelingYear) for (const c of target.codes) toTarget.set(c, c);
    else {
      const wanted = new Set(target.codes);
      for (const l of await source.crosswalk(year, target.indelingYear, target.codes)) {
        if (Number(l.weight) === 1 && wanted.has(l.to_code)) toTarget.set(l.from_code, l.to_code);
      }
    }
    const variables = [
      ...new Set(loaded.filter((l) => Number(l.indeling_year) === year).map((l) => l.variable)),
    ];
    const rows = await source.observations({
      variables,
      indelingYear: year,
      areaCodes: [...toTarget.keys()],
    });
    for (const row of rows) {
      const code = toTarget.get(row.area_code) as string;
      if (row.variable === 'AantalInwoners') {
        const seen = inhabitants.get(code);
        if (!seen || row.period > seen.period)
          inhabitants.set(code, { period: row.period, value: row.value });
      }
      const key = row.variable;
      let entry = newest.get(key);
      if (!entry || row.period > entry.period) {
        entry = { period: row.period, secret: new Set() };
        newest.set(key, entry);
      }
      if (row.period === entry.period && row.status === 'geheim') entry.secret.add(code);
    }
  }
  const count = new Map([...inhabitants].map(([code, v]) => [code, v.value]));
  const secret = new Set<string>();
  for (const { secret: codes } of newest.values()) {
    for (const code of codes) if ((count.get(code) ?? 0) > 0) secret.add(code);
  }
  return { inhabitants: count, secret };
}

/**
 * What the form offers and the rules check against, for one municipality, once per data
 * version: its non-water buurten with inhabitants and whether CBS kept any of their figures
 * secret, and every area the site publishes (wijken, the municipality, focus areas, each buurt).
 */
export async function customAreaContext(
  monitor: MonitorData,
  municipalityCode: string,
): Promise<CustomAreaContext> {
  const indelingYear = await newestIndelingYear(monitor);
  return monitor.cached(`eigen-gebied-context:${municipalityCode}:${indelingYear}`, async () => {
    const areas = await listAreas(monitor.db, { indelingYear, municipalityCode });
    const municipality = await findArea(monitor.db, indelingYear, municipalityCode);
    const wijken = new Map(areas.filter((a) => a.kind === 'wijk').map((a) => [a.code, a]));
    // The finest level loaded: buurten, else wijken (the national KWB file has no buurten).
    const onlyBuurten = areas.filter((a) => a.kind === 'buurt' && a.is_water === 0);
    const level = onlyBuurten.length > 0 ? 'buurt' : 'wijk';
    const buurtRows =
      level === 'buurt' ? onlyBuurten : areas.filter((a) => a.kind === 'wijk' && a.is_water === 0);
    const codes = buurtRows.map((b) => b.code);

    const { inhabitants, secret } = await inhabitantsAndSecrets(monitor, municipalityCode, {
      indelingYear,
      codes,
    });
    const buurten: PickableBuurt[] = buurtRows.map((b) => ({
      code: b.code,
      name: b.name === b.code ? `Wijk ${b.code}` : b.name,
      wijkCode: level === 'buurt' ? b.parent_code : null,
      wijkName:
        level === 'wijk'
          ? 'Alle wijken'
          : (b.parent_code && wijken.get(b.parent_code)?.name) || 'Zonder wijk',
      inhabitants: inhabitants.get(b.code) ?? null,
      secret: secret.has(b.code),
    }));
    const published: PublishedArea[] = [
      { label: `de gemeente ${municipality?.name ?? municipalityCode}`, buurtCodes: codes },
      ...[...(level === 'buurt' ? wijken.values() : [])].map((w) => ({
        label: `wijk ${w.name}`,
        buurtCodes: buurten.filter((b) => b.wijkCode === w.code).map((b) => b.code),
      })),
      ...buurten.map((b) => ({ label: `${level} ${b.name}`, buurtCodes: [b.code] })),
    ];
    for (const f of await listFocusAreas(monitor.db)) {
      if (f.composition_status !== 'bekend' || f.latestVersion === null) continue;
      const selection = await selectionForFocusArea(monitor, f.slug);
      if (selection.municipalityCode !== municipalityCode) continue;
      published.push({ label: `focusgebied ${f.name}`, buurtCodes: selection.buurtCodes });
    }
    return {
      level,
      municipalityCode,
      municipalityName: municipality?.name ?? municipalityCode,
      indelingYear,
      buurten,
      published,
    };
  });
}

/**
 * What the members of a set are called: buurten, wijken (where a municipality has no buurten
 * loaded), or "gebieden" for a mix; `one` for a single member.
 */
export function memberNoun(codes: readonly string[]): { one: string; many: string } {
  const wijken = codes.filter((c) => WIJK_CODE.test(c)).length;
  if (codes.length > 0 && wijken === codes.length) return { one: 'wijk', many: 'wijken' };
  if (wijken === 0) return { one: 'buurt', many: 'buurten' };
  return { one: 'gebied', many: 'gebieden' };
}

const counted = (n: number, noun: { one: string; many: string }) =>
  `${n} ${n === 1 ? noun.one : noun.many}`;

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** The `buurt` parameter as a list of distinct codes; a 400 naming what is wrong. */
export function parseBuurtParam(raw: string | string[] | undefined): string[] {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const codes = [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];
  const bad = codes.find((c) => !BUURT_CODE.test(c) && !WIJK_CODE.test(c));
  if (bad !== undefined) {
    const shown = bad.length > 20 ? `${bad.slice(0, 20)}…` : bad;
    throw new CustomAreaRefusedError(
      `Parameter buurt ("${shown}") is geen buurtcode of wijkcode. Een buurtcode is BU met 8 cijfers, bijvoorbeeld BU05050301; een wijkcode WK met 6 tekens, bijvoorbeeld WK060601.`,
      'ongeldig',
    );
  }
  if (codes.length > MAX_BUURTEN) {
    throw new CustomAreaRefusedError(
      `U koos ${counted(codes.length, memberNoun(codes))}; kies er hoogstens ${MAX_BUURTEN}.`,
      'ongeldig',
    );
  }
  return codes;
}

const sumInhabitants = (buurten: readonly PickableBuurt[]) =>
  buurten.reduce((s, b) => s + (b.inhabitants ?? 0), 0);

const formatCount = (n: number) => n.toLocaleString('nl-NL');

/**
 * Checks a custom set against the two rules on /methode and returns it as a selection:
 * at least MIN_INHABITANTS inhabitants, and no published area from which it differs only by a
 * small group of buurten (fewer than MIN_INHABITANTS inhabitants) holding a secret buurt —
 * subtracting the two figures would give that group's figures, which CBS kept secret.
 */
export function checkCustomArea(
  ctx: CustomAreaContext,
  codes: readonly string[],
  name?: string,
): AreaSelection {
  const byCode = new Map(ctx.buurten.map((b) => [b.code, b]));
  // What the form offers (buurten, or wijken) names the members in every message.
  const offered: { one: string; many: string } =
    ctx.level === 'wijk' ? { one: 'wijk', many: 'wijken' } : { one: 'buurt', many: 'buurten' };
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) {
    const noun = memberNoun(unknown);
    const water = noun.one === 'buurt' ? 'een waterbuurt' : 'water';
    throw new CustomAreaRefusedError(
      `${capitalised(noun.one)} ${unknown.slice(0, 3).join(', ')} ligt niet in ${ctx.municipalityName} (indeling ${ctx.indelingYear}) of is ${water}. Kies ${offered.many} uit de lijst.`,
      'ongeldig',
    );
  }
  const noun = memberNoun(codes);
  const chosen = codes.map((c) => byCode.get(c) as PickableBuurt);
  const total = sumInhabitants(chosen);
  if (total < MIN_INHABITANTS) {
    const these =
      codes.length === 1
        ? `Deze ${noun.one} heeft ${formatCount(total)} inwoners.`
        : `Deze ${noun.many} hebben samen ${formatCount(total)} inwoners.`;
    throw new CustomAreaRefusedError(
      `${these} Een eigen gebied moet minstens ${formatCount(MIN_INHABITANTS)} inwoners hebben, anders zijn de cijfers te veel over personen te herleiden. Kies meer ${offered.many}.`,
      'te-klein',
    );
  }
  const set = new Set(codes);
  for (const area of ctx.published) {
    const inArea = new Set(area.buurtCodes);
    const areaInSet = area.buurtCodes.every((c) => set.has(c));
    const setInArea = codes.every((c) => inArea.has(c));
    if (areaInSet === setInArea) continue; // equal sets, or neither contains the other
    const difference = (
      areaInSet ? codes.filter((c) => !inArea.has(c)) : area.buurtCodes.filter((c) => !set.has(c))
    ).map((c) => byCode.get(c) as PickableBuurt);
    const secret = difference.filter((b) => b.secret);
    if (secret.length === 0 || sumInhabitants(difference) >= MIN_INHABITANTS) continue;
    const names = difference.map((b) => b.name).join(', ');
    const differs = memberNoun(difference.map((b) => b.code));
    throw new CustomAreaRefusedError(
      `Deze keuze verschilt van ${area.label} alleen in ${difference.length === 1 ? differs.one : `de ${differs.many}`} ${names} (samen ${formatCount(sumInhabitants(difference))} inwoners). CBS houdt cijfers van ${secret.map((b) => b.name).join(', ')} geheim. Door de cijfers van uw gebied en van ${area.label} van elkaar af te trekken, zou u die geheime cijfers kunnen uitrekenen. Voeg meer ${offered.many} toe of haal er meer weg.`,
      'verschil',
    );
  }
  return {
    kind: 'selectie',
    name: name?.trim() || `Eigen gebied (${counted(codes.length, noun)})`,
    municipalityCode: ctx.municipalityCode,
    municipalityName: ctx.municipalityName,
    indelingYear: ctx.indelingYear,
    buurtCodes: [...codes].sort(),
  };
}
