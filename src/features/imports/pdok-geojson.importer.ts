import { valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { NewArea } from '../areas/index.ts';
import type { Variable } from '../datasets/index.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { sha256 } from './import.service.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

export type PdokLevel = 'buurt' | 'wijk' | 'gemeente';

export interface PdokOptions {
  indelingYear: number;
  level: PdokLevel;
  /** Keep only features of this municipality (e.g. GM0505 out of the Drechtsteden files). */
  municipalityCode?: string;
  /** What a figure can be (catalogue/plausibility.json); impossible values are refused. */
  plausibility?: PlausibilityRules;
}

/** CBS's privacy code in PDOK attributes: the value is suppressed. */
const SECRET = -99999999;

/**
 * Where the KWB tables (85984NED and earlier) use another stem for the same figure than PDOK's
 * attribute name, the observation is stored under the KWB stem, so one indicator reads both
 * sources. Every other numeric attribute is stored under its PDOK name with a capital first
 * letter (`percentagePersonen0Tot15Jaar` → `PercentagePersonen0Tot15Jaar`): PDOK publishes those
 * as whole percentages, which KWB publishes as counts under other stems, so they must not share
 * a stem.
 */
export const PDOK_STEM_ALIASES: Readonly<Record<string, string>> = {
  aantalHuishoudens: 'HuishoudensTotaal',
  bevolkingsdichtheidInwonersPerKm2: 'Bevolkingsdichtheid',
  gemiddeldeHuishoudsgrootte: 'GemiddeldeHuishoudensgrootte',
  // PDOK's "stedelijkheid" is the 1–5 class KWB calls MateVanStedelijkheid.
  stedelijkheidAdressenPerKm2: 'MateVanStedelijkheid',
  oppervlakteTotaalInHa: 'OppervlakteTotaal',
  oppervlakteLandInHa: 'OppervlakteLand',
  oppervlakteWaterInHa: 'OppervlakteWater',
};

/**
 * Attributes that identify or describe a feature rather than measure it. `aantalInwoners_som_buurten`
 * is our own sum of rounded buurt counts in the dissolved wijk file: not a CBS figure, so it is
 * not stored as one.
 */
const NON_MEASURES = new Set([
  'fid',
  'fuuid',
  'jrstatcode',
  'jaar',
  // The year of the edition in PDOK's multi-year collections: a label, not a figure.
  'jaarcode',
  'buurtcode',
  'buurtnaam',
  'wijkcode',
  'wijknaam',
  'wijknaam_cbs',
  'gemeentecode',
  'gemeentenaam',
  'identificatie',
  'naam',
  'code',
  'ligtInProvincieCode',
  'ligtInProvincieNaam',
  'water',
  'meestVoorkomendePostcode',
  'indelingswijzigingWijkenEnBuurten',
  'aantalInwoners_som_buurten',
  // The drawing's own bookkeeping in older shapefile exports, not a figure.
  'Shape_Leng',
  'Shape_Area',
]);

const CODE_PATTERN: Record<PdokLevel, RegExp> = {
  buurt: /^BU\d{8}$/,
  wijk: /^WK\d{6}$/,
  gemeente: /^GM\d{4}$/,
};

export const PDOK_ATTRIBUTION =
  'Bron: CBS (Kerncijfers wijken en buurten), Kadaster/CBS wijk- en buurtkaart via PDOK. Licentie CC BY 4.0.';

type Position = [number, number];
type Ring = Position[];
interface Geometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: Ring[] | Ring[][];
}

/**
 * Some PDOK services spell the attributes in snake case (`aantal_inwoners`,
 * `percentage_personen_0_tot_15_jaar`) where the wijk- en buurtkaart files use camel case
 * (`aantalInwoners`); both are read as the camel-case name, so one figure keeps one stem. A name
 * with a capital in it (`aantalInwoners_som_buurten`) is left as it is.
 */
