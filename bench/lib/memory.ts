import { Worker } from 'node:worker_threads';
import { MB } from './stats.ts';

export interface MemoryPeak {
  /** Highest resident set size of the whole process, MB. */
  rssMb: number;
  /** Highest V8 heap in use on the main thread at a sample point, MB. */
  heapUsedMb: number;
  /** RSS and heap when sampling started, MB, so the report can show the growth. */
  startRssMb: number;
  startHeapUsedMb: number;
  samples: number;
  /** Heap in use at named points (sampler.mark), MB. */
  marks: Record<string, number>;
}

/*
 * RSS is sampled from a worker thread: the importer parses synchronously, which blocks the main
 * thread's timers, and a main-thread interval would miss exactly the peak we want. RSS is a
 * process-wide figure, so the worker sees the main thread's memory. The main-thread heap can only
 * be read on the main thread: it is sampled by a timer (fires between the async write chunks)
 * and at every phase boundary via sample(), where the parsed import is still alive.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const peak = new Float64Array(workerData.shared);
const tick = () => { const r = process.memoryUsage.rss(); if (r > peak[0]) peak[0] = r; peak[1]++; };
tick();
const timer = setInterval(tick, workerData.intervalMs);
parentPort.on('message', () => { tick(); clearInterval(timer); parentPort.postMessage('done'); });
`;

export class MemorySampler {
  private readonly shared = new SharedArrayBuffer(16);
  private readonly peak = new Float64Array(this.shared);
  private worker: Worker | undefined;
  private timer: NodeJS.Timeout | undefined;
  private heapPeak = 0;
  private mainSamples = 0;
  private startRss = 0;
  private startHeap = 0;
  private readonly marks: Record<string, number> = {};

  constructor(private readonly intervalMs = 50) {}

  async start(): Promise<void> {
    const m = process.memoryUsage();
    this.startRss = m.rss;
    this.startHeap = m.heapUsed;
    this.peak[0] = m.rss;
    this.heapPeak = m.heapUsed;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { shared: this.shared, intervalMs: this.intervalMs },
    });
    // Not unref'd: while the worker starts, nothing else may keep the event loop alive.
    await new Promise<void>((resolve, reject) => {
      this.worker!.once('online', () => resolve());
      this.worker!.once('error', reject);
    });
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Call at phase boundaries: synchronous phases give the timer no chance to run. */
  sample(): void {
    const m = process.memoryUsage();
    this.mainSamples++;
    if (m.heapUsed > this.heapPeak) this.heapPeak = m.heapUsed;
    if (m.rss > this.peak[0]!) this.peak[0] = m.rss;
  }

  /** Samples and remembers the heap in use at a named point (e.g. right after parsing). */
  mark(label: string): void {
    this.sample();
    this.marks[label] = process.memoryUsage().heapUsed / MB;
  }

  async stop(): Promise<MemoryPeak> {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    const worker = this.worker;
    if (worker) {
      await new Promise<void>((resolve) => {
        worker.once('message', () => resolve());
        worker.postMessage('stop');
      });
      await worker.terminate();
    }
    return {
      rssMb: this.peak[0]! / MB,
      heapUsedMb: this.heapPeak / MB,
      startRssMb: this.startRss / MB,
      startHeapUsedMb: this.startHeap / MB,
      samples: this.peak[1]! + this.mainSamples,
      marks: { ...this.marks },
    };
  }
}
