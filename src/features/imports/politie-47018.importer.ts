import type { Variable } from '../datasets/index.ts';
import { variableStem } from './cbs-metadata.ts';
import {
  areaCodeProblem,
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
import { scopeProblem } from './import-scope.ts';
import { valueProblem, type PlausibilityRules } from './plausibility.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';

export const POLITIE_TABLE_ID = '47018NED';
/** SoortMisdrijf code of all crimes together. */
export const TOTAL_CRIME_TYPE = '0.0.0';
export const CRIME_VARIABLE = 'GeregistreerdeMisdrijven';

export interface Politie47018Options {
  indelingYear: number;
  /** Forces the file's encoding instead of detecting it. */
  encoding?: CsvEncoding;
  /** The municipality the import is for: rows of other areas are refused (ADR 0017). */
  scope?: string;
  /** What a figure can be (catalogue/plausibility.json): known crime types, whole counts. */
  plausibility?: PlausibilityRules;
}

/** Variable of one crime type: the total keeps the plain stem, a type gets its code appended. */
export function crimeVariable(crimeType: string): string {
  return crimeType === TOTAL_CRIME_TYPE ? CRIME_VARIABLE : `${CRIME_VARIABLE}.${crimeType}`;
}

const REQUIRED = ['SoortMisdrijf', 'WijkenEnBuurten', 'Perioden', CRIME_VARIABLE] as const;
/** Columns a cbsodataR or OData export adds that carry no figure. */
const IGNORED = new Set([
  'source_year',
  'id',
  'gemeentenaam',
  'soortregio',
  'codering',
  'indelingswijzigingwijkenenbuurten',
]);
const CRIME_TYPE = /^\d+(\.\d+){2}$/;

/**
 * Reads CBS/Politie table 47018NED (geregistreerde misdrijven per soort, wijk en buurt) in the
 * long layout of an OData or cbsodataR export: one row per crime type, area and year. Keys may be
 * space-padded as CBS writes them ("0.0.0 ", "BU05050100  "). Nothing is written.
 */
export function parsePolitie47018Csv(
  input: ImportInput,
  lookup: AreaLookup,
  options: Politie47018Options,
): ParsedImport {
  return importCsvBytes(politie47018Importer(input.fileName, lookup, options), input);
}

/** The importer of parsePolitie47018Csv, to read a file in memory or a stream (importCsvStream). */
export function politie47018Importer(
  fileName: string,
  lookup: AreaLookup,
  options: Politie47018Options,
): CsvImporter<ParsedImport> {
  const { indelingYear } = options;
  const problems = new ProblemList(fileName);
  const column: Record<(typeof REQUIRED)[number], number> = {
    SoortMisdrijf: -1,
    WijkenEnBuurten: -1,
    Perioden: -1,
    GeregistreerdeMisdrijven: -1,
  };
  let header: CsvHeader | undefined;
  const observations: ParsedObservation[] = [];
  const crimeTypes = new Set<string>();
  const duplicates = new DuplicateGuard();

  const readOptions = { encoding: options.encoding, minColumns: REQUIRED.length };
  const visitor: CsvVisitor = {
    header(h) {
      header = h;
      h.fields.forEach((name, i) => {
        const stem = normaliseHeader(variableStem(name));
        const required = REQUIRED.find((r) => normaliseHeader(r) === stem);
        if (required) {
          if (column[required] >= 0) {
            problems.add({
              line: 1,
              column: i + 1,
              field: name,
              message: `kolom ${required} komt twee keer voor (ook kolom ${column[required] + 1})`,
            });
          } else column[required] = i;
        } else if (!IGNORED.has(stem)) {
          problems.add({
            line: 1,
            column: i + 1,
            field: name,
            message: `onbekende kolom "${name}" voor tabel ${POLITIE_TABLE_ID}`,
          });
        }
      });
      for (const r of REQUIRED) {
        if (column[r] < 0)
          problems.add({ line: 1, field: r, message: `kolom ${r} ontbreekt in de kopregel` });
      }
      problems.throwIfAny();
    },

    row({ line, fields }) {
      const h = header as CsvHeader;
      const at = (key: (typeof REQUIRED)[number]) => ({
        line,
        column: column[key] + 1,
        field: h.fields[column[key]],
      });
      let ok = true;

      const crimeType = (fields[column.SoortMisdrijf] ?? '').trim();
      if (!CRIME_TYPE.test(crimeType)) {
        problems.add({
          ...at('SoortMisdrijf'),
          message: `onbekende soort misdrijf "${crimeType}"; verwacht een code zoals 0.0.0 of 1.1.1`,
        });
        ok = false;
      } else if (options.plausibility && !options.plausibility.isKnownCrimeType(crimeType)) {
        problems.add({
          ...at('SoortMisdrijf'),
          message: `onbekende soort misdrijf "${crimeType}": die code staat niet in tabel ${POLITIE_TABLE_ID} (catalogue/plausibility.json)`,
        });
        ok = false;
      }
      const code = (fields[column.WijkenEnBuurten] ?? '').trim();
      const codeProblem =
        areaCodeProblem(lookup, indelingYear, code) ?? scopeProblem(options.scope, code);
      if (codeProblem) {
        problems.add({ ...at('WijkenEnBuurten'), message: codeProblem });
        ok = false;
      }
      const rawPeriod = splitProvisional(fields[column.Perioden] ?? '');
      const period = cbsYearPeriod(rawPeriod.text);
      if (!period) {
        problems.add({
          ...at('Perioden'),
          message: `onbekende periode "${rawPeriod.text}"; verwacht een jaar zoals 2023JJ00`,
        });
        ok = false;
      }
      const value = parseCbsValue(fields[column.GeregistreerdeMisdrijven] ?? '', h.decimalComma);
      if (!value.ok) {
        problems.add({ ...at('GeregistreerdeMisdrijven'), message: value.message });
        ok = false;
      } else {
        const impossible = valueProblem(options.plausibility, CRIME_VARIABLE, value.value);
        if (impossible) {
          problems.add({ ...at('GeregistreerdeMisdrijven'), message: impossible });
          ok = false;
        }
      }
      if (!ok || !value.ok || !period) return;

      const variable = crimeVariable(crimeType);
      const earlier = duplicates.check(`${variable}|${code}|${period}`, line);
      if (earlier !== undefined) {
        problems.add({
          ...at('WijkenEnBuurten'),
          message: `dubbele rij: soort ${crimeType}, ${code}, periode ${period} staat al op regel ${earlier} (en nu op regel ${line})`,
        });
        return;
      }
      crimeTypes.add(crimeType);
      observations.push({
        variable,
        indeling_year: indelingYear,
        area_code: code,
        period,
        value: value.value,
        numerator: null,
        denominator: null,
        status: rawPeriod.provisional && value.status === 'definitief' ? 'voorlopig' : value.status,
      });
    },
  };

  const finish = ({ rowCount, fileHash }: { rowCount: number; fileHash: string }): ParsedImport => {
    problems.throwIfAny();

    const variables: Variable[] = [...crimeTypes].sort().map((t) => ({
      stem: crimeVariable(t),
      table_id: POLITIE_TABLE_ID,
      title:
        t === TOTAL_CRIME_TYPE
          ? 'Geregistreerde misdrijven, totaal'
          : `Geregistreerde misdrijven, soort ${t}`,
      unit: 'aantal',
      description: null,
    }));
    const readingOptions: Record<string, string> = { indelingYear: String(indelingYear) };
    if (options.encoding !== undefined) readingOptions.encoding = options.encoding;

    return {
      kind: 'politie-47018',
      source: 'CBS/Politie',
      tableId: POLITIE_TABLE_ID,
      edition: null,
      title: 'Geregistreerde misdrijven; soort misdrijf, wijk, buurt (47018NED)',
      fileName,
      fileHash,
      indelingYear,
      attribution: `Bron: CBS/Politie, tabel ${POLITIE_TABLE_ID} (CC BY 4.0)`,
      options: readingOptions,
      rowCount,
      areas: [],
      observations,
      variables,
    };
  };
  return { problems, readOptions, visitor, finish };
}