export function camelAttribute(attribute: string): string {
  if (!attribute.includes('_') || /[A-Z]/.test(attribute)) return attribute;
  return attribute.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Older kaarten (the files CBS published up to about 2018, and services built from them) name the
 * identifying attributes in capitals (`BU_CODE`, `BU_NAAM`, `WK_CODE`, `GM_CODE`, `GM_NAAM`,
 * `WATER`) or in snake case (`bu_code`, `gemeente_code`); they are read under today's names, so the
 * code, name, parent and water flag of an older year come through the same rules (ADR 0045). The
 * look-up ignores case. A name that is both there in today's spelling and in an older one keeps
 * today's. Older measure names (`AANT_INW`) are not renamed: they are stored under their own stem.
 */
export const PDOK_ATTRIBUTE_ALIASES: Readonly<Record<string, string>> = {
  BU_CODE: 'buurtcode',
  BU_NAAM: 'buurtnaam',
  BUURT_CODE: 'buurtcode',
  BUURT_NAAM: 'buurtnaam',
  WK_CODE: 'wijkcode',
  WK_NAAM: 'wijknaam',
  WIJK_CODE: 'wijkcode',
  WIJK_NAAM: 'wijknaam',
  GM_CODE: 'gemeentecode',
  GM_NAAM: 'gemeentenaam',
  GEMEENTE_CODE: 'gemeentecode',
  GEMEENTE_NAAM: 'gemeentenaam',
  WATER: 'water',
  JRSTATCODE: 'jrstatcode',
  JAAR: 'jaar',
  JAARCODE: 'jaarcode',
  IND_WBI: 'indelingswijzigingWijkenEnBuurten',
  POSTCODE: 'meestVoorkomendePostcode',
  OBJECTID: 'fid',
};

/** The feature's properties with older attribute names read as today's (PDOK_ATTRIBUTE_ALIASES). */
export function currentAttributes(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(props)) {
    const current = PDOK_ATTRIBUTE_ALIASES[name.toUpperCase()];
    if (current === undefined || current === name) out[name] = value;
    else if (!(current in props)) out[current] = value;
  }
  return out;
}

export function pdokStem(attribute: string): string {
  return PDOK_STEM_ALIASES[attribute] ?? attribute.charAt(0).toUpperCase() + attribute.slice(1);
}

/** `percentagePersonen0Tot15Jaar` → `percentage personen 0 tot 15 jaar`: a readable fallback title. */
function titleOf(attribute: string): string {
  return attribute
    .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
    .replace(/([0-9])([A-Za-z])/g, '$1 $2')
    .toLocaleLowerCase('nl');
}

function unitOf(attribute: string): string | null {
  if (/^perc/.test(attribute)) return '%';
  if (/InHa$/.test(attribute)) return 'ha';
  if (attribute === 'bevolkingsdichtheidInwonersPerKm2') return 'per km²';
  if (attribute === 'omgevingsadressendichtheid') return 'adressen per km²';
  if (/^(aantal|mannen|vrouwen)/.test(attribute)) return 'aantal';
  return null;
}

/** Twice the signed planar area in lon/lat: positive is counter-clockwise. */
function signedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    sum += a[0] * b[1] - b[0] * a[1];
  }
  return sum;
}

const round6 = (n: number): number => Math.round(n * 1e6) / 1e6;

/**
 * d3-geo works on the sphere: it reads a counter-clockwise outer ring as "the globe minus this
 * area". RFC 7946 (and PDOK) wind the other way, so outer rings are stored clockwise and holes
 * counter-clockwise. Six decimals is about 10 cm, far below the precision of buurt borders.
 */
