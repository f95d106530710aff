/**
 * RFC 4180 CSV as researchers' tools read it: comma, CRLF, fields quoted when they hold a comma,
 * quote or line break, UTF-8 with a byte order mark so Excel does not guess Windows-1252.
 */

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** OWASP CSV injection: a text cell starting with one of these runs as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

function quote(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Text for a cell; text a spreadsheet would run as a formula gets a leading apostrophe. */
export function safeText(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvDocument(rows: readonly (readonly string[])[]): string {
  return BOM + rows.map((fields) => fields.map(quote).join(',')).join(CRLF) + CRLF;
}
