import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { CsvError, Parser as CsvParser, type Options as CsvParseOptions } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import type { AreaKind } from '../areas/index.ts';
import type { ObservationStatus } from '../datasets/index.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';

/**
 * Shared CSV reading for the CSV importers: decoding (BOM, UTF-8 or Windows-1252), delimiter
 * detection, csv-parse with strict quoting, Dutch/CBS number reading and problem collection.
 * Records are handed to a visitor one at a time, so no importer holds a second copy of a big file.
 */

export type CsvEncoding = 'utf-8' | 'windows-1252';
export type CsvDelimiter = ';' | ',' | '\t';

/** Longest field accepted; longer fields are an error (a runaway quote or a pasted document). */
export const MAX_FIELD_LENGTH = 10_000;
/** Problems collected before an import is refused, so a user can fix most of a file at once. */
export const MAX_PROBLEMS = 50;

type ProblemInput = Omit<ImportProblem, 'file'>;

/** Collects up to MAX_PROBLEMS problems of one file. */
export class ProblemList {
  readonly items: ImportProblem[] = [];
  constructor(readonly file: string) {}

  add(problem: ProblemInput): void {
    if (this.items.length < MAX_PROBLEMS) this.items.push({ file: this.file, ...problem });
  }

  get full(): boolean {
    return this.items.length >= MAX_PROBLEMS;
  }

  get count(): number {
    return this.items.length;
  }

  throwIfAny(): void {
    if (this.items.length > 0) throw new ImportValidationError(this.items);
  }

  /** Adds one problem and refuses the import at once (for problems that make the rest unreadable). */
  fail(problem: ProblemInput): never {
    this.add(problem);
    throw new ImportValidationError(this.items);
  }
}

export function delimiterName(delimiter: CsvDelimiter): string {
  return delimiter === '\t' ? 'tab' : `'${delimiter}'`;
}

// ---------------------------------------------------------------------------------------------
// Decoding

export interface DecodedCsv {
  text: string;
  encoding: CsvEncoding;
  hadBom: boolean;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

function isValidUtf8(bytes: Buffer): boolean {
  try {
    utf8Fatal.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Line (1-based) and character column (1-based) of a character offset in decoded text. */
function lineAndColumn(
  text: string,
  offset: number,
): { line: number; char: number; lineText: string } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const lineEnd = text.indexOf('\n', lineStart);
  return {
    line,
    char: offset - lineStart + 1,
    lineText: text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd),
  };
}

/** CSV column (1-based) that a character of a line falls in, counting delimiters outside quotes. */
function csvColumnAt(lineText: string, char: number): number {
  const delimiter = detectDelimiter(lineText).delimiter;
  let column = 1;
  let quoted = false;
  for (let i = 0; i < char - 1 && i < lineText.length; i++) {
    const c = lineText[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && c === delimiter) column++;
  }
  return column;
}

function encodingProblem(text: string, offset: number, message: string): ProblemInput {
  const at = lineAndColumn(text, offset);
  return {
    line: at.line,
    column: csvColumnAt(at.lineText, at.char),
    message: `verkeerde tekenset: ${message} (teken ${at.char} van de regel)`,
  };
}

/**
 * Decodes a CSV file. Without `forced`: UTF-8 when the bytes are valid UTF-8, else Windows-1252
 * (what Excel and older StatLine downloads write). With `forced`, bytes that do not fit that
 * encoding are an error naming line and column, because guessing would corrupt names like "ë".
 */
export function decodeCsv(bytes: Buffer, fileName: string, forced?: CsvEncoding): DecodedCsv {
  const hadBom = bytes.subarray(0, 3).equals(UTF8_BOM);
  const body = hadBom ? bytes.subarray(3) : bytes;
  const problems = new ProblemList(fileName);
  if (forced === 'windows-1252' && hadBom) {
    problems.fail({
      line: 1,
      column: 1,
      message:
        'verkeerde tekenset: het bestand begint met een UTF-8-BOM, maar Windows-1252 is opgegeven',
    });
  }
  if (forced === 'utf-8' || (forced === undefined && isValidUtf8(body))) {
    if (forced === 'utf-8' && !isValidUtf8(body)) {
      const lossy = body.toString('utf8');
      problems.fail(
        encodingProblem(
          lossy,
          Math.max(0, lossy.indexOf('\uFFFD')),
          'dit teken is geen geldige UTF-8; sla het bestand op als UTF-8 of kies Windows-1252',
        ),
      );
    }
    return { text: body.toString('utf8'), encoding: 'utf-8', hadBom };
  }
  const text = iconv.decode(body, 'windows-1252');
  if (forced === 'windows-1252') {
    const undefinedByte = text.indexOf('\uFFFD');
    if (undefinedByte >= 0) {
      problems.fail(encodingProblem(text, undefinedByte, 'dit byte bestaat niet in Windows-1252'));
    }
    // Valid multi-byte UTF-8 read as Windows-1252 turns "ë" into "Ã«": refuse rather than store that.
    const firstHigh = body.findIndex((b) => b >= 0x80);
    if (firstHigh >= 0 && isValidUtf8(body)) {
      problems.fail(
        encodingProblem(
          text,
          iconv.decode(body.subarray(0, firstHigh), 'windows-1252').length,
          'het bestand is UTF-8, maar Windows-1252 is opgegeven',
        ),
      );
    }
  }
  return { text, encoding: 'windows-1252', hadBom };
}

// ---------------------------------------------------------------------------------------------
// Delimiter

/** First line of the text, where a newline inside quotes does not end the line. */
export function firstLine(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) return text.slice(0, i);
  }
  return text;
}

