import type { NewArea } from '../areas/index.ts';
import type { DatasetKind, NewObservation, Variable } from '../datasets/index.ts';

/** A file handed to an importer: its raw bytes and the name users know it by (used in messages). */
export interface ImportInput {
  bytes: Buffer;
  fileName: string;
}

/** One observation as an importer produces it, before it belongs to a dataset. */
export type ParsedObservation = Omit<NewObservation, 'dataset_id'>;

/**
 * What every importer returns: a fully validated file, not yet written. Importers are pure
 * (bytes + lookups in, ParsedImport out) and throw ImportValidationError on bad input; the
 * import service writes a ParsedImport in one transaction.
 */
export interface ParsedImport {
  kind: DatasetKind;
  source: string;
  tableId: string | null;
  edition: string | null;
  title: string;
  fileName: string;
  /** sha256 of the file's bytes, hex. */
  fileHash: string;
  indelingYear: number | null;
  attribution: string;
  /** Options that change how the file is read; part of the idempotency fingerprint. */
  options: Record<string, string>;
  /** Data rows read (not counting header lines). */
  rowCount: number;
  areas: NewArea[];
  observations: ParsedObservation[];
  variables: Variable[];
}

/** Read-only view of the areas an importer validates against. */
export interface AreaLookup {
  /** Indeling years that have areas loaded. */
  years(): readonly number[];
  has(indelingYear: number, code: string): boolean;
  /** Areas of one municipality with this exact name (case and spacing normalised). */
  findByName(
    indelingYear: number,
    municipalityCode: string,
    name: string,
  ): { code: string; kind: string }[];
}

export type ImportOutcome =
  | {
      status: 'geimporteerd';
      datasetId: string;
      observations: number;
      areas: number;
      rows: number;
      /** Areas stored without an outline that got one with this import (ADR 0045). */
      outlinesAdded?: number;
      /** Areas that had an outline and got this import's (a new kaart of the same year). */
      outlinesReplaced?: number;
    }
  | { status: 'ongewijzigd'; datasetId: string; importedAt: string };

export type ProgressReporter = (phase: string, done: number, total: number) => void;

/** The files of one table fetched from CBS's OData v4 service (see odata-harvest.ts). */
export interface OdataV4Input {
  /** Every `Observations` page, in order (`@odata.nextLink`). */
  observations: readonly ImportInput[];
  /** `Dimensions`: the table's dimensions (identifier and kind). */
  dimensions: ImportInput;
  /** `MeasureCodes`: the measures (identifier, title, unit, description). */
  measureCodes: ImportInput;
  /** `<Dimension>Codes` of the dimensions asked for in `codeLists`, by dimension. */
  codeLists: Readonly<Record<string, ImportInput>>;
}
