import { csvDocument, safeText } from './csv-format.ts';
import type { DatasetValue, SurveyDataset } from './model.ts';

/**
 * The dataset as CSV: a header with the variable names, one row per response. Missing is an
 * empty cell; codes and numbers are written with a decimal point; dates as `2026-11-15`.
 */

function field(value: DatasetValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return safeText(value);
}

export function toDatasetCsv(dataset: SurveyDataset): string {
  return csvDocument([
    dataset.variables.map((v) => v.name),
    ...dataset.rows.map((row) => row.map(field)),
  ]);
}
