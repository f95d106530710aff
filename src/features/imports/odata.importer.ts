import type { Variable } from '../datasets/index.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { parseDataProperties, type DataProperty } from './cbs-metadata.ts';
import { sha256 } from './import.service.ts';
import { isMunicipalScope, scopeProblem } from './import-scope.ts';
import { valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

export interface OdataInput {
  /** One TypedDataSet response, or every page of a paged one (`odata.nextLink`) in order. */
  typedDataSet: ImportInput | readonly ImportInput[];
  dataProperties: ImportInput;
}

export interface OdataOptions {
  tableId: string;
  indelingYear: number;
  /**
   * The period of every row, for tables without a time dimension (KWB: `2024`). With a time
   * dimension (`Perioden`), only rows of this period are read.
   */
  period?: string;
  /** Read only NL, this gemeente and its wijken and buurten; skip the rest of a national table. */
  municipalityCode?: string;
  /** The municipality the import is for (ADR 0017): only its own areas are read, not NL. */
  scope?: string;
  /** What a figure can be (catalogue/plausibility.json); impossible values are refused. */
  plausibility?: PlausibilityRules;
  /**
   * Leave out rows of areas that are not loaded for the indeling year (`haal-op`: a table of a
   * whole municipality before its buurten are loaded), instead of refusing the table. How many
   * were left out is part of the import's options, so loading the areas later imports again.
   */
  skipUnknownAreas?: boolean;
  /**
   * Dimensions besides region and period, each fixed to one code (the health estimates:
   * `Leeftijd` 20300, `Marges` MW00000). Such a dimension is allowed; rows of another code
   * (compared trimmed: CBS pads keys) are left out. A fixed code that no row holds refuses the
   * table, naming dimension and code.
   */
  fixed?: Readonly<Record<string, string>>;
}

const NUMERIC_TYPES = new Set(['Long', 'Integer', 'Short', 'Double', 'Float', 'Decimal']);
const MAX_PROBLEMS = 50;

/** `2023JJ00` (a year) becomes `2023`; months and quarters keep CBS's code (`2023KW01`). */
export function periodFromCbs(raw: string): string {
  const key = raw.trim();
  const year = /^(\d{4})JJ00$/.exec(key);
  return year ? year[1]! : key;
}

/** CBS OData codes are space-padded, and the country is NL01 where our areas use NL00. */
function areaCode(raw: string): string {
  const code = raw.trim();
  return code === 'NL01' ? 'NL00' : code;
}

function inMunicipality(code: string, municipalityCode: string): boolean {
  const digits = municipalityCode.slice(2);
  return (
    code === 'NL00' ||
    code === municipalityCode ||
    (code.startsWith('WK') && code.slice(2, 6) === digits) ||
    (code.startsWith('BU') && code.slice(2, 6) === digits)
  );
}

function readPage(input: ImportInput): { rows: unknown[] } | ImportProblem {
  let json: unknown;
  try {
    json = JSON.parse(input.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { file: input.fileName, message: `geen geldige JSON (${(error as Error).message})` };
  }
  const rows = Array.isArray(json) ? json : (json as { value?: unknown })?.value;
  if (!Array.isArray(rows)) {
    return {
      file: input.fileName,
      message: 'verwacht een TypedDataSet: een object met "value" (een lijst rijen)',
    };
  }
  return { rows };
}

/**
 * Reads a CBS OData v3 TypedDataSet with its DataProperties. Every numeric Topic becomes an
 * observation under its stem; a `null` means CBS did not publish the cell (too few people, not
 * yet known) and is stored as `geheim` without a value. Rows must name areas the lookup knows
 * for the indeling year.
 *
 * Some tables repeat a stem inside one edition (85984NED has `Nederland_17` under "herkomstland"
 * and `Nederland_20` under "geboren in Nederland"). The first keeps the stem; later ones keep
 * their full key, so nothing is silently merged or dropped.
 */
export function parseOdataJson(
  input: OdataInput,
  lookup: AreaLookup,
  options: OdataOptions,
): ParsedImport {
  const { tableId, indelingYear, municipalityCode } = options;
  const fixed = options.fixed ?? {};
  const pages = Array.isArray(input.typedDataSet)
    ? (input.typedDataSet as readonly ImportInput[])
    : [input.typedDataSet as ImportInput];
  const metaFile = input.dataProperties.fileName;
  const problems: ImportProblem[] = [];
  const fail = (list: ImportProblem[]): never => {
    throw new ImportValidationError(list.slice(0, MAX_PROBLEMS));
  };
  if (pages.length === 0) fail([{ file: metaFile, message: 'geen TypedDataSet meegegeven' }]);

  const properties = parseDataProperties(input.dataProperties.bytes, metaFile);
  const geo = properties.find((p) => p.type === 'GeoDetail' || p.type === 'GeoDimension');
  const time = properties.find((p) => p.type === 'TimeDimension');
  const otherDimensions = properties.filter(
    (p) => p !== geo && p !== time && p.type !== 'Topic' && p.type !== 'TopicGroup',
  );
  if (!geo)
    problems.push({
      file: metaFile,
      message:
        'de tabel heeft geen regio-dimensie (GeoDetail): alleen tabellen per gebied kunnen worden geïmporteerd',
    });
  for (const d of otherDimensions) {
    if (d.key in fixed) continue;
    problems.push({
      file: metaFile,
      field: d.key,
      message: `dimensie "${d.title}" wordt niet ondersteund; importeer deze tabel als StatLine-CSV per categorie`,
    });
  }
  for (const dimension of Object.keys(fixed)) {
    if (!otherDimensions.some((d) => d.key === dimension)) {
      problems.push({
        file: metaFile,
        field: dimension,
        message: `de tabel heeft geen dimensie "${dimension}" (wel: ${otherDimensions.map((d) => d.key).join(', ') || 'alleen gebied en periode'})`,
      });
    }
  }
  if (!time && !options.period) {
    problems.push({
      file: metaFile,
      message: 'de tabel heeft geen periode-dimensie: geef de periode op (bijvoorbeeld 2024)',
    });
  }
  if (!lookup.years().includes(indelingYear)) {
    problems.push({
      file: metaFile,
      message: `er zijn geen gebieden van indeling ${indelingYear} geladen: laad eerst de gebiedsindeling`,
    });
  }
  if (problems.length > 0) fail(problems);

  const topics = properties.filter(
    (p) => p.type === 'Topic' && p.datatype !== null && NUMERIC_TYPES.has(p.datatype),
  );
  if (topics.length === 0)
    fail([
      {
        file: metaFile,
        message: 'de DataProperties noemen geen getallen (Topics met een numeriek Datatype)',
      },
    ]);
  const stemOf = new Map<string, string>();
  for (const t of topics) stemOf.set(t.key, [...stemOf.values()].includes(t.stem) ? t.key : t.stem);

  const observations: ParsedObservation[] = [];
  const seen = new Set<string>();
  let rowCount = 0;
  let skipped = 0;
  const pageHashes: string[] = [];
  const fixedSeen = new Set<string>();

  for (const page of pages) {
    pageHashes.push(sha256(page.bytes));
    const read = readPage(page);
    if (!('rows' in read)) {
      problems.push(read);
      continue;
    }
    read.rows.forEach((raw, index) => {
      if (problems.length >= MAX_PROBLEMS) return;
      const where = `value[${index}]`;
      if (!raw || typeof raw !== 'object') {
        problems.push({ file: page.fileName, field: where, message: 'rij is geen object' });
        return;
      }
      const row = raw as Record<string, unknown>;
      let otherCode = false;
      for (const [dimension, code] of Object.entries(fixed)) {
        const rowCode = row[dimension];
        if (typeof rowCode !== 'string' || rowCode.trim() === '') {
          problems.push({
            file: page.fileName,
            field: `${where}.${dimension}`,
            message: `code van dimensie ${dimension} ontbreekt`,
          });
          return;
        }
        if (rowCode.trim() === code) fixedSeen.add(dimension);
        else otherCode = true;
      }
      if (otherCode) return;
      const rawCode = row[geo!.key];
      if (typeof rawCode !== 'string' || rawCode.trim() === '') {
        problems.push({
          file: page.fileName,
          field: `${where}.${geo!.key}`,
          message: 'regiocode ontbreekt',
        });
        return;
      }
      const code = areaCode(rawCode);
      if (municipalityCode && !inMunicipality(code, municipalityCode)) return;
      if (isMunicipalScope(options.scope) && scopeProblem(options.scope, code) !== null) return;

      let period = options.period;
      if (time) {
        const rawPeriod = row[time.key];
        if (typeof rawPeriod !== 'string' || rawPeriod.trim() === '') {
          problems.push({
            file: page.fileName,
            field: `${where}.${time.key}`,
            message: 'periode ontbreekt',
          });
          return;
        }
        const rowPeriod = periodFromCbs(rawPeriod);
        if (options.period && rowPeriod !== options.period) return;
        period = rowPeriod;
      }
      rowCount++;

      if (!lookup.has(indelingYear, code) && options.skipUnknownAreas) {
        skipped++;
        return;
      }
      if (!lookup.has(indelingYear, code)) {
        problems.push({
          file: page.fileName,
          field: `${where}.${geo!.key}`,
          message: `gebied ${code} bestaat niet in indeling ${indelingYear}`,
        });
        return;
      }
      const key = `${code}|${period}`;
      if (seen.has(key)) {
        problems.push({
          file: page.fileName,
          field: `${where}.${geo!.key}`,
          message: `${code} staat twee keer in de tabel voor periode ${period}`,
        });
        return;
      }
      seen.add(key);

      for (const topic of topics) {
        const value = row[topic.key];
        if (value === undefined) {
          problems.push({
            file: page.fileName,
            field: `${where}.${topic.key}`,
            message: 'veld ontbreekt in de rij',
          });
          continue;
        }
        if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
          problems.push({
            file: page.fileName,
            field: `${where}.${topic.key}`,
            message: `geen getal: ${JSON.stringify(value)}`,
          });
          continue;
        }
        const impossible = valueProblem(options.plausibility, stemOf.get(topic.key)!, value);
        if (impossible) {
          problems.push({
            file: page.fileName,
            field: `${where}.${topic.key}`,
            message: impossible,
          });
          continue;
        }
        observations.push({
          variable: stemOf.get(topic.key)!,
          indeling_year: indelingYear,
          area_code: code,
          period: period!,
          value,
          numerator: null,
          denominator: null,
          status: value === null ? 'geheim' : 'definitief',
        });
      }
    });
  }
  if (problems.length === 0) {
    for (const [dimension, code] of Object.entries(fixed)) {
      if (fixedSeen.has(dimension)) continue;
      problems.push({
        file: pages[0]!.fileName,
        field: dimension,
        message: `code "${code}" van dimensie ${dimension} komt in geen enkele rij voor: de tabel heeft geen cijfers voor die categorie`,
      });
    }
  }
  if (rowCount === skipped && skipped > 0 && problems.length === 0) {
    problems.push({
      file: pages[0]!.fileName,
      message: `geen enkel gebied van de tabel is geladen voor indeling ${indelingYear} (${skipped} rijen): laad eerst de gebiedsindeling`,
    });
  }
  if (rowCount === 0 && problems.length === 0) {
    problems.push({
      file: pages[0]!.fileName,
      message: municipalityCode
        ? `geen rijen voor ${municipalityCode} in de tabel`
        : 'de tabel bevat geen rijen',
    });
  }
  if (problems.length > 0) fail(problems);

  const variables: Variable[] = topics.map((t: DataProperty) => ({
    stem: stemOf.get(t.key)!,
    table_id: tableId,
    title: t.title,
    unit: t.unit,
    description: t.description,
  }));

  const readOptions: Record<string, string> = { tableId, indelingYear: String(indelingYear) };
  if (options.period) readOptions.period = options.period;
  if (municipalityCode) readOptions.municipalityCode = municipalityCode;
  if (skipped > 0) readOptions.overgeslagen = String(skipped);
  for (const [dimension, code] of Object.entries(fixed)) readOptions[dimension] = code;
  const first = pages[0]!.fileName;

  return {
    kind: 'cbs-odata',
    source: 'CBS open data (OData)',
    tableId,
    edition: options.period ?? null,
    title: `CBS-tabel ${tableId}`,
    fileName: pages.length > 1 ? `${first} (+${pages.length - 1} pagina's)` : first,
    fileHash: sha256([sha256(input.dataProperties.bytes), ...pageHashes].join('\n')),
    indelingYear,
    attribution: `Bron: CBS, tabel ${tableId}. Licentie CC BY 4.0.`,
    options: readOptions,
    rowCount,
    areas: [],
    observations,
    variables,
  };
}
