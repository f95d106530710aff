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
 * Load on one URL with autocannon. The load runs in a worker thread (workers: 1) so the client
 * does not share the server's event loop; on a 2-core machine each gets a core.
 */
export async function loadTest(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<LoadResult> {
  const r = await autocannon({ url, connections, duration: seconds, workers: 1, headers });
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