function rewindPolygon(rings: Ring[]): Ring[] {
  return rings.map((ring, i) => {
    const rounded: Ring = [];
    for (const [x, y] of ring) {
      const last = rounded[rounded.length - 1];
      const p: Position = [round6(x), round6(y)];
      // Points that coincide after rounding add bytes, not shape.
      if (!last || last[0] !== p[0] || last[1] !== p[1]) rounded.push(p);
    }
    // A sliver that rounding would collapse keeps its full precision.
    const points = rounded.length >= 4 ? rounded : ring.map(([x, y]): Position => [x, y]);
    const clockwise = signedArea(points) < 0;
    return clockwise === (i === 0) ? points : points.reverse();
  });
}

function isPosition(value: unknown): value is Position {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    typeof value[0] === 'number' &&
    typeof value[1] === 'number' &&
    Number.isFinite(value[0]) &&
    Number.isFinite(value[1])
  );
}

function isRing(value: unknown): value is Ring {
  if (!Array.isArray(value) || value.length < 4 || !value.every(isPosition)) return false;
  const first = value[0] as Position;
  const last = value[value.length - 1] as Position;
  return first[0] === last[0] && first[1] === last[1];
}

const isPolygon = (value: unknown): value is Ring[] =>
  Array.isArray(value) && value.length > 0 && value.every(isRing);

/** Validates and rewinds; returns a problem message in Dutch when the geometry is unusable. */
function normaliseGeometry(raw: unknown): Geometry | string {
  if (!raw || typeof raw !== 'object') return 'geometrie ontbreekt';
  const { type, coordinates } = raw as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    if (!isPolygon(coordinates))
      return 'ongeldige Polygon: elke ring moet gesloten zijn en minstens 4 punten hebben';
    return { type, coordinates: rewindPolygon(coordinates) };
  }
  if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0 || !coordinates.every(isPolygon)) {
      return 'ongeldige MultiPolygon: elke ring moet gesloten zijn en minstens 4 punten hebben';
    }
    return { type, coordinates: (coordinates as Ring[][]).map(rewindPolygon) };
  }
  return `geometrietype "${String(type)}" wordt niet ondersteund (verwacht Polygon of MultiPolygon)`;
}

/** PDOK gives numbers as strings, sometimes as numbers; `-99999999` means suppressed. */
function readValue(raw: unknown): { value: number | null; ok: boolean } {
  if (raw === null || raw === undefined || raw === '') return { value: null, ok: true };
  const n =
    typeof raw === 'number'
      ? raw
      : typeof raw === 'string' && /^-?\d+(\.\d+)?$/.test(raw.trim())
        ? Number(raw)
        : NaN;
  if (!Number.isFinite(n)) return { value: null, ok: false };
  return { value: n === SECRET ? null : n, ok: true };
}

function text(props: Record<string, unknown>, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = props[key];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
  }
  return undefined;
}

/** `jaarcode` may come as a number (2024) or as text ("2024"). */
function yearText(raw: unknown): string | undefined {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return typeof raw === 'string' && raw.trim() !== '' ? raw.trim() : undefined;
}

const LEVEL_LABEL: Record<PdokLevel, string> = {
  buurt: 'buurten',
  wijk: 'wijken',
  gemeente: 'gemeenten',
};

/** NL00, the root of every indeling: created with each import that brings areas. */
export function landArea(indelingYear: number): NewArea {
  return {
    indeling_year: indelingYear,
    code: 'NL00',
    kind: 'land',
    name: 'Nederland',
    parent_code: null,
    municipality_code: null,
    geometry: null,
    is_water: 0,
  };
}

/**
 * Reads a PDOK wijk- en buurtkaart layer (or the Bestuurlijke Gebieden gemeente layer). Unlike the
 * table importers it creates areas, so it does not need them in the lookup; but a buurt's wijk and
 * a wijk's gemeente must be known, from the lookup or from this file. NL00 is created for the
 * indeling year with every layer, so the country is always there as the root.
 */
