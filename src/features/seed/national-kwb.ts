import { parse } from 'csv-parse/sync';
import type { NewArea } from '../areas/index.ts';
import type { Variable } from '../datasets/index.ts';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import {
  variableStem,
  sha256,
  type DataProperty,
  type AreaLookup,
  type ParsedImport,
  type ParsedObservation,
} from '../imports/index.ts';

export const NATIONAL_KWB_FILE = 'cbs-kwb-2024/kwb2024_gemeenten_wijken_nl.csv';

const INDELING = 2024;
const PERIOD = '2024';
const NETHERLANDS = 'NL00';
const DENSITY = 'Bevolkingsdichtheid';
const INHABITANTS = 'AantalInwoners';
const LAND = 'OppervlakteLand';

/**
 * KWB 2024 (85984NED) for every gemeente and wijk of the Netherlands, 8 variables
 * (datasets/SOURCES.md §2): the areas of indeling 2024 that are not there yet (without outlines)
 * and their figures. The file has no names; `names` supplies those we know (the focus areas'
 * municipalities and wijken), every other area is stored under its code. The file has no row for
 * the Netherlands either: NL00 is the sum of the 342 gemeenten (CBS's own total for inhabitants),
 * its density that sum of inhabitants per km² of that sum of land. The options say so.
 */
export function parseNationalKwb(
  bytes: Buffer,
  lookup: AreaLookup,
  input: { dataProperties: readonly DataProperty[]; names: ReadonlyMap<string, string> },
): ParsedImport {
  const file = NATIONAL_KWB_FILE;
  const rows = parse(bytes, { columns: true, bom: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  const header = Object.keys(rows[0] ?? {});
  const problems: ImportProblem[] = [];
  if (!header.includes('code') || !header.includes('soort'))
    problems.push({ file, line: 1, message: 'kolom code of soort ontbreekt' });
  const properties = new Map(input.dataProperties.map((p) => [p.key, p]));
  const valueColumns = header.filter((h) => h !== 'code' && h !== 'soort');
  for (const column of valueColumns) {
    if (!properties.has(column))
      problems.push({ file, line: 1, field: column, message: 'onbekende CBS-variabele' });
  }
  if (problems.length > 0) throw new ImportValidationError(problems);

  const areas: NewArea[] = [];
  const observations: ParsedObservation[] = [];
  const totals = new Map<string, number>();
  rows.forEach((row, i) => {
    const line = i + 2;
    const code = row.code ?? '';
    const kind = row.soort === 'Gemeente' ? 'gemeente' : row.soort === 'Wijk' ? 'wijk' : null;
    const pattern = kind === 'gemeente' ? /^GM\d{4}$/ : /^WK\d{4}[0-9A-Z]{2}$/;
    if (!kind || !pattern.test(code)) {
      problems.push({
        file,
        line,
        field: 'code',
        message: `geen gemeente- of wijkcode: "${code}"`,
      });
      return;
    }
    const municipality = kind === 'gemeente' ? code : `GM${code.slice(2, 6)}`;
    if (!lookup.has(INDELING, code)) {
      areas.push({
        indeling_year: INDELING,
        code,
        kind,
        name: input.names.get(code) ?? code,
        parent_code: kind === 'wijk' ? municipality : null,
        municipality_code: municipality,
        geometry: null,
        is_water: 0,
      });
    }
    for (const column of valueColumns) {
      const raw = (row[column] ?? '').trim();
      const value = raw === '' ? null : Number(raw);
      if (value !== null && !Number.isFinite(value)) {
        problems.push({ file, line, field: column, message: `geen getal: "${raw.slice(0, 40)}"` });
        continue;
      }
      const variable = variableStem(column);
      observations.push({
        variable,
        indeling_year: INDELING,
        area_code: code,
        period: PERIOD,
        value,
        numerator: null,
        denominator: null,
        // An empty cell: CBS gave no figure (".", secret or unknown, in its own notation).
        status: value === null ? 'geheim' : 'definitief',
      });
      if (kind === 'gemeente' && value !== null)
        totals.set(variable, (totals.get(variable) ?? 0) + value);
    }
  });
  if (problems.length > 0) throw new ImportValidationError(problems.slice(0, 50));

  const gemeenten = rows.filter((r) => r.soort === 'Gemeente').length;
  for (const column of valueColumns) {
    const variable = variableStem(column);
    let value = totals.get(variable) ?? null;
    if (variable === DENSITY) {
      const inhabitants = totals.get(INHABITANTS);
      const land = totals.get(LAND);
      value = inhabitants !== undefined && land ? Math.round(inhabitants / (land / 100)) : null;
    }
    observations.push({
      variable,
      indeling_year: INDELING,
      area_code: NETHERLANDS,
      period: PERIOD,
      value,
      numerator: null,
      denominator: null,
      status: value === null ? 'geheim' : 'definitief',
    });
  }

  const variables: Variable[] = valueColumns.map((column) => {
    const p = properties.get(column) as DataProperty;
    return {
      stem: p.stem,
      table_id: '85984NED',
      title: p.title,
      unit: p.unit,
      description: p.description,
    };
  });
  return {
    kind: 'cbs-odata',
    source: 'CBS, Kerncijfers wijken en buurten 2024 (85984NED), alle gemeenten en wijken',
    tableId: '85984NED',
    edition: '2024',
    title: 'Kerncijfers wijken en buurten 2024: gemeenten en wijken van Nederland (8 variabelen)',
    fileName: file,
    fileHash: sha256(bytes),
    indelingYear: INDELING,
    attribution: 'Bron: CBS, Kerncijfers wijken en buurten 2024. Licentie CC BY 4.0.',
    options: {
      nederland: `NL00 = som van ${gemeenten} gemeenten; dichtheid = som inwoners / som land`,
      namen: sha256([...input.names].sort().join('\n')).slice(0, 16),
    },
    rowCount: rows.length,
    areas,
    observations,
    variables,
  };
}
