import ExcelJS from 'exceljs';
import { CODEBOOK_COLUMNS, codebookRows } from './codebook.ts';
import type { DatasetValue, ExportVariable, SurveyDataset } from './model.ts';

/**
 * The dataset as an Excel workbook: sheet "Data" (one row per response, variable names as
 * header) and sheet "Codeboek". Numbers stay numbers and dates are real dates, so a researcher
 * can compute on them straight away; text is written as text, never as a formula.
 */

function cellValue(value: DatasetValue, variable: ExportVariable): ExcelJS.CellValue {
  if (value === null) return null;
  if (variable.storage === 'date') return new Date(`${String(value)}T00:00:00Z`);
  return value;
}

export async function toDatasetXlsx(dataset: SurveyDataset): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Wijkkompas';
  workbook.title = dataset.title;

  const data = workbook.addWorksheet('Data', { views: [{ state: 'frozen', ySplit: 1 }] });
  data.columns = dataset.variables.map((v) => ({
    header: v.name,
    key: v.name,
    width: Math.min(Math.max(v.name.length + 2, 10), 40),
    ...(v.storage === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  for (const row of dataset.rows) {
    data.addRow(row.map((value, i) => cellValue(value, dataset.variables[i]!)));
  }
  data.getRow(1).font = { bold: true };

  const codebook = workbook.addWorksheet('Codeboek', {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  codebook.columns = CODEBOOK_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 24 }));
  for (const row of codebookRows(dataset)) codebook.addRow(row);
  codebook.getRow(1).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
