/**
 * The one shape every monitor view hands to its downloads: the page's table, the CSV (both
 * dialects), the JSON and, with geometry, the GeoJSON are all made from a DataTable, so a figure
 * on screen and in a download cannot differ.
 */

/**
 * Status flags every row carries (empty when none applies). A row without a value carries one of
 * the four states of a missing figure: niet geladen, niet gepubliceerd, geheim or niet van
 * toepassing (ADR 0022).
 */
export const ROW_FLAGS = [
  'voorlopig',
  'geheim',
  'herberekend',
  'gemodelleerd',
  'niet geladen',
  'niet gepubliceerd',
  'niet van toepassing',
] as const;
export type RowFlag = (typeof ROW_FLAGS)[number];

export type CellValue = string | number | null;

export interface DataColumn {
  /** Stable machine name: the CSV header and JSON key (snake_case, ASCII). */
  key: string;
  /** Dutch label for the screen and the codebook. */
  label: string;
  type: 'text' | 'number' | 'code';
  /** Decimals when shown or written with a decimal comma. */
  decimals?: number;
  unit?: string;
}

export interface DataRow {
  cells: Record<string, CellValue>;
  flags: RowFlag[];
  /** For map tables: the area code whose geometry this row belongs to. */
  areaCode?: string;
}

export interface DataTable {
  /** File name stem for downloads, e.g. "dordt-west-bijstand". */
  name: string;
  title: string;
  /** "Bron: …" line, also written into every download. */
  source: string;
  columns: DataColumn[];
  rows: DataRow[];
  /** Changes whenever the data behind the table change: the basis of ETags and caches. */
  dataVersion: string;
}
