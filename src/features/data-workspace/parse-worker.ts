/**
 * Worker thread of the upload reader: runs the same importers as the CLI on a staged file,
 * reading it from disk as a stream (parseUploadStream), away from the event loop, and hands back
 * the result as one transferable buffer.
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

const outcome = await parseInput(workerData as ParseInput);
parentPort?.postMessage(
  outcome,
  outcome.status === 'ok' ? [outcome.encoded.buffer as ArrayBuffer] : [],
);
