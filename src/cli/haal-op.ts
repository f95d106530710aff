/**
 * `wijkkompas haal-op`: fetches the wijk- en buurtkaart from PDOK and CBS tables for the
 * municipalities of the NPLV focus areas and imports each (level or table, municipality, year) as
 * one dataset, in one transaction, idempotently (ADR 0029, ADR 0043). Outlines come first, so a
 * fresh database gets its areas and then their figures in one run.
 * The raw responses are kept in a folder, so a second run replays them and an interrupted run
 * continues where it stopped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  CBS_ODATA_V4_URL,
  CBS_OPEN_DATA_URL,
  HEALTH_FIXED_DIMENSIONS,
  HEALTH_TABLES,
  KWB_TABLES,
  municipalityFilter,
  nplvMunicipalities,
  PDOK_OGC_YEARS,
} from '../features/imports/cbs-sources.ts';
import { commitImport, loadAreaLookup } from '../features/imports/import.service.ts';
import {
  harvestOdataCodeList,
  harvestOdataTable,
  harvestOdataV4CodeList,
  harvestOdataV4Table,
  type PageOptions,
  type V4HarvestResult,
  harvestPdokItems,
  PDOK_API_URL,
} from '../features/imports/odata-harvest.ts';
import { deriveKwbAreas, deriveKwbAreasV4 } from '../features/imports/kwb-areas.importer.ts';
import { parsePdokGeojson, type PdokLevel } from '../features/imports/pdok-geojson.importer.ts';
import { pdokHistorischBase, planHistorischItems } from '../features/imports/pdok-historisch.ts';
import { parseOdataV4 } from '../features/imports/odata-v4.importer.ts';
import { parseOdataJson } from '../features/imports/odata.importer.ts';
import { OdataFetchError } from '../features/imports/odata.fetch.ts';
import { activeCatalogue } from '../features/indicators/catalogue.store.ts';
import {
  parsePolitie47018Csv,
  POLITIE_TABLE_ID,
} from '../features/imports/politie-47018.importer.ts';
import {
  CBS_THIRD_PARTY_URL,
  politieOdataToCsv,
  politieOdataV4ToCsv,
} from '../features/imports/politie-odata.ts';
import type { ImportInput, ParsedImport } from '../features/imports/import.types.ts';
import { shippedPlausibility } from '../features/imports/plausibility.ts';
import { BadRequestError } from '../shared/errors.ts';

export const HAAL_OP_HELP = `  haal-op [--wat geometrie,kwb,misdrijven,gezondheid] [--indeling JAAR …] [--tabel ID] [--gemeente GM0505 …]
          [--map MAP] [--bron URL] [--bron-politie URL] [--bron-pdok URL] [--bron-pdok-historisch URL]
          [--bron-v4 URL] [--bron-derden URL] [--opnieuw] [--kwb-via v4|v3] [--misdrijven-via v4|v3]
                                  haalt voor de gemeenten van de 20 focusgebieden eerst bij PDOK de gemeente, wijken en
                                  buurten met hun grenzen op (wijk- en buurtkaart van dat jaar: vanaf 2023 uit de API van
                                  dat jaar, daarvoor uit de historische API, waarvan de collecties en filters uit de API
                                  zelf worden gelezen; past er geen, dan slaat het dat jaar over en noemt wat het vond),
                                  dan bij CBS open data de Kerncijfers wijken en buurten (per jaar de tabel van dat jaar,
                                  vanaf 2013; een jaar voor 2023 zonder gebieden krijgt die uit de KWB-tabel, zonder
                                  grenzen), de geregistreerde misdrijven per buurt (CBS/Politie 47018NED, alle jaren vanaf
                                  2012, in het nieuwste indelingsjaar, via OData v4; kent OData v4 die tabel niet (404),
                                  dan via OData v3 bij dataderden.cbs.nl, --bron-politie) en de gezondheidsschattingen per
                                  wijk en buurt (Gezondheidsmonitor, RIVM/GGD'en/CBS 50150NED, via OData v4, indeling 2024;
                                  kent OData v4 die tabel niet (404), dan via OData v3 bij dataderden.cbs.nl,
                                  --bron-derden), en laadt die per gemeente; zonder --indeling voor elk geladen
                                  indelingsjaar en, met geometrie of KWB, elk jaar vanaf 2013; zonder --wat alles. De
                                  antwoorden blijven in MAP (standaard ./data/opgehaald): een afgebroken run gaat daar
                                  verder, een tweede run gebruikt ze opnieuw (--opnieuw haalt alles opnieuw op). De KWB en
                                  de misdrijven komen via OData v4 (--bron-v4); met --kwb-via v3 of --misdrijven-via v3 via
                                  de oude OData v3 (--bron, --bron-politie), als CBS een tabel via v4 weigert`;

export interface HaalOpIo {
  datasetsDir: string;
  /** Injected in tests (a local replay server needs no change here; a fake fetch could). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  backoffMs?: number;
  /** Result lines (standard output). */
  log(line: string): void;
  /** Progress lines (standard error). */
  progress(line: string): void;
  importedBy?: string;
}

