import type { Insertable, Selectable } from 'kysely';

export type DatasetKind =
  | 'pdok-geojson'
  | 'cbs-odata'
  | 'cbs-statline-csv'
  | 'politie-47018'
  | 'politie-47025'
  | 'local-csv'
  | 'reference-file'
  | 'gemeente-kengetallen';

export type DatasetStatus = 'actief' | 'ingetrokken';

/** Provenance of one import. `fingerprint` makes a repeated import of the same file a no-op. */
export interface DatasetTable {
  id: string;
  kind: DatasetKind;
  fingerprint: string;
  source: string;
  table_id: string | null;
  edition: string | null;
  title: string;
  file_name: string;
  file_hash: string;
  indeling_year: number | null;
  imported_at: string;
  imported_by: string;
  row_count: number;
  observation_count: number;
  area_count: number;
  status: DatasetStatus;
  attribution: string;
  /** The municipality the dataset belongs to (ADR 0017); null for a national dataset. */
  municipality_code: string | null;
}
export type Dataset = Selectable<DatasetTable>;
export type NewDataset = Insertable<DatasetTable>;

/**
 * definitief, voorlopig, geheim (suppressed by the publisher), geschat (estimated), niet van
 * toepassing (the publisher marks the figure as one that cannot exist for this area, e.g. CBS
 * v4's ValueAttribute "Impossible"; stored without a value, ADR 0042).
 */
export type ObservationStatus =
  | 'definitief'
  | 'voorlopig'
  | 'geheim'
  | 'geschat'
  | 'niet van toepassing';

/**
 * One value of one variable for one area and period. `variable` is the CBS stem without the
 * edition suffix (`AantalInwoners`, not `AantalInwoners_5`) or a local indicator key.
 */
export interface ObservationTable {
  dataset_id: string;
  variable: string;
  indeling_year: number;
  area_code: string;
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: ObservationStatus;
}
export type Observation = Selectable<ObservationTable>;
export type NewObservation = Insertable<ObservationTable>;

/** What a variable stem means, as the publisher describes it (CBS DataProperties). */
export interface VariableTable {
  stem: string;
  table_id: string;
  title: string;
  unit: string | null;
  description: string | null;
}
export type Variable = Selectable<VariableTable>;