export function parsePdokGeojson(
  input: ImportInput,
  lookup: AreaLookup,
  options: PdokOptions,
): ParsedImport {
  const file = input.fileName;
  const { indelingYear, level, municipalityCode } = options;
  const fail = (problems: ImportProblem[]): never => {
    throw new ImportValidationError(problems.slice(0, 50));
  };

  let json: unknown;
  try {
    json = JSON.parse(input.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail([{ file, message: `geen geldige JSON (${(error as Error).message})` }]);
  }
  const features = (json as { type?: unknown; features?: unknown })?.features;
  if ((json as { type?: unknown })?.type !== 'FeatureCollection' || !Array.isArray(features)) {
    return fail([{ file, message: 'verwacht een GeoJSON FeatureCollection met "features"' }]);
  }

  const problems: ImportProblem[] = [];
  const areas: NewArea[] = [];
  const observations: ParsedObservation[] = [];
  const stems = new Map<string, string>();
  const seen = new Set<string>();
  const knownHere = new Set<string>();
  let rowCount = 0;
  let period: string | undefined;

  features.forEach((feature: unknown, index) => {
    const where = `features[${index}]`;
    const props = currentAttributes(
      ((feature as { properties?: unknown })?.properties ?? {}) as Record<string, unknown>,
    );
    const code =
      level === 'buurt'
        ? text(props, 'buurtcode')
        : level === 'wijk'
          ? text(props, 'wijkcode')
          : (text(props, 'gemeentecode', 'identificatie') ?? undefined);
    const gemeente = level === 'gemeente' ? code : text(props, 'gemeentecode');
    if (municipalityCode && gemeente !== municipalityCode) return;
    rowCount++;

    const codeField =
      level === 'buurt' ? 'buurtcode' : level === 'wijk' ? 'wijkcode' : 'gemeentecode';
    if (!code || !CODE_PATTERN[level].test(code)) {
      problems.push({
        file,
        field: `${where}.properties.${codeField}`,
        message: `geen geldige ${level}code: "${code ?? ''}"`,
      });
      return;
    }
    if (seen.has(code)) {
      problems.push({
        file,
        field: `${where}.properties.${codeField}`,
        message: `${code} staat meer dan één keer in het bestand`,
      });
      return;
    }
    seen.add(code);

    const name =
      level === 'buurt'
        ? text(props, 'buurtnaam')
        : level === 'wijk'
          ? text(props, 'wijknaam', 'wijknaam_cbs')
          : text(props, 'gemeentenaam', 'naam');
    if (!name) {
      problems.push({ file, field: `${where}.properties`, message: `naam van ${code} ontbreekt` });
      return;
    }

    const isWater = text(props, 'water') === 'JA' ? 1 : 0;
    let parent: string | null = 'NL00';
    if (level !== 'gemeente') {
      if (!gemeente || !CODE_PATTERN.gemeente.test(gemeente)) {
        problems.push({
          file,
          field: `${where}.properties.gemeentecode`,
          message: `geen geldige gemeentecode bij ${code}`,
        });
        return;
      }
      parent = gemeente;
      const known = (c: string): boolean => knownHere.has(c) || lookup.has(indelingYear, c);
      if (level === 'buurt') {
        const wijk = text(props, 'wijkcode');
        if (wijk && known(wijk)) parent = wijk;
        else if (isWater && known(gemeente)) {
          // CBS puts water-only buurten in a water wijk (WK050599) that has no outline or name of
          // its own in the shipped wijk file; hang the buurt under the gemeente instead of
          // inventing that wijk.
          parent = gemeente;
        } else {
          problems.push({
            file,
            field: `${where}.properties.wijkcode`,
            message: `wijk "${wijk ?? ''}" van buurt ${code} is onbekend voor indeling ${indelingYear}: importeer eerst de wijken`,
          });
          return;
        }
      } else if (!known(gemeente)) {
        problems.push({
          file,
          field: `${where}.properties.gemeentecode`,
          message: `gemeente ${gemeente} van wijk ${code} is onbekend voor indeling ${indelingYear}: importeer eerst de gemeente`,
        });
        return;
      }
    }

    const geometry = normaliseGeometry((feature as { geometry?: unknown })?.geometry);
    if (typeof geometry === 'string') {
      problems.push({ file, field: `${where}.geometry`, message: `${code}: ${geometry}` });
      return;
    }

    const jaarField = text(props, 'jaar') !== undefined ? 'jaar' : 'jaarcode';
    const jaar = text(props, 'jaar') ?? yearText(props.jaarcode);
    if (jaar !== undefined) {
      if (!/^\d{4}$/.test(jaar)) {
        problems.push({
          file,
          field: `${where}.properties.${jaarField}`,
          message: `ongeldig jaar "${jaar}"`,
        });
        return;
      }
      if (period !== undefined && period !== jaar) {
        problems.push({
          file,
          field: `${where}.properties.${jaarField}`,
          message: `jaar ${jaar} wijkt af van eerder jaar ${period} in hetzelfde bestand`,
        });
        return;
      }
      period = jaar;
    }

    areas.push({
      indeling_year: indelingYear,
      code,
      kind: level,
      name,
      parent_code: parent,
      municipality_code: level === 'gemeente' ? code : gemeente!,
      geometry: JSON.stringify(geometry),
      is_water: isWater,
    });
    knownHere.add(code);

    for (const [name, raw] of Object.entries(props)) {
      const attribute = camelAttribute(name);
      if (NON_MEASURES.has(name) || NON_MEASURES.has(attribute)) continue;
      const { value, ok } = readValue(raw);
      if (!ok) {
        problems.push({
          file,
          field: `${where}.properties.${name}`,
          message: `geen getal: "${String(raw)}"`,
        });
        continue;
      }
      const stem = pdokStem(attribute);
      const impossible = valueProblem(options.plausibility, stem, value);
      if (impossible) {
        problems.push({ file, field: `${where}.properties.${name}`, message: impossible });
        continue;
      }
      stems.set(stem, attribute);
      observations.push({
        variable: stem,
        indeling_year: indelingYear,
        area_code: code,
        period: '', // set below, once the file's year is known
        value,
        numerator: null,
        denominator: null,
        status: value === null ? 'geheim' : 'definitief',
      });
    }
  });

  if (rowCount === 0) {
    problems.push({
      file,
      message: municipalityCode
        ? `geen ${LEVEL_LABEL[level]} van ${municipalityCode} in het bestand`
        : `het bestand bevat geen ${LEVEL_LABEL[level]}`,
    });
  }
  if (problems.length > 0) fail(problems);

  const observationPeriod = period ?? String(indelingYear);
  for (const o of observations) o.period = observationPeriod;

  const tableId = `wijkenbuurten-${indelingYear}`;
  const variables: Variable[] = [...stems].map(([stem, attribute]) => ({
    stem,
    table_id: tableId,
    title: titleOf(attribute),
    unit: unitOf(attribute),
    description: `PDOK-attribuut "${attribute}" van de CBS wijk- en buurtkaart ${indelingYear}.`,
  }));

  const land = landArea(indelingYear);

  const readOptions: Record<string, string> = { level, indelingYear: String(indelingYear) };
  if (municipalityCode) readOptions.municipalityCode = municipalityCode;

  return {
    kind: 'pdok-geojson',
    source: 'CBS/Kadaster wijk- en buurtkaart (PDOK)',
    tableId,
    edition: observationPeriod,
    title: `Wijk- en buurtkaart ${indelingYear}: ${LEVEL_LABEL[level]}${municipalityCode ? ` (${municipalityCode})` : ''}`,
    fileName: file,
    fileHash: sha256(input.bytes),
    indelingYear,
    attribution: PDOK_ATTRIBUTION,
    options: readOptions,
    rowCount,
    areas: [land, ...areas],
    observations,
    variables,
  };
}
