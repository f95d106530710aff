import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  parseDataProperties,
  commitImport,
  loadAreaLookup,
  sha256,
  parsePdokGeojson,
  parsePolitie47018Csv,
  parseGemeenteKengetallen,
  parsePolitieNlSeries,
  parseStatlineCsv,
  type DataProperty,
  type AreaLookup,
  type ImportInput,
  type ParsedImport,
} from '../imports/index.ts';
import { parse } from 'csv-parse/sync';
import {
  DORDT_WEST_FILE,
  NPLV_FILE,
  PROVISIONAL_FILE,
  seedFocusAreas,
} from './focus-areas.seed.ts';
import { identityIndeling2024, storeCrosswalk } from './indeling-2024.ts';
import { NATIONAL_KWB_FILE, parseNationalKwb } from './national-kwb.ts';
import { seedExampleTargets } from '../targets/index.ts';
import { seedAlliance } from '../alliance/index.ts';

export interface SeedReport {
  imported: string[];
  unchanged: string[];
}

const DORDRECHT = 'GM0505';
const KWB_TABLE = '85984NED';
const KWB_PROPERTIES = 'cbs-kwb-2024/85984NED_DataProperties.json';
export const KENGETALLEN_FILE =
  'dordrecht-kengetallen/dordrecht_kengetallen_begroting_2014_2020.csv';

/**
 * `cbs-kwb-2024/kwb2024_dordrecht.csv` is our CSV of a stripped OData download: headers are the
 * CBS keys, the region is in `code`, and `naam`/`soort` repeat what the areas already hold. The
 * StatLine importer reads keyed headers but knows the region column as `gwb_code_added`, so the
 * region column is renamed and the two descriptive columns are left out before reading. The
 * dataset keeps the shipped file's name and hash, and the rewrite is part of its options.
 */
function keyedKwbAsStatline(input: ImportInput): ImportInput {
  const lines = input.bytes
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const drop = new Set(['naam', 'soort'].map((c) => header.indexOf(c)).filter((i) => i >= 0));
  const rewritten = lines
    .filter((l) => l !== '')
    .map((line, n) =>
      line
        .split(',')
        .filter((_, i) => !drop.has(i))
        .map((cell) => (n === 0 && cell === 'code' ? 'gwb_code_added' : cell))
        .join(','),
    )
    .join('\n');
  return { bytes: Buffer.from(rewritten, 'utf8'), fileName: input.fileName };
}

/**
 * Names the national KWB file lacks: the focus areas' municipalities (NPLV list) and the wijken
 * named in the provisional delineations.
 */
function knownNames(datasetsDir: string): Map<string, string> {
  const names = new Map<string, string>();
  const csv = (relative: string, delimiter: string) =>
    parse(fs.readFileSync(path.join(datasetsDir, relative)), {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      delimiter,
    }) as Record<string, string>[];
  for (const row of csv(NPLV_FILE, ','))
    if (row.gemeentecode && row.gemeente) names.set(row.gemeentecode, row.gemeente);
  for (const row of csv(PROVISIONAL_FILE, ';'))
    if (row.gebiedscode && row.naam) names.set(row.gebiedscode, row.naam);
  return names;
}

interface Step {
  label: string;
  parse(lookup: AreaLookup): ParsedImport;
}

/**
 * Loads the shipped real data on first start, each file through its importer and commitImport,
 * in the order the files depend on each other: 2023 gemeente → wijken → buurten (PDOK), the
 * focus areas, the identity indeling 2024 with its crosswalk, then the 2024 tables. Every step
 * is idempotent, so a second run imports nothing and says so.
 */
