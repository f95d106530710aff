import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { sha256 } from './import.service.ts';
import type { OdataV4Input } from './import.types.ts';
import { periodFromCbs } from './odata.importer.ts';
import { valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

type ObservationStatus = ParsedObservation['status'];
type Variable = ParsedImport['variables'][number];

/**
 * Reads one table of CBS's OData v4 service (ADR 0042): long `Observations` (one row per
 * measure, area and period) with the table's `Dimensions`, `MeasureCodes` and code lists.
 *
 * A missing figure gets its state from what CBS sends, never a default:
 * - `ValueAttribute` "None" with a number: the figure;
 * - "Impossible" (StatLine's ×: the figure cannot exist): stored without a value as
 *   `niet van toepassing`;
 * - no observation at all for a measure, area and period that the table covers (v4 leaves out
 *   empty cells, v3 sent them as null): stored without a value as `geheim`, the same as v3's
 *   empty cell. When a measure has no figure for any area in a period, every row of that column
 *   is empty, which the monitor reads as "(nog) niet gepubliceerd" (ADR 0022);
 * - any other `ValueAttribute` refuses the table, naming page, row and value: Wijkkompas does
 *   not guess what an unknown marker means.
 *
 * Variables: v4 measure identifiers are not the v3 keys the catalogue uses. A measure gets the
 * v3 key its title gives under CBS's rule (words capitalised and joined, accents and signs
 * dropped, `k_` before a leading digit), or its own identifier when that already is such a key;
 * ADR 0042 says why, ADR 0044 checks the rule against all 128 topics of KWB 2024.
 *
 * Shapes (ADR 0044): the region dimension is the one `Dimensions` marks as `GeoDimension`
 * (KWB: `WijkenEnBuurten`, 2013 possibly `RegioS`), the period dimension the `TimeDimension`.
 * A table without a period dimension (a KWB table is one edition) takes its period from the
 * options, as the v3 import does. Text measures (Gemeentenaam, SoortRegio, Codering: `DataType`
 * String, or observations with a `StringValue` and no `Value`) are not figures and are left
 * out, as the v3 import leaves out its String topics.
 */

export interface OdataV4Options {
  tableId: string;
  indelingYear: number;
  /** The region dimension; by default the one `Dimensions` marks as `GeoDimension`. */
  regionDimension?: string;
  /** The period dimension; by default the one `Dimensions` marks as `TimeDimension`. */
  periodDimension?: string;
  /**
   * The period of every row, for tables without a period dimension (KWB: `2024`, as the v3
   * import stores it). With a period dimension, only rows of this period are read.
   */
  period?: string;
  /** Every other dimension, fixed to one code (health: Leeftijd 20300, Marges MW00000). */
  fixed?: Readonly<Record<string, string>>;
  /** Read only NL, this gemeente and its wijken and buurten. */
  municipalityCode?: string;
  plausibility?: PlausibilityRules;
  /** Leave out (and count) rows of areas not loaded for the indeling year, as haal-op does. */
  skipUnknownAreas?: boolean;
  /** Publisher and source wording of the dataset. */
  source?: string;
  attribution?: string;
}

const MAX_PROBLEMS = 50;

/** CBS's v3 key for a title: "Ernstig/zeer ernstig eenzaam" becomes ErnstigZeerErnstigEenzaam. */
export function keyFromTitle(title: string): string {
  const words = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '');
  const key = words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(key) ? `k_${key}` : key;
}

interface Measure {
  identifier: string;
  title: string;
  unit: string | null;
  description: string | null;
}