export interface HaalOpSummary {
  imported: number;
  unchanged: number;
  /**
   * Jobs not fetched: the municipality has no areas in that indeling year, or PDOK's historisch
   * API has no single collection for that year and level (ADR 0045).
   */
  skipped: number;
  observations: number;
}

/** What haal-op can fetch; `--wat` chooses, all by default. */
export const HAAL_OP_SOURCES = ['geometrie', 'kwb', 'misdrijven', 'gezondheid'] as const;
type Source = (typeof HAAL_OP_SOURCES)[number];

interface Job {
  source: Source;
  year: number;
  tableId: string;
  municipality: string;
  /** Geometry only: the level of the wijk- en buurtkaart (gemeente before wijk before buurt). */
  level?: PdokLevel;
}

/** PDOK's collection of each level, for messages and titles. */
const PDOK_LEVELS: readonly { level: PdokLevel; collection: string }[] = [
  { level: 'gemeente', collection: 'gemeenten' },
  { level: 'wijk', collection: 'wijken' },
  { level: 'buurt', collection: 'buurten' },
];

/** Plans the jobs from the arguments, then fetches and imports them one by one. */
export async function runHaalOp(
  db: Kysely<Database>,
  args: string[],
  io: HaalOpIo,
): Promise<HaalOpSummary> {
  const { values } = parseArgs({
    args,
    options: {
      wat: { type: 'string', multiple: true },
      'bron-politie': { type: 'string' },
      'bron-pdok': { type: 'string' },
      'bron-pdok-historisch': { type: 'string' },
      'bron-v4': { type: 'string' },
      'bron-derden': { type: 'string' },
      indeling: { type: 'string', multiple: true },
      tabel: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      map: { type: 'string' },
      bron: { type: 'string' },
      opnieuw: { type: 'boolean' },
      'kwb-via': { type: 'string' },
      'misdrijven-via': { type: 'string' },
    },
  });
  // KWB over OData v4 by default (ADR 0044); v3 stays as the fallback if v4 refuses a table.
  const kwbVia = values['kwb-via'] ?? 'v4';
  if (kwbVia !== 'v3' && kwbVia !== 'v4') {
    throw new BadRequestError(`--kwb-via moet v4 of v3 zijn, niet "${kwbVia}".`);
  }
  // Crime over OData v4 first, v3 on the police's server when v4 lacks the table (ADR 0047).
  const crimeVia = values['misdrijven-via'] ?? 'v4';
  if (crimeVia !== 'v3' && crimeVia !== 'v4') {
    throw new BadRequestError(`--misdrijven-via moet v4 of v3 zijn, niet "${crimeVia}".`);
  }
  // `--wat geometrie,kwb` and `--wat geometrie --wat kwb` mean the same.
  const sources = (values.wat ?? [...HAAL_OP_SOURCES])
    .flatMap((raw) => raw.split(','))
    .map((raw) => {
      const source = HAAL_OP_SOURCES.find((s) => s === raw.trim());
      if (!source)
        throw new BadRequestError(
          `--wat moet ${HAAL_OP_SOURCES.slice(0, -1).join(', ')} of ${HAAL_OP_SOURCES.at(-1)} zijn (of meer, met komma's), niet "${raw}".`,
        );
      return source;
    });
  const lookup0 = await loadAreaLookup(db);
  const years = (values.indeling ?? []).map((raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1990 || n > 2100)
      throw new BadRequestError(`--indeling moet een jaartal zijn, niet "${raw}".`);
    return n;
  });
  // Without --indeling: the loaded years with a KWB table; when outlines or KWB are fetched,
  // every year CBS has a KWB table for (2013 on). Outlines come from PDOK's API of that year
  // (2023 on) or its "historisch" API (ADR 0045); a year without areas that gets none there gets
  // them from the KWB table itself, without outlines.
  const geometryYears = sources.includes('geometrie') ? Object.keys(KWB_TABLES).map(Number) : [];
  const kwbYears = sources.includes('kwb') ? Object.keys(KWB_TABLES).map(Number) : [];
  const plannedYears =
    years.length > 0
      ? years
      : [
          ...new Set([
            ...lookup0.years().filter((y) => KWB_TABLES[y] !== undefined),
            ...geometryYears,
            ...kwbYears,
          ]),
        ].sort((a, b) => a - b);
  const outlineYears = plannedYears;
  if (plannedYears.length === 0) {
    throw new BadRequestError(
      'Er is geen gebiedsindeling geladen waarvoor CBS een KWB-tabel heeft: laad eerst de gebieden (wijkkompas haal-op --wat geometrie, laad-standaard of import pdok).',
    );
  }
  if (values.tabel !== undefined && plannedYears.length !== 1) {
    throw new BadRequestError('Geef bij --tabel precies één --indeling op.');
  }
  const municipalities = values.gemeente ?? nplvMunicipalities(io.datasetsDir);
  for (const gm of municipalities) {
    if (!/^GM\d{4}$/.test(gm))
      throw new BadRequestError(`--gemeente moet een gemeentecode zijn (GM0505), niet "${gm}".`);
  }
  const jobs: Job[] = [];
  // Outlines first: the figures below skip rows of areas that are not loaded.
  for (const year of sources.includes('geometrie') ? outlineYears : []) {
    for (const municipality of municipalities) {
      for (const { level } of PDOK_LEVELS)
        jobs.push({
          source: 'geometrie',
          year,
          tableId: `wijkenbuurten-${year}`,
          municipality,
          level,
        });
    }
  }
  for (const year of sources.includes('kwb') ? plannedYears : []) {
    const tableId = values.tabel ?? KWB_TABLES[year];
    if (!tableId) {
      throw new BadRequestError(
        `Voor indeling ${year} kent Wijkkompas geen KWB-tabel; geef die op met --tabel.`,
      );
    }
    for (const municipality of municipalities)
      jobs.push({ source: 'kwb', year, tableId, municipality });
  }
  if (sources.includes('misdrijven')) {
    // 47018NED holds every year in one table; its rows are loaded in the newest indeling asked.
    const year = Math.max(...plannedYears);
    for (const municipality of municipalities)
      jobs.push({ source: 'misdrijven', year, tableId: POLITIE_TABLE_ID, municipality });
  }
  if (sources.includes('gezondheid')) {
    // One table per indeling holds every edition of the estimates; only known tables are fetched.
    const healthYears = plannedYears.filter((y) => HEALTH_TABLES[y] !== undefined);
    if (healthYears.length === 0 && values.wat !== undefined) {
      throw new BadRequestError(
        `Voor indeling ${plannedYears.join(', ')} kent Wijkkompas geen tabel met gezondheidsschattingen (wel voor indeling ${Object.keys(HEALTH_TABLES).join(', ')}).`,
      );
    }
    for (const year of healthYears)
      for (const municipality of municipalities)
        jobs.push({ source: 'gezondheid', year, tableId: HEALTH_TABLES[year]!, municipality });
  }
  const historischUrl =
    values['bron-pdok-historisch'] ?? pdokHistorischBase(values['bron-pdok'] ?? PDOK_API_URL);
  const historischAsked = new Set<string>();
  // CBS's OData v4 catalogue: KWB (unless --kwb-via v3), crime and health ask it first.
  const v4Url = values['bron-v4'] ?? CBS_ODATA_V4_URL;
  const baseUrls: Record<Source, string> = {
    geometrie: values['bron-pdok'] ?? PDOK_API_URL,
    kwb: kwbVia === 'v4' ? v4Url : (values.bron ?? CBS_OPEN_DATA_URL),
    // Crime over v3 (the fallback, or --misdrijven-via v3): the police's server.
    misdrijven: values['bron-politie'] ?? CBS_THIRD_PARTY_URL,
    gezondheid: v4Url,
  };
  const derdenUrl = values['bron-derden'] ?? CBS_THIRD_PARTY_URL;
  const catalogue = sources.includes('gezondheid') ? await activeCatalogue(db) : null;
  const storeDir = path.resolve(values.map ?? path.join('data', 'opgehaald'));
  const plausibility = shippedPlausibility();
  const summary: HaalOpSummary = { imported: 0, unchanged: 0, skipped: 0, observations: 0 };
  // v4 region code lists fetched in this run: one per table, even with --opnieuw (ADR 0044).
  const codeListsFetched = new Set<string>();

  for (const [index, job] of jobs.entries()) {
    if (job.source === 'geometrie') {
      await runGeometryJob(db, job, `[${index + 1}/${jobs.length}]`, {
        baseUrl: baseUrls.geometrie,
        historischUrl,
        historischAsked,
        storeDir,
        fresh: values.opnieuw === true,
        io,
        summary,
      });
      continue;
    }
    const label = `[${index + 1}/${jobs.length}] ${job.tableId} (indeling ${job.year}) ${job.municipality}`;
    const pageOptions = {
      storeDir,
      fresh: values.opnieuw === true,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
      ...(io.backoffMs !== undefined ? { backoffMs: io.backoffMs } : {}),
      onPage: (page: number, fetched: boolean) =>
        io.progress(`${label}: pagina ${page} ${fetched ? 'opgehaald' : 'uit de map'}`),
    };
    if (!(await loadAreaLookup(db)).has(job.year, job.municipality)) {
      if (job.source === 'kwb' && !PDOK_OGC_YEARS.includes(job.year)) {
        // No outlines to fetch for this year: the KWB table itself names the areas (ADR 0043).
        await deriveAreasFromKwb(db, job, label, {
          baseUrl: baseUrls.kwb,
          via: kwbVia,
          codeListsFetched,
          pageOptions,
          io,
          summary,
        });
      } else {
        summary.skipped++;
        io.log(
          `${label}: overgeslagen, deze gemeente heeft nog geen gebieden in indeling ${job.year} (laad eerst de gebiedsindeling).`,
        );
        continue;
      }
    }
    let parsed: ParsedImport;
    let skipped: number;
    let url: string;
    let missing = '';
    let viaV3: string | null = null;
    if (job.source === 'kwb' && kwbVia === 'v4') {
      // OData v4 (ADR 0044): long observations of the municipality's areas; the region
      // dimension is read from the table's Dimensions, the period is the table's edition.
      const harvest = await withV3Hint(
        harvestOdataV4Table({
          tableId: job.tableId,
          baseUrl: baseUrls.kwb,
          filter: (region) => municipalityFilter(region, job.municipality),
          ...pageOptions,
        }),
      );
      parsed = parseOdataV4(harvest.input, await loadAreaLookup(db), {
        tableId: job.tableId,
        indelingYear: job.year,
        period: String(job.year),
        municipalityCode: job.municipality,
        skipUnknownAreas: true,
        plausibility,
      });
      skipped = Number(parsed.options.overgeslagen ?? 0);
      url = harvest.url;
    } else if (job.source === 'gezondheid') {
      // OData v4 (ADR 0042): long observations of adults' estimates, the municipality's areas.
      // When the v4 catalogue does not serve the table (404 on its first request), the same
      // table is read over OData v3 where RIVM publishes it, on dataderden.cbs.nl (ADR 0046).
      const fixed = Object.entries(HEALTH_FIXED_DIMENSIONS)
        .map(([dimension, code]) => `${dimension} eq '${code}'`)
        .join(' and ');
      const harvest = await harvestV4UnlessNotFound(
        {
          tableId: job.tableId,
          baseUrl: v4Url,
          filter: `(${municipalityFilter('WijkenEnBuurten', job.municipality)}) and ${fixed}`,
          codeLists: Object.keys(HEALTH_FIXED_DIMENSIONS),
          ...pageOptions,
        },
        storeDir,
      );
      const attribution = `Bron: RIVM, GGD'en en CBS (Gezondheidsmonitor Volwassenen en Ouderen, kleine-gebiedsschattingen), tabel ${job.tableId}. Licentie CC BY 4.0.`;
      if (harvest !== null) {
        parsed = parseOdataV4(harvest.input, await loadAreaLookup(db), {
          tableId: job.tableId,
          indelingYear: job.year,
          fixed: HEALTH_FIXED_DIMENSIONS,
          municipalityCode: job.municipality,
          skipUnknownAreas: true,
          plausibility,
          source: 'CBS open data (OData v4), RIVM/GGD/CBS Gezondheidsmonitor',
          attribution,
        });
        url = harvest.url;
      } else {
        const host = new URL(derdenUrl).host;
        // v3 pads keys in some tables: `startswith`, as for the region codes; the reader then
        // compares the trimmed codes and leaves out every other category.
        const fixedV3 = Object.entries(HEALTH_FIXED_DIMENSIONS)
          .map(([dimension, code]) => `startswith(${dimension},'${code}')`)
          .join(' and ');
        const v3 = await harvestOdataTable({
          tableId: job.tableId,
          baseUrl: derdenUrl,
          filter: `(${municipalityFilter('WijkenEnBuurten', job.municipality)}) and ${fixedV3}`,
          ...pageOptions,
        });
        io.log(
          `${label}: CBS open data v4 kent tabel ${job.tableId} niet (404); opgehaald via OData v3 bij ${host}.`,
        );
        const read = parseOdataJson(v3.input, await loadAreaLookup(db), {
          tableId: job.tableId,
          indelingYear: job.year,
          fixed: HEALTH_FIXED_DIMENSIONS,
          municipalityCode: job.municipality,
          skipUnknownAreas: true,
          plausibility,
        });
        parsed = {
          ...read,
          source: `CBS open data (OData v3, ${host}), RIVM/GGD/CBS Gezondheidsmonitor`,
          attribution,
          options: { ...read.options, api: 'odata-v3', v4: `404 bij ${v4Url}` },
        };
        url = v3.url;
        viaV3 = host;
      }
      skipped = Number(parsed.options.overgeslagen ?? 0);
      // Catalogue variables of this table that the table did not bring stay "nog niet geladen".
      const brought = new Set(parsed.variables.map((v) => v.stem));
      const wanted = (catalogue?.indicators ?? [])
        .filter((i) => i.source.tableId === job.tableId)
        .flatMap((i) => i.source.variables)
        .filter((v, i, all) => all.indexOf(v) === i);
      const absent = wanted.filter((v) => !brought.has(v));
      if (absent.length > 0)
        missing = `; ${absent.length} van de ${wanted.length} cijfers uit de catalogus staan niet in de tabel`;
    } else if (job.source === 'misdrijven') {
      // OData v4 first (ADR 0047), as KWB and health; when the v4 catalogue answers 404 for the
      // table itself, or with --misdrijven-via v3, over OData v3 from the police's server as
      // before. Either way the rows become the same police CSV and go through its importer.
      const v4 =
        crimeVia === 'v4'
          ? await withV3Hint(
              harvestV4UnlessNotFound(
                {
                  tableId: job.tableId,
                  baseUrl: v4Url,
                  filter: (region) => municipalityFilter(region, job.municipality),
                  ...pageOptions,
                },
                storeDir,
              ),
              'Haal de misdrijven dan via de oude OData v3 op: --misdrijven-via v3.',
            )
          : null;
      const v3 =
        v4 === null
          ? await harvestOdataTable({
              tableId: job.tableId,
              baseUrl: baseUrls.misdrijven,
              filter: municipalityFilter('WijkenEnBuurten', job.municipality),
              ...pageOptions,
            })
          : null;
      const lookup = await loadAreaLookup(db);
      const keep = (code: string) => lookup.has(job.year, code);
      const api: Record<string, string> = { api: v4 ? 'odata-v4' : 'odata-v3' };
      if (v3 !== null) {
        viaV3 = new URL(baseUrls.misdrijven).host;
        if (crimeVia === 'v4') {
          io.log(
            `${label}: CBS open data v4 kent tabel ${job.tableId} niet (404); opgehaald via OData v3 bij ${viaV3}.`,
          );
          api.v4 = `404 bij ${v4Url}`;
        }
      }
      const csv = v4
        ? politieOdataV4ToCsv(v4.input, keep, `${job.tableId}-v4-${job.municipality}.csv`)
        : politieOdataToCsv(
            v3!.input.typedDataSet as ImportInput[],
            keep,
            `${job.tableId}-${job.municipality}.csv`,
          );
      url = v4 ? v4.url : v3!.url;
      parsed = parsePolitie47018Csv(csv.input, lookup, {
        indelingYear: job.year,
        scope: job.municipality,
        plausibility,
      });
      skipped = csv.skipped;
      if (skipped > 0) parsed.options.overgeslagen = String(skipped);
      parsed.options = { ...parsed.options, ...api };
    } else {
      const harvest = await harvestOdataTable({
        tableId: job.tableId,
        baseUrl: baseUrls.kwb,
        filter: municipalityFilter('WijkenEnBuurten', job.municipality),
        ...pageOptions,
      });
      url = harvest.url;
      parsed = parseOdataJson(harvest.input, await loadAreaLookup(db), {
        tableId: job.tableId,
        indelingYear: job.year,
        period: String(job.year),
        municipalityCode: job.municipality,
        skipUnknownAreas: true,
        plausibility,
      });
      skipped = Number(parsed.options.overgeslagen ?? 0);
    }
    // Provenance: where the figures came from; the page hashes already make the file's hash.
    const titles: Record<Exclude<Source, 'geometrie'>, string> = {
      kwb: `CBS-tabel ${job.tableId}, opgehaald bij CBS open data${kwbVia === 'v4' ? ' v4' : ''} (${job.municipality})`,
      misdrijven: viaV3
        ? `Geregistreerde misdrijven (CBS/Politie ${job.tableId}), opgehaald bij CBS open data via OData v3 bij ${viaV3} (${job.municipality})`
        : `Geregistreerde misdrijven (CBS/Politie ${job.tableId}), opgehaald bij CBS open data v4 (${job.municipality})`,
      gezondheid: viaV3
        ? `Gezondheid per wijk en buurt (RIVM/GGD'en/CBS ${job.tableId}), opgehaald via OData v3 bij ${viaV3} (${job.municipality})`
        : `Gezondheid per wijk en buurt (RIVM/GGD'en/CBS ${job.tableId}), opgehaald bij CBS open data v4 (${job.municipality})`,
    };
    const withSource = {
      ...parsed,
      title: titles[job.source],
      options: { ...parsed.options, bron: url },
    };
    const outcome = await commitImport(db, withSource, {
      importedBy: io.importedBy ?? 'cli',
      municipalityCode: job.municipality,
    });
    // v4 rows are single figures (long format), v3 rows whole areas.
    const unit = job.source === 'kwb' && kwbVia === 'v4' ? 'cijfers' : 'rijen';
    const note =
      (skipped ? `; ${skipped} ${unit} van gebieden die nog niet geladen zijn overgeslagen` : '') +
      missing;
    report(outcome, label, note, io, summary);
  }
  io.log(
    `Klaar: ${summary.imported} tabellen geïmporteerd (${summary.observations} waarden), ${summary.unchanged} al aanwezig, ${summary.skipped} overgeslagen. Ruwe antwoorden: ${storeDir}`,
  );
  return summary;
}

