import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BadRequestError } from '../../shared/errors.ts';
import type { ImportInput, OdataV4Input } from './import.types.ts';
import { OdataFetchError } from './odata.fetch.ts';
import type { OdataInput } from './odata.importer.ts';
import { tableShape } from './odata-v4.importer.ts';

/**
 * Fetches one CBS OData table the way a long
 * unattended run needs it (issue 13.8, ADR 0029): each response is stored as it arrives, so a
 * run that is interrupted continues at the page it stopped at, and a finished table is replayed
 * from disk without the network; a busy server (429, 5xx) is retried with growing waits; a page
 * that is no OData JSON stops the run with the page and address named. Nothing is imported here.
 * Two shapes: v3 (`DataProperties` + wide `TypedDataSet` pages, `odata.nextLink`) and v4
 * (`Dimensions`, `MeasureCodes`, code lists + long `Observations` pages, `@odata.nextLink`).
 */

/** How pages are fetched, kept and retried; shared by the OData and the PDOK harvester. */
export interface PageOptions {
  /** Where the raw responses are kept: one folder per table (or collection) and filter. */
  storeDir: string;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Attempts after the first for a busy server or a broken connection (default 4). */
  retries?: number;
  /** First wait before a retry, doubled each time (default 2000 ms); Retry-After wins. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Guard against a server that keeps sending nextLinks (default 500). */
  maxPages?: number;
  /** Fetch again even when a finished copy is stored. */
  fresh?: boolean;
  /** Called after each page: fetched (true) or read from disk (false). */
  onPage?: (page: number, fetched: boolean) => void;
}

export interface HarvestOptions extends PageOptions {
  tableId: string;
  /** E.g. https://opendata.cbs.nl/ODataApi/odata (CBS) or https://dataderden.cbs.nl/ODataApi/odata (Politie). */
  baseUrl: string;
  /** OData $filter, e.g. the rows of one municipality. */
  filter?: string;
}

export interface HarvestResult {
  input: OdataInput;
  /** The folder holding the raw responses and manifest.json. */
  dir: string;
  /** The first address asked, for the dataset's provenance. */
  url: string;
  fetchedPages: number;
  reusedPages: number;
}

interface Manifest {
  tableId: string;
  url: string;
  complete: boolean;
  pages: { file: string; url: string; next: string | null }[];
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const MAX_RETRY_AFTER_MS = 120_000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function folderName(tableId: string, filter: string | undefined): string {
  if (!filter) return tableId;
  return `${tableId}-${createHash('sha256').update(filter).digest('hex').slice(0, 12)}`;
}

function writeAtomic(file: string, bytes: Buffer | string): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

function readManifest(dir: string): Manifest | null {
  const file = path.join(dir, 'manifest.json');
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

type PageFormat = 'odata' | 'geojson';

/** The page's nextLink, or what is wrong with it: no JSON, or not the expected kind of page. */
function pageOf(
  bytes: Buffer,
  format: PageFormat = 'odata',
): { next: string | null } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { error: `geen geldige JSON (${(error as Error).message})` };
  }
  const record = json as Record<string, unknown> | null;
  if (format === 'geojson') {
    // OGC API Features: a FeatureCollection, the next page as a link with rel "next".
    if (!record || typeof record !== 'object' || !Array.isArray(record.features)) {
      return { error: 'geen GeoJSON-antwoord: het veld "features" ontbreekt' };
    }
    const links = Array.isArray(record.links) ? (record.links as Record<string, unknown>[]) : [];
    const link = links.find((l) => l && l.rel === 'next' && typeof l.href === 'string');
    return { next: link ? (link.href as string) : null };
  }
  if (!record || typeof record !== 'object' || !Array.isArray(record.value)) {
    return { error: 'geen OData-antwoord: het veld "value" met rijen ontbreekt' };
  }
  const next = record['odata.nextLink'] ?? record['@odata.nextLink'];
  return { next: typeof next === 'string' && next !== '' ? next : null };
}