/** The delimiter (`;`, `,` or tab) that occurs most often outside quotes in a header line. */
export function detectDelimiter(headerLine: string): { delimiter: CsvDelimiter; columns: number } {
  const counts: Record<CsvDelimiter, number> = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const c of headerLine) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === ';' || c === ',' || c === '\t')) counts[c]++;
  }
  // Ties go to ';' first: CBS and Dutch Excel write ';'.
  const order: CsvDelimiter[] = [';', ',', '\t'];
  let best: CsvDelimiter = ';';
  for (const d of order) if (counts[d] > counts[best]) best = d;
  return { delimiter: best, columns: counts[best] + 1 };
}

// ---------------------------------------------------------------------------------------------
// Reading records

export interface CsvHeader {
  fields: string[];
  delimiter: CsvDelimiter;
  /** True for `;` files: numbers use a decimal comma and `.` for thousands. */
  decimalComma: boolean;
  encoding: CsvEncoding;
}

export interface CsvRow {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export interface CsvVisitor {
  /** Called once with the header; add problems for missing columns there. */
  header(header: CsvHeader): void;
  /** Called for each data row whose column count matches the header. */
  row(row: CsvRow): void;
}

export interface ReadCsvOptions {
  /** Forces the encoding; otherwise UTF-8 with Windows-1252 as fallback. */
  encoding?: CsvEncoding;
  /** A header with fewer columns than this means the delimiter is wrong. */
  minColumns: number;
}

export interface ReadCsvResult {
  rowCount: number;
  header: CsvHeader;
}

class TooManyProblems extends Error {}

function wrongDelimiter(
  columns: number,
  delimiter: CsvDelimiter,
  minColumns: number,
): ProblemInput {
  return {
    line: 1,
    message: `verkeerd scheidingsteken: de kopregel heeft maar ${columns} kolom(men) met ${delimiterName(delimiter)}; verwacht minstens ${minColumns} kolommen gescheiden door ';', ',' of tab`,
  };
}

/** The row limit's refusal: names the limit and (through the problem) the line it stopped at. */
export function tooManyRowsMessage(maxRows: number): string {
  return `het bestand heeft meer dan ${maxRows.toLocaleString('nl-NL')} regels met gegevens; het lezen is bij deze regel gestopt. Splits het bestand in kleinere bestanden, of laat de beheerder het met de opdrachtregel (wijkkompas import) laden`;
}

const csvParseOptions = (delimiter: CsvDelimiter): CsvParseOptions => ({
  delimiter,
  quote: '"',
  escape: '"',
  // Column counts are checked below per row, so each bad row is reported, not just the first.
  relax_column_count: true,
  relax_quotes: false,
  skip_empty_lines: true,
  bom: false,
  max_record_size: MAX_FIELD_LENGTH * 4,
});

/**
 * The per-record logic shared by the sync and the streaming reader. Keeps one row back, so the
 * last row can be recognised and a short last row reported as a truncated file.
 */
class RecordHandler {
  header: CsvHeader | undefined;
  rowCount = 0;
  private records = 0;
  private pending: CsvRow | undefined;

  constructor(
    private readonly problems: ProblemList,
    private readonly visitor: CsvVisitor,
    private base: Omit<CsvHeader, 'fields'>,
    private readonly minColumns: number,
    private readonly maxRows = Infinity,
  ) {}

