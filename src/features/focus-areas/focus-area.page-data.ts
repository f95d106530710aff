import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { listAreas, listAreasWithGeometry } from '../areas/index.ts';
import { findObservations } from '../datasets/index.ts';
import { normaliseName } from '../imports/index.ts';
import { parseAreaGeometry, type AreaGeometry } from '../maps/index.ts';
import { getFocusArea } from './focus-area.service.ts';
import type { Confidence, MemberStatus } from './focus-area.table.ts';
import { countedMembers } from './counted-members.ts';

/** Inhabitants on 1 January of these years; a year without data stays null ("nog niet geladen"). */
export const POPULATION_YEARS = ['2023', '2024'] as const;
export type PopulationYear = (typeof POPULATION_YEARS)[number];
export type ByYear = Record<PopulationYear, number | null>;

export interface MemberRow {
  code: string;
  name: string;
  wijkCode: string | null;
  wijk: string | null;
  status: MemberStatus;
  reason: string | null;
  inhabitants: ByYear;
  level: 'buurt' | 'wijk';
}

/** A provisional delineation: compiled from public sources, not yet confirmed (ADR 0022). */
export interface ProvisionalInfo {
  source: string | null;
  sourceDate: string | null;
  confidence: Confidence | null;
}

/** Key figures of 1 January 2024 for the counted members, their municipality and NL. */
export interface KeyFigures {
  label: string;
  inhabitants: number | null;
  dwellings: number | null;
  /** Land area in km². */
  land: number | null;
  /** Σ inhabitants / Σ land, per km² of land. */
  density: number | null;
}

export interface MapArea {
  code: string;
  name: string;
  geometry: AreaGeometry;
  isWater: boolean;
  status?: MemberStatus;
}

export interface FocusAreaPageData {
  slug: string;
  name: string;
  municipality: { code: string; name: string };
  /** null while it is not known which buurten belong to the area. */
  version: number | null;
  latestVersion: number | null;
  versions: number[];
  indelingYear: number | null;
  rationale: string | null;
  createdAt: string | null;
  members: MemberRow[];
  /** Σ inhabitants of the 'lid' buurten; null unless every one of them has a value that year. */
  totals: ByYear;
  /** 'lid' buurten without a value, per year: said on the page, never filled with 0. */
  missing: Record<PopulationYear, number>;
  map: { buurten: MapArea[]; wijken: MapArea[] };
  /** The members are buurten, or (in a provisional delineation) wijken. */
  memberLevel: 'buurt' | 'wijk';
  provisional: ProvisionalInfo | null;
  /** Empty when the 2024 figures are not loaded. */
  keyFigures: KeyFigures[];
}

export const SOURCE_TEXT =
  'Bron: CBS (Kerncijfers wijken en buurten 2023), Kadaster/CBS wijk- en buurtkaart via PDOK';
export const LICENCE = 'CC BY 4.0';

const STATUS_ORDER: Record<MemberStatus, number> = {
  lid: 0,
  te_bevestigen: 1,
  deels: 2,
  uitgesloten: 3,
};

async function inhabitantsByCode(
  db: Kysely<Database>,
  indelingYear: number,
  period: string,
  codes: readonly string[],
): Promise<Map<string, number | null>> {
  const rows = await findObservations(db, {
    variables: ['AantalInwoners'],
    indelingYear,
    areaCodes: codes,
    periods: [period],
  });
  return new Map(rows.map((r) => [r.area_code, r.value === null ? null : Number(r.value)]));
}

/**
 * Later years use the same buurt code only where the later indeling has that code with the same
 * name: CBS reuses codes, and a renamed or redrawn buurt must not borrow a number.
 */
async function sameBuurtCodes(
  db: Kysely<Database>,
  fromNames: Map<string, string>,
  toYear: number,
  municipalityCode: string,
): Promise<string[]> {
  const later = await listAreas(db, { indelingYear: toYear, municipalityCode, kind: 'buurt' });
  if (later.length === 0) return [...fromNames.keys()];
  const laterNames = new Map(later.map((a) => [a.code, normaliseName(a.name)]));
  return [...fromNames]
    .filter(([code, name]) => laterNames.get(code) === normaliseName(name))
    .map(([code]) => code);
}

const KEY_VARIABLES = ['AantalInwoners', 'Woningvoorraad', 'OppervlakteLand'] as const;
const KEY_PERIOD = '2024';

/**
 * Inhabitants, dwellings and land of the counted members (summed), of the municipality and of
 * the Netherlands, and the density as Σ inhabitants / Σ land. A sum with a member missing is
 * no sum: it stays null ("nog niet geladen"), never a partial total shown as the whole.
 */
async function keyFigures(
  db: Kysely<Database>,
  memberCodes: readonly string[],
  name: string,
  municipality: { code: string; name: string },
): Promise<KeyFigures[]> {
  const year = Number(KEY_PERIOD);
  const rows = await findObservations(db, {
    variables: [...KEY_VARIABLES],
    indelingYear: year,
    areaCodes: [...memberCodes, municipality.code, 'NL00'],
    periods: [KEY_PERIOD],
  });
  const value = new Map(
    rows.map((r) => [`${r.area_code}|${r.variable}`, r.value === null ? null : Number(r.value)]),
  );
  const sum = (list: readonly string[], variable: string): number | null => {
    if (list.length === 0) return null;
    let total = 0;
    for (const code of list) {
      const v = value.get(`${code}|${variable}`);
      if (v === undefined || v === null) return null;
      total += v;
    }
    return total;
  };
  const figures = (label: string, list: readonly string[]): KeyFigures => {
    const inhabitants = sum(list, 'AantalInwoners');
    const landHa = sum(list, 'OppervlakteLand');
    return {
      label,
      inhabitants,
      dwellings: sum(list, 'Woningvoorraad'),
      land: landHa === null ? null : landHa / 100,
      density: inhabitants !== null && landHa ? inhabitants / (landHa / 100) : null,
    };
  };
  const out = [
    figures(name, memberCodes),
    figures(`Gemeente ${municipality.name}`, [municipality.code]),
    figures('Nederland', ['NL00']),
  ];
  return out.some((f) => f.inhabitants !== null) ? out : [];
}