function retryAfterMs(response: Response): number | null {
  const raw = response.headers.get('retry-after');
  if (raw === null) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.min(Math.max(seconds, 0) * 1000, MAX_RETRY_AFTER_MS);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.min(Math.max(at - Date.now(), 0), MAX_RETRY_AFTER_MS);
}

async function getWithRetries(
  url: string,
  options: PageOptions,
  dir: string,
  server?: string,
): Promise<Buffer>;
async function getWithRetries(
  url: string,
  options: PageOptions,
  dir: string,
  server: string,
  allowMissing: true,
): Promise<Buffer | null>;
/** With allowMissing, a 404 is an answer (null): the server has no such document. */
async function getWithRetries(
  url: string,
  options: PageOptions,
  dir: string,
  server = 'CBS open data',
  allowMissing = false,
): Promise<Buffer | null> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? defaultSleep;
  const retries = options.retries ?? 4;
  let wait = options.backoffMs ?? 2000;
  let last = '';
  for (let attempt = 0; attempt <= retries; attempt++) {
    let response: Response | undefined;
    try {
      response = await doFetch(url, { headers: { accept: 'application/json' } });
    } catch (error) {
      const cause = (error as Error & { cause?: { code?: string } }).cause;
      last = `geen verbinding (${cause?.code ?? (error as Error).message})`;
    }
    if (response) {
      if (response.ok) return Buffer.from(await response.arrayBuffer());
      // Read the body so the connection is released before a retry.
      await response.arrayBuffer().catch(() => undefined);
      if (allowMissing && response.status === 404) return null;
      if (!RETRY_STATUS.has(response.status)) {
        throw new OdataFetchError(
          `${server} weigert ${url} met status ${response.status}. Er is niets geïmporteerd; controleer ${server === 'PDOK' ? 'het adres' : 'het tabelnummer'}.`,
        );
      }
      last =
        response.status === 429 ? 'status 429: te veel verzoeken' : `status ${response.status}`;
      const after = retryAfterMs(response);
      if (attempt < retries) await sleep(after ?? wait);
    } else if (attempt < retries) await sleep(wait);
    wait *= 2;
  }
  throw new OdataFetchError(
    `${server} is niet bereikbaar: ${url} gaf ${last}, ook na ${retries + 1} pogingen. Er is niets geïmporteerd. Wat al binnen is staat in ${dir}; start dezelfde opdracht later opnieuw, dan gaat die daar verder.`,
  );
}

/** A run of pages kept in a harvest's folder behind its manifest.json. */
interface PageRun {
  /** The first address; a stored manifest of another address is not reused. */
  url: string;
  /** Named in the error messages and kept as the manifest's `tableId`. */
  name: string;
  /** What nextLinks are resolved against; they are followed only to its server. */
  base: string;
  format: PageFormat;
  /** The pages' file names, `<prefix>-0001.json`; by default `TypedDataSet` or `items`. */
  prefix?: string;
}

interface DocumentCheck {
  /** Throws when a fetched document must not be kept; it is then stored nowhere. */
  check: (bytes: Buffer) => void;
  server?: string;
  /** A 404 is an answer: kept as `<file>.ontbreekt`, so a replay asks nothing, and given as null. */
  allowMissing?: boolean;
}

type KeptDocument = { bytes: Buffer; fetched: boolean };

/**
 * The one way every harvester opens its folder below storeDir (made when missing) and fills it:
 * single documents (a table's description, a PDOK collection list) and runs of pages behind a
 * manifest. What is stored is replayed and an unfinished run resumes; `fresh` (--opnieuw) fetches
 * everything again. Counts what this harvest fetched and which pages it read from disk.
 */
class HarvestFolder {
  readonly dir: string;
  /** Documents and pages fetched by this harvest. */
  fetched = 0;
  /** Pages read from disk (replayed documents are not counted). */
  reused = 0;
  readonly #options: PageOptions;