/**
 * A table over OData v4, or `null` when the v4 catalogue answers 404 for the table itself: the
 * first request of a table (`<root>/<table>/Dimensions`); the caller then reads it over v3
 * (health, ADR 0046; crime, ADR 0047). Any other refusal or failure stops the run as before.
 * The 404 is kept in the folder (`<table>-v4-404.json`, with the address asked), so a second run
 * replays the v3 copy without asking v4 again; `--opnieuw` asks again.
 */
async function harvestV4UnlessNotFound(
  options: Parameters<typeof harvestOdataV4Table>[0],
  storeDir: string,
): Promise<V4HarvestResult | null> {
  const first = `${options.baseUrl.replace(/\/+$/, '')}/${options.tableId}/Dimensions`;
  const marker = path.join(storeDir, `${options.tableId}-v4-404.json`);
  if (!options.fresh && fs.existsSync(marker)) {
    const stored = JSON.parse(fs.readFileSync(marker, 'utf8')) as { url?: unknown };
    if (stored.url === first) return null;
  }
  const inner = options.fetch ?? fetch;
  let notFound = false;
  const probe: typeof fetch = async (input, init) => {
    const response = await inner(input, init);
    if (response.status === 404 && String(input) === first) notFound = true;
    return response;
  };
  try {
    const harvest = await harvestOdataV4Table({ ...options, fetch: probe });
    // Served now (after --opnieuw): an old 404 no longer sends later runs to v3.
    fs.rmSync(marker, { force: true });
    return harvest;
  } catch (error) {
    if (!notFound || !(error instanceof OdataFetchError)) throw error;
    fs.mkdirSync(storeDir, { recursive: true });
    fs.writeFileSync(
      marker,
      JSON.stringify({ url: first, status: 404, at: new Date().toISOString() }, null, 1),
    );
    return null;
  }
}

