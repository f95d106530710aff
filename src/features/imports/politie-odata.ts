import type { ImportInput } from './import.types.ts';

/**
 * Where CBS publishes the police's tables ("data van derden"), OData v3 like opendata.cbs.nl, at
 * its paging feed: one municipality of 47018NED is about 100,000 rows, more than `ODataApi`
 * answers in one query (ADR 0043).
 */
export const CBS_THIRD_PARTY_URL = 'https://dataderden.cbs.nl/ODataFeed/odata';

function csvField(value: unknown): string {
  // CBS writes a secret or missing figure as null; the CSV importers read "." as secret.
  const text = value === null || value === undefined ? '.' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Turns the TypedDataSet pages of CBS/Politie table 47018NED into the CSV the police importer
 * already reads (the columns of an OData export: SoortMisdrijf, WijkenEnBuurten, Perioden,
 * GeregistreerdeMisdrijven_1, …), so fetched and uploaded files go through one importer and one
 * set of checks. Rows of areas for which `keep` says no (not loaded yet) are left out and counted.
 * The same pages always give the same bytes, so a second import is recognised as the same file.
 */
export function politieOdataToCsv(
  pages: readonly ImportInput[],
  keep: (areaCode: string) => boolean,
  fileName: string,
): { input: ImportInput; rows: number; skipped: number } {
  let columns: string[] | null = null;
  const lines: string[] = [];
  let skipped = 0;
  for (const page of pages) {
    const json = JSON.parse(page.bytes.toString('utf8').replace(/^\uFEFF/, '')) as {
      value: Record<string, unknown>[];
    };
    for (const row of json.value) {
      columns ??= Object.keys(row);
      const code = typeof row.WijkenEnBuurten === 'string' ? row.WijkenEnBuurten.trim() : '';
      if (!keep(code)) {
        skipped++;
        continue;
      }
      lines.push(columns.map((c) => csvField(row[c])).join(','));
    }
  }
  const header = (
    columns ?? ['SoortMisdrijf', 'WijkenEnBuurten', 'Perioden', 'GeregistreerdeMisdrijven_1']
  ).join(',');
  const text = `${header}\n${lines.map((l) => `${l}\n`).join('')}`;
  return { input: { bytes: Buffer.from(text, 'utf8'), fileName }, rows: lines.length, skipped };
}
