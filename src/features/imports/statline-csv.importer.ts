import type { Variable } from '../datasets/index.ts';
import type { DataProperty } from './cbs-metadata.ts';
import {
  areaCodeProblem,
  areaKindOfCode,
  cbsYearPeriod,
  DuplicateGuard,
  normaliseHeader,
  parseCbsValue,
  ProblemList,
  importCsvBytes,
  splitProvisional,
  type CsvEncoding,
  type CsvHeader,
  type CsvImporter,
  type CsvVisitor,
} from './csv-reader.ts';
import { ImportValidationError } from '../../shared/errors.ts';
import { sha256 } from './import.service.ts';
import { mapProblemLines, recogniseStatlineLayout } from './statline-layout.ts';
import { isMunicipalScope, scopeProblem } from './import-scope.ts';
import { valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

export interface StatlineCsvOptions {
  /** CBS table id, e.g. 85984NED. */
  tableId: string;
  /** The table's DataProperties (parseDataProperties): column titles are matched to these. */
  dataProperties: DataProperty[];
  /** The CBS wijk- en buurtindeling the file's areas belong to. */
  indelingYear: number;
  /** Period of every row when the file has no Perioden column ("2024", "2024*" = voorlopig). */
  period: string;
  /**
   * Municipality (GM code) whose areas are matched by name. When given, a `gwb_code_added`
   * column is ignored: names are the only region key a StatLine download has.
   */
  municipalityCode?: string;
  edition?: string;
  /** Forces the file's encoding instead of detecting it. */
  encoding?: CsvEncoding;
  /**
   * Forces the decimal separator. By default `;` files use a decimal comma and `,` files a
   * decimal point; a `,` file converted from a StatLine download can keep "2,1" in quotes.
   */
  decimalComma?: boolean;
  /**
   * The municipality the import is for (ADR 0017): a row of another area, or of the Netherlands,
   * is refused; a national download read by name keeps only this municipality's rows.
   */
  scope?: string;
  /** What a figure can be (catalogue/plausibility.json); impossible values are refused. */
  plausibility?: PlausibilityRules;
}

type ColumnRole =
  | { role: 'ignore' }
  | { role: 'code' }
  | { role: 'region' }
  | { role: 'gemeentenaam' }
  | { role: 'period' }
  | { role: 'value'; property: DataProperty; variable: string; title: string };

/** Columns that are not figures: our own additions and the download's bookkeeping. */
const META_COLUMNS = new Set(['source_year', 'id', 'gwb_code_added']);
/** Region code columns of keyed files: cbsodata's `WijkenEnBuurten`/`Codering`, our `code`. */
const CODE_COLUMNS = new Set(['wijkenenbuurten', 'regiocode', 'code', 'gwb_code']);
/** Descriptive columns beside a region code: what the areas already hold. */
const DESCRIPTIVE_COLUMNS = new Set(['naam', 'soort', 'soortregio', 'soort regio', 'regionaam']);
/** DataProperty units of text-valued topics (Gemeentenaam, Soort regio, Codering, …). */
const TEXT_UNITS = new Set(['naam', 'omschrijving', 'code']);

function isTextTopic(p: DataProperty): boolean {
  return (
    p.datatype === 'String' || (p.unit !== null && TEXT_UNITS.has(p.unit.trim().toLowerCase()))
  );
}

/** "Bevolking/Aantal inwoners (aantal)" → "bevolking/aantal inwoners"; null when there is no unit. */
function withoutUnit(header: string): string | null {
  const m = /^(.*?)\s*\([^()]*\)\s*$/.exec(header);
  return m && m[1] ? normaliseHeader(m[1]) : null;
}

/**
 * CBS suffixes keep keys unique (Nederland_17 under Herkomstland, Nederland_20 under Geboren in
 * Nederland), but stems collide. As in the OData importer, the first numeric property with a
 * stem keeps it (the catalogue uses `BuitenEuropa` for herkomstland) and a later one keeps its
 * full key (`Nederland_20`), so both importers give a table's columns the same variable names.
 */
function variableFor(
  property: DataProperty,
  index: number,
  topics: readonly { property: DataProperty; index: number }[],
): string {
  const collides = topics.some(
    (t) => t.index < index && t.property.stem === property.stem && !isTextTopic(t.property),
  );
  return collides ? property.key : property.stem;
}

/** "Wijk 01 Binnenstad" → "Binnenstad"; null when the name is not a wijk row. */
function wijkName(name: string): string | null {
  const m = /^wijk\s+\d{1,3}\s+(.+)$/i.exec(name.trim());
  return m ? (m[1] as string).trim() : null;
}

/**
 * Matches a column header to a DataProperty. StatLine writes the topic path, the title and the
 * unit ("Bevolking/Bevolking naar herkomst/Herkomstland/Nederland (aantal)"); the title is the
 * last path segment (or segments, for titles that contain "/"). Titles repeat under different
 * groups ("Nederland" under Herkomstland and under Geboren in Nederland), and StatLine writes
 * columns in DataProperties order, so a repeated title takes the first property after the
 * previous column's property.
 */
function matchProperty(
  header: string,
  topics: readonly { property: DataProperty; index: number; title: string }[],
  previousIndex: number,
): { property: DataProperty; index: number } | undefined {
  const byKey = topics.find(
    (t) => t.property.key === header.trim() || t.property.stem === header.trim(),
  );
  if (byKey) return byKey;
  for (const text of [withoutUnit(header), normaliseHeader(header)]) {
    if (!text) continue;
    const last = text.split('/').pop() ?? text;
    const candidates = topics.filter(
      (t) => t.title === last || text === t.title || text.endsWith(`/${t.title}`),
    );
    if (candidates.length === 0) continue;
    const longest = Math.max(...candidates.map((c) => c.title.length));
    const best = candidates.filter((c) => c.title.length === longest);
    return best.find((c) => c.index > previousIndex) ?? best[0];
  }
  return undefined;
}

/**
 * Reads a CBS StatLine CSV download (`;`, decimal comma, quoted text, often a BOM or
 * Windows-1252) into observations. Regions come from a code column (`WijkenEnBuurten`,
 * `Codering`, or our `gwb_code_added`) or, with municipalityCode, from names within that
 * municipality. Nothing is written; bad input throws ImportValidationError.
 */
export function parseStatlineCsv(
  input: ImportInput,
  lookup: AreaLookup,
  options: StatlineCsvOptions,
): ParsedImport {
  const recognised = recogniseStatlineLayout(input, options.dataProperties, options.encoding);
  if (recognised.layout !== 'kopregels') return parseFlat(input, lookup, options);
  let parsed: ParsedImport;
  try {
    parsed = parseFlat(recognised.input, lookup, {
      ...options,
      encoding: recognised.encoding,
      decimalComma: options.decimalComma ?? recognised.decimalComma,
    });
  } catch (error) {
    if (error instanceof ImportValidationError)
      throw mapProblemLines(error, recognised.originalLine);
    throw error;
  }
  // The dataset is the file as the user has it: its own bytes, and how it was read.
  const readingOptions: Record<string, string> = { ...parsed.options, indeling: 'kopregels' };
  if (options.encoding === undefined) delete readingOptions.encoding;
  if (options.decimalComma === undefined) delete readingOptions.decimalComma;
  return { ...parsed, fileHash: sha256(input.bytes), options: readingOptions };
}

function parseFlat(
  input: ImportInput,
  lookup: AreaLookup,
  options: StatlineCsvOptions,
): ParsedImport {
  return importCsvBytes(statlineCsvImporter(input.fileName, lookup, options), input);
}

/** The importer of a flat StatLine CSV, to read a file in memory or a stream (importCsvStream). */
export function statlineCsvImporter(
  fileName: string,
  lookup: AreaLookup,
  options: StatlineCsvOptions,
): CsvImporter<ParsedImport> {
  const { indelingYear, municipalityCode } = options;
  const problems = new ProblemList(fileName);
  const topics = options.dataProperties
    .map((property, index) => ({ property, index, title: normaliseHeader(property.title) }))
    .filter((t) => t.property.type === 'Topic');
  const geoTitles = new Set(
    options.dataProperties
      .filter((p) => p.type === 'GeoDetail')
      .map((p) => normaliseHeader(p.title)),
  );
  geoTitles.add('wijken en buurten');
  geoTitles.add("regio's");

  if (municipalityCode !== undefined && areaKindOfCode(municipalityCode) !== 'gemeente') {
    problems.fail({
      field: 'municipalityCode',
      message: `"${municipalityCode}" is geen gemeentecode (verwacht GMxxxx)`,
    });
  }
  const fixedPeriod = splitProvisional(options.period);

  let roles: ColumnRole[] = [];
  let header: CsvHeader | undefined;
  let areaColumn = -1;
  let areaByName = false;
  let gemeenteColumn = -1;
  let periodColumn = -1;
  const observations: ParsedObservation[] = [];
  const used = new Map<string, { property: DataProperty; title: string }>();
  const duplicates = new DuplicateGuard();
  const nameCache = new Map<string, string | { error: string }>();

  const resolveName = (raw: string): string | { error: string } => {
    const cached = nameCache.get(raw);
    if (cached) return cached;
    let result: string | { error: string };
    const name = raw.trim();
    const gm = municipalityCode as string;
    if (normaliseHeader(name) === 'nederland') result = 'NL00';
    else {
      const wijk = wijkName(name);
      const found = lookup
        .findByName(indelingYear, gm, wijk ?? name)
        .filter((a) => (wijk ? a.kind === 'wijk' : a.kind !== 'wijk'));
      if (found.length === 1) result = (found[0] as { code: string }).code;
      else if (found.length === 0) {
        result = {
          error: `onbekende gebiedsnaam: "${name}" bestaat niet in ${gm}, indeling ${indelingYear}`,
        };
      } else {
        result = {
          error: `gebiedsnaam "${name}" is niet eenduidig in ${gm}: ${found.map((f) => f.code).join(', ')}`,
        };
      }
    }
    nameCache.set(raw, result);
    return result;
  };

  const readOptions = { encoding: options.encoding, minColumns: 2 };
  const visitor: CsvVisitor = {
    header(h) {
      header = h;
      let previous = -1;
      const unmatched: Parameters<ProblemList['add']>[0][] = [];
      const firstColumn = new Map<string, number>();
      roles = h.fields.map((name, i): ColumnRole => {
        const norm = normaliseHeader(name);
        const title = withoutUnit(name) ?? norm;
        const last = title.split('/').pop() ?? title;
        if (norm === 'gwb_code_added')
          return municipalityCode === undefined ? { role: 'code' } : { role: 'ignore' };
        if (META_COLUMNS.has(norm) || DESCRIPTIVE_COLUMNS.has(norm)) return { role: 'ignore' };
        if (CODE_COLUMNS.has(norm) || last === 'codering') return { role: 'code' };
        if (geoTitles.has(norm)) return { role: 'region' };
        if (norm === 'perioden') return { role: 'period' };
        if (last === 'gemeentenaam') return { role: 'gemeentenaam' };
        const match = matchProperty(name, topics, previous);
        if (!match) {
          unmatched.push({
            line: 1,
            column: i + 1,
            field: name,
            message: `kolom "${name}" hoort niet bij tabel ${options.tableId}: geen onderwerp met deze titel in de DataProperties`,
          });
          return { role: 'ignore' };
        }
        previous = match.index;
        if (isTextTopic(match.property)) return { role: 'ignore' };
        const variable = variableFor(match.property, match.index, topics);
        const variableTitle = match.property.title;
        const earlier = firstColumn.get(variable);
        if (earlier !== undefined) {
          problems.add({
            line: 1,
            column: i + 1,
            field: name,
            message: `kolom geeft dezelfde variabele (${variable}) als kolom ${earlier}`,
          });
          return { role: 'ignore' };
        }
        firstColumn.set(variable, i + 1);
        used.set(variable, { property: match.property, title: variableTitle });
        return { role: 'value', property: match.property, variable, title: variableTitle };
      });
      const codeColumn = roles.findIndex((r) => r.role === 'code');
      const regionColumn = roles.findIndex((r) => r.role === 'region');
      gemeenteColumn = roles.findIndex((r) => r.role === 'gemeentenaam');
      periodColumn = roles.findIndex((r) => r.role === 'period');
      const hasValues = roles.some((r) => r.role === 'value');
      if (codeColumn < 0 && regionColumn < 0 && !hasValues) {
        problems.fail({
          line: 1,
          column: 1,
          field: h.fields[0],
          message: `onbekende indeling: dit is geen StatLine-download van tabel ${options.tableId}. Wijkkompas herkent een kopregel met onderwerpen ("Bevolking/Aantal inwoners (aantal)"), een kopregel met CBS-sleutels ("WijkenEnBuurten", "AantalInwoners_5") en StatLine's tabel met kopregels (titel, onderwerpen, eenheden); de eerste kolom geeft dan de gebieden ("Wijken en buurten", "WijkenEnBuurten", "Codering" of "code")`,
        });
      }
      for (const problem of unmatched) problems.add(problem);
      if (codeColumn >= 0) areaColumn = codeColumn;
      else if (regionColumn >= 0) {
        areaColumn = regionColumn;
        areaByName = municipalityCode !== undefined;
      } else {
        problems.add({
          line: 1,
          message:
            'kolom met gebieden ontbreekt: verwacht "Wijken en buurten", "WijkenEnBuurten" of "Codering"',
        });
      }
      if (!hasValues) {
        problems.add({ line: 1, message: 'geen enkele kolom met cijfers gevonden' });
      }
      problems.throwIfAny();
    },

    row({ line, fields }) {
      const h = header as CsvHeader;
      const areaField = h.fields[areaColumn];
      const rawArea = (fields[areaColumn] ?? '').trim();
      if (areaByName && gemeenteColumn >= 0) {
        // A national download holds every municipality: keep NL and this municipality's rows.
        const gemeente = (fields[gemeenteColumn] ?? '').trim();
        const isNl =
          normaliseHeader(gemeente) === 'nederland' || normaliseHeader(rawArea) === 'nederland';
        const isOurs = lookup
          .findByName(indelingYear, municipalityCode as string, gemeente)
          .some((a) => a.kind === 'gemeente');
        if (!(isNl && !isMunicipalScope(options.scope)) && !isOurs) return;
      }
      let code: string;
      if (areaKindOfCode(rawArea) !== null) code = rawArea;
      else if (areaByName) {
        const resolved = resolveName(rawArea);
        if (typeof resolved !== 'string') {
          problems.add({ line, column: areaColumn + 1, field: areaField, message: resolved.error });
          return;
        }
        code = resolved;
        // A download read by name for one municipality keeps its own rows, also without a
        // Gemeentenaam column (StatLine's table download): the Netherlands row is left out.
        if (code === 'NL00' && isMunicipalScope(options.scope)) return;
      } else {
        problems.add({
          line,
          column: areaColumn + 1,
          field: areaField,
          message:
            rawArea === ''
              ? 'gebied ontbreekt'
              : `"${rawArea}" is geen CBS-gebiedscode; geef de gemeente op om gebieden op naam te koppelen`,
        });
        return;
      }
      const codeProblem =
        areaCodeProblem(lookup, indelingYear, code) ?? scopeProblem(options.scope, code);
      if (codeProblem) {
        problems.add({ line, column: areaColumn + 1, field: areaField, message: codeProblem });
        return;
      }

      let period = fixedPeriod;
      if (periodColumn >= 0) {
        const raw = splitProvisional(fields[periodColumn] ?? '');
        const year = cbsYearPeriod(raw.text);
        if (!year) {
          problems.add({
            line,
            column: periodColumn + 1,
            field: h.fields[periodColumn],
            message: `onbekende periode "${fields[periodColumn] ?? ''}"; verwacht een jaar zoals 2024 of 2024JJ00`,
          });
          return;
        }
        period = { text: year, provisional: raw.provisional };
      }

      const earlier = duplicates.check(`${code}|${period.text}`, line);
      if (earlier !== undefined) {
        problems.add({
          line,
          column: areaColumn + 1,
          field: areaField,
          message: `dubbele rij: ${code}, periode ${period.text} staat al op regel ${earlier} (en nu op regel ${line})`,
        });
        return;
      }

      roles.forEach((role, i) => {
        if (role.role !== 'value') return;
        const parsed = parseCbsValue(fields[i] ?? '', options.decimalComma ?? h.decimalComma);
        if (!parsed.ok) {
          problems.add({ line, column: i + 1, field: h.fields[i], message: parsed.message });
          return;
        }
        const impossible = valueProblem(options.plausibility, role.variable, parsed.value);
        if (impossible) {
          problems.add({ line, column: i + 1, field: h.fields[i], message: impossible });
          return;
        }
        observations.push({
          variable: role.variable,
          indeling_year: indelingYear,
          area_code: code,
          period: period.text,
          value: parsed.value,
          numerator: null,
          denominator: null,
          status:
            period.provisional && parsed.status === 'definitief' ? 'voorlopig' : parsed.status,
        });
      });
    },
  };

  const finish = ({ rowCount, fileHash }: { rowCount: number; fileHash: string }): ParsedImport => {
    problems.throwIfAny();
    if (observations.length === 0) {
      problems.fail({
        message: `geen rijen voor ${municipalityCode ?? 'de opgegeven gebieden'} gevonden in het bestand`,
      });
    }

    const variables: Variable[] = [...used.entries()].map(([variable, { property, title }]) => ({
      stem: variable,
      table_id: options.tableId,
      title,
      unit: property.unit,
      description: property.description,
    }));
    const readingOptions: Record<string, string> = {
      tableId: options.tableId,
      indelingYear: String(indelingYear),
      period: options.period,
      // Which column became which variable depends on the DataProperties handed in.
      columns: sha256(roles.map((r) => (r.role === 'value' ? r.variable : r.role)).join('|')).slice(
        0,
        16,
      ),
    };
    if (municipalityCode !== undefined) readingOptions.municipalityCode = municipalityCode;
    if (options.edition !== undefined) readingOptions.edition = options.edition;
    if (options.encoding !== undefined) readingOptions.encoding = options.encoding;
    if (options.decimalComma !== undefined)
      readingOptions.decimalComma = String(options.decimalComma);

    return {
      kind: 'cbs-statline-csv',
      source: 'CBS',
      tableId: options.tableId,
      edition: options.edition ?? null,
      title: `CBS-tabel ${options.tableId} (StatLine-download, ${options.period})`,
      fileName,
      fileHash,
      indelingYear,
      attribution: `Bron: CBS, StatLine-tabel ${options.tableId} (CC BY 4.0)`,
      options: readingOptions,
      rowCount,
      areas: [],
      observations,
      variables,
    };
  };
  return { problems, readOptions, visitor, finish };
}
