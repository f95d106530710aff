import { Worker } from 'node:worker_threads';
import { BadRequestError, ImportValidationError, type ImportProblem } from '../../shared/errors.ts';
import {
  areaLookupFrom,
  tooManyRowsMessage,
  bytesSource,
  fileSource,
  parseUploadStream,
  type AreaLookupData,
  type UploadKind,
  type UploadOptions,
  type UploadSource,
} from '../imports/index.ts';
import { encodeParsedImport } from './parsed-import.codec.ts';

/** The most data rows (or features, or records) one upload may hold. */
export const MAX_UPLOAD_ROWS = 2_000_000;
/** Files up to this size are read in the process itself: a worker would cost more than it saves. */
export const INLINE_PARSE_BYTES = 1024 * 1024;
/** The worker's heap; a file that needs more fails its job, not the server. */
const WORKER_HEAP_MB = 1536;

/** An uploaded file: spooled to disk as it was received, or (staged before that) in memory. */
export type UploadFile = { path: string } | { bytes: Uint8Array };

export interface ParseInput {
  kind: UploadKind;
  fileName: string;
  file: UploadFile;
  options: UploadOptions;
  metadata: { fileName: string; file: UploadFile } | undefined;
  lookup: AreaLookupData;
  maxRows: number;
}

export type ParseOutcome =
  | { status: 'ok'; encoded: Uint8Array; values: number }
  | { status: 'geweigerd'; problems: ImportProblem[] }
  | { status: 'mislukt'; message: string };

function sourceOf(file: UploadFile): UploadSource {
  if ('path' in file) return fileSource(file.path);
  return bytesSource(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}

/**
 * Reads one staged file with the importer of its kind, with a row limit as well as the byte
 * limit. CSV kinds are read as a stream, and reading stops at the first row over the limit;
 * the JSON kinds are counted after reading. Never throws.
 */
export async function parseInput(input: ParseInput): Promise<ParseOutcome> {
  try {
    const metadata = input.metadata
      ? {
          fileName: input.metadata.fileName,
          bytes: await sourceOf(input.metadata.file).readAll(),
        }
      : undefined;
    const parsed = await parseUploadStream(
      input.kind,
      sourceOf(input.file),
      input.fileName,
      input.options,
      areaLookupFrom(input.lookup),
      metadata,
      { maxRows: input.maxRows },
    );
    if (parsed.rowCount > input.maxRows) {
      return {
        status: 'geweigerd',
        problems: [{ file: input.fileName, message: tooManyRowsMessage(input.maxRows) }],
      };
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

/** A file in memory moves to the worker instead of being copied, when it owns its memory. */
function transferable(file: UploadFile): ArrayBuffer[] {
  if (!('bytes' in file)) return [];
  const { bytes } = file;
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? [bytes.buffer as ArrayBuffer]
    : [];
}

/** parseInput in a worker thread, so the event loop keeps answering other requests. */
export function parseInWorker(input: ParseInput): Promise<ParseOutcome> {
  return new Promise((resolve) => {
    const worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      workerData: input,
      transferList: transferable(input.file),
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