/** The `value` list of one OData response, or null with the problem added (no JSON, no list). */
export function readList(
  input: ImportInput,
  problems: ImportProblem[],
): Record<string, unknown>[] | null {
  let json: unknown;
  try {
    json = JSON.parse(input.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    problems.push({
      file: input.fileName,
      message: `geen geldige JSON (${(error as Error).message})`,
    });
    return null;
  }
  const rows = (json as { value?: unknown } | null)?.value;
  if (!Array.isArray(rows)) {
    problems.push({ file: input.fileName, message: 'geen OData-antwoord: "value" ontbreekt' });
    return null;
  }
  return rows.filter((r): r is Record<string, unknown> => r !== null && typeof r === 'object');
}

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
/** A metadata string as the v3 import keeps it: any string, also an empty one; otherwise null. */
const asGiven = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const REGION_KINDS = new Set(['GeoDimension', 'GeoDetail']);
const PERIOD_KINDS = new Set(['TimeDimension']);

/** The region and period dimension of a table, read from its `Dimensions` (ADR 0044). */
export interface TableShape {
  region: string;
  /** Null for a table without a period dimension (KWB). */
  period: string | null;
  /** Every dimension's identifier, in the table's order. */
  dimensions: string[];
}

/**
 * Reads which dimension is the region and which the period from a table's `Dimensions` (their
 * `Kind`), so a KWB table whose region dimension is not called `WijkenEnBuurten` is read right.
 * An explicit name wins. Refused, naming the dimensions, when the region cannot be told.
 */
export function tableShape(
  dimensions: ImportInput,
  explicit: { regionDimension?: string; periodDimension?: string } = {},
): TableShape | ImportProblem[] {
  const problems: ImportProblem[] = [];
  const rows = readList(dimensions, problems);
  if (!rows) return problems;
  const listed = rows
    .map((d) => ({ id: text(d.Identifier), kind: text(d.Kind) }))
    .filter((d): d is { id: string; kind: string | null } => d.id !== null);
  const ids = listed.map((d) => d.id);
  const named = listed.map((d) => `${d.id} (${d.kind ?? 'soort onbekend'})`).join(', ') || 'geen';
  const pick = (
    wanted: string | undefined,
    kinds: Set<string>,
    what: string,
  ): string | null | undefined => {
    if (wanted !== undefined) {
      if (ids.includes(wanted)) return wanted;
      problems.push({
        file: dimensions.fileName,
        field: wanted,
        message: `de tabel heeft geen dimensie "${wanted}" (wel: ${named})`,
      });
      return undefined;
    }
    const found = listed.filter((d) => d.kind !== null && kinds.has(d.kind));
    if (found.length === 1) return found[0]!.id;
    if (found.length === 0) return null;
    problems.push({
      file: dimensions.fileName,
      field: 'Kind',
      message: `de tabel heeft meer dan één ${what} (${found.map((d) => d.id).join(', ')}); Wijkkompas weet niet welke het moet lezen (dimensies: ${named})`,
    });
    return undefined;
  };
  const region = pick(explicit.regionDimension, REGION_KINDS, 'regio-dimensie');
  const period = pick(explicit.periodDimension, PERIOD_KINDS, 'periode-dimensie');
  if (region === null) {
    problems.push({
      file: dimensions.fileName,
      field: 'Kind',
      message: `kan de regio-dimensie van de tabel niet bepalen: geen dimensie is een GeoDimension (dimensies: ${named})`,
    });
  }
  if (problems.length > 0 || region === undefined || region === null || period === undefined) {
    return problems;
  }
  return { region, period, dimensions: ids };
}

function areaCode(raw: string): string {
  const code = raw.trim();
  return code === 'NL01' ? 'NL00' : code;
}

function inMunicipality(code: string, municipalityCode: string): boolean {
  const digits = municipalityCode.slice(2);
  return (
    code === 'NL00' ||
    code === municipalityCode ||
    ((code.startsWith('WK') || code.startsWith('BU')) && code.slice(2, 6) === digits)
  );
}

/** Reads the files of one v4 table (see the module comment); throws ImportValidationError. */
export function parseOdataV4(
  input: OdataV4Input,
  lookup: AreaLookup,
  options: OdataV4Options,
): ParsedImport {
  const { tableId, indelingYear, municipalityCode } = options;
  const fixed = options.fixed ?? {};
  const problems: ImportProblem[] = [];
  const fail = (): never => {
    throw new ImportValidationError(problems.slice(0, MAX_PROBLEMS));
  };

  // The table's shape: every dimension is the region, the period or fixed to one code.
  const shape = tableShape(input.dimensions, options);
  if (Array.isArray(shape)) {
    problems.push(...shape);
    return fail();
  }
  const { region, period: time, dimensions: dimensionIds } = shape;
  if (time === null && options.period === undefined) {
    problems.push({
      file: input.dimensions.fileName,
      message: `de tabel heeft geen periode-dimensie (dimensies: ${dimensionIds.join(', ')}): geef de periode op (bijvoorbeeld 2024)`,
    });
  }
  for (const wanted of Object.keys(fixed)) {
    if (!dimensionIds.includes(wanted)) {
      problems.push({
        file: input.dimensions.fileName,
        field: wanted,
        message: `de tabel heeft geen dimensie "${wanted}" (wel: ${dimensionIds.join(', ') || 'geen'})`,
      });
    }
  }
  for (const id of dimensionIds) {
    if (id !== region && id !== time && !(id in fixed)) {
      problems.push({
        file: input.dimensions.fileName,
        field: id,
        message: `dimensie "${id}" wordt niet ondersteund: Wijkkompas weet niet welke categorie het moet lezen`,
      });
    }
  }
  for (const [dimension, code] of Object.entries(fixed)) {
    const list = input.codeLists[dimension];
    if (!list) {
      problems.push({
        file: input.dimensions.fileName,
        field: dimension,
        message: 'codelijst ontbreekt',
      });
      continue;
    }
    const codes = (readList(list, problems) ?? []).map((c) => text(c.Identifier)?.trim());
    if (!codes.includes(code)) {
      problems.push({
        file: list.fileName,
        field: dimension,
        message: `code "${code}" bestaat niet in dimensie ${dimension} (wel: ${codes.slice(0, 10).join(', ')})`,
      });
    }
  }
  if (!lookup.years().includes(indelingYear)) {
    problems.push({
      file: input.dimensions.fileName,
      message: `er zijn geen gebieden van indeling ${indelingYear} geladen: laad eerst de gebiedsindeling`,
    });
  }

  // Measures and the stem each is stored under; text measures are no figures (v3: String topics).
  const measures = new Map<string, Measure & { stem: string }>();
  const textMeasures = new Set<string>();
  const stems = new Set<string>();
  for (const row of readList(input.measureCodes, problems) ?? []) {
    const identifier = text(row.Identifier);
    const title = text(row.Title);
    if (!identifier || !title) {
      problems.push({
        file: input.measureCodes.fileName,
        message: 'een maat zonder Identifier of Title',
      });
      continue;
    }
    if (typeof row.DataType === 'string' && /^string$/i.test(row.DataType)) {
      textMeasures.add(identifier);
      continue;
    }
    const ownKey = identifier.replace(/_\d+$/, '');
    const byTitle = keyFromTitle(title);
    // An identifier that already is a v3-style key (letters first) wins over the title's key.
    let stem = /^[A-Za-z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(ownKey) ? ownKey : byTitle;
    if (stems.has(stem)) stem = identifier;
    stems.add(stem);
    measures.set(identifier, {
      identifier,
      title: title.trim(),
      unit: asGiven(row.Unit),
      description: asGiven(row.Description),
      stem,
    });
  }
  if (measures.size === 0 && problems.length === 0) {
    problems.push({
      file: input.measureCodes.fileName,
      message:
        textMeasures.size > 0
          ? 'de tabel noemt geen getallen, alleen tekst'
          : 'de tabel noemt geen maten',
    });
  }
  if (problems.length > 0) fail();

  const observations: ParsedObservation[] = [];
  const textFound = new Set<string>();
  const numberFound = new Set<string>();
  const seen = new Set<string>();
  const areasSeen = new Set<string>();
  const periodsSeen = new Set<string>();
  let skipped = 0;
  let rowCount = 0;
  const pageHashes: string[] = [];

  for (const page of input.observations) {
    pageHashes.push(sha256(page.bytes));
    const rows = readList(page, problems);
    if (!rows) continue;
    rows.forEach((row, index) => {
      if (problems.length >= MAX_PROBLEMS) return;
      const where = `value[${index}]`;
      const problem = (field: string, message: string) =>
        problems.push({ file: page.fileName, field: `${where}.${field}`, message });
      for (const [dimension, code] of Object.entries(fixed)) {
        if (text(row[dimension])?.trim() !== code) return;
      }
      const rawCode = text(row[region]);
      if (!rawCode) return void problem(region, 'regiocode ontbreekt');
      const code = areaCode(rawCode);
      if (municipalityCode && !inMunicipality(code, municipalityCode)) return;
      let period = options.period!;
      if (time !== null) {
        const rawPeriod = text(row[time]);
        if (!rawPeriod) return void problem(time, 'periode ontbreekt');
        period = periodFromCbs(rawPeriod);
        if (options.period !== undefined && period !== options.period) return;
      }
      const measureId = text(row.Measure);
      if (measureId && textMeasures.has(measureId)) return;
      const measure = measureId ? measures.get(measureId) : undefined;
      if (!measure) return void problem('Measure', `onbekende maat ${JSON.stringify(row.Measure)}`);
      // A text observation (StringValue, no Value) of a measure without DataType: no figure.
      if (typeof row.StringValue === 'string' && (row.Value === null || row.Value === undefined)) {
        textFound.add(measure.identifier);
        return;
      }
      numberFound.add(measure.identifier);
      rowCount++;
      if (!lookup.has(indelingYear, code)) {
        if (options.skipUnknownAreas) {
          skipped++;
          return;
        }
        return void problem(region, `gebied ${code} bestaat niet in indeling ${indelingYear}`);
      }
      const key = `${measure.stem}|${code}|${period}`;
      if (seen.has(key)) {
        return void problem(
          region,
          `${measure.title} staat twee keer in de tabel voor ${code}, ${period}`,
        );
      }
      seen.add(key);
      areasSeen.add(code);
      periodsSeen.add(period);

      const attribute = row.ValueAttribute;
      const value = row.Value;
      let status: ObservationStatus;
      if (attribute === 'None') {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          return void problem('Value', `geen getal: ${JSON.stringify(value)}`);
        }
        const impossible = valueProblem(options.plausibility, measure.stem, value);
        if (impossible) return void problem('Value', impossible);
        status = 'definitief';
      } else if (attribute === 'Impossible') {
        if (value !== null && value !== undefined) {
          return void problem(
            'Value',
            `"Impossible" met toch een waarde (${JSON.stringify(value)})`,
          );
        }
        status = 'niet van toepassing';
      } else {
        return void problem(
          'ValueAttribute',
          `onbekende markering ${JSON.stringify(attribute)}: Wijkkompas kent alleen "None" (een cijfer) en "Impossible" (kan niet bestaan) en raadt niet wat een andere betekent`,
        );
      }
      observations.push({
        variable: measure.stem,
        indeling_year: indelingYear,
        area_code: code,
        period,
        value: status === 'definitief' ? (value as number) : null,
        numerator: null,
        denominator: null,
        status,
      });
    });
  }
  for (const identifier of textFound) {
    const measure = measures.get(identifier)!;
    if (numberFound.has(identifier)) {
      problems.push({
        file: input.measureCodes.fileName,
        field: identifier,
        message: `maat "${measure.title}" heeft zowel tekst (StringValue) als getallen: Wijkkompas weet niet of het een cijfer is`,
      });
    } else {
      textMeasures.add(identifier);
      measures.delete(identifier);
    }
  }
  if (rowCount > 0 && areasSeen.size === 0 && problems.length === 0) {
    problems.push({
      file: input.observations[0]?.fileName ?? input.dimensions.fileName,
      message: `geen enkel gebied van de tabel is geladen voor indeling ${indelingYear} (${skipped} waarnemingen): laad eerst de gebiedsindeling`,
    });
  }
  if (rowCount === 0 && problems.length === 0) {
    problems.push({
      file: input.observations[0]?.fileName ?? input.dimensions.fileName,
      message: municipalityCode
        ? `geen waarnemingen voor ${municipalityCode} in de tabel`
        : 'de tabel bevat geen waarnemingen',
    });
  }
  if (problems.length > 0) fail();

  // v4 leaves out empty cells: an area and period the table covers without a figure for a
  // measure is stored as v3 stores its empty cell, so the monitor can tell secret from
  // unpublished (a whole column empty).
  let empty = 0;
  const used = [...measures.values()];
  for (const period of [...periodsSeen].sort()) {
    for (const code of [...areasSeen].sort()) {
      for (const measure of used) {
        if (seen.has(`${measure.stem}|${code}|${period}`)) continue;
        empty++;
        observations.push({
          variable: measure.stem,
          indeling_year: indelingYear,
          area_code: code,
          period,
          value: null,
          numerator: null,
          denominator: null,
          status: 'geheim',
        });
      }
    }
  }

  const variables: Variable[] = used.map((m) => ({
    stem: m.stem,
    table_id: tableId,
    title: m.title,
    unit: m.unit,
    description: m.description,
  }));
  const readOptions: Record<string, string> = {
    tableId,
    indelingYear: String(indelingYear),
    api: 'odata-v4',
  };
  if (options.period !== undefined) readOptions.period = options.period;
  for (const [dimension, code] of Object.entries(fixed)) readOptions[dimension] = code;
  if (municipalityCode) readOptions.municipalityCode = municipalityCode;
  if (skipped > 0) readOptions.overgeslagen = String(skipped);
  if (empty > 0) readOptions.legeCellen = String(empty);
  const first = input.observations[0]?.fileName ?? `${tableId}_Observations.json`;
  const metaHashes = [input.dimensions, input.measureCodes, ...Object.values(input.codeLists)].map(
    (f) => sha256(f.bytes),
  );
  return {
    kind: 'cbs-odata',
    source: options.source ?? 'CBS open data (OData v4)',
    tableId,
    edition: options.period ?? null,
    title: `CBS-tabel ${tableId}`,
    fileName:
      input.observations.length > 1
        ? `${first} (+${input.observations.length - 1} pagina's)`
        : first,
    fileHash: sha256([...metaHashes, ...pageHashes].join('\n')),
    indelingYear,
    attribution: options.attribution ?? `Bron: CBS, tabel ${tableId}. Licentie CC BY 4.0.`,
    options: readOptions,
    rowCount,
    areas: [],
    observations,
    variables,
  };
}
