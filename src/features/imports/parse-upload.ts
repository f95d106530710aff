import fs from 'node:fs';
import { BadRequestError } from '../../shared/errors.ts';
import { importCsvBytes, importCsvStream, type CsvImporter } from './csv-reader.ts';
import { parseDataProperties } from './cbs-metadata.ts';
import { shippedPlausibility } from './plausibility.ts';
import { assertWithinScope, isMunicipalScope, NATIONAL_SCOPE } from './import-scope.ts';
import type { AreaLookup, ImportInput, ParsedImport } from './import.types.ts';
import { localCsvImporter } from './local-csv.importer.ts';
import { parseOdataJson } from './odata.importer.ts';
import { parsePdokGeojson, type PdokOptions } from './pdok-geojson.importer.ts';
import { politie47018Importer } from './politie-47018.importer.ts';
import { parseStatlineCsv } from './statline-csv.importer.ts';

/** The kinds of file a user can import, by the names the CLI uses (`wijkkompas import <kind>`). */
export const UPLOAD_KINDS = ['statline', 'odata', 'pdok', 'politie', 'lokaal'] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export const UPLOAD_KIND_LABELS: Record<UploadKind, string> = {
  statline: 'CBS StatLine CSV',
  odata: 'CBS open data (OData JSON)',
  pdok: 'PDOK wijk- en buurtkaart (GeoJSON)',
  politie: 'Politie 47018NED (CSV)',
  lokaal: 'Lokale gegevens (CSV)',
};

export type PdokLevel = PdokOptions['level'];
export const PDOK_LEVELS: readonly PdokLevel[] = ['buurt', 'wijk', 'gemeente'];

/** Which kinds need which option: the web form and the CLI check the same list. */
export const KIND_NEEDS: Record<
  UploadKind,
  { tableId: boolean; period: boolean; metadata: boolean; level: boolean }
> = {
  statline: { tableId: true, period: true, metadata: true, level: false },
  odata: { tableId: true, period: false, metadata: true, level: false },
  pdok: { tableId: false, period: false, metadata: false, level: true },
  politie: { tableId: false, period: false, metadata: false, level: false },
  lokaal: { tableId: false, period: false, metadata: false, level: false },
};

/**
 * How a file is read. Plain JSON-serialisable data, so a staged upload can store it and read the
 * file the same way again when the user confirms.
 */
export interface UploadOptions {
  indelingYear: number;
  /** CBS table id (StatLine, OData). */
  tableId?: string;
  /** Period of every row (StatLine: required; OData: only rows of this period). */
  period?: string;
  /** Read only this municipality's areas (StatLine: match names in it; PDOK, OData: filter). */
  municipalityCode?: string;
  /** PDOK level. */
  level?: PdokLevel;
  /** Who published local figures. */
  source?: string;
  /**
   * Whose figures the import may change (ADR 0017): a GM code, or NL00 for a national import
   * (national role only). Missing: the municipality above, else national (the command line run
   * by the server's operator without --gemeente).
   */
  scope?: string;
  /** A local file replaces CBS figures on purpose (issue 11.10); its source is named instead. */
  replacesCbs?: boolean;
  /**
   * StatLine CSV: numbers use a decimal comma and `.` between thousands, also in a `,` file
   * (`--decimale-komma`, the form's "decimale komma"). Missing: `;` files do, others not.
   */
  decimalComma?: boolean;
}

/** The scope an upload writes in: a GM code, or undefined for a national import. */
export function uploadScope(options: UploadOptions): string | undefined {
  const scope = options.scope ?? options.municipalityCode;
  return isMunicipalScope(scope) ? scope : undefined;
}

export function isUploadKind(value: unknown): value is UploadKind {
  return typeof value === 'string' && (UPLOAD_KINDS as readonly string[]).includes(value);
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined || value === '') throw new BadRequestError(`${what} ontbreekt.`);
  return value;
}

/**
 * Reads one uploaded file with the importer for its kind: the one entry point for the CLI and the
 * web workspace, so both accept and refuse exactly the same files. Pure: nothing is written.
 * StatLine CSV and OData JSON also need the table's DataProperties file (`metadata`). Throws
 * ImportValidationError for a bad file and BadRequestError for a missing option.
 */
export function parseUpload(
  kind: UploadKind,
  bytes: Buffer,
  fileName: string,
  options: UploadOptions,
  lookup: AreaLookup,
  metadata?: ImportInput,
): ParsedImport {
  const parsed = parseByKind(kind, bytes, fileName, options, lookup, metadata);
  // Each importer refuses rows outside the scope with their line; this catches anything left.
  assertWithinScope(parsed, uploadScope(options));
  return parsed;
}

/** The options every importer gets from an upload's options. */
function readingContext(options: UploadOptions) {
  const scope = uploadScope(options);
  // A municipal import reads only its own part of a national file.
  const municipalityCode =
    options.municipalityCode && options.municipalityCode !== NATIONAL_SCOPE
      ? options.municipalityCode
      : scope;
  return {
    indelingYear: options.indelingYear,
    inMunicipality: municipalityCode ? { municipalityCode } : {},
    inScope: scope ? { scope } : {},
    plausibility: shippedPlausibility(),
  };
}

