import { CsvError } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import { ImportValidationError } from '../../shared/errors.ts';
import type { DataProperty } from './cbs-metadata.ts';
import {
  decodeCsv,
  detectDelimiter,
  normaliseHeader,
  ProblemList,
  type CsvDelimiter,
  type CsvEncoding,
} from './csv-reader.ts';
import type { ImportInput } from './import.types.ts';

/**
 * The CSV layouts a StatLine table reaches users in, recognised by their content (never by the
 * file name):
 * - `labels`: one header row of topic paths with units ("Bevolking/Aantal inwoners (aantal)"),
 *   the dataportaal's "CSV" download and the files shipped in datasets/cbs-kwb-multi;
 * - `sleutels`: one header row of CBS keys (`WijkenEnBuurten`, `AantalInwoners_5`, or our `code`
 *   beside `naam`/`soort`), as cbsodata and the shipped datasets/cbs-kwb-2024 files write;
 * - `kopregels`: StatLine's table download, with title lines above the table, the topic path
 *   over several header rows (group, title, unit), and a source line under it.
 * The first two are read as they are; `kopregels` is flattened to one header row first, and every
 * problem found afterwards is mapped back to the line of the original file.
 */
export type StatlineLayout = 'labels' | 'sleutels' | 'kopregels';

export interface RecognisedLayout {
  layout: StatlineLayout;
  /** The file to read: the original, or (kopregels) one header row and the data rows. */
  input: ImportInput;
  /** Encoding to read `input` with (the flattened file is UTF-8). */
  encoding?: CsvEncoding;
  /** Decimal comma of the original file when flattened (`;` → true), unless forced. */
  decimalComma?: boolean;
  /** Line of the original file for a line of `input`. */
  originalLine(line: number): number;
}

/** A figure as CBS or Excel writes it (Dutch or point notation), with an optional `*`. */
const NUMBER_CELL = /^-?\d[\d.,]*\*?$/;
/** Lines looked at to find the delimiter when a title line comes first. */
const SNIFF_LINES = 25;
/** Records read to recognise the layout. */
const SNIFF_RECORDS = 200;

interface RawRecord {
  line: number;
  cells: string[];
}

function nonEmpty(cells: readonly string[]): number {
  return cells.filter((c) => c.trim() !== '').length;
}

/**
 * A row of the table: an area in the first cell and at least one figure after it. Header rows
 * have their first cell empty or carry only text (topics, units), so the first row with a
 * figure ends the header.
 */
function isDataRow(cells: readonly string[]): boolean {
  return (cells[0] ?? '').trim() !== '' && cells.slice(1).some((c) => NUMBER_CELL.test(c.trim()));
}

/**
 * "Bron: CBS" and similar lines under the table: one cell, or one filled cell naming the source.
 * A row of an area whose figures are all secret has every cell, so it stays.
 */
function isFooter(cells: readonly string[], width: number): boolean {
  if (nonEmpty(cells) > 1) return false;
  return cells.length < width || /^(bron\b|©|centraal bureau)/i.test((cells[0] ?? '').trim());
}

function sniffDelimiter(text: string): CsvDelimiter {
  let best: { delimiter: CsvDelimiter; columns: number } = { delimiter: ';', columns: 0 };
  for (const line of text.split(/\r?\n/, SNIFF_LINES)) {
    const found = detectDelimiter(line);
    if (found.columns > best.columns) best = found;
  }
  return best.delimiter;
}

function readRecords(text: string, delimiter: CsvDelimiter, toLine?: number): RawRecord[] {
  const parsed = parseSync(text, {
    delimiter,
    quote: '"',
    escape: '"',
    relax_column_count: true,
    relax_quotes: false,
    skip_empty_lines: true,
    info: true,
    ...(toLine ? { to_line: toLine } : {}),
  }) as { record: string[]; info: { lines: number } }[];
  return parsed.map(({ record, info }) => {
    let newlines = 0;
    for (const f of record) newlines += f.split('\n').length - 1;
    return { line: info.lines - newlines, cells: record };
  });
}

function quote(cell: string): string {
  return `"${cell.replace(/"/g, '""')}"`;
}

/**
 * Recognises the layout of a StatLine CSV by its header rows and returns what to read. Throws
 * ImportValidationError (naming line and column) for a file whose rows cannot be read as a
 * table at all; a readable table of the wrong layout is refused by the importer afterwards.
 */