  constructor(options: PageOptions, folder: string) {
    this.#options = options;
    this.dir = path.join(options.storeDir, folder);
    fs.mkdirSync(this.dir, { recursive: true });
  }

  /**
   * Reads the stored manifest now (not with fresh, nor one of another address); the function
   * returned replays its pages and fetches the rest, keeping the manifest up to date.
   */
  resume(run: PageRun): () => Promise<ImportInput[]> {
    let manifest = this.#options.fresh ? null : readManifest(this.dir);
    if (manifest && manifest.url !== run.url) manifest = null;
    const kept = manifest ?? { tableId: run.name, url: run.url, complete: false, pages: [] };
    return () => this.#collect(kept, run);
  }

  /** The pages of a run: resume, then collect. */
  pages(run: PageRun): Promise<ImportInput[]> {
    return this.resume(run)();
  }

  /** Reads the stored pages of the manifest, then fetches from where it stopped until no nextLink. */
  async #collect(manifest: Manifest, run: PageRun): Promise<ImportInput[]> {
    const { dir } = this;
    const options = this.#options;
    const { base, name, format } = run;
    const prefix = run.prefix ?? (format === 'odata' ? 'TypedDataSet' : 'items');
    const origin = new URL(base).origin;
    const maxPages = options.maxPages ?? 500;
    const server = format === 'odata' ? 'CBS open data' : 'PDOK';
    const pages: ImportInput[] = [];
    for (const stored of manifest.pages) {
      pages.push({ bytes: fs.readFileSync(path.join(dir, stored.file)), fileName: stored.file });
      this.reused++;
      options.onPage?.(pages.length, false);
    }
    let next: string | null = manifest.complete
      ? null
      : manifest.pages.length === 0
        ? manifest.url
        : (manifest.pages[manifest.pages.length - 1]?.next ?? null);
    while (next) {
      if (pages.length >= maxPages) {
        throw new OdataFetchError(
          `${server} bleef na ${maxPages} pagina's doorverwijzen (${name}); er is niets geïmporteerd`,
        );
      }
      const absolute: string = new URL(next, base).toString();
      // Follow nextLinks only to the same server: a response must not send us elsewhere.
      if (new URL(absolute).origin !== origin) {
        throw new OdataFetchError(
          `De volgende pagina van ${name} ligt buiten ${origin}: ${absolute}. Er is niets geïmporteerd.`,
        );
      }
      const bytes = await getWithRetries(absolute, options, dir, server);
      const number = pages.length + 1;
      const page = pageOf(bytes, format);
      if ('error' in page) {
        throw new OdataFetchError(
          `Pagina ${number} van ${format === 'odata' ? 'tabel ' : ''}${name} (${absolute}) is ${page.error}. Er is niets geïmporteerd; de pagina's ervoor staan in ${dir} en de volgende keer wordt vanaf pagina ${number} verder gehaald.`,
        );
      }
      const file = `${prefix}-${String(number).padStart(4, '0')}.json`;
      writeAtomic(path.join(dir, file), bytes);
      manifest.pages.push({ file, url: absolute, next: page.next });
      manifest.complete = page.next === null;
      writeAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
      pages.push({ bytes, fileName: file });
      this.fetched++;
      options.onPage?.(number, true);
      next = page.next;
    }
    if (!manifest.complete) {
      manifest.complete = true;
      writeAtomic(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
    }
    return pages;
  }

  /** One document: replayed when stored (not with fresh), else fetched, checked, then stored. */
  document(
    file: string,
    url: string,
    how: DocumentCheck & { allowMissing?: false },
  ): Promise<KeptDocument>;
  document(file: string, url: string, how: DocumentCheck): Promise<KeptDocument | null>;
  async document(file: string, url: string, how: DocumentCheck): Promise<KeptDocument | null> {
    const options = this.#options;
    const stored = path.join(this.dir, file);
    const missing = `${stored}.ontbreekt`;
    if (!options.fresh && fs.existsSync(stored)) {
      return { bytes: fs.readFileSync(stored), fetched: false };
    }
    if (!options.fresh && how.allowMissing && fs.existsSync(missing)) return null;
    const server = how.server ?? 'CBS open data';
    const bytes = how.allowMissing
      ? await getWithRetries(url, options, this.dir, server, true)
      : await getWithRetries(url, options, this.dir, server);
    if (bytes === null) {
      writeAtomic(missing, url);
      return null;
    }
    how.check(bytes);
    writeAtomic(stored, bytes);
    this.fetched++;
    return { bytes, fetched: true };
  }
}

