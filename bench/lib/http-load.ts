import { createRequire } from 'node:module';

/** The part of autocannon's result the benchmarks read (autocannon ships no types). */
interface Histogram {
  average: number;
  p50: number;
  p99: number;
  max: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  workers?: number;
  headers?: Record<string, string>;
}) => Promise<AutocannonResult>;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

export interface LoadResult {
  url: string;
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Non-2xx answers and connection errors: any is a broken run, not a slow one. */
  failures: number;
}

/**
 * Client threads. One autocannon thread is the bottleneck on this machine, not the server: at
 * 50 connections and about 1,900 req/s for the gzip profile a server in its own process was
 * idle three quarters of the time, and the latency measured was the client's own queue. Two
 * threads (one per core of the 2-core target machine) take the connections between them.
 */
export const CLIENT_WORKERS = 2;

/**
 * Load on one URL with autocannon. The load runs in worker threads, so the client does not
 * share the server's event loop.
 */
export async function loadTest(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    workers: CLIENT_WORKERS,
    headers,
  });
  return {
    url,
    connections,
    seconds,
    requests: r.requests.total,
    reqPerSec: r.requests.average,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    maxMs: r.latency.max,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}