export async function seedShippedData(
  db: Kysely<Database>,
  datasetsDir: string,
  ctx: { importedBy: string },
): Promise<SeedReport> {
  const report: SeedReport = { imported: [], unchanged: [] };
  const read = (relative: string): ImportInput => ({
    bytes: fs.readFileSync(path.join(datasetsDir, relative)),
    fileName: relative,
  });
  const run = async (step: Step): Promise<void> => {
    const lookup = await loadAreaLookup(db);
    const outcome = await commitImport(db, step.parse(lookup), { importedBy: ctx.importedBy });
    (outcome.status === 'geimporteerd' ? report.imported : report.unchanged).push(step.label);
  };

  const pdok = (relative: string, level: 'gemeente' | 'wijk' | 'buurt'): Step => ({
    label: relative,
    parse: (lookup) =>
      parsePdokGeojson(read(relative), lookup, {
        indelingYear: 2023,
        level,
        municipalityCode: DORDRECHT,
      }),
  });
  await run(pdok('cbs-wijkenbuurten-2023/gemeenten_drechtsteden.geojson', 'gemeente'));
  await run(pdok('cbs-wijkenbuurten-2023/wijken_2023_dordrecht_dissolved.geojson', 'wijk'));
  await run(pdok('cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson', 'buurt'));

  const focus = await seedFocusAreas(db, datasetsDir, { createdBy: ctx.importedBy });
  (focus.versionsAdded > 0 ? report.imported : report.unchanged).push(
    `${NPLV_FILE} + ${DORDT_WEST_FILE} + ${PROVISIONAL_FILE}`,
  );

  // CBS kept Dordrecht's codes and borders from 2023 to 2024 (SOURCES.md §7); 2024 files need
  // their own area rows, since areas of different indeling years are never joined on code alone.
  const indeling = await identityIndeling2024(db, datasetsDir, DORDRECHT);
  const outcome = await commitImport(db, indeling.parsed, { importedBy: ctx.importedBy });
  const newLinks = await storeCrosswalk(db, indeling.crosswalk);
  (outcome.status === 'geimporteerd' || newLinks > 0 ? report.imported : report.unchanged).push(
    `indeling 2024 ${DORDRECHT} en omzettabel 2023→2024`,
  );

  const meta = read(KWB_PROPERTIES);
  const dataProperties: DataProperty[] = parseDataProperties(meta.bytes, meta.fileName);
  const statline = (relative: string, extra: { decimalComma?: boolean } = {}): Step => ({
    label: relative,
    parse: (lookup) =>
      parseStatlineCsv(read(relative), lookup, {
        tableId: KWB_TABLE,
        dataProperties,
        indelingYear: 2024,
        period: '2024',
        municipalityCode: DORDRECHT,
        edition: '2024',
        ...extra,
      }),
  });
  await run(statline('cbs-kwb-multi/kwb-2024-dordrecht.csv'));
  // A `,`-separated file that kept StatLine's decimal comma in quotes ("2,1"; SOURCES.md §7).
  await run(statline('cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv', { decimalComma: true }));

  const keyed = 'cbs-kwb-2024/kwb2024_dordrecht.csv';
  await run({
    label: keyed,
    parse: (lookup) => {
      const original = read(keyed);
      const parsed = parseStatlineCsv(keyedKwbAsStatline(original), lookup, {
        tableId: KWB_TABLE,
        dataProperties,
        indelingYear: 2024,
        period: '2024',
        edition: '2024',
      });
      return {
        ...parsed,
        fileHash: sha256(original.bytes),
        options: {
          ...parsed.options,
          herschreven: 'code→gwb_code_added; naam en soort weggelaten',
        },
      };
    },
  });

  // Every gemeente and wijk of NL, so each focus area has its key figures beside its
  // municipality and the Netherlands. A national (system) import: no single municipality.
  await run({
    label: NATIONAL_KWB_FILE,
    parse: (lookup) =>
      parseNationalKwb(read(NATIONAL_KWB_FILE).bytes, lookup, {
        dataProperties,
        names: knownNames(datasetsDir),
      }),
  });

  // 47018NED's region dimension is "Wijken en buurten (indeling 2024)" (SOURCES.md §9).
  const politie = 'cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv';
  await run({
    label: politie,
    parse: (lookup) => parsePolitie47018Csv(read(politie), lookup, { indelingYear: 2024 }),
  });

  // The Netherlands beside the buurten's crime figures (issue 13.6): 47025NED per type and
  // year, 2023 still provisional when the file was downloaded (SOURCES.md §9).
  const nlCrime = 'politie-reference/nl_misdrijven_per_soort_jaar_47025NED.csv';
  await run({
    label: nlCrime,
    parse: (lookup) =>
      parsePolitieNlSeries(read(nlCrime), lookup, { indelingYear: 2024, provisionalFrom: 2023 }),
  });

  // The municipality's own series 2014–2020 from its budgets (SOURCES.md §4, issue 13.6), only
  // where the definition is CBS's. Dordrecht's borders did not change in those years, so the
  // figures belong to the municipality as it is in indeling 2024, as the national crime series do.
  await run({
    label: KENGETALLEN_FILE,
    parse: (lookup) =>
      parseGemeenteKengetallen(read(KENGETALLEN_FILE), lookup, { indelingYear: 2024 }),
  });

  await seedExampleTargets(db, undefined, ctx.importedBy);
  const alliance = await seedAlliance(db, ctx.importedBy);
  (alliance.seats + alliance.agreements > 0 ? report.imported : report.unchanged).push(
    'Alliantie Dordt West: zetels en samenwerkingsafspraken uit de raadsinformatiebrief',
  );
  return report;
}
