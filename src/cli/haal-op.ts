/**
 * `wijkkompas haal-op`: fetches CBS tables for the municipalities of the NPLV focus areas and
 * imports each (table, municipality) as one dataset, in one transaction, idempotently (ADR 0029).
 * The raw responses are kept in a folder, so a second run replays them and an interrupted run
 * continues where it stopped.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import {
  CBS_OPEN_DATA_URL,
  KWB_TABLES,
  municipalityFilter,
  nplvMunicipalities,
} from '../features/imports/cbs-sources.ts';
import { commitImport, loadAreaLookup } from '../features/imports/import.service.ts';
import { harvestOdataTable } from '../features/imports/odata-harvest.ts';
import { parseOdataJson } from '../features/imports/odata.importer.ts';
import { shippedPlausibility } from '../features/imports/plausibility.ts';
import { BadRequestError } from '../shared/errors.ts';

export const HAAL_OP_HELP = `  haal-op [--indeling JAAR …] [--tabel ID] [--gemeente GM0505 …] [--map MAP] [--bron URL] [--opnieuw]
                                  haalt bij CBS open data de Kerncijfers wijken en buurten op (per jaar de tabel van
                                  dat jaar, vanaf 2013) voor de gemeenten van de 20 focusgebieden, en laadt die per
                                  gemeente; zonder --indeling voor elk geladen indelingsjaar. De antwoorden blijven in
                                  MAP (standaard ./data/opgehaald): een afgebroken run gaat daar verder, een tweede run
                                  gebruikt ze opnieuw (--opnieuw haalt alles opnieuw op)`;

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
  /** Jobs not fetched: the municipality has no areas in that indeling year. */
  skipped: number;
  observations: number;
}

interface Job {
  year: number;
  tableId: string;
  municipality: string;
}

/** Plans the jobs from the arguments, then fetches and imports them one by one. */
export async function runHaalOp(
  db: Kysely<Database>,
  args: string[],
  io: HaalOpIo,
): Promise<HaalOpSummary> {
  const { values } = parseArgs({
    args,
    options: {
      indeling: { type: 'string', multiple: true },
      tabel: { type: 'string' },
      gemeente: { type: 'string', multiple: true },
      map: { type: 'string' },
      bron: { type: 'string' },
      opnieuw: { type: 'boolean' },
    },
  });
  const lookup0 = await loadAreaLookup(db);
  const years = (values.indeling ?? []).map((raw) => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1990 || n > 2100)
      throw new BadRequestError(`--indeling moet een jaartal zijn, niet "${raw}".`);
    return n;
  });
  const plannedYears =
    years.length > 0 ? years : lookup0.years().filter((y) => KWB_TABLES[y] !== undefined);
  if (plannedYears.length === 0) {
    throw new BadRequestError(
      'Er is geen gebiedsindeling geladen waarvoor CBS een KWB-tabel heeft: laad eerst de gebieden (wijkkompas laad-standaard of import pdok).',
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
  for (const year of plannedYears) {
    const tableId = values.tabel ?? KWB_TABLES[year];
    if (!tableId) {
      throw new BadRequestError(
        `Voor indeling ${year} kent Wijkkompas geen KWB-tabel; geef die op met --tabel.`,
      );
    }
    for (const municipality of municipalities) jobs.push({ year, tableId, municipality });
  }
  const baseUrl = values.bron ?? CBS_OPEN_DATA_URL;
  const storeDir = path.resolve(values.map ?? path.join('data', 'opgehaald'));
  const plausibility = shippedPlausibility();
  const summary: HaalOpSummary = { imported: 0, unchanged: 0, skipped: 0, observations: 0 };

  for (const [index, job] of jobs.entries()) {
    const label = `[${index + 1}/${jobs.length}] ${job.tableId} (indeling ${job.year}) ${job.municipality}`;
    if (!(await loadAreaLookup(db)).has(job.year, job.municipality)) {
      summary.skipped++;
      io.log(
        `${label}: overgeslagen, deze gemeente heeft nog geen gebieden in indeling ${job.year} (laad eerst de gebiedsindeling).`,
      );
      continue;
    }
    const harvest = await harvestOdataTable({
      tableId: job.tableId,
      baseUrl,
      filter: municipalityFilter('WijkenEnBuurten', job.municipality),
      storeDir,
      fresh: values.opnieuw === true,
      ...(io.fetch ? { fetch: io.fetch } : {}),
      ...(io.sleep ? { sleep: io.sleep } : {}),
      ...(io.backoffMs !== undefined ? { backoffMs: io.backoffMs } : {}),
      onPage: (page, fetched) =>
        io.progress(`${label}: pagina ${page} ${fetched ? 'opgehaald' : 'uit de map'}`),
    });
    const lookup = await loadAreaLookup(db);
    const parsed = parseOdataJson(harvest.input, lookup, {
      tableId: job.tableId,
      indelingYear: job.year,
      period: String(job.year),
      municipalityCode: job.municipality,
      skipUnknownAreas: true,
      plausibility,
    });
    // Provenance: where the figures came from; the page hashes already make the file's hash.
    const withSource = {
      ...parsed,
      title: `CBS-tabel ${job.tableId}, opgehaald bij CBS open data (${job.municipality})`,
      options: { ...parsed.options, bron: harvest.url },
    };
    const outcome = await commitImport(db, withSource, {
      importedBy: io.importedBy ?? 'cli',
      municipalityCode: job.municipality,
    });
    const skipped = parsed.options.overgeslagen;
    const note = skipped
      ? `; ${skipped} rijen van gebieden die nog niet geladen zijn overgeslagen`
      : '';
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
  io.log(
    `Klaar: ${summary.imported} tabellen geïmporteerd (${summary.observations} waarden), ${summary.unchanged} al aanwezig, ${summary.skipped} overgeslagen. Ruwe antwoorden: ${storeDir}`,
  );
  return summary;
}