  /** The streaming reader learns late that a file is Windows-1252 (after ASCII only). */
  setEncoding(encoding: CsvEncoding): void {
    this.base = { ...this.base, encoding };
    if (this.header) this.header.encoding = encoding;
  }

  onRecord(fields: string[], endLine: number): void {
    let newlines = 0;
    for (const f of fields)
      for (let i = f.indexOf('\n'); i >= 0; i = f.indexOf('\n', i + 1)) newlines++;
    const row: CsvRow = { line: endLine - newlines, fields };
    if (!this.header) {
      this.acceptHeader(row);
      return;
    }
    if (++this.records > this.maxRows) {
      this.problems.fail({ line: row.line, message: tooManyRowsMessage(this.maxRows) });
    }
    if (this.pending) this.flush(this.pending, false);
    this.pending = row;
  }

  finish(): void {
    if (this.pending) this.flush(this.pending, true);
    this.pending = undefined;
  }

  private acceptHeader(row: CsvRow): void {
    const fields = row.fields.map((f) => f.trim());
    if (fields.length < this.minColumns) {
      this.problems.fail(wrongDelimiter(fields.length, this.base.delimiter, this.minColumns));
    }
    const seen = new Map<string, number>();
    fields.forEach((name, i) => {
      if (name.length > MAX_FIELD_LENGTH) {
        this.problems.add({
          line: 1,
          column: i + 1,
          message: `kolomnaam is te lang (${name.length} tekens, maximaal ${MAX_FIELD_LENGTH})`,
        });
      } else if (name === '') {
        this.problems.add({ line: 1, column: i + 1, message: 'kolom zonder naam in de kopregel' });
      } else if (seen.has(name)) {
        this.problems.add({
          line: 1,
          column: i + 1,
          field: name,
          message: `kolomnaam komt twee keer voor (ook kolom ${seen.get(name)})`,
        });
      } else seen.set(name, i + 1);
    });
    this.header = { ...this.base, fields };
    this.visitor.header(this.header);
  }

  private flush(row: CsvRow, isLast: boolean): void {
    this.rowCount++;
    const header = this.header as CsvHeader;
    const expected = header.fields.length;
    let ok = true;
    row.fields.forEach((value, i) => {
      if (value.length > MAX_FIELD_LENGTH) {
        ok = false;
        this.problems.add({
          line: row.line,
          column: i + 1,
          field: header.fields[i],
          message: `veld is te lang (${value.length} tekens, maximaal ${MAX_FIELD_LENGTH}); staat er een aanhalingsteken te veel of te weinig?`,
        });
      }
    });
    if (row.fields.length !== expected) {
      ok = false;
      const truncated = isLast && row.fields.length < expected;
      this.problems.add({
        line: row.line,
        column: Math.min(row.fields.length, expected) + 1,
        message: truncated
          ? `bestand lijkt afgebroken: de laatste regel heeft ${row.fields.length} van de ${expected} kolommen`
          : `regel heeft ${row.fields.length} kolommen, de kopregel heeft er ${expected}`,
      });
    }
    if (ok) this.visitor.row(row);
    if (this.problems.full) throw new TooManyProblems();
  }
}

function csvErrorProblem(
  error: CsvError,
  headerFields: readonly string[] | undefined,
): ProblemInput {
  const e = error as CsvError & { lines?: number; column?: number | string };
  const line = typeof e.lines === 'number' ? e.lines : undefined;
  const column = typeof e.column === 'number' ? e.column + 1 : undefined;
  const field = column !== undefined ? headerFields?.[column - 1] : undefined;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        line,
        message:
          'bestand lijkt afgebroken: een aanhalingsteken (") wordt niet gesloten vóór het einde van het bestand',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        line,
        column,
        field,
        message:
          'tekst na een sluitend aanhalingsteken ("); zet aanhalingstekens in een veld dubbel ("")',
      };
    case 'CSV_MAX_RECORD_SIZE':
      return {
        line,
        column,
        field,
        message: `veld is te lang (meer dan ${MAX_FIELD_LENGTH} tekens); staat er een aanhalingsteken te veel of te weinig?`,
      };
    default:
      return { line, column, field, message: `CSV kan niet worden gelezen: ${e.message}` };
  }
}

