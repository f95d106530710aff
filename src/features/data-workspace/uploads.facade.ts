import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import type { ParsedImport } from '../imports/index.ts';
import {
  changeDatasetStatus,
  confirmUpload,
  datasetSummary,
  loadParsedUpload,
  stageUpload,
} from './data-workspace.service.ts';
import { UploadReader, type ImportJobs } from './import-jobs.ts';
import { findUpload } from './upload.repository.ts';
import type { UploadSummary } from './upload.table.ts';

/** The data workspace: stage an upload, read it once, preview, confirm, withdraw or restore. */
export function uploadService(db: Kysely<Database>, jobs: ImportJobs) {
  return {
    stage: withDb(db, stageUpload),
    /** Only within its own municipality; undefined otherwise. */
    find: withDb(db, findUpload),
    loadParsed: withDb(db, loadParsedUpload),
    confirm: withDb(db, confirmUpload),
    datasetSummary: withDb(db, datasetSummary),
    changeDatasetStatus: withDb(db, changeDatasetStatus),
    /** Confirms in the background (see ImportJobs); the job's page follows its progress. */
    startImport: (
      upload: UploadSummary,
      parsed: ParsedImport,
      actor: string,
      log: (error: unknown) => void,
    ) => jobs.start(db, upload, parsed, actor, log),
    /** The reader of this plugin instance; every upload is read once. */
    reader: (log: (error: unknown) => void, maxRows?: number) => new UploadReader(db, log, maxRows),
  };
}
export type UploadService = ReturnType<typeof uploadService>;