function report(
  outcome: Awaited<ReturnType<typeof commitImport>>,
  label: string,
  note: string,
  io: HaalOpIo,
  summary: HaalOpSummary,
): void {
  if (outcome.status === 'geimporteerd') {
    summary.imported++;
    summary.observations += outcome.observations;
    io.log(
      `${label}: geïmporteerd, ${outcome.rows} rijen, ${outcome.observations} waarden (dataset ${outcome.datasetId})${note}.`,
    );
  } else {
    summary.unchanged++;
    io.log(`${label}: al geïmporteerd (${outcome.importedAt}); niets veranderd${note}.`);
  }
}

/**
 * One level of the wijk- en buurtkaart of one year and municipality from PDOK's OGC API Features,
 * through the PDOK importer and commitImport: one dataset, one transaction, idempotent (the
 * collected pages give the same bytes on a replay). Years before 2023 live in PDOK's "historisch"
 * API, whose collection and filters are read from the API itself (ADR 0045); a year and level for
 * which its answers give no single collection and filter are skipped, said so.
 */
async function runGeometryJob(
  db: Kysely<Database>,
  job: Job,
  counter: string,
  context: {
    baseUrl: string;
    /** PDOK's historisch API (years before 2023). */
    historischUrl: string;
    /** Its list and queryables asked in this run (asked once per run, also with --opnieuw). */
    historischAsked: Set<string>;
    storeDir: string;
    fresh: boolean;
    io: HaalOpIo;
    summary: HaalOpSummary;
  },
): Promise<void> {
  const { io, summary } = context;
  const level = job.level ?? 'gemeente';
  const collection = PDOK_LEVELS.find((l) => l.level === level)?.collection ?? level;
  const ownApi = PDOK_OGC_YEARS.includes(job.year);
  const label = `${counter} PDOK${ownApi ? '' : ' historisch'} ${collection} ${job.year} ${job.municipality}`;
  const pageOptions = {
    storeDir: context.storeDir,
    fresh: context.fresh,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    ...(io.backoffMs !== undefined ? { backoffMs: io.backoffMs } : {}),
  };
  // Before 2023: the historisch API says which collection and filters (ADR 0045), or why none.
  const plan = ownApi
    ? null
    : await planHistorischItems({
        ...pageOptions,
        baseUrl: context.historischUrl,
        asked: context.historischAsked,
        year: job.year,
        level,
        municipalityCode: job.municipality,
      });
  if (plan && 'skip' in plan) {
    summary.skipped++;
    io.log(
      `${label}: overgeslagen, PDOK historisch geeft geen ${collection} van ${job.year}: ${plan.skip}.`,
    );
    return;
  }
  const harvest = await harvestPdokItems({
    year: job.year,
    level,
    municipalityCode: job.municipality,
    baseUrl: context.baseUrl,
    ...(plan ? { itemsUrl: plan.url, name: plan.name } : {}),
    ...pageOptions,
    onPage: (page, fetched) =>
      io.progress(`${label}: pagina ${page} ${fetched ? 'opgehaald' : 'uit de map'}`),
  });
  const features = (JSON.parse(harvest.input.bytes.toString('utf8')) as { features: unknown[] })
    .features.length;
  if (features === 0) {
    summary.skipped++;
    io.log(`${label}: overgeslagen, PDOK gaf geen ${collection} van deze gemeente in ${job.year}.`);
    return;
  }
  const parsed = parsePdokGeojson(harvest.input, await loadAreaLookup(db), {
    indelingYear: job.year,
    level,
    municipalityCode: job.municipality,
    plausibility: shippedPlausibility(),
  });
  const outcome = await commitImport(
    db,
    {
      ...parsed,
      title: plan
        ? `${parsed.title}, opgehaald bij PDOK (historisch, collectie ${plan.collection.id})`
        : `${parsed.title}, opgehaald bij PDOK`,
      options: { ...parsed.options, bron: harvest.url },
    },
    { importedBy: io.importedBy ?? 'cli', municipalityCode: job.municipality },
  );
  const outlines =
    outcome.status === 'geimporteerd'
      ? (outcome.outlinesAdded
          ? `; ${outcome.outlinesAdded} gebieden zonder grenzen (uit de KWB-tabel) kregen hun grenzen, met de naam die ze al hadden`
          : '') +
        (outcome.outlinesReplaced
          ? `; ${outcome.outlinesReplaced} gebieden hadden al grenzen, die zijn vervangen door deze`
          : '')
      : '';
  report(outcome, label, outlines, io, summary);
}