function prepare(input: ImportInput, options: ReadCsvOptions, problems: ProblemList) {
  if (input.bytes.length === 0) problems.fail({ message: 'het bestand is leeg' });
  const decoded = decodeCsv(input.bytes, input.fileName, options.encoding);
  if (decoded.text.trim() === '')
    problems.fail({ message: 'het bestand is leeg (alleen witruimte)' });
  const { delimiter, columns } = detectDelimiter(firstLine(decoded.text));
  if (columns < options.minColumns)
    problems.fail(wrongDelimiter(columns, delimiter, options.minColumns));
  return {
    decoded,
    base: { delimiter, decimalComma: delimiter === ';', encoding: decoded.encoding },
  };
}

function afterRead(handler: RecordHandler, problems: ProblemList): ReadCsvResult {
  if (!handler.header && problems.count === 0) problems.fail({ message: 'het bestand is leeg' });
  problems.throwIfAny();
  if (handler.rowCount === 0 && problems.count === 0) {
    problems.add({ line: 2, message: 'het bestand heeft alleen een kopregel en geen gegevens' });
  }
  problems.throwIfAny();
  return { rowCount: handler.rowCount, header: handler.header as CsvHeader };
}

/**
 * Reads a CSV file and hands header and rows to the visitor. Throws ImportValidationError with
 * every problem found (up to MAX_PROBLEMS), including those the visitor added to `problems`.
 */
export function readCsv(
  input: ImportInput,
  options: ReadCsvOptions,
  problems: ProblemList,
  visitor: CsvVisitor,
): ReadCsvResult {
  const { decoded, base } = prepare(input, options, problems);
  const handler = new RecordHandler(problems, visitor, base, options.minColumns);
  try {
    parseSync(decoded.text, {
      ...csvParseOptions(base.delimiter),
      // Returning undefined keeps csv-parse from collecting records: the handler has them.
      on_record: (record: string[], context) => {
        handler.onRecord(record, context.lines);
        return undefined;
      },
    });
    handler.finish();
  } catch (error) {
    if (error instanceof CsvError) problems.add(csvErrorProblem(error, handler.header?.fields));
    else if (!(error instanceof TooManyProblems)) throw error;
  }
  return afterRead(handler, problems);
}

// ---------------------------------------------------------------------------------------------
// Incremental reading

/** Longest text held back while looking for the end of the header line. */
const MAX_HEADER_CHARS = 1024 * 1024;
/** Longest part of the current line kept to place an encoding error (a line is a record). */
const MAX_LINE_TAIL = 64 * 1024;

interface CsvParseApi {
  parse(
    buffer: Buffer | undefined,
    end: boolean,
    push: (record: unknown) => void,
    close: () => void,
  ): Error | undefined;
}

/**
 * csv-parse's own incremental engine: the one its stream and its sync parser both drive (the
 * sync parser feeds it the whole text at once). Driven here directly, chunk by chunk and
 * synchronously, so records, line numbers and errors are those of the in-memory reader.
 */
function csvEngine(options: CsvParseOptions): CsvParseApi {
  return (new CsvParser(options) as unknown as { api: CsvParseApi }).api;
}

/** Length of the prefix of `bytes` that does not end inside a UTF-8 multi-byte sequence. */
function completeUtf8Length(bytes: Buffer): number {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(4, n); back++) {
    const byte = bytes[n - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    if (byte < 0x80) return n;
    const needs = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return back < needs ? n - back : n;
  }
  return n;
}

