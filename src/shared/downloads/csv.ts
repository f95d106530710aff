import type { CellValue, DataColumn, DataTable } from '../data-table.ts';
import { assertNoReservedKeys, numberText } from './format-number.ts';

/**
 * 'komma': RFC 4180 (`,` separator, `.` decimals, UTF-8).
 * 'excel-nl': what Excel with Dutch regional settings opens without an import wizard: `;`
 * separator, decimal comma, UTF-8 with a byte order mark (without it Excel guesses Windows-1252).
 */
export type CsvDialect = 'komma' | 'excel-nl';

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** OWASP CSV injection: a cell starting with one of these is read as a formula by spreadsheets. */
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(field: string, separator: string): string {
  if (field.includes(separator) || /["\r\n]/.test(field)) return `"${field.replace(/"/g, '""')}"`;
  return field;
}

function cellText(value: CellValue, column: DataColumn, dialect: CsvDialect): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    const text = numberText(value, column) ?? '';
    return dialect === 'excel-nl' ? text.replace('.', ',') : text;
  }
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The table as CSV: its columns, then `status` (flags joined by `|`) and `bron` (the source on
 * every row, so attribution travels with any part of the file). Text that a spreadsheet would
 * run as a formula gets a leading apostrophe; numbers never do.
 */
export function toCsv(table: DataTable, dialect: CsvDialect): string {
  assertNoReservedKeys(table.columns);
  const separator = dialect === 'excel-nl' ? ';' : ',';
  const source = cellText(table.source, { key: 'bron', label: 'Bron', type: 'text' }, dialect);
  const lines: string[] = [
    [...table.columns.map((c) => c.key), 'status', 'bron']
      .map((h) => quote(h, separator))
      .join(separator),
  ];
  for (const row of table.rows) {
    const fields = table.columns.map((column) =>
      cellText(row.cells[column.key] ?? null, column, dialect),
    );
    fields.push(row.flags.join('|'), source);
    lines.push(fields.map((f) => quote(f, separator)).join(separator));
  }
  const body = lines.join(CRLF) + CRLF;
  return dialect === 'excel-nl' ? BOM + body : body;
}
