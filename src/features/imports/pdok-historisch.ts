/**
 * PDOK's "CBS Wijken en Buurten Historisch" OGC API Features (ADR 0045): the kaarten of the years
 * before 2023. Its address is confirmed, its collection names and how a year is chosen are not,
 * so nothing is guessed: the API's own collection list (OGC API Features Part 1) and a
 * collection's queryables (Part 3) say which collection and which filters to use, by the rule
 * below. When the rule does not give exactly one answer, the year and level are skipped and the
 * collections found are named.
 */
import { fetchPdokDocument, PDOK_API_URL, type PageOptions } from './odata-harvest.ts';
import { OdataFetchError } from './odata.fetch.ts';
import { createHash } from 'node:crypto';
import type { PdokLevel } from './pdok-geojson.importer.ts';

/** Below PDOK's base address (https://api.pdok.nl, or --bron-pdok). */
export const PDOK_HISTORISCH_PATH = '/cbs/wijken-en-buurten-historisch/ogc/v1';

export function pdokHistorischBase(pdokBase: string = PDOK_API_URL): string {
  return `${pdokBase.replace(/\/+$/, '')}${PDOK_HISTORISCH_PATH}`;
}

export interface PdokCollection {
  id: string;
  title: string;
}

/** The words a collection of each level carries in its id or title (singular or plural). */
const LEVEL_WORD: Record<PdokLevel, RegExp> = {
  gemeente: /(?<![a-z])gemeente(n)?(?![a-z])/,
  wijk: /(?<![a-z])wijk(en)?(?![a-z])/,
  buurt: /(?<![a-z])buurt(en)?(?![a-z])/,
};

/** Anything that may be a year (or years): four digits or more in a row. */
const ANY_YEAR = /\d{4}/;

/** Property names that hold the year of a feature, in order of preference. */
export const YEAR_PROPERTIES = ['jaarcode', 'jaar'] as const;
/** Property names that hold the municipality code, today's spelling first. */
export const MUNICIPALITY_PROPERTIES = ['gemeentecode', 'gm_code', 'GM_CODE'] as const;

/** The collection list: `collections[]` with `id` and `title`; refused with its address if not. */
export function readCollections(json: Record<string, unknown>, url: string): PdokCollection[] {
  const list = json.collections;
  if (!Array.isArray(list)) {
    throw new OdataFetchError(
      `Het antwoord van PDOK op ${url} is geen lijst van collecties: het veld "collections" ontbreekt. Er is niets geïmporteerd.`,
    );
  }
  return list
    .filter(
      (c): c is { id: string; title?: unknown } =>
        !!c && typeof c === 'object' && typeof (c as { id?: unknown }).id === 'string',
    )
    .map((c) => ({ id: c.id, title: typeof c.title === 'string' ? c.title : '' }));
}

/** The queryable property names (a JSON schema with `properties`); refused with its address if not. */
export function readQueryables(json: Record<string, unknown>, url: string): string[] {
  const properties = json.properties;
  if (!properties || typeof properties !== 'object' || Array.isArray(properties)) {
    throw new OdataFetchError(
      `Het antwoord van PDOK op ${url} is geen lijst van filters (queryables): het veld "properties" ontbreekt. Er is niets geïmporteerd.`,
    );
  }
  return Object.keys(properties);
}

export type CollectionChoice =
  | { shape: 'per-jaar'; collection: PdokCollection }
  | { shape: 'jaar-als-eigenschap'; collection: PdokCollection }
  | { problem: string };

const LEVEL_PLURAL: Record<PdokLevel, string> = {
  gemeente: 'gemeenten',
  wijk: 'wijken',
  buurt: 'buurten',
};

/**
 * The rule (ADR 0045): (a) exactly one collection whose id or title holds the year and the level's
 * word (`buurten_2019`, `cbs_buurten_2019`, "Buurten 2019"); otherwise (b) exactly one collection
 * of the level with no year in its id or title at all, whose queryables must then hold the year
 * (checked by chooseFilters). Anything else is a problem, in Dutch.
 */
export function chooseCollection(
  collections: readonly PdokCollection[],
  year: number,
  level: PdokLevel,
): CollectionChoice {
  const words = (c: PdokCollection) => `${c.id} ${c.title}`.toLocaleLowerCase('nl');
  const ofLevel = collections.filter((c) => LEVEL_WORD[level].test(words(c)));
  const yearWord = new RegExp(`(?<!\\d)${year}(?!\\d)`);
  const perYear = ofLevel.filter((c) => yearWord.test(words(c)));
  if (perYear.length === 1) return { shape: 'per-jaar', collection: perYear[0]! };
  if (perYear.length > 1)
    return {
      problem: `meer dan één collectie voor ${LEVEL_PLURAL[level]} ${year} (${perYear.map((c) => c.id).join(', ')})`,
    };
  const yearless = ofLevel.filter((c) => !ANY_YEAR.test(words(c)));
  if (yearless.length === 1) return { shape: 'jaar-als-eigenschap', collection: yearless[0]! };
  if (yearless.length > 1)
    return {
      problem: `meer dan één collectie voor ${LEVEL_PLURAL[level]} zonder jaar (${yearless.map((c) => c.id).join(', ')})`,
    };
  return { problem: `geen collectie voor ${LEVEL_PLURAL[level]} ${year}` };
}