function hasHighByte(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return true;
  return false;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Thrown when a file read without a forced encoding turns out not to be UTF-8 after non-ASCII
 * UTF-8 text was already handed on: the whole file is Windows-1252 then (as the in-memory
 * reader decides), so it must be read again from the start with that encoding.
 */
export class RereadAsWindows1252 extends Error {
  constructor() {
    super('the file is not UTF-8 after all: read it again as Windows-1252');
  }
}

export interface CsvStreamOptions extends ReadCsvOptions {
  /** More data rows than this are refused at the first row over the limit; nothing more is read. */
  maxRows?: number;
  /** Set by importCsvStream for its second pass after RereadAsWindows1252. */
  detectedWindows1252?: boolean;
}

/**
 * The incremental CSV reader: bytes go in with write() in chunks of any size (a BOM, a UTF-8
 * character, a quoted field or a CRLF may be split across chunks), records come out to the
 * visitor as soon as they are complete, end() finishes. Same decoding rules, delimiter
 * detection, csv-parse options, per-record checks and problems as readCsv, which reads the
 * whole file at once; only the memory differs (one chunk and one record at a time).
 *
 * A fatal problem (a CSV syntax error, MAX_PROBLEMS problems, the row limit, a wrong encoding, or
 * one the visitor raises with ProblemList.fail) throws ImportValidationError from write(), so the
 * caller stops reading there. An encoding problem is reported on its own, as readCsv does (it
 * decodes before it parses).
 */
export class CsvStreamReader {
  /** Bytes handed to write() so far. */
  bytesSeen = 0;
  private readonly forced: CsvEncoding | undefined;
  private encoding: CsvEncoding;
  private head: Buffer | undefined = Buffer.alloc(0);
  private carry = Buffer.alloc(0);
  private sawHigh = false;
  private linesBefore = 0;
  private lineTail = '';
  private lineTailDropped = 0;
  private pendingHeader: string | undefined = '';
  private engine: CsvParseApi | undefined;
  private handler: RecordHandler | undefined;
  /** Forced Windows-1252: where the first non-ASCII byte is, and whether all is valid UTF-8. */
  private firstHigh: ProblemInput | undefined;
  private utf8Carry = Buffer.alloc(0);
  private allUtf8 = true;
  private result: ReadCsvResult | undefined;

  constructor(
    private readonly fileName: string,
    private readonly options: CsvStreamOptions,
    private readonly problems: ProblemList,
    private readonly visitor: CsvVisitor,
  ) {
    this.forced = options.encoding;
    this.encoding = options.detectedWindows1252 ? 'windows-1252' : (options.encoding ?? 'utf-8');
  }

  write(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.bytesSeen += chunk.length;
    if (this.head !== undefined) {
      const head = Buffer.concat([this.head, chunk]);
      // Still the start of a BOM: wait for its third byte.
      if (head.length < 3 && UTF8_BOM.subarray(0, head.length).equals(head)) {
        this.head = head;
        return;
      }
      this.head = undefined;
      chunk = this.afterBom(head);
    }
    this.decode(chunk, false);
  }

  end(): ReadCsvResult {
    if (this.result) return this.result;
    if (this.bytesSeen === 0) this.problems.fail({ message: 'het bestand is leeg' });
    if (this.head !== undefined) {
      const head = this.head;
      this.head = undefined;
      this.decode(this.afterBom(head), true);
    } else this.decode(Buffer.alloc(0), true);
    if (this.pendingHeader !== undefined) {
      if (!/\S/.test(this.pendingHeader))
        this.problems.fail({ message: 'het bestand is leeg (alleen witruimte)' });
      this.startWith(this.pendingHeader);
    }
    if (this.forced === 'windows-1252' && this.firstHigh) {
      if (this.utf8Carry.length > 0) this.allUtf8 = false;
      if (this.allUtf8) this.failAlone(this.firstHigh);
    }
    const handler = this.handler as RecordHandler;
    const error = (this.engine as CsvParseApi).parse(undefined, true, ignore, ignore);
    if (error) this.stop(error);
    try {
      handler.finish();
    } catch (e) {
      if (!(e instanceof TooManyProblems)) throw e;
    }
    this.result = afterRead(handler, this.problems);
    return this.result;
  }

  private afterBom(head: Buffer): Buffer {
    const hadBom = head.subarray(0, 3).equals(UTF8_BOM);
    if (hadBom && this.forced === 'windows-1252') {
      this.failAlone({
        line: 1,
        column: 1,
        message:
          'verkeerde tekenset: het bestand begint met een UTF-8-BOM, maar Windows-1252 is opgegeven',
      });
    }
    return hadBom ? head.subarray(3) : head;
  }

  private decode(chunk: Buffer, final: boolean): void {
    const bytes = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = Buffer.alloc(0);
    if (this.encoding === 'utf-8') {
      const cut = final ? bytes.length : completeUtf8Length(bytes);
      const part = bytes.subarray(0, cut);
      if (isUtf8(part)) {
        // A copy, so the carried bytes do not keep the whole chunk alive.
        this.carry = Buffer.from(bytes.subarray(cut));
        if (!this.sawHigh && hasHighByte(part)) this.sawHigh = true;
        this.take(part.toString('utf8'), part);
        return;
      }
      if (this.forced === 'utf-8') {
        const lossy = bytes.toString('utf8');
        this.failAlone(
          this.encodingProblemAt(
            lossy,
            Math.max(0, lossy.indexOf('\uFFFD')),
            'dit teken is geen geldige UTF-8; sla het bestand op als UTF-8 of kies Windows-1252',
          ),
        );
      }
      // Not UTF-8, so the whole file is Windows-1252. Up to here it was ASCII (the same text in
      // both), so reading goes on; after UTF-8 letters it must start again.
      if (this.sawHigh) throw new RereadAsWindows1252();
      this.encoding = 'windows-1252';
      this.handler?.setEncoding('windows-1252');
    }
    const text = iconv.decode(bytes, 'windows-1252');
    if (this.forced === 'windows-1252') {
      const undefinedByte = text.indexOf('\uFFFD');
      if (undefinedByte >= 0) {
        this.failAlone(
          this.encodingProblemAt(text, undefinedByte, 'dit byte bestaat niet in Windows-1252'),
        );
      }
      this.trackUtf8(bytes, text, final);
    }
    this.take(text, undefined);
  }

  /** Forced Windows-1252: valid multi-byte UTF-8 read as Windows-1252 would turn "ë" into "Ã«". */
  private trackUtf8(bytes: Buffer, text: string, final: boolean): void {
    if (this.firstHigh === undefined) {
      const firstHigh = bytes.findIndex((b) => b >= 0x80);
      if (firstHigh >= 0) {
        this.firstHigh = this.encodingProblemAt(
          text,
          firstHigh,
          'het bestand is UTF-8, maar Windows-1252 is opgegeven',
        );
      }
    }
    if (!this.allUtf8) return;
    const all = this.utf8Carry.length > 0 ? Buffer.concat([this.utf8Carry, bytes]) : bytes;
    const cut = final ? all.length : completeUtf8Length(all);
    this.allUtf8 = isUtf8(all.subarray(0, cut));
    this.utf8Carry = Buffer.from(all.subarray(cut));
  }

  /** Line and column of a character of this chunk's text, counting the lines read before it. */
  private encodingProblemAt(text: string, offset: number, message: string): ProblemInput {
    const before = text.slice(0, offset);
    const lastNewline = before.lastIndexOf('\n');
    const lineEnd = text.indexOf('\n', offset);
    const rest = text.slice(lastNewline + 1, lineEnd < 0 ? undefined : lineEnd);
    const lineText = lastNewline < 0 ? this.lineTail + rest : rest;
    const char =
      lastNewline < 0
        ? this.lineTailDropped + this.lineTail.length + offset + 1
        : offset - lastNewline;
    return {
      line: this.linesBefore + countNewlines(before) + 1,
      column: csvColumnAt(lineText, lastNewline < 0 ? this.lineTail.length + offset + 1 : char),
      message: `verkeerde tekenset: ${message} (teken ${char} van de regel)`,
    };
  }

  private failAlone(problem: ProblemInput): never {
    throw new ImportValidationError([{ file: this.fileName, ...problem }]);
  }

  /** Hands decoded text on: first to the header search, then to csv-parse. */
  private take(text: string, utf8: Buffer | undefined): void {
    if (text === '') return;
    const lastNewline = text.lastIndexOf('\n');
    if (lastNewline >= 0) {
      this.linesBefore += countNewlines(text);
      this.lineTail = text.slice(lastNewline + 1);
      this.lineTailDropped = 0;
    } else this.lineTail += text;
    if (this.lineTail.length > MAX_LINE_TAIL) {
      this.lineTailDropped += this.lineTail.length - MAX_LINE_TAIL;
      this.lineTail = this.lineTail.slice(-MAX_LINE_TAIL);
    }
    if (this.pendingHeader !== undefined) {
      const pending = this.pendingHeader + text;
      // The delimiter comes from the whole first line, so wait until it has ended.
      const ready =
        /\S/.test(pending) &&
        (firstLine(pending).length < pending.length || pending.length > MAX_HEADER_CHARS);
      if (!ready) {
        this.pendingHeader = pending;
        return;
      }
      this.startWith(pending);
      return;
    }
    this.feed(utf8 ?? Buffer.from(text, 'utf8'));
  }

  private startWith(text: string): void {
    this.pendingHeader = undefined;
    const { delimiter, columns } = detectDelimiter(firstLine(text));
    const { minColumns } = this.options;
    if (columns < minColumns) this.problems.fail(wrongDelimiter(columns, delimiter, minColumns));
    const handler = new RecordHandler(
      this.problems,
      this.visitor,
      { delimiter, decimalComma: delimiter === ';', encoding: this.encoding },
      minColumns,
      this.options.maxRows,
    );
    this.handler = handler;
    this.engine = csvEngine({
      ...csvParseOptions(delimiter),
      on_record: (record: string[], context) => {
        handler.onRecord(record, context.lines);
        return undefined;
      },
    });
    this.feed(Buffer.from(text, 'utf8'));
  }

  private feed(bytes: Buffer): void {
    const error = (this.engine as CsvParseApi).parse(bytes, false, ignore, ignore);
    if (error) this.stop(error);
  }

  /** A fatal error while parsing: the problems so far refuse the file (readCsv does the same). */
  private stop(error: Error): never {
    if (error instanceof CsvError) {
      this.problems.add(csvErrorProblem(error, this.handler?.header?.fields));
    } else if (!(error instanceof TooManyProblems)) throw error;
    afterRead(this.handler as RecordHandler, this.problems);
    // afterRead throws whenever there is a problem, and a stop always leaves one.
    throw new ImportValidationError(this.problems.items);
  }
}

function ignore(): void {}

/**
 * Streaming twin of readCsv: reads the chunks of `source` as they come and stops at the first
 * fatal problem (the rest of the source is not read). The encoding must be known up front
 * (default UTF-8, checked per chunk); importCsvStream also detects it, exactly as readCsv does.
 */
export async function readCsvStream(
  source: AsyncIterable<Buffer>,
  fileName: string,
  options: CsvStreamOptions,
  problems: ProblemList,
  visitor: CsvVisitor,
): Promise<ReadCsvResult> {
  const reader = new CsvStreamReader(
    fileName,
    { ...options, encoding: options.encoding ?? 'utf-8' },
    problems,
    visitor,
  );
  for await (const chunk of source) reader.write(chunk);
  return reader.end();
}

// ---------------------------------------------------------------------------------------------
// Importers over the reader

/**
 * A CSV importer split at the reader: what to read with, the visitor that checks each row, and
 * the step that turns the rows into an import once the file has been read. The same importer
 * reads a file held in memory (importCsvBytes, the CLI) or a stream (importCsvStream, uploads).
 */
export interface CsvImporter<T> {
  readonly problems: ProblemList;
  readonly readOptions: ReadCsvOptions;
  readonly visitor: CsvVisitor;
  finish(read: { rowCount: number; fileHash: string }): T;
}

/** Reads a whole file held in memory with readCsv. */
export function importCsvBytes<T>(importer: CsvImporter<T>, input: ImportInput): T {
  const { rowCount } = readCsv(input, importer.readOptions, importer.problems, importer.visitor);
  return importer.finish({
    rowCount,
    fileHash: createHash('sha256').update(input.bytes).digest('hex'),
  });
}

/**
 * Reads a file chunk by chunk from `open()` with a fresh importer, stopping at the first fatal
 * problem or at the row limit. Memory holds one chunk and what the importer keeps, never the
 * file. `open` is called a second time only for a file that turns out to be Windows-1252 after
 * UTF-8 letters (see RereadAsWindows1252).
 */
export async function importCsvStream<T>(
  open: () => AsyncIterable<Buffer>,
  makeImporter: () => CsvImporter<T>,
  limits: { maxRows?: number } = {},
): Promise<T> {
  try {
    return await streamOnce(open(), makeImporter(), limits.maxRows, false);
  } catch (error) {
    if (!(error instanceof RereadAsWindows1252)) throw error;
    return streamOnce(open(), makeImporter(), limits.maxRows, true);
  }
}

async function streamOnce<T>(
  source: AsyncIterable<Buffer>,
  importer: CsvImporter<T>,
  maxRows: number | undefined,
  detectedWindows1252: boolean,
): Promise<T> {
  const hash = createHash('sha256');
  const reader = new CsvStreamReader(
    importer.problems.file,
    { ...importer.readOptions, maxRows, detectedWindows1252 },
    importer.problems,
    importer.visitor,
  );
  for await (const chunk of source) {
    hash.update(chunk);
    reader.write(chunk);
  }
  const { rowCount } = reader.end();
  return importer.finish({ rowCount, fileHash: hash.digest('hex') });
}

// ---------------------------------------------------------------------------------------------
// Header helpers

/** Header comparison that ignores case, surrounding and repeated spaces. */
export function normaliseHeader(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}

/** Index of the first header that matches one of the names (normalised), or -1. */
export function findColumn(header: readonly string[], ...names: string[]): number {
  const wanted = new Set(names.map(normaliseHeader));
  return header.findIndex((h) => wanted.has(normaliseHeader(h)));
}

// ---------------------------------------------------------------------------------------------
// Values

export type ParsedValue =
  { ok: true; value: number | null; status: ObservationStatus } | { ok: false; message: string };

/** Values CBS writes for a figure it does not publish (secret, unknown or too small). */
const SUPPRESSED = new Set(['', '.', 'x', '-99999999']);

const DECIMAL_COMMA = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;
const DECIMAL_POINT = /^-?\d+(\.\d+)?$/;

/**
 * Reads a CBS or local figure. `;` files use the Dutch notation (decimal comma, `.` between
 * thousands); `,` and tab files use a decimal point and no thousands separator. Empty, `.`, `x`
 * and `-99999999` mean "not published" (null, status geheim); a trailing `*` marks voorlopig.
 */
export function parseCbsValue(raw: string, decimalComma: boolean): ParsedValue {
  let text = raw.trim();
  let provisional = false;
  if (text.endsWith('*')) {
    provisional = true;
    text = text.replace(/\*+$/, '').trim();
  }
  if (SUPPRESSED.has(text.toLowerCase())) return { ok: true, value: null, status: 'geheim' };
  const pattern = decimalComma ? DECIMAL_COMMA : DECIMAL_POINT;
  if (!pattern.test(text)) {
    const hint = decimalComma
      ? "verwacht een getal zoals 1234 of 2,5 (komma voor decimalen, want het scheidingsteken is ';')"
      : 'verwacht een getal zoals 1234 of 2.5 (punt voor decimalen)';
    return {
      ok: false,
      message: `geen getal: "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"; ${hint}`,
    };
  }
  const normalised = decimalComma ? text.replace(/\./g, '').replace(',', '.') : text;
  const value = Number(normalised);
  if (!Number.isFinite(value)) return { ok: false, message: `geen eindig getal: "${raw}"` };
  return { ok: true, value, status: provisional ? 'voorlopig' : 'definitief' };
}

/** A period with an optional trailing `*` (voorlopig), as CBS writes "2024*". */
export function splitProvisional(raw: string): { text: string; provisional: boolean } {
  const trimmed = raw.trim();
  if (!trimmed.endsWith('*')) return { text: trimmed, provisional: false };
  return { text: trimmed.replace(/\*+$/, '').trim(), provisional: true };
}

/** CBS period codes: "2023JJ00" → "2023"; a plain year stays. Null when not a year. */
export function cbsYearPeriod(raw: string): string | null {
  const m = /^(\d{4})(JJ00)?$/.exec(raw.trim());
  return m ? (m[1] as string) : null;
}

// ---------------------------------------------------------------------------------------------
// Areas

const CODE_PATTERN = /^(NL00|GM\d{4}|WK\d{6}|BU\d{8})$/;

export function areaKindOfCode(code: string): AreaKind | null {
  if (!CODE_PATTERN.test(code)) return null;
  if (code === 'NL00') return 'land';
  if (code.startsWith('GM')) return 'gemeente';
  if (code.startsWith('WK')) return 'wijk';
  return 'buurt';
}

/**
 * Null when the code is a known area of the indeling year; otherwise the Dutch reason, saying
 * so explicitly when the code belongs to another indeling year (the usual mistake).
 */
export function areaCodeProblem(
  lookup: AreaLookup,
  indelingYear: number,
  code: string,
): string | null {
  if (areaKindOfCode(code) === null) {
    return `"${code}" is geen CBS-gebiedscode (verwacht NL00, GMxxxx, WKxxxxxx of BUxxxxxxxx)`;
  }
  if (lookup.has(indelingYear, code)) return null;
  const elsewhere = lookup.years().filter((y) => y !== indelingYear && lookup.has(y, code));
  if (elsewhere.length > 0) {
    return `verkeerd indelingsjaar: ${code} bestaat niet in indeling ${indelingYear}; wel in ${elsewhere.join(', ')}`;
  }
  return `onbekende gebiedscode: ${code} bestaat niet in indeling ${indelingYear}`;
}

/** Tracks (variable, area, period) keys so a repeated one names the line it first appeared on. */
export class DuplicateGuard {
  private readonly seen = new Map<string, number>();

  /** The earlier line, or undefined when the key is new (and now recorded). */
  check(key: string, line: number): number | undefined {
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return earlier;
    this.seen.set(key, line);
    return undefined;
  }
}
