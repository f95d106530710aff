import { Worker } from 'node:worker_threads';
import { BadRequestError, ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import { areaLookupFrom, type AreaLookupData } from '../imports/import.service.ts';
import { parseUpload, type UploadKind, type UploadOptions } from '../imports/parse-upload.ts';
import { encodeParsedImport } from './parsed-import.codec.ts';

/** The most data rows (or features, or records) one upload may hold. */
export const MAX_UPLOAD_ROWS = 2_000_000;
/** Files up to this size are read in the process itself: a worker would cost more than it saves. */
export const INLINE_PARSE_BYTES = 1024 * 1024;
/** The worker's heap; a file that needs more fails its job, not the server. */
const WORKER_HEAP_MB = 1536;

export interface ParseInput {
  kind: UploadKind;
  fileName: string;
  bytes: Uint8Array;
  options: UploadOptions;
  metadata: { fileName: string; bytes: Uint8Array } | undefined;
  lookup: AreaLookupData;
  maxRows: number;
}

export type ParseOutcome =
  | { status: 'ok'; encoded: Uint8Array; values: number }
  | { status: 'geweigerd'; problems: ImportProblem[] }
  | { status: 'mislukt'; message: string };

const CSV_KINDS: readonly UploadKind[] = ['statline', 'politie', 'lokaal'];

function countLines(bytes: Buffer, stopAfter: number): number {
  let lines = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
    if (++lines > stopAfter) break;
  }
  return lines;
}

function tooManyRows(fileName: string, maxRows: number): ImportProblem[] {
  return [
    {
      file: fileName,
      message: `het bestand heeft meer dan ${maxRows.toLocaleString('nl-NL')} regels; splits het in kleinere bestanden, of laat de beheerder het met de opdrachtregel (wijkkompas import) laden`,
    },
  ];
}

/**
 * Reads one staged file with the importer of its kind, with a row limit as well as the byte
 * limit: CSV lines are counted before parsing (cheap), other kinds after. Never throws.
 */
export function parseInput(input: ParseInput & { bytes: Buffer }): ParseOutcome {
  try {
    // One header line, and a last line without newline, do not count as rows.
    if (
      CSV_KINDS.includes(input.kind) &&
      countLines(input.bytes, input.maxRows + 1) > input.maxRows + 1
    ) {
      return { status: 'geweigerd', problems: tooManyRows(input.fileName, input.maxRows) };
    }
    const metadata = input.metadata
      ? { fileName: input.metadata.fileName, bytes: Buffer.from(input.metadata.bytes) }
      : undefined;
    const parsed = parseUpload(
      input.kind,
      input.bytes,
      input.fileName,
      input.options,
      areaLookupFrom(input.lookup),
      metadata,
    );
    if (parsed.rowCount > input.maxRows) {
      return { status: 'geweigerd', problems: tooManyRows(input.fileName, input.maxRows) };
    }
    return {
      status: 'ok',
      encoded: encodeParsedImport(parsed),
      values: parsed.observations.length,
    };
  } catch (error) {
    if (error instanceof ImportValidationError)
      return { status: 'geweigerd', problems: error.problems };
    if (error instanceof BadRequestError) {
      return { status: 'geweigerd', problems: [{ file: input.fileName, message: error.message }] };
    }
    return { status: 'mislukt', message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The app runs its TypeScript through tsx, whose loader a worker thread does not inherit: the
 * worker registers it first, then loads parse-worker.ts.
 */
const WORKER_BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})
  .then((api) => { api.register(); return import(${JSON.stringify(new URL('./parse-worker.ts', import.meta.url).href)}); })`;

/** parseInput in a worker thread, so the event loop keeps answering other requests. */
export function parseInWorker(input: ParseInput): Promise<ParseOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: input,
      // The file moves to the worker instead of being copied on this thread, when it owns its memory.
      transferList:
        input.bytes.byteOffset === 0 && input.bytes.byteLength === input.bytes.buffer.byteLength
          ? [input.bytes.buffer as ArrayBuffer]
          : [],
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    const settle = (outcome: ParseOutcome) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
      void worker.terminate();
    };
    worker.once('message', (outcome: ParseOutcome) => settle(outcome));
    worker.once('error', (error) => settle({ status: 'mislukt', message: error.message }));
    worker.once('exit', (code) =>
      settle({ status: 'mislukt', message: `het leesproces stopte (code ${code})` }),
    );
  });
}
