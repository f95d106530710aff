import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface PostResult {
  status: number;
  body: string;
  ms: number;
}

/**
 * POSTs over keep-alive connections, at most `clients` at once: each client sends its next
 * request when its answer is in, as a real client would. node:http, no extra dependency;
 * autocannon cannot give every request its own Idempotency-Key.
 */
export async function postAll(
  url: string,
  requests: readonly { headers: Record<string, string>; body: string }[],
  clients: number,
): Promise<PostResult[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const out: PostResult[] = new Array(requests.length);
  let next = 0;
  const one = (i: number) =>
    new Promise<PostResult>((resolve, reject) => {
      const r = requests[i]!;
      const start = performance.now();
      const req = http.request(
        url,
        {
          method: 'POST',
          agent,
          headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
              ms: performance.now() - start,
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(r.body);
    });
  try {
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (next < requests.length) {
          const i = next++;
          out[i] = await one(i);
        }
      }),
    );
  } finally {
    agent.destroy();
  }
  return out;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}
