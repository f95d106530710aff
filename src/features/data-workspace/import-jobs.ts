import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ImportOutcome, ParsedImport } from '../imports/import.types.ts';
import { confirmUpload } from './data-workspace.service.ts';
import type { Upload } from './upload.table.ts';

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
    upload: Upload,
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

  private prune(now = Date.now()): void {
    for (const [id, job] of this.jobs) {
      if (job.finishedAt && now - job.finishedAt.getTime() > KEEP_FINISHED_MS) this.jobs.delete(id);
    }
  }
}