export function recogniseStatlineLayout(
  input: ImportInput,
  dataProperties: readonly DataProperty[],
  encoding?: CsvEncoding,
): RecognisedLayout {
  const identity: RecognisedLayout = {
    layout: 'labels',
    input,
    ...(encoding ? { encoding } : {}),
    originalLine: (line) => line,
  };
  if (input.bytes.length === 0) return identity;
  const decoded = decodeCsv(input.bytes, input.fileName, encoding);
  const delimiter = sniffDelimiter(decoded.text);
  let records: RawRecord[];
  try {
    records = readRecords(decoded.text, delimiter, SNIFF_RECORDS);
  } catch (error) {
    // Not readable: the CSV reader reports the exact place.
    if (error instanceof CsvError) return identity;
    throw error;
  }
  const first = records[0];
  if (!first) return identity;

  const keys = new Set(dataProperties.map((p) => p.key));
  const firstIsHeader = nonEmpty(first.cells) >= 2;
  if (firstIsHeader && first.cells.some((c) => keys.has(c.trim()))) {
    return { ...identity, layout: 'sleutels' };
  }
  const headerRows: RawRecord[] = [];
  let index = 0;
  // Title lines and empty lines above the table: one filled cell at most.
  while (index < records.length && nonEmpty((records[index] as RawRecord).cells) <= 1) index++;
  while (index < records.length && !isDataRow((records[index] as RawRecord).cells)) {
    headerRows.push(records[index] as RawRecord);
    index++;
  }
  if (firstIsHeader && headerRows.length <= 1) return identity;
  if (headerRows.length === 0 || index >= records.length) return identity;

  const problems = new ProblemList(input.fileName);
  const width = Math.max(...headerRows.map((r) => r.cells.length));
  const units = new Set(
    dataProperties
      .filter((p) => p.type === 'Topic' && p.unit)
      .map((p) => normaliseHeader(p.unit as string)),
  );
  const last = headerRows[headerRows.length - 1] as RawRecord;
  const unitCells = last.cells.slice(1).filter((c) => c.trim() !== '');
  const hasUnitRow =
    headerRows.length >= 2 &&
    unitCells.length > 0 &&
    unitCells.every((c) => units.has(normaliseHeader(c)));
  const pathRows = hasUnitRow ? headerRows.slice(0, -1) : headerRows;

  const labels: string[] = [];
  for (let column = 0; column < width; column++) {
    const segments: string[] = [];
    for (const row of pathRows) {
      const cell = (row.cells[column] ?? '').trim();
      if (cell !== '' && segments[segments.length - 1] !== cell) segments.push(cell);
    }
    const unit = hasUnitRow ? (last.cells[column] ?? '').trim() : '';
    if (segments.length === 0) {
      problems.add({
        line: (headerRows[0] as RawRecord).line,
        column: column + 1,
        message:
          column === 0
            ? 'onbekende indeling: de eerste kolom heeft geen kop; verwacht "Wijken en buurten" (of "Regio\'s") boven de gebieden'
            : 'onbekende indeling: deze kolom heeft in geen enkele kopregel een onderwerp',
      });
      continue;
    }
    labels.push(column > 0 && unit !== '' ? `${segments.join('/')} (${unit})` : segments.join('/'));
  }
  problems.throwIfAny();

  if (records.length >= SNIFF_RECORDS) {
    try {
      records = readRecords(decoded.text, delimiter);
    } catch (error) {
      if (error instanceof CsvError) return identity;
      throw error;
    }
  }
  const lines = [labels.map(quote).join(';')];
  const lineMap = [0, (headerRows[0] as RawRecord).line];
  for (; index < records.length; index++) {
    const record = records[index] as RawRecord;
    if (isFooter(record.cells, width)) continue;
    lines.push(record.cells.map(quote).join(';'));
    lineMap.push(record.line);
  }
  return {
    layout: 'kopregels',
    input: { bytes: Buffer.from(`${lines.join('\n')}\n`, 'utf8'), fileName: input.fileName },
    encoding: 'utf-8',
    decimalComma: delimiter === ';',
    originalLine: (line) => lineMap[line] ?? line,
  };
}

/** The same refusal with every line number pointing into the original file. */
export function mapProblemLines(
  error: ImportValidationError,
  originalLine: (line: number) => number,
): ImportValidationError {
  return new ImportValidationError(
    error.problems.map((p) => (p.line === undefined ? p : { ...p, line: originalLine(p.line) })),
  );
}