/**
 * A KWB year whose outlines Wijkkompas cannot fetch (before 2023, ADR 0043 amendment), for a
 * municipality without areas in that indeling: its gemeente, wijken and buurten are read from the
 * KWB table itself (region codes of the rows, names from the table's `WijkenEnBuurten` code
 * list) and stored without geometry as one dataset, in one transaction, before the figures. The
 * table's pages are kept in the folder, so the figures that follow replay them. Over v4
 * (ADR 0044) the names come from the region dimension's whole code list (`<Dimension>Codes`),
 * fetched once per table and replayed for every other municipality.
 */
async function deriveAreasFromKwb(
  db: Kysely<Database>,
  job: Job,
  label: string,
  context: {
    baseUrl: string;
    via: 'v3' | 'v4';
    codeListsFetched: Set<string>;
    pageOptions: PageOptions;
    io: HaalOpIo;
    summary: HaalOpSummary;
  },
): Promise<void> {
  if (context.via === 'v4') {
    const harvest = await withV3Hint(
      harvestOdataV4Table({
        tableId: job.tableId,
        baseUrl: context.baseUrl,
        filter: (region) => municipalityFilter(region, job.municipality),
        ...context.pageOptions,
      }),
    );
    const regions = await withV3Hint(
      harvestOdataV4CodeList({
        tableId: job.tableId,
        baseUrl: context.baseUrl,
        dimension: harvest.regionDimension!,
        ...context.pageOptions,
        fresh: context.pageOptions.fresh === true && !context.codeListsFetched.has(job.tableId),
      }),
    );
    context.codeListsFetched.add(job.tableId);
    const parsed = deriveKwbAreasV4(harvest.input, regions.pages, await loadAreaLookup(db), {
      tableId: job.tableId,
      indelingYear: job.year,
      municipalityCode: job.municipality,
    });
    await commitAreas(db, job, label, parsed, regions.url, context);
    return;
  }
  const harvest = await harvestOdataTable({
    tableId: job.tableId,
    baseUrl: context.baseUrl,
    filter: municipalityFilter('WijkenEnBuurten', job.municipality),
    ...context.pageOptions,
  });
  const regions = await harvestOdataCodeList({
    tableId: job.tableId,
    baseUrl: context.baseUrl,
    dimension: 'WijkenEnBuurten',
    filter: municipalityFilter('Key', job.municipality),
    ...context.pageOptions,
  });
  const parsed = deriveKwbAreas(harvest.input, regions.pages, await loadAreaLookup(db), {
    tableId: job.tableId,
    indelingYear: job.year,
    municipalityCode: job.municipality,
  });
  await commitAreas(db, job, label, parsed, regions.url, context);
}

