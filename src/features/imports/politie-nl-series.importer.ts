import type { Variable } from '../datasets/index.ts';
import {
  areaCodeProblem,
  DuplicateGuard,
  findColumn,
  parseCbsValue,
  ProblemList,
  readCsv,
  type CsvHeader,
} from './csv-reader.ts';
import { sha256 } from './import.service.ts';
import type { AreaLookup, ImportInput, ParsedImport, ParsedObservation } from './import.types.ts';
import { crimeVariable, TOTAL_CRIME_TYPE } from './politie-47018.importer.ts';

/** The national table of registered crimes per type and year (Politie via CBS). */
export const POLITIE_NL_TABLE_ID = '47025NED';
const NETHERLANDS = 'NL00';
const TOTAL_LABEL = 'totaal misdrijven';

export interface PolitieNlSeriesOptions {
  /** Indeling year whose NL00 area the figures belong to (the Netherlands is the same in each). */
  indelingYear: number;
  /**
   * First year the file's figures were still provisional when downloaded: the shipped copy was
   * downloaded in January 2024, so 2023 is `voorlopig` (SOURCES.md §9).
   */
  provisionalFrom?: number;
}

/**
 * Reads the national crime series (`incident_type_code, year, incident_count`, one row per crime
 * type and year, e.g. `datasets/politie-reference/nl_misdrijven_per_soort_jaar_47025NED.csv`) as
 * NL00 figures under the same variables as 47018NED per buurt (`GeregistreerdeMisdrijven`,
 * `GeregistreerdeMisdrijven.1.1.1`), so the Netherlands stands beside an area's crime figures.
 * The file's authors replaced missing values by 0; a 0 therefore cannot be told from "not
 * published" and is left out (counted in the options), never stored as a figure.
 */
export function parsePolitieNlSeries(
  input: ImportInput,
  lookup: AreaLookup,
  options: PolitieNlSeriesOptions,
): ParsedImport {
  const problems = new ProblemList(input.fileName);
  const areaProblem = areaCodeProblem(lookup, options.indelingYear, NETHERLANDS);
  if (areaProblem) problems.fail({ message: `${areaProblem}; laad eerst de landelijke cijfers` });
  const column = { type: -1, year: -1, count: -1 };
  const observations: ParsedObservation[] = [];
  const types = new Map<string, string>();
  const duplicates = new DuplicateGuard();
  let zeros = 0;
  let header: CsvHeader | undefined;

  const { rowCount } = readCsv(input, { minColumns: 3 }, problems, {
    header(h) {
      header = h;
      column.type = findColumn(h.fields, 'incident_type_code', 'SoortMisdrijf');
      column.year = findColumn(h.fields, 'year', 'jaar', 'Perioden');
      column.count = findColumn(h.fields, 'incident_count', 'GeregistreerdeMisdrijven_1');
      for (const [name, index] of Object.entries(column)) {
        if (index < 0) {
          problems.add({
            line: 1,
            message: `kolom ontbreekt: verwacht incident_type_code, year en incident_count (${name} niet gevonden)`,
          });
        }
      }
      problems.throwIfAny();
    },
    row({ line, fields }) {
      const h = header as CsvHeader;
      const label = (fields[column.type] ?? '').trim();
      const at = (c: number) => ({ line, column: c + 1, field: h.fields[c] });
      let type: string;
      if (label.toLocaleLowerCase('nl') === TOTAL_LABEL) type = TOTAL_CRIME_TYPE;
      else {
        const code = /^(\d+(?:\.\d+)+)\s+\S/.exec(label);
        if (!code) {
          problems.add({
            ...at(column.type),
            message: `onbekende soort misdrijf "${label}": verwacht "Totaal misdrijven" of een code zoals "1.1.1 Diefstal/inbraak woning"`,
          });
          return;
        }
        type = code[1] as string;
      }
      const year = /^(\d{4})(JJ00)?$/.exec((fields[column.year] ?? '').trim());
      if (!year) {
        problems.add({
          ...at(column.year),
          message: `onbekend jaar "${fields[column.year] ?? ''}"; verwacht bijvoorbeeld 2023`,
        });
        return;
      }
      const period = year[1] as string;
      const value = parseCbsValue(fields[column.count] ?? '', h.decimalComma);
      if (!value.ok) {
        problems.add({ ...at(column.count), message: value.message });
        return;
      }
      const variable = crimeVariable(type);
      const earlier = duplicates.check(`${variable}|${period}`, line);
      if (earlier !== undefined) {
        problems.add({
          ...at(column.type),
          message: `dubbele rij: ${label}, ${period} staat al op regel ${earlier}`,
        });
        return;
      }
      if (value.value === 0) {
        zeros++;
        return;
      }
      types.set(variable, label);
      const provisional =
        options.provisionalFrom !== undefined && Number(period) >= options.provisionalFrom;
      observations.push({
        variable,
        indeling_year: options.indelingYear,
        area_code: NETHERLANDS,
        period,
        value: value.value,
        numerator: null,
        denominator: null,
        status: value.status === 'definitief' && provisional ? 'voorlopig' : value.status,
      });
    },
  });
  problems.throwIfAny();
  if (observations.length === 0) problems.fail({ message: 'geen enkel cijfer in het bestand' });

  const variables: Variable[] = [...types.entries()].sort().map(([stem, label]) => ({
    stem,
    table_id: POLITIE_NL_TABLE_ID,
    title: `Geregistreerde misdrijven, ${label.toLocaleLowerCase('nl') === TOTAL_LABEL ? 'totaal' : `soort ${label}`} (Nederland)`,
    unit: 'aantal',
    description: null,
  }));
  const readingOptions: Record<string, string> = {
    indelingYear: String(options.indelingYear),
    nulWeggelaten: String(zeros),
  };
  if (options.provisionalFrom !== undefined)
    readingOptions.voorlopigVanaf = String(options.provisionalFrom);
  return {
    kind: 'politie-47025',
    source: 'CBS/Politie',
    tableId: POLITIE_NL_TABLE_ID,
    edition: null,
    title: 'Geregistreerde misdrijven; soort misdrijf, Nederland, jaarcijfers (47025NED)',
    fileName: input.fileName,
    fileHash: sha256(input.bytes),
    indelingYear: options.indelingYear,
    attribution: `Bron: CBS/Politie, tabel ${POLITIE_NL_TABLE_ID} (CC BY 4.0)`,
    options: readingOptions,
    rowCount,
    areas: [],
    observations,
    variables,
  };
}
