import { z } from 'zod';
import { codebookCsv, codebookMarkdown } from './codebook.ts';
import { toDatasetCsv } from './csv.ts';
import type { SurveyDataset } from './model.ts';
import { toSav } from './sav/sav-writer.ts';
import { toDatasetXlsx } from './xlsx.ts';

/**
 * The export formats as one entry point for the routes and the CLI: the format name from the
 * query is checked here, and each format comes with its content type and file name.
 */
export const SURVEY_EXPORT_FORMATS = ['csv', 'codeboek-csv', 'codeboek-md', 'sav', 'xlsx'] as const;
export const surveyExportFormatSchema = z.enum(SURVEY_EXPORT_FORMATS, {
  error: `kies een exportformaat: ${SURVEY_EXPORT_FORMATS.join(', ')}`,
});
export type SurveyExportFormat = (typeof SURVEY_EXPORT_FORMATS)[number];

export interface RenderedExport {
  body: Buffer;
  contentType: string;
  fileName: string;
}

const utf8 = (text: string) => Buffer.from(text, 'utf8');

export async function renderSurveyExport(
  dataset: SurveyDataset,
  format: SurveyExportFormat,
): Promise<RenderedExport> {
  const stem = dataset.key;
  switch (format) {
    case 'csv':
      return {
        body: utf8(toDatasetCsv(dataset)),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${stem}-data.csv`,
      };
    case 'codeboek-csv':
      return {
        body: utf8(codebookCsv(dataset)),
        contentType: 'text/csv; charset=utf-8',
        fileName: `${stem}-codeboek.csv`,
      };
    case 'codeboek-md':
      return {
        body: utf8(codebookMarkdown(dataset)),
        contentType: 'text/markdown; charset=utf-8',
        fileName: `${stem}-codeboek.md`,
      };
    case 'sav':
      return {
        body: toSav(dataset),
        contentType: 'application/x-spss-sav',
        fileName: `${stem}.sav`,
      };
    case 'xlsx':
      return {
        body: await toDatasetXlsx(dataset),
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        fileName: `${stem}.xlsx`,
      };
  }
}
