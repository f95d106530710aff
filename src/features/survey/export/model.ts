import type { QuestionType, SurveyTheme } from '../definition/questionnaire.schema.ts';

/**
 * The export dataset: built once from the questionnaire versions and the responses, then written
 * as CSV, codebook, SPSS .sav and XLSX. Every writer reads this model only, so a value cannot
 * differ between the formats.
 */

export type Measure = 'nominal' | 'ordinal' | 'scale';

/**
 * How a variable is stored. `date` values are ISO dates (`2026-11-14`) in the model; the SPSS
 * writer turns them into SPSS dates, the XLSX writer into spreadsheet dates.
 */
export type Storage = 'numeric' | 'string' | 'date';

/** `meta` for the response columns (id, version, channel …), else the question type. */
export type VariableKind = 'meta' | QuestionType;

export interface ValueLabel {
  code: number;
  label: string;
}

export interface ExportVariable {
  /** Stable over versions: the column name in CSV and XLSX, the variable name in SPSS. */
  name: string;
  /** Dutch variable label. */
  label: string;
  kind: VariableKind;
  storage: Storage;
  measure: Measure;
  /** Decimals shown (numeric only). */
  decimals: number;
  /** The question this variable comes from, with its Dutch text (latest version). */
  question?: { name: string; text: string };
  theme?: SurveyTheme;
  valueLabels: ValueLabel[];
  /** User-missing codes, such as "weet niet": present in the data, left out of statistics. */
  missingCodes: number[];
  /** The questionnaire versions in which this variable exists. */
  versions: number[];
}

/** null: not asked, not answered or not in the respondent's version (system-missing in SPSS). */
export type DatasetValue = number | string | null;

export interface SurveyDataset {
  key: string;
  /** Dutch title of the latest version. */
  title: string;
  versions: number[];
  variables: ExportVariable[];
  /** One row per response, values in the order of `variables`. */
  rows: DatasetValue[][];
  /** The weight variable's name, when at least one response carries a weight. */
  weightVariable?: string;
  weighting?: DatasetWeighting;
}

/** How the weights were made, for the codebook (ADR 0019). */
export interface DatasetWeighting {
  /** The results page's note: level, trimming and its effect, in Dutch. */
  note: string;
  /** The trimming rule, e.g. "0,3 tot 3 × het gemiddelde". */
  trimRule: string;
  /** Weights cut to a bound, and of how many. */
  trimmed: number;
  weighted: number;
  /** Per margin, the largest distance from the CBS target after trimming, in words. */
  marginFit: string[];
}