/**
 * For the CSV kinds: a maker of the kind's importer, its options checked now (a missing option
 * is refused before a byte is read). Null for the kinds read whole (StatLine, JSON).
 */
function csvImporterFor(
  kind: UploadKind,
  fileName: string,
  options: UploadOptions,
  lookup: AreaLookup,
): (() => CsvImporter<ParsedImport>) | null {
  const { indelingYear, inScope, plausibility } = readingContext(options);
  switch (kind) {
    case 'politie':
      return () =>
        politie47018Importer(fileName, lookup, { indelingYear, ...inScope, plausibility });
    case 'lokaal': {
      const settings = {
        indelingYear,
        ...(options.source ? { source: options.source } : {}),
        ...inScope,
        plausibility,
        replacesCbs: options.replacesCbs === true,
      };
      return () => localCsvImporter(fileName, lookup, settings);
    }
    // A StatLine download carries its layout in title, topic and unit rows that are recognised
    // from the whole header before a row is read (statline-layout.ts); such files are small.
    case 'statline':
    case 'odata':
    case 'pdok':
      return null;
  }
}

/** Chunk size of an upload read from disk. */
export const UPLOAD_CHUNK_BYTES = 64 * 1024;

/** An uploaded file to read: opened anew for each pass, in chunks. */
export interface UploadSource {
  open(): AsyncIterable<Buffer>;
  /** The whole file, for the JSON kinds (read whole; bounded by the upload's byte limit). */
  readAll(): Promise<Buffer>;
}

/** A file on disk, read in chunks of UPLOAD_CHUNK_BYTES. */
export function fileSource(filePath: string): UploadSource {
  return {
    open: () => fs.createReadStream(filePath, { highWaterMark: UPLOAD_CHUNK_BYTES }),
    readAll: () => fs.promises.readFile(filePath),
  };
}

/** A file already in memory (an upload staged before files went to disk), in the same chunks. */
export function bytesSource(bytes: Buffer): UploadSource {
  return {
    open: async function* () {
      for (let i = 0; i < bytes.length; i += UPLOAD_CHUNK_BYTES) {
        yield bytes.subarray(i, i + UPLOAD_CHUNK_BYTES);
      }
    },
    readAll: () => Promise.resolve(bytes),
  };
}

/**
 * parseUpload for an upload read as a stream: CSV kinds are read chunk by chunk, row by row,
 * and reading stops at the first fatal problem or at the first row over `maxRows` (a Dutch
 * problem naming the file and line); memory holds one chunk and the importer's result, never
 * the file. The JSON kinds (OData, PDOK) are read whole (JSON.parse needs all of it); their
 * memory is bounded by the byte limit of the upload. Accepts and refuses the same files as
 * parseUpload (tested on every fixture).
 */
export async function parseUploadStream(
  kind: UploadKind,
  source: UploadSource,
  fileName: string,
  options: UploadOptions,
  lookup: AreaLookup,
  metadata?: ImportInput,
  limits: { maxRows?: number } = {},
): Promise<ParsedImport> {
  const csv = csvImporterFor(kind, fileName, options, lookup);
  const parsed = csv
    ? await importCsvStream(() => source.open(), csv, limits)
    : parseByKind(kind, await source.readAll(), fileName, options, lookup, metadata);
  assertWithinScope(parsed, uploadScope(options));
  return parsed;
}

function parseByKind(
  kind: UploadKind,
  bytes: Buffer,
  fileName: string,
  options: UploadOptions,
  lookup: AreaLookup,
  metadata?: ImportInput,
): ParsedImport {
  const input: ImportInput = { bytes, fileName };
  const csv = csvImporterFor(kind, fileName, options, lookup);
  if (csv) return importCsvBytes(csv(), input);
  const { indelingYear, inMunicipality, inScope, plausibility } = readingContext(options);
  switch (kind) {
    case 'statline': {
      const meta = need(metadata, 'Het bestand met de DataProperties van de tabel');
      return parseStatlineCsv(input, lookup, {
        tableId: need(options.tableId, 'Het tabelnummer'),
        dataProperties: parseDataProperties(meta.bytes, meta.fileName),
        indelingYear,
        period: need(options.period, 'De periode'),
        ...(options.decimalComma === true ? { decimalComma: true } : {}),
        ...inMunicipality,
        ...inScope,
        plausibility,
      });
    }
    case 'odata':
      return parseOdataJson(
        {
          typedDataSet: input,
          dataProperties: need(metadata, 'Het bestand met de DataProperties van de tabel'),
        },
        lookup,
        {
          tableId: need(options.tableId, 'Het tabelnummer'),
          indelingYear,
          ...(options.period ? { period: options.period } : {}),
          ...inMunicipality,
          ...inScope,
          plausibility,
        },
      );
    case 'pdok': {
      const level = need(options.level, 'Het niveau (buurt, wijk of gemeente)');
      if (!PDOK_LEVELS.includes(level)) {
        throw new BadRequestError('Het niveau moet buurt, wijk of gemeente zijn.');
      }
      return parsePdokGeojson(input, lookup, {
        indelingYear,
        level,
        ...inMunicipality,
        plausibility,
      });
    }
    default:
      throw new Error(`no reader for ${kind}`);
  }
}