/** Stores the derived areas of one KWB job as one dataset, in one transaction, and reports. */
async function commitAreas(
  db: Kysely<Database>,
  job: Job,
  label: string,
  parsed: ParsedImport,
  source: string,
  context: { io: HaalOpIo; summary: HaalOpSummary },
): Promise<void> {
  const outcome = await commitImport(
    db,
    { ...parsed, options: { ...parsed.options, bron: source } },
    { importedBy: context.io.importedBy ?? 'cli', municipalityCode: job.municipality },
  );
  const areas = parsed.areas.filter((a) => a.kind !== 'land').length;
  report(
    outcome,
    `${label} gebieden`,
    `; ${areas} gebieden uit de KWB-tabel, zonder grenzen (PDOK heeft de kaart van ${job.year} niet in een eigen API)`,
    context.io,
    context.summary,
  );
}

/**
 * A table that CBS's v4 service refuses (a status that is not retried, such as 404 for KWB): the
 * message names the fallback, the v3 path (KWB: ADR 0044; crime: ADR 0047). Other errors pass
 * unchanged.
 */
async function withV3Hint<T>(
  work: Promise<T>,
  hint = 'Haal de KWB dan via de oude OData v3 op: --kwb-via v3.',
): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof OdataFetchError && / weigert /.test(error.message)) {
      throw new OdataFetchError(`${error.message} ${hint}`, { cause: error });
    }
    throw error;
  }
}
