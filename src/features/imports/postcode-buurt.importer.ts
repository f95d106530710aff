import { ImportValidationError } from '../../shared/errors.ts';
import { findColumn, ProblemList, readCsv, type CsvHeader } from './csv-reader.ts';
import { sha256 } from './import.service.ts';
import type { ImportInput } from './import.types.ts';

/**
 * CBS "buurt, wijk en gemeente per postcode" (maatwerk, one edition a year): a `;` file with per
 * address `PC6;Huisnummer;Buurt2024;Wijk2024;Gemeente2024`, or per postcode without
 * `Huisnummer`. CBS writes the codes as bare digits and sometimes without leading zeros
 * (`5050301` for BU05050301); both that and the prefixed form are read. Addresses are counted
 * per postcode and buurt, so the table stays small (one row per postcode per buurt).
 */

export interface PostcodeBuurtRow {
  postcode: string;
  buurt_code: string;
  wijk_code: string;
  gemeente_code: string;
  addresses: number;
}

export interface ParsedPostcodeTable {
  fileName: string;
  fileHash: string;
  indelingYear: number;
  /** True for the file per address (with `Huisnummer`). */
  perAddress: boolean;
  rowCount: number;
  rows: PostcodeBuurtRow[];
}

const PC6 = /^[1-9]\d{3}[A-Z]{2}$/;

/**
 * `5050301`, `05050301` or `BU05050301` → `BU05050301`; undefined when it is no such code. A
 * number may have lost its leading zeros; a code with letters (Amsterdam's `0363AF09` since
 * 2022) is a text and must be whole.
 */
function cbsCode(raw: string, prefix: 'BU' | 'WK' | 'GM', length: number): string | undefined {
  const text = raw.trim().toUpperCase();
  const bare = text.startsWith(prefix) ? text.slice(2) : text;
  if (/^\d+$/.test(bare) && bare.length <= length) return `${prefix}${bare.padStart(length, '0')}`;
  if (/^\d{4}[0-9A-Z]+$/.test(bare) && bare.length === length) return `${prefix}${bare}`;
  return undefined;
}

export function parsePostcodeBuurtCsv(
  input: ImportInput,
  options: { indelingYear: number },
): ParsedPostcodeTable {
  const problems = new ProblemList(input.fileName);
  const year = options.indelingYear;
  const columns = { pc6: -1, number: -1, buurt: -1, wijk: -1, gemeente: -1 };
  const counts = new Map<string, PostcodeBuurtRow>();
  let header: CsvHeader | undefined;
  const result = readCsv(input, { minColumns: 4 }, problems, {
    header(h) {
      header = h;
      columns.pc6 = findColumn(h.fields, 'PC6', 'Postcode');
      columns.number = findColumn(h.fields, 'Huisnummer');
      columns.buurt = findColumn(h.fields, `Buurt${year}`, `Buurtcode${year}`);
      columns.wijk = findColumn(h.fields, `Wijk${year}`, `Wijkcode${year}`);
      columns.gemeente = findColumn(h.fields, `Gemeente${year}`, `Gemeentecode${year}`);
      const other = h.fields.find((f) => /^(buurt|wijk|gemeente)(code)?\d{4}$/i.test(f.trim()));
      for (const [key, name] of [
        ['pc6', 'PC6'],
        ['buurt', `Buurt${year}`],
        ['wijk', `Wijk${year}`],
        ['gemeente', `Gemeente${year}`],
      ] as const) {
        if (columns[key] >= 0) continue;
        problems.add({
          line: 1,
          field: name,
          message:
            key !== 'pc6' && other
              ? `kolom "${name}" ontbreekt; het bestand heeft "${other.trim()}": is het de indeling van een ander jaar dan ${year}? Kies --indeling passend bij het bestand.`
              : `kolom "${name}" ontbreekt (verwacht: PC6;Huisnummer;Buurt${year};Wijk${year};Gemeente${year})`,
        });
      }
    },
    row({ line, fields }) {
      if (columns.pc6 < 0 || columns.buurt < 0 || columns.wijk < 0 || columns.gemeente < 0) return;
      const at = (i: number, field: string) => ({ line, column: i + 1, field });
      const postcode = (fields[columns.pc6] ?? '').trim().toUpperCase().replace(/\s+/g, '');
      if (!PC6.test(postcode)) {
        problems.add({
          ...at(columns.pc6, header!.fields[columns.pc6]!),
          message: `"${postcode.slice(0, 20)}" is geen postcode van 4 cijfers en 2 letters`,
        });
        return;
      }
      const buurt = cbsCode(fields[columns.buurt] ?? '', 'BU', 8);
      const wijk = cbsCode(fields[columns.wijk] ?? '', 'WK', 6);
      const gemeente = cbsCode(fields[columns.gemeente] ?? '', 'GM', 4);
      for (const [code, i, what] of [
        [buurt, columns.buurt, 'buurtcode (8 tekens)'],
        [wijk, columns.wijk, 'wijkcode (6 tekens)'],
        [gemeente, columns.gemeente, 'gemeentecode (4 cijfers)'],
      ] as const) {
        if (!code)
          problems.add({
            ...at(i, header!.fields[i]!),
            message: `"${(fields[i] ?? '').slice(0, 20)}" is geen ${what}`,
          });
      }
      if (!buurt || !wijk || !gemeente) return;
      if (!buurt.startsWith(`BU${wijk.slice(2)}`) || !wijk.startsWith(`WK${gemeente.slice(2)}`)) {
        problems.add({
          ...at(columns.buurt, header!.fields[columns.buurt]!),
          message: `buurt ${buurt} hoort niet bij wijk ${wijk} en gemeente ${gemeente}`,
        });
        return;
      }
      const key = `${postcode}|${buurt}`;
      const known = counts.get(key);
      if (known) known.addresses += 1;
      else
        counts.set(key, {
          postcode,
          buurt_code: buurt,
          wijk_code: wijk,
          gemeente_code: gemeente,
          addresses: 1,
        });
    },
  });
  if (problems.count === 0 && counts.size === 0)
    problems.add({ line: 2, message: 'het bestand heeft geen regels met een postcode' });
  if (problems.count > 0) throw new ImportValidationError(problems.items);
  return {
    fileName: input.fileName,
    fileHash: sha256(input.bytes),
    indelingYear: year,
    perAddress: columns.number >= 0,
    rowCount: result.rowCount,
    rows: [...counts.values()].sort(
      (a, b) => a.postcode.localeCompare(b.postcode) || a.buurt_code.localeCompare(b.buurt_code),
    ),
  };
}
