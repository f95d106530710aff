import { BadRequestError } from '../../shared/errors.ts';
import { parseDataProperties } from './cbs-metadata.ts';
import { shippedPlausibility } from './plausibility.ts';
import { assertWithinScope, isMunicipalScope, NATIONAL_SCOPE } from './import-scope.ts';
import type { AreaLookup, ImportInput, ParsedImport } from './import.types.ts';
import { parseLocalCsv } from './local-csv.importer.ts';
import { parseOdataJson } from './odata.importer.ts';
import { parsePdokGeojson, type PdokOptions } from './pdok-geojson.importer.ts';
import { parsePolitie47018Csv } from './politie-47018.importer.ts';
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

function parseByKind(
  kind: UploadKind,
  bytes: Buffer,
  fileName: string,
  options: UploadOptions,
  lookup: AreaLookup,
  metadata?: ImportInput,
): ParsedImport {
  const input: ImportInput = { bytes, fileName };
  const { indelingYear } = options;
  const scope = uploadScope(options);
  // A municipal import reads only its own part of a national file.
  const municipalityCode =
    options.municipalityCode && options.municipalityCode !== NATIONAL_SCOPE
      ? options.municipalityCode
      : scope;
  const inMunicipality = municipalityCode ? { municipalityCode } : {};
  const inScope = scope ? { scope } : {};
  const plausibility = shippedPlausibility();
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
    case 'politie':
      return parsePolitie47018Csv(input, lookup, { indelingYear, ...inScope, plausibility });
    case 'lokaal':
      return parseLocalCsv(input, lookup, {
        indelingYear,
        ...(options.source ? { source: options.source } : {}),
        ...inScope,
        plausibility,
        replacesCbs: options.replacesCbs === true,
      });
  }
}
