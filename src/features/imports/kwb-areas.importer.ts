import type { NewArea } from '../areas/index.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { parseDataProperties } from './cbs-metadata.ts';
import { sha256 } from './import.service.ts';
import type { AreaLookup, ImportInput, ParsedImport } from './import.types.ts';
import type { OdataV4Input } from './import.types.ts';
import { keyFromTitle, tableShape } from './odata-v4.importer.ts';
import type { OdataInput } from './odata.importer.ts';
import { landArea } from './pdok-geojson.importer.ts';

export interface KwbAreasOptions {
  tableId: string;
  indelingYear: number;
  /** The gemeente whose areas are derived (GM0505): its own, wijken and buurten. */
  municipalityCode: string;
}

/** What the dataset says it is: areas read from the table, without outlines. */
export const KWB_AREAS_SOURCE = 'CBS open data (OData), gebieden uit de KWB-tabel';

const KIND_OF_PREFIX = { GM: 'gemeente', WK: 'wijk', BU: 'buurt' } as const;
const CODE = /^(GM\d{4}|WK\d{6}|BU\d{8})$/;

function rowsOf(input: ImportInput, problems: ImportProblem[]): Record<string, unknown>[] {
  let json: unknown;
  try {
    json = JSON.parse(input.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    problems.push({
      file: input.fileName,
      message: `geen geldige JSON (${(error as Error).message})`,
    });
    return [];
  }
  const rows = Array.isArray(json) ? json : (json as { value?: unknown })?.value;
  if (!Array.isArray(rows)) {
    problems.push({
      file: input.fileName,
      message: 'verwacht een object met "value" (een lijst rijen)',
    });
    return [];
  }
  return rows.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object');
}

const trimmed = (raw: unknown): string => (typeof raw === 'string' ? raw.trim() : '');

/**
 * The areas of one municipality in the indeling of a KWB table, for a year whose outlines Wijkkompas
 * cannot fetch (ADR 0043, amendment): each region code of the table's rows (GM, WK, BU, trimmed)
 * becomes an area without geometry. Its kind comes from the code's prefix, its parent from the
 * code's structure (BU05050100 → WK050501 → GM0505 → NL00; a buurt whose wijk is not in the table
 * hangs under its gemeente), its name from the table's code list of the region dimension
 * (`WijkenEnBuurten`: Key, Title), the gemeente's from `Gemeentenaam` when the list lacks it.
 * Only areas not yet loaded are returned, so areas with an outline are never overwritten.
 * CBS's table has no water flag: every derived area counts as land (`is_water` 0).
 */
export function deriveKwbAreas(
  input: OdataInput,
  codeList: readonly ImportInput[],
  lookup: AreaLookup,
  options: KwbAreasOptions,
): ParsedImport {
  const { tableId, municipalityCode } = options;
  const pages = Array.isArray(input.typedDataSet)
    ? (input.typedDataSet as readonly ImportInput[])
    : [input.typedDataSet as ImportInput];
  const metaFile = input.dataProperties.fileName;
  const properties = parseDataProperties(input.dataProperties.bytes, metaFile);
  const geo = properties.find((p) => p.type === 'GeoDetail' || p.type === 'GeoDimension');
  if (!geo) {
    throw new ImportValidationError([
      { file: metaFile, message: 'de tabel heeft geen regio-dimensie (GeoDetail)' },
    ]);
  }
  const nameKey = properties.find((p) => p.stem === 'Gemeentenaam')?.key;
  const problems: ImportProblem[] = [];
  const digits = municipalityCode.slice(2);

  const titles = new Map<string, string>();
  for (const page of codeList) {
    for (const entry of rowsOf(page, problems)) {
      const key = trimmed(entry.Key);
      const title = trimmed(entry.Title);
      if (key !== '' && title !== '') titles.set(key, title);
    }
  }

  const codes: string[] = [];
  const gemeenteNames = new Map<string, string>();
  let rowCount = 0;
  // v3 rows: one per area, so a code twice is an error.
  for (const page of pages) {
    rowsOf(page, problems).forEach((row, index) => {
      const code = trimmed(row[geo.key]);
      if (!CODE.test(code) || code.slice(2, 6) !== digits) return;
      rowCount++;
      if (codes.includes(code)) {
        problems.push({
          file: page.fileName,
          field: `value[${index}].${geo.key}`,
          message: `${code} staat twee keer in de tabel`,
        });
        return;
      }
      codes.push(code);
      if (nameKey && code.startsWith('GM')) gemeenteNames.set(code, trimmed(row[nameKey]));
    });
  }
  const hashes = [input.dataProperties, ...pages, ...codeList].map((p) => sha256(p.bytes));
  return areasOf({
    codes,
    titles,
    gemeenteNames,
    problems,
    lookup,
    options,
    firstFile: pages[0]?.fileName ?? metaFile,
    codeListFile: `${tableId}_${geo.key}.json`,
    codeListName: geo.key,
    rowCount,
    fileHash: sha256(hashes.join('\n')),
  });
}

/**
 * The same areas from the v4 form of a KWB table (ADR 0044): codes from the region dimension of
 * the `Observations` (long format, so a code appears once per measure), names from the
 * dimension's code list (`<Dimension>Codes`: Identifier, Title, which v4 gives with the names),
 * the gemeente's from the text measure Gemeentenaam when the list lacks it.
 */
export function deriveKwbAreasV4(
  input: OdataV4Input,
  codeList: readonly ImportInput[],
  lookup: AreaLookup,
  options: KwbAreasOptions,
): ParsedImport {
  const { tableId, municipalityCode } = options;
  const shape = tableShape(input.dimensions);
  if (Array.isArray(shape)) throw new ImportValidationError(shape);
  const region = shape.region;
  const problems: ImportProblem[] = [];
  const digits = municipalityCode.slice(2);
  const nameMeasures = new Set(
    rowsOf(input.measureCodes, problems)
      .filter((m) => typeof m.Title === 'string' && keyFromTitle(m.Title) === 'Gemeentenaam')
      .map((m) => trimmed(m.Identifier)),
  );
  const titles = new Map<string, string>();
  for (const page of codeList) {
    for (const entry of rowsOf(page, problems)) {
      const key = trimmed(entry.Identifier);
      const title = trimmed(entry.Title);
      if (key !== '' && title !== '') titles.set(key, title);
    }
  }
  const codes: string[] = [];
  const gemeenteNames = new Map<string, string>();
  for (const page of input.observations) {
    for (const row of rowsOf(page, problems)) {
      const code = trimmed(row[region]);
      if (!CODE.test(code) || code.slice(2, 6) !== digits) continue;
      if (!codes.includes(code)) codes.push(code);
      if (code.startsWith('GM') && nameMeasures.has(trimmed(row.Measure))) {
        const name = trimmed(row.StringValue);
        if (name !== '') gemeenteNames.set(code, name);
      }
    }
  }
  const hashes = [input.dimensions, input.measureCodes, ...input.observations, ...codeList].map(
    (p) => sha256(p.bytes),
  );
  return areasOf({
    codes,
    titles,
    gemeenteNames,
    problems,
    lookup,
    options,
    firstFile: input.observations[0]?.fileName ?? input.dimensions.fileName,
    codeListFile: `${tableId}_${region}Codes.json`,
    codeListName: `${region}Codes`,
    rowCount: codes.length,
    fileHash: sha256(hashes.join('\n')),
  });
}

/** Areas from the codes and names read from either form; see deriveKwbAreas. */
function areasOf(read: {
  codes: string[];
  titles: Map<string, string>;
  gemeenteNames: Map<string, string>;
  problems: ImportProblem[];
  lookup: AreaLookup;
  options: KwbAreasOptions;
  firstFile: string;
  codeListFile: string;
  codeListName: string;
  rowCount: number;
  fileHash: string;
}): ParsedImport {
  const { codes, titles, gemeenteNames, problems, lookup, rowCount } = read;
  const { tableId, indelingYear, municipalityCode } = read.options;
  if (!codes.includes(municipalityCode) && problems.length === 0) {
    problems.push({
      file: read.firstFile,
      message: `${municipalityCode} zelf staat niet in tabel ${tableId}: de gebieden van de gemeente kunnen niet worden afgeleid`,
    });
  }
  const areas: NewArea[] = [];
  const inTable = new Set(codes);
  const known = (code: string): boolean => inTable.has(code) || lookup.has(indelingYear, code);
  for (const code of codes) {
    const kind = KIND_OF_PREFIX[code.slice(0, 2) as keyof typeof KIND_OF_PREFIX];
    const name = titles.get(code) ?? (kind === 'gemeente' ? gemeenteNames.get(code) : undefined);
    if (!name) {
      problems.push({
        file: read.codeListFile,
        field: 'Title',
        message: `naam van ${code} ontbreekt in de codelijst ${read.codeListName} van tabel ${tableId}`,
      });
      continue;
    }
    const wijk = `WK${code.slice(2, 8)}`;
    const parent =
      kind === 'gemeente' ? 'NL00' : kind === 'buurt' && known(wijk) ? wijk : municipalityCode;
    if (lookup.has(indelingYear, code)) continue;
    areas.push({
      indeling_year: indelingYear,
      code,
      kind,
      name,
      parent_code: parent,
      municipality_code: municipalityCode,
      geometry: null,
      is_water: 0,
    });
  }
  if (problems.length > 0) throw new ImportValidationError(problems.slice(0, 50));

  return {
    kind: 'cbs-odata',
    source: KWB_AREAS_SOURCE,
    tableId,
    edition: String(indelingYear),
    title: `Gebieden uit de KWB-tabel ${tableId}, zonder grenzen (indeling ${indelingYear}, ${municipalityCode})`,
    fileName: `${tableId}-${municipalityCode}-gebieden.json`,
    fileHash: read.fileHash,
    indelingYear,
    attribution: `Bron: CBS, tabel ${tableId} (Kerncijfers wijken en buurten). Licentie CC BY 4.0.`,
    options: {
      gebieden: 'uit de KWB-tabel, zonder grenzen',
      tableId,
      indelingYear: String(indelingYear),
      municipalityCode,
    },
    rowCount,
    areas: lookup.has(indelingYear, 'NL00') ? areas : [landArea(indelingYear), ...areas],
    observations: [],
    variables: [],
  };
}
