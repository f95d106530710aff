/**
 * Worker thread of the upload reader: runs the same importer as the CLI (parseUpload) on a
 * staged file, away from the event loop, and hands back the result as one transferable buffer.
 */
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { parseInput, type ParseInput } from './upload-parse.ts';

// On Linux a nice value belongs to a thread: only this reader yields the CPU to the event loop.
try {
  os.setPriority(os.constants.priority.PRIORITY_LOW);
} catch {
  // Not allowed here (or not Linux): the reader runs at the process's priority.
}

const input = workerData as ParseInput;
const outcome = parseInput({
  ...input,
  bytes: Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength),
  metadata: input.metadata
    ? {
        fileName: input.metadata.fileName,
        bytes: Buffer.from(
          input.metadata.bytes.buffer,
          input.metadata.bytes.byteOffset,
          input.metadata.bytes.byteLength,
        ),
      }
    : undefined,
});
parentPort?.postMessage(
  outcome,
  outcome.status === 'ok' ? [outcome.encoded.buffer as ArrayBuffer] : [],
);