/**
 * One description file of a CBS table (v3 `DataProperties`; v4 `Dimensions`, `MeasureCodes`,
 * `<dimension>Codes`): one OData response, kept as `<name>.json` beside the pages and given to
 * the importer as `<table>_<name>.json`. A v4 description must be a single page and its errors
 * name its address; the v3 one is checked as before, without either.
 */
async function tableDescription(
  harvest: HarvestFolder,
  d: { tableId: string; name: string; url: string; version: 3 | 4 },
): Promise<ImportInput> {
  const what = d.version === 4 ? `${d.name}, ${d.url}` : d.name;
  const { bytes } = await harvest.document(`${d.name}.json`, d.url, {
    check: (fetched) => {
      const page = pageOf(fetched);
      if ('error' in page) {
        throw new OdataFetchError(
          `De beschrijving van tabel ${d.tableId} (${what}) is ${page.error}. Er is niets geïmporteerd.`,
        );
      }
      // A description is one short list; a second page would be read as if it were complete.
      if (d.version === 4 && page.next !== null) {
        throw new OdataFetchError(
          `De beschrijving van tabel ${d.tableId} (${what}) heeft meer dan één pagina; Wijkkompas leest alleen beschrijvingen van één pagina. Er is niets geïmporteerd.`,
        );
      }
    },
  });
  return { bytes, fileName: `${d.tableId}_${d.name}.json` };
}