/**
 * Everything the delineation page and its JSON show, read once so both give the same numbers.
 * Throws NotFoundError for an unknown slug or version (from getFocusArea).
 */
export async function loadFocusAreaPage(
  db: Kysely<Database>,
  slug: string,
  version?: number,
): Promise<FocusAreaPageData> {
  const detail = await getFocusArea(db, slug, version);
  const { area } = detail;
  const versions = detail.versions.map((v) => v.version);
  const base = {
    slug: area.slug,
    name: area.name,
    municipality: { code: area.municipality_code, name: area.municipality_name },
    versions,
    latestVersion: versions.length > 0 ? Math.max(...versions) : null,
  };
  if (!detail.version) {
    return {
      ...base,
      version: null,
      indelingYear: null,
      rationale: null,
      createdAt: null,
      members: [],
      totals: { '2023': null, '2024': null },
      missing: { '2023': 0, '2024': 0 },
      map: { buurten: [], wijken: [] },
      memberLevel: 'buurt',
      provisional: null,
      keyFigures: [],
    };
  }
  const year = detail.version.indeling_year;
  const wijken = await listAreas(db, {
    indelingYear: year,
    municipalityCode: area.municipality_code,
    kind: 'wijk',
  });
  const wijkName = new Map(wijken.map((w) => [w.code, w.name]));
  const codes = detail.members.map((m) => m.buurt_code);
  const names = new Map(detail.members.map((m) => [m.buurt_code, m.name ?? m.buurt_code]));

  const population: Record<PopulationYear, Map<string, number | null>> = {
    '2023': new Map(),
    '2024': new Map(),
  };
  for (const y of POPULATION_YEARS) {
    const indeling = Number(y);
    if (indeling === year) population[y] = await inhabitantsByCode(db, year, y, codes);
    else if (indeling > year) {
      const same = await sameBuurtCodes(db, names, indeling, area.municipality_code);
      population[y] = await inhabitantsByCode(db, indeling, y, same);
    }
  }

  const rows: MemberRow[] = detail.members
    .map((m) => ({
      code: m.buurt_code,
      name: names.get(m.buurt_code) ?? m.buurt_code,
      wijkCode: m.wijk_code,
      wijk: m.wijk_code ? (wijkName.get(m.wijk_code) ?? null) : null,
      status: m.status,
      reason: m.reason,
      level: m.level,
      inhabitants: {
        '2023': population['2023'].get(m.buurt_code) ?? null,
        '2024': population['2024'].get(m.buurt_code) ?? null,
      },
    }))
    .sort(
      (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.code.localeCompare(b.code),
    );

  const counted = countedMembers(rows);
  const totals = { '2023': null, '2024': null } as ByYear;
  const missing = { '2023': 0, '2024': 0 } as Record<PopulationYear, number>;
  for (const y of POPULATION_YEARS) {
    const values = counted.map((r) => r.inhabitants[y]);
    missing[y] = values.filter((v) => v === null).length;
    totals[y] =
      counted.length > 0 && missing[y] === 0
        ? values.reduce<number>((s, v) => s + (v ?? 0), 0)
        : null;
  }

  const status = new Map(detail.members.map((m) => [m.buurt_code, m.status]));
  const toMap = (a: {
    code: string;
    name: string;
    geometry: string | null;
    is_water: number;
  }): MapArea[] => {
    const geometry = parseAreaGeometry(a.geometry);
    if (!geometry) return [];
    const s = status.get(a.code);
    return [
      {
        code: a.code,
        name: a.name,
        geometry,
        isWater: a.is_water === 1,
        ...(s ? { status: s } : {}),
      },
    ];
  };
  const filter = { indelingYear: year, municipalityCode: area.municipality_code };
  const buurtShapes = (await listAreasWithGeometry(db, { ...filter, kind: 'buurt' })).flatMap(
    toMap,
  );
  const wijkShapes = (await listAreasWithGeometry(db, { ...filter, kind: 'wijk' })).flatMap(toMap);

  const v = detail.version;
  return {
    ...base,
    memberLevel: rows.some((r) => r.level === 'wijk') ? 'wijk' : 'buurt',
    provisional:
      v.provisional === 1
        ? { source: v.source, sourceDate: v.source_date, confidence: v.confidence }
        : null,
    keyFigures: await keyFigures(
      db,
      // Codes of another indeling count only where the 2024 indeling has the same buurt.
      year === Number(KEY_PERIOD) || counted.every((r) => population['2024'].has(r.code))
        ? counted.map((r) => r.code)
        : [],
      area.name,
      { code: area.municipality_code, name: area.municipality_name },
    ),
    version: detail.version.version,
    indelingYear: year,
    rationale: detail.version.rationale,
    createdAt: detail.version.created_at,
    members: rows,
    totals,
    missing,
    map: { buurten: buurtShapes, wijken: wijkShapes },
  };
}
