import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import type { ImportInput, OdataV4Input } from './import.types.ts';
import { keyFromTitle, readList, tableShape } from './odata-v4.importer.ts';
import { CRIME_VARIABLE } from './politie-47018.importer.ts';

/**
 * Where CBS publishes the police's tables ("data van derden"), OData v3 like opendata.cbs.nl, at
 * its paging feed: one municipality of 47018NED is about 100,000 rows, more than `ODataApi`
 * answers in one query (ADR 0043).
 */
export const CBS_THIRD_PARTY_URL = 'https://dataderden.cbs.nl/ODataFeed/odata';

function csvField(value: unknown): string {
  // CBS writes a secret or missing figure as null; the CSV importers read "." as secret.
  const text = value === null || value === undefined ? '.' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Turns the TypedDataSet pages of CBS/Politie table 47018NED into the CSV the police importer
 * already reads (the columns of an OData export: SoortMisdrijf, WijkenEnBuurten, Perioden,
 * GeregistreerdeMisdrijven_1, …), so fetched and uploaded files go through one importer and one
 * set of checks. Rows of areas for which `keep` says no (not loaded yet) are left out and counted.
 * The same pages always give the same bytes, so a second import is recognised as the same file.
 */
export function politieOdataToCsv(
  pages: readonly ImportInput[],
  keep: (areaCode: string) => boolean,
  fileName: string,
): { input: ImportInput; rows: number; skipped: number } {
  let columns: string[] | null = null;
  const lines: string[] = [];
  let skipped = 0;
  for (const page of pages) {
    const json = JSON.parse(page.bytes.toString('utf8').replace(/^\uFEFF/, '')) as {
      value: Record<string, unknown>[];
    };
    for (const row of json.value) {
      columns ??= Object.keys(row);
      const code = typeof row.WijkenEnBuurten === 'string' ? row.WijkenEnBuurten.trim() : '';
      if (!keep(code)) {
        skipped++;
        continue;
      }
      lines.push(columns.map((c) => csvField(row[c])).join(','));
    }
  }
  const header = (
    columns ?? ['SoortMisdrijf', 'WijkenEnBuurten', 'Perioden', 'GeregistreerdeMisdrijven_1']
  ).join(',');
  const text = `${header}\n${lines.map((l) => `${l}\n`).join('')}`;
  return { input: { bytes: Buffer.from(text, 'utf8'), fileName }, rows: lines.length, skipped };
}

/** The v3 key of 47018NED's count, the column the v3 path's CSV carries (and the importer reads). */
const V3_COUNT_COLUMN = 'GeregistreerdeMisdrijven_1';
const CRIME_TYPE_DIMENSION = 'SoortMisdrijf';
const MAX_PROBLEMS = 50;

const code = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

/**
 * Turns 47018NED as CBS's OData v4 service sends it (ADR 0047: `Dimensions`, `MeasureCodes` and
 * long `Observations`, one per measure, crime type, area and period) into exactly the CSV the v3
 * path gives the police importer: one row per crime type × area × period with the count of the
 * one measure whose title gives the v3 key `GeregistreerdeMisdrijven` (CBS's title rule,
 * `keyFromTitle`). Codes are trimmed. `ValueAttribute` "None" with a number is the figure; a
 * cell v4 leaves out (crime type, area and period seen in the table, no observation) is a row
 * with an empty count, as v3's null becomes ("." = secret); any other marker, or a table whose
 * dimensions are not the crime type, region and period, refuses the table naming page, row and
 * value (ImportValidationError), before anything is written. Rows of areas for which `keep` says
 * no are left out and counted, as over v3. The same pages always give the same bytes.
 */
export function politieOdataV4ToCsv(
  input: OdataV4Input,
  keep: (areaCode: string) => boolean,
  fileName: string,
): { input: ImportInput; rows: number; skipped: number } {
  const problems: ImportProblem[] = [];
  const fail = (): never => {
    throw new ImportValidationError(problems.slice(0, MAX_PROBLEMS));
  };
  const shape = tableShape(input.dimensions);
  if (Array.isArray(shape)) {
    problems.push(...shape);
    return fail();
  }
  const { region, period, dimensions } = shape;
  if (period === null || dimensions.length !== 3 || !dimensions.includes(CRIME_TYPE_DIMENSION)) {
    problems.push({
      file: input.dimensions.fileName,
      message: `tabel 47018NED moet precies de dimensies ${CRIME_TYPE_DIMENSION}, een regio (GeoDimension) en een periode (TimeDimension) hebben; gevonden: ${dimensions.join(', ') || 'geen'}`,
    });
    return fail();
  }

  // The count: the one measure whose title gives the v3 key GeregistreerdeMisdrijven.
  const measures = readList(input.measureCodes, problems) ?? [];
  if (problems.length > 0) fail();
  const counts = measures.filter(
    (m) => typeof m.Title === 'string' && keyFromTitle(m.Title) === CRIME_VARIABLE,
  );
  if (counts.length !== 1) {
    const named = measures.map((m) => `${String(m.Identifier)} "${String(m.Title)}"`).join(', ');
    problems.push({
      file: input.measureCodes.fileName,
      field: 'Title',
      message: `tabel 47018NED moet precies één maat "Geregistreerde misdrijven" hebben, maar heeft er ${counts.length} (maten: ${named || 'geen'})`,
    });
    return fail();
  }
  const countId = code(counts[0]!.Identifier);

  // The figures, by crime type, area and period; the order in which each code first appears.
  const types: string[] = [];
  const areas: string[] = [];
  const periods: string[] = [];
  const seen = [new Set<string>(), new Set<string>(), new Set<string>()];
  const note = (list: string[], set: Set<string>, value: string) => {
    if (!set.has(value)) {
      set.add(value);
      list.push(value);
    }
  };
  const figures = new Map<string, number>();
  for (const page of input.observations) {
    (readList(page, problems) ?? []).forEach((row, index) => {
      if (problems.length >= MAX_PROBLEMS || code(row.Measure) !== countId) return;
      const problem = (field: string, message: string) =>
        problems.push({ file: page.fileName, field: `value[${index}].${field}`, message });
      const type = code(row[CRIME_TYPE_DIMENSION]);
      const area = code(row[region]);
      const when = code(row[period]);
      if (!type || !area || !when) {
        return void problem(
          !type ? CRIME_TYPE_DIMENSION : !area ? region : period,
          'code ontbreekt',
        );
      }
      const key = `${type}|${area}|${when}`;
      if (figures.has(key)) {
        return void problem(region, `soort ${type}, ${area}, ${when} staat twee keer in de tabel`);
      }
      if (row.ValueAttribute !== 'None') {
        return void problem(
          'ValueAttribute',
          `onbekende markering ${JSON.stringify(row.ValueAttribute)} bij soort ${type}, ${area}, ${when} (waarde ${JSON.stringify(row.Value)}): Wijkkompas kent hier alleen "None" (een cijfer) en raadt niet wat een andere betekent`,
        );
      }
      if (typeof row.Value !== 'number' || !Number.isFinite(row.Value)) {
        return void problem('Value', `geen getal: ${JSON.stringify(row.Value)}`);
      }
      figures.set(key, row.Value);
      note(types, seen[0]!, type);
      note(areas, seen[1]!, area);
      note(periods, seen[2]!, when);
    });
  }
  if (problems.length > 0) fail();

  // As v3's TypedDataSet: crime type, then area, then period; a cell v4 left out is empty.
  const lines: string[] = [];
  let skipped = 0;
  for (const type of types) {
    for (const area of areas) {
      for (const when of periods) {
        if (!keep(area)) {
          skipped++;
          continue;
        }
        const value = figures.get(`${type}|${area}|${when}`);
        lines.push([type, area, when, csvField(value ?? null)].join(','));
      }
    }
  }
  const header = [CRIME_TYPE_DIMENSION, 'WijkenEnBuurten', 'Perioden', V3_COUNT_COLUMN].join(',');
  const text = `${header}\n${lines.map((l) => `${l}\n`).join('')}`;
  return { input: { bytes: Buffer.from(text, 'utf8'), fileName }, rows: lines.length, skipped };
}