/** Fetches (or replays, or resumes) one table; see the module comment. */
export async function harvestOdataTable(options: HarvestOptions): Promise<HarvestResult> {
  const { tableId } = options;
  if (!/^[0-9A-Za-z]{5,12}$/.test(tableId)) {
    throw new BadRequestError(`"${tableId}" is geen CBS-tabelnummer (bijvoorbeeld 85984NED)`);
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const harvest = new HarvestFolder(options, folderName(tableId, options.filter));

  // CBS's examples write `$format` and `$filter` as they are; only the filter's value is encoded.
  const filter = options.filter ? `&$filter=${encodeURIComponent(options.filter)}` : '';
  const firstUrl = `${base}/${tableId}/TypedDataSet?$format=json${filter}`;
  const rows = harvest.resume({ url: firstUrl, name: tableId, base, format: 'odata' });
  const dataProperties = await tableDescription(harvest, {
    tableId,
    name: 'DataProperties',
    url: `${base}/${tableId}/DataProperties?$format=json`,
    version: 3,
  });
  const typedDataSet = await rows();
  return {
    input: { typedDataSet, dataProperties },
    dir: harvest.dir,
    url: firstUrl,
    fetchedPages: harvest.fetched,
    reusedPages: harvest.reused,
  };
}

export interface CodeListHarvestOptions extends PageOptions {
  tableId: string;
  baseUrl: string;
  /** The dimension whose code list is fetched, e.g. `WijkenEnBuurten` (Key, Title, …). */
  dimension: string;
  /** OData $filter on the code list, e.g. the codes of one municipality (`Key`). */
  filter?: string;
}

/**
 * Fetches (or replays, or resumes) the code list of one dimension of a CBS OData v3 table
 * (`<base>/<table>/<dimension>?$format=json&$filter=…`, entries with `Key` and `Title`), through
 * the same page loop, folder, manifest, retries and resume as the table's rows. Kept in a folder
 * of its own (`<table>-<dimension>-…`). Nothing is imported here.
 */
export async function harvestOdataCodeList(
  options: CodeListHarvestOptions,
): Promise<{ pages: ImportInput[]; url: string; dir: string }> {
  const { tableId, dimension } = options;
  if (!/^[0-9A-Za-z]{5,12}$/.test(tableId) || !/^[A-Za-z][A-Za-z0-9]*$/.test(dimension)) {
    throw new BadRequestError(`"${tableId}/${dimension}" is geen codelijst van een CBS-tabel`);
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const name = `${tableId}-${dimension}`;
  const harvest = new HarvestFolder(options, folderName(name, options.filter));
  const filter = options.filter ? `&$filter=${encodeURIComponent(options.filter)}` : '';
  const url = `${base}/${tableId}/${dimension}?$format=json${filter}`;
  const pages = await harvest.pages({ url, name, base, format: 'odata', prefix: dimension });
  return { pages, url, dir: harvest.dir };
}

/** The files of one CBS OData v4 table, as the v4 importer reads them. */
export type { OdataV4Input } from './import.types.ts';

export interface V4HarvestOptions extends PageOptions {
  tableId: string;
  /** The catalogue's root, e.g. https://datasets.cbs.nl/odata/v1/CBS (or a replay server). */
  baseUrl: string;
  /**
   * OData v4 $filter on the observations, e.g. the rows of one municipality. A function gets the
   * table's region dimension, read from its `Dimensions` (ADR 0044: KWB 2013 may call it
   * `RegioS`); the folder is then named after the filter with a placeholder for it.
   */
  filter?: string | ((regionDimension: string) => string);
  /** Dimensions whose code lists are kept (to check a fixed code exists), e.g. `Leeftijd`. */
  codeLists?: readonly string[];
}

export interface V4HarvestResult {
  input: OdataV4Input;
  dir: string;
  /** The first address asked for observations, for the dataset's provenance. */
  url: string;
  /** The region dimension the filter was built for (a function filter), else null. */
  regionDimension: string | null;
  fetchedPages: number;
  reusedPages: number;
}

/**
 * Fetches (or replays, or resumes) one table of CBS's OData v4 service (`datasets.cbs.nl/odata/v1`,
 * ADR 0042): first its description (`Dimensions`, `MeasureCodes`, the code lists asked for),
 * each stored once, then the `Observations` pages through the same page loop, folder,
 * manifest, retries and resume as the v3 tables. Kept apart from the v3 copy of a table with
 * the same number (folder `<table>-v4-…`). Nothing is imported here.
 */
export async function harvestOdataV4Table(options: V4HarvestOptions): Promise<V4HarvestResult> {
  const { tableId } = options;
  if (!/^[0-9A-Za-z]{5,12}$/.test(tableId)) {
    throw new BadRequestError(`"${tableId}" is geen CBS-tabelnummer (bijvoorbeeld 50150NED)`);
  }
  const codeLists = options.codeLists ?? [];
  for (const dimension of codeLists) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(dimension)) {
      throw new BadRequestError(`"${dimension}" is geen dimensie van een CBS-tabel`);
    }
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const filterOf = options.filter;
  const folderFilter = typeof filterOf === 'function' ? filterOf('{regio}') : filterOf;
  const harvest = new HarvestFolder(options, folderName(`${tableId}-v4`, folderFilter));

  // The description: small lists, one response each, kept beside the pages.
  const meta = (name: string): Promise<ImportInput> =>
    tableDescription(harvest, { tableId, name, url: `${base}/${tableId}/${name}`, version: 4 });
  const dimensions = await meta('Dimensions');
  let regionDimension: string | null = null;
  let filterText = filterOf as string | undefined;
  if (typeof filterOf === 'function') {
    const shape = tableShape(dimensions);
    if (Array.isArray(shape)) {
      throw new OdataFetchError(
        `Tabel ${tableId} (${base}/${tableId}/Dimensions): ${shape.map((p) => p.message).join('; ')}. Er is niets geïmporteerd.`,
      );
    }
    regionDimension = shape.region;
    filterText = filterOf(shape.region);
  }
  const filter = filterText ? `?$filter=${encodeURIComponent(filterText)}` : '';
  const firstUrl = `${base}/${tableId}/Observations${filter}`;
  const rows = harvest.resume({
    url: firstUrl,
    name: tableId,
    base,
    format: 'odata',
    prefix: 'Observations',
  });

  const measureCodes = await meta('MeasureCodes');
  const lists: Record<string, ImportInput> = {};
  for (const dimension of codeLists) lists[dimension] = await meta(`${dimension}Codes`);

  const observations = await rows();
  return {
    input: { observations, dimensions, measureCodes, codeLists: lists },
    dir: harvest.dir,
    url: firstUrl,
    regionDimension,
    fetchedPages: harvest.fetched,
    reusedPages: harvest.reused,
  };
}

export interface V4CodeListHarvestOptions extends PageOptions {
  tableId: string;
  baseUrl: string;
  /** The dimension whose code list is fetched, e.g. `WijkenEnBuurten` (`…Codes`). */
  dimension: string;
}

/**
 * Fetches (or replays, or resumes) the whole code list of one dimension of a CBS OData v4 table
 * (`<base>/<table>/<dimension>Codes`, entries with `Identifier` and `Title`), through the same
 * page loop, folder, manifest, retries and resume as the observations, following
 * `@odata.nextLink`. Without a filter (ADR 0044): one list per table, kept in a folder of its own
 * (`<table>-v4-<dimension>Codes`) that every municipality of the run replays. Nothing is
 * imported here.
 */
export async function harvestOdataV4CodeList(
  options: V4CodeListHarvestOptions,
): Promise<{ pages: ImportInput[]; url: string; dir: string; fetchedPages: number }> {
  const { tableId, dimension } = options;
  if (!/^[0-9A-Za-z]{5,12}$/.test(tableId) || !/^[A-Za-z][A-Za-z0-9]*$/.test(dimension)) {
    throw new BadRequestError(`"${tableId}/${dimension}Codes" is geen codelijst van een CBS-tabel`);
  }
  const base = options.baseUrl.replace(/\/+$/, '');
  const name = `${tableId}-v4-${dimension}Codes`;
  const harvest = new HarvestFolder(options, name);
  const url = `${base}/${tableId}/${dimension}Codes`;
  const pages = await harvest.pages({
    url,
    name,
    base,
    format: 'odata',
    prefix: `${dimension}Codes`,
  });
  return { pages, url, dir: harvest.dir, fetchedPages: harvest.fetched };
}

/** PDOK's OGC API Features, where CBS's wijk- en buurtkaart of each year is served. */
export const PDOK_API_URL = 'https://api.pdok.nl';

const PDOK_COLLECTIONS = { gemeente: 'gemeenten', wijk: 'wijken', buurt: 'buurten' } as const;

export interface PdokHarvestOptions extends PageOptions {
  /** The year of the wijk- en buurtkaart (its indeling). */
  year: number;
  level: keyof typeof PDOK_COLLECTIONS;
  /** Only the features of this municipality (property filter `gemeentecode`). */
  municipalityCode: string;
  /** https://api.pdok.nl, or a replay server in tests. */
  baseUrl?: string;
  /** The first items address when it is not the per-year API's (PDOK historisch, ADR 0045). */
  itemsUrl?: string;
  /** The folder's name when itemsUrl is given, e.g. `pdok-historisch-<hash>-buurten_2019-2019`. */
  name?: string;
}

/**
 * The documented address form of PDOK's CBS Wijken en Buurten OGC API (one API per year):
 * https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items?f=json&…
 * 1000 features a page; the next page is the link with rel "next".
 */
export function pdokItemsUrl(options: Omit<PdokHarvestOptions, keyof PageOptions>): string {
  const base = (options.baseUrl ?? PDOK_API_URL).replace(/\/+$/, '');
  const collection = PDOK_COLLECTIONS[options.level];
  return `${base}/cbs/wijken-en-buurten-${options.year}/ogc/v1/collections/${collection}/items?f=json&limit=1000&gemeentecode=${encodeURIComponent(options.municipalityCode)}`;
}

/**
 * Fetches (or replays, or resumes) the features of one level, year and municipality from PDOK,
 * kept and retried like the CBS tables, and gives them as one GeoJSON FeatureCollection for the
 * existing PDOK importer. Nothing is imported here.
 */
export async function harvestPdokItems(options: PdokHarvestOptions): Promise<{
  input: ImportInput;
  url: string;
  dir: string;
  fetchedPages: number;
  reusedPages: number;
}> {
  if (!/^GM\d{4}$/.test(options.municipalityCode) || !Number.isInteger(options.year)) {
    throw new BadRequestError(
      `Ongeldige gemeentecode of jaar voor PDOK: ${options.municipalityCode}, ${options.year}`,
    );
  }
  const url = options.itemsUrl ?? pdokItemsUrl(options);
  const name = options.name ?? `pdok-${PDOK_COLLECTIONS[options.level]}-${options.year}`;
  if (!/^[A-Za-z0-9_.-]+$/.test(name)) {
    throw new BadRequestError(`"${name}" is geen bruikbare mapnaam voor PDOK-pagina's`);
  }
  const harvest = new HarvestFolder(options, folderName(name, options.municipalityCode));
  const pages = await harvest.pages({ url, name, base: url, format: 'geojson' });
  const features: unknown[] = [];
  for (const page of pages) {
    const json = JSON.parse(page.bytes.toString('utf8').replace(/^\uFEFF/, '')) as {
      features: unknown[];
    };
    features.push(...json.features);
  }
  const bytes = Buffer.from(JSON.stringify({ type: 'FeatureCollection', features }), 'utf8');
  return {
    input: { bytes, fileName: `${name}-${options.municipalityCode}.geojson` },
    url,
    dir: harvest.dir,
    fetchedPages: harvest.fetched,
    reusedPages: harvest.reused,
  };
}

export interface PdokDocumentOptions extends PageOptions {
  /** The document's address, e.g. `<historisch>/collections?f=json`. */
  url: string;
  /** Its folder below storeDir and its file name there. */
  folder: string;
  file: string;
  /** A 404 is an answer: the server has no such document (kept, so a replay asks nothing). */
  allowMissing?: boolean;
}

/**
 * One JSON document of PDOK's OGC API (the collection list, a collection's queryables), kept in
 * the folder like the pages: replayed from disk, fetched with the same retries, refused with its
 * address when it is no JSON object. Null: the server answered 404 and allowMissing was set.
 */
export async function fetchPdokDocument(
  options: PdokDocumentOptions,
): Promise<{ json: Record<string, unknown>; fetched: boolean } | null> {
  if (!/^[A-Za-z0-9_.-]+$/.test(options.folder) || !/^[A-Za-z0-9_.-]+$/.test(options.file)) {
    throw new BadRequestError(`"${options.folder}/${options.file}" is geen bruikbare bestandsnaam`);
  }
  const object = (bytes: Buffer): Record<string, unknown> => {
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new OdataFetchError(
        `Het antwoord van PDOK op ${options.url} is geen geldige JSON (${(error as Error).message}). Er is niets geïmporteerd.`,
      );
    }
    if (!json || typeof json !== 'object' || Array.isArray(json)) {
      throw new OdataFetchError(
        `Het antwoord van PDOK op ${options.url} is geen JSON-object. Er is niets geïmporteerd.`,
      );
    }
    return json as Record<string, unknown>;
  };
  const kept = await new HarvestFolder(options, options.folder).document(
    options.file,
    options.url,
    {
      check: object,
      server: 'PDOK',
      allowMissing: options.allowMissing === true,
    },
  );
  // A stored copy is checked as it is read; a fetched one was checked before it was stored.
  return kept && { json: object(kept.bytes), fetched: kept.fetched };
}
