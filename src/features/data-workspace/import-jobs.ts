import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { loadAreaLookupData, type ImportOutcome, type ParsedImport } from '../imports/index.ts';
import { previewImport } from './data-preview.service.ts';
import { confirmUpload, uploadKindOf, uploadOptionsOf } from './data-workspace.service.ts';
import { openParsedImport, packResult } from './parsed-import.codec.ts';
import {
  INLINE_PARSE_BYTES,
  MAX_UPLOAD_ROWS,
  parseInWorker,
  parseInput,
  type ParseInput,
  type UploadFile,
} from './upload-parse.ts';
import {
  findUploadFiles,
  setUploadState,
  storeUploadRefusal,
  storeUploadResult,
} from './upload.repository.ts';
import type { UploadSummary } from './upload.table.ts';

/**
 * Files with more values than this are imported in the background, with a progress page; smaller
 * ones within the request (a few seconds at most on either database).
 */
export const BACKGROUND_IMPORT_THRESHOLD = 20_000;

/** Finished jobs stay readable this long, then they are forgotten. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

export type JobState = 'bezig' | 'klaar' | 'mislukt';

export interface ImportJob {
  id: string;
  municipalityCode: string;
  fileName: string;
  state: JobState;
  done: number;
  total: number;
  outcome?: ImportOutcome;
  /** Dutch text for a failed job; the details are in the log. */
  message?: string;
  startedAt: Date;
  finishedAt?: Date;
}

/**
 * Background imports of this process. Kept in memory on purpose: the import itself is one
 * transaction, so a restart rolls it back and the staged upload is still there to confirm again.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  /** Only within its own municipality, like every workspace id. */
  get(id: string, municipalityCode: string): ImportJob | undefined {
    const job = this.jobs.get(id);
    return job && job.municipalityCode === municipalityCode ? { ...job } : undefined;
  }

  /**
   * Starts confirmUpload without waiting for it and returns the job. `completion` settles when
   * the job has finished (tests wait for it; routes do not).
   */
  start(
    db: Kysely<Database>,
    upload: UploadSummary,
    parsed: ParsedImport,
    actor: string,
    log: (error: unknown) => void,
  ): { job: ImportJob; completion: Promise<void> } {
    this.prune();
    const job: ImportJob = {
      id: randomUUID(),
      municipalityCode: upload.municipality_code,
      fileName: upload.file_name,
      state: 'bezig',
      done: 0,
      total: parsed.observations.length,
      startedAt: new Date(),
    };
    this.jobs.set(job.id, job);
    const completion = confirmUpload(db, upload, parsed, actor, (_phase, done, total) => {
      job.done = done;
      job.total = total;
    }).then(
      (outcome) => {
        job.outcome = outcome;
        job.done = job.total;
        job.state = 'klaar';
        job.finishedAt = new Date();
      },
      (error: unknown) => {
        log(error);
        job.state = 'mislukt';
        job.message =
          'Het laden is mislukt; er is niets veranderd. Probeer het opnieuw of vraag de beheerder om hulp.';
        job.finishedAt = new Date();
      },
    );
    return { job: { ...job }, completion };
  }

  /** How many jobs this process holds, per state (for /metrics). */
  countByState(): Record<JobState, number> {
    const counts: Record<JobState, number> = { bezig: 0, klaar: 0, mislukt: 0 };
    for (const job of this.jobs.values()) counts[job.state]++;
    return counts;
  }

  private prune(now = Date.now()): void {
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}

/**
 * The uploaded file (and the DataProperties file of StatLine and OData) as received: on disk
 * (see UploadSpool), or in memory for a row staged before files went to disk.
 */
export interface StagedFiles {
  file: UploadFile;
  /** Bytes of the file, to choose between reading in the process and in a worker. */
  size: number;
  metadata: { fileName: string; file: UploadFile } | undefined;
}

function pathsOf(files: StagedFiles | undefined): string[] {
  if (!files) return [];
  return [files.file, files.metadata?.file].flatMap((f) => (f && 'path' in f ? [f.path] : []));
}

/**
 * Reads staged uploads, each once, one at a time per process: a worker thread reads the file
 * from disk as a stream (small files are read in the process), the result is stored with its
 * preview, and the file is removed. Preview and confirmation read the stored result;
 * nothing reads the file again. A reading lost to a restart fails, and its preview says so.
 */
export class UploadReader {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly log: (error: unknown) => void,
    private readonly maxRows = MAX_UPLOAD_ROWS,
  ) {}

  /** True while this process reads (or waits to read) the upload. */
  isReading(id: string): boolean {
    return this.running.has(id);
  }

  /**
   * Starts the reading of the upload, or returns the one already under way. `files` is the
   * uploaded file as received; without it (after a restart) the reading fails and says so.
   */
  read(id: string, files?: StagedFiles): Promise<void> {
    const existing = this.running.get(id);
    if (existing) return existing;
    const job = this.queue
      .then(() => this.run(id, files))
      .finally(() => Promise.all(pathsOf(files).map((p) => fs.promises.rm(p, { force: true }))));
    const settled = job.then(
      () => undefined,
      (error: unknown) => this.log(error),
    );
    this.queue = settled;
    const tracked = settled.finally(() => this.running.delete(id));
    this.running.set(id, tracked);
    return tracked;
  }

  private async run(id: string, given: StagedFiles | undefined): Promise<void> {
    const upload = await findUploadFiles(this.db, id);
    if (!upload || upload.state === 'klaar' || upload.state === 'geweigerd') return;
    await setUploadState(this.db, id, 'bezig');
    try {
      // Rows staged before files went to disk still carry their bytes.
      const files: StagedFiles = given ?? {
        file: { bytes: upload.bytes },
        size: upload.bytes.length,
        metadata:
          upload.metadata_bytes && upload.metadata_file_name
            ? { fileName: upload.metadata_file_name, file: { bytes: upload.metadata_bytes } }
            : undefined,
      };
      if (files.size === 0) throw new Error('het bestand is niet meer beschikbaar');
      const input: ParseInput = {
        kind: uploadKindOf(upload),
        fileName: upload.file_name,
        file: files.file,
        options: uploadOptionsOf(upload),
        metadata: files.metadata,
        lookup: await loadAreaLookupData(this.db),
        maxRows: this.maxRows,
      };
      const outcome =
        files.size <= INLINE_PARSE_BYTES ? await parseInput(input) : await parseInWorker(input);
      const parsedAt = new Date().toISOString();
      if (outcome.status === 'geweigerd') {
        await storeUploadRefusal(this.db, id, JSON.stringify(outcome.problems), parsedAt);
        return;
      }
      if (outcome.status === 'mislukt') throw new Error(outcome.message);
      // Compared straight from the columns: no million objects on this thread's heap.
      const { meta, observations } = openParsedImport(outcome.encoded);
      const preview = await previewImport(this.db, { ...meta, observations });
      await storeUploadResult(this.db, id, {
        packed: await packResult(outcome.encoded),
        preview: JSON.stringify(preview),
        parsedAt,
      });
    } catch (error) {
      await setUploadState(this.db, id, 'mislukt');
      throw error;
    }
  }
}