export type FilterChoice =
  { municipalityProperty: string; yearProperty: string | null } | { problem: string };

/**
 * The filters for a chosen collection: the municipality's from the queryables (gemeentecode, or an
 * older spelling), and for shape (b) the year's (jaarcode or jaar). A per-year collection without
 * queryables (null: the API has none for it) is filtered on gemeentecode, as the per-year APIs are.
 */
export function chooseFilters(
  choice: { shape: 'per-jaar' | 'jaar-als-eigenschap'; collection: PdokCollection },
  queryables: readonly string[] | null,
): FilterChoice {
  const id = choice.collection.id;
  if (queryables === null) {
    if (choice.shape === 'per-jaar')
      return { municipalityProperty: 'gemeentecode', yearProperty: null };
    return {
      problem: `collectie ${id} heeft geen jaar in de naam en geen lijst van filters (queryables)`,
    };
  }
  const municipalityProperty = MUNICIPALITY_PROPERTIES.find((p) => queryables.includes(p));
  if (!municipalityProperty)
    return {
      problem: `collectie ${id} kan niet op gemeente filteren (filters: ${queryables.join(', ') || 'geen'})`,
    };
  if (choice.shape === 'per-jaar') return { municipalityProperty, yearProperty: null };
  const yearProperty = YEAR_PROPERTIES.find((p) => queryables.includes(p));
  if (!yearProperty)
    return {
      problem: `collectie ${id} heeft geen jaar in de naam en kan niet op jaar filteren (filters: ${queryables.join(', ') || 'geen'})`,
    };
  return { municipalityProperty, yearProperty };
}

export type HistorischPlan =
  | {
      /** The first items address: collection, filters, f=json, limit=1000. */
      url: string;
      collection: PdokCollection;
      shape: 'per-jaar' | 'jaar-als-eigenschap';
      /** The folder name of its pages. */
      name: string;
    }
  | { skip: string };

/** A folder name for this base address, so two servers' answers are kept apart. */
function folderOf(base: string): string {
  return `pdok-historisch-${createHash('sha256').update(base).digest('hex').slice(0, 12)}`;
}

/**
 * Asks the historisch API what it has (its collection list, and the chosen collection's
 * queryables), each answer kept in the folder like the pages, and gives the items address of one
 * year, level and municipality, or why it is skipped.
 */
export async function planHistorischItems(
  options: PageOptions & {
    baseUrl: string;
    year: number;
    level: PdokLevel;
    municipalityCode: string;
    /**
     * Addresses already asked in this run: with `fresh` (--opnieuw) the list and queryables are
     * fetched again once per run, not once per job.
     */
    asked?: Set<string>;
  },
): Promise<HistorischPlan> {
  const base = options.baseUrl.replace(/\/+$/, '');
  const folder = folderOf(base);
  const asked = options.asked ?? new Set<string>();
  const fresh = (url: string): boolean => {
    const again = options.fresh === true && !asked.has(url);
    asked.add(url);
    return again;
  };
  const listUrl = `${base}/collections?f=json`;
  const list = await fetchPdokDocument({
    ...options,
    fresh: fresh(listUrl),
    url: listUrl,
    folder,
    file: 'collections.json',
    allowMissing: true,
  });
  if (list === null) return { skip: `PDOK kent ${listUrl} niet (status 404)` };
  const collections = readCollections(list.json, listUrl);
  const found = `gevonden collecties: ${collections.map((c) => c.id).join(', ') || 'geen'}`;
  const choice = chooseCollection(collections, options.year, options.level);
  if ('problem' in choice) return { skip: `${choice.problem}; ${found}` };
  const id = choice.collection.id;
  const path = `${base}/collections/${encodeURIComponent(id)}`;
  const safeId = id.replace(/[^A-Za-z0-9_.-]/g, '_');
  const queryablesUrl = `${path}/queryables?f=json`;
  const queryables = await fetchPdokDocument({
    ...options,
    fresh: fresh(queryablesUrl),
    url: queryablesUrl,
    folder,
    file: `queryables-${safeId}.json`,
    allowMissing: true,
  });
  const filters = chooseFilters(
    choice,
    queryables === null ? null : readQueryables(queryables.json, queryablesUrl),
  );
  if ('problem' in filters) return { skip: `${filters.problem}; ${found}` };
  const params = new URLSearchParams({ f: 'json', limit: '1000' });
  params.set(filters.municipalityProperty, options.municipalityCode);
  if (filters.yearProperty) params.set(filters.yearProperty, String(options.year));
  return {
    url: `${path}/items?${params.toString()}`,
    collection: choice.collection,
    shape: choice.shape,
    name: `${folder}-${safeId}-${options.year}`,
  };
}
