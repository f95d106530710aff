import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDb, dialectUnavailable, type TestDb } from '../helpers/db.ts';
import { buildSecurityApp, login, makeUser, openLoginPage } from './security-app.ts';

const UPLOAD = '/werkruimte/GM0505/data/voorbeeld';
const BOUNDARY = '----wkuploadattack';
const MB = 1024 * 1024;

interface Sent {
  status: number | undefined;
  error?: string;
}

/**
 * A multipart upload of `size` bytes over a real socket. With `stopAfter`, only that many bytes
 * of the body are sent and the answer is awaited with the rest still missing: a server that
 * answers has decided without the body.
 */
function sendUpload(
  port: number,
  options: { size: number; stopAfter?: number; cookie?: string; query?: string },
): Promise<Sent> {
  return new Promise((resolve) => {
    const head = Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="bestand"; filename="groot.csv"\r\nContent-Type: text/csv\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
    const total = head.length + options.size + tail.length;
    const req = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: UPLOAD + (options.query ?? ''),
      headers: {
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(total),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      },
    });
    let settled = false;
    const finish = (result: Sent) => {
      if (settled) return;
      settled = true;
      resolve(result);
      req.destroy();
    };
    const timer = setTimeout(() => finish({ status: undefined, error: 'geen antwoord' }), 20_000);
    req.on('response', (res) => {
      res.resume();
      // A full upload waits for its body to be sent (or the socket to close) before it ends.
      if (options.stopAfter !== undefined) {
        clearTimeout(timer);
        finish({ status: res.statusCode });
      } else {
        res.on('end', () => {
          clearTimeout(timer);
          finish({ status: res.statusCode });
        });
      }
    });
    req.on('error', (error) => {
      clearTimeout(timer);
      finish({ status: undefined, error: error.message });
    });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    let sent = 0;
    const limit = options.stopAfter ?? options.size;
    const pump = () => {
      if (sent === 0) req.write(head);
      while (sent < limit && !settled) {
        const n = Math.min(chunk.length, limit - sent);
        sent += n;
        if (!req.write(n === chunk.length ? chunk : chunk.subarray(0, n))) {
          req.once('drain', pump);
          return;
        }
      }
      if (options.stopAfter === undefined && !settled) req.end(tail);
    };
    pump();
  });
}

const skip = dialectUnavailable('sqlite');
describe('an upload is refused before its body is read', skip ? { skip } : {}, () => {
  let handle: TestDb;
  let app: FastifyInstance;
  let port: number;
  let researcher: { cookie: string; token: string };
  let member: { cookie: string; token: string };
  let anonymous: { cookie: string; token: string };

  before(async () => {
    handle = await createTestDb('sqlite');
    app = await buildSecurityApp(handle);
    await makeUser(handle, 'onderzoeker@fixture.example', [
      { role: 'onderzoeker', municipalityCode: 'GM0505' },
    ]);
    await makeUser(handle, 'lid@fixture.example', [
      { role: 'alliantielid', municipalityCode: 'GM0505' },
    ]);
    researcher = await login(app, 'onderzoeker@fixture.example', undefined, '10.7.0.1');
    member = await login(app, 'lid@fixture.example', undefined, '10.7.0.2');
    anonymous = await openLoginPage(app, '10.7.0.3');
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });

  after(async () => {
    await app?.close();
    await handle?.drop();
  });

  it('answers 401/403 while the body is still on its way', async () => {
    const cases: [string, Parameters<typeof sendUpload>[1], number][] = [
      ['anoniem', { size: 45 * MB, stopAfter: 1024 }, 401],
      [
        'anoniem met sessie en token',
        {
          size: 45 * MB,
          stopAfter: 1024,
          cookie: anonymous.cookie,
          query: `?_csrf=${encodeURIComponent(anonymous.token)}`,
        },
        401,
      ],
      [
        'alliantielid (verkeerde rol)',
        {
          size: 45 * MB,
          stopAfter: 1024,
          cookie: member.cookie,
          query: `?_csrf=${encodeURIComponent(member.token)}`,
        },
        403,
      ],
      [
        'onderzoeker zonder token',
        { size: 45 * MB, stopAfter: 1024, cookie: researcher.cookie },
        403,
      ],
      [
        'onderzoeker met het token van een ander',
        {
          size: 45 * MB,
          stopAfter: 1024,
          cookie: researcher.cookie,
          query: `?_csrf=${encodeURIComponent(member.token)}`,
        },
        403,
      ],
    ];
    for (const [label, options, expected] of cases) {
      const result = await sendUpload(port, options);
      assert.equal(result.status, expected, `${label}: ${result.error ?? ''}`);
    }
  });

  it('16 parallel anonymous 45 MB uploads do not grow the memory', async (t) => {
    // Settle what the app allocates on its first requests before measuring.
    await sendUpload(port, { size: MB });
    (globalThis as { gc?: () => void }).gc?.();
    const baseline = process.memoryUsage();
    let peakRss = baseline.rss;
    let peakHeapExternal = baseline.heapUsed + baseline.external + baseline.arrayBuffers;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeapExternal = Math.max(peakHeapExternal, m.heapUsed + m.external + m.arrayBuffers);
    }, 5);
    const results = await Promise.all(
      Array.from({ length: 16 }, () => sendUpload(port, { size: 45 * MB })),
    );
    clearInterval(sampler);
    for (const r of results) {
      // Either the 401 arrived, or the server closed the socket after answering it.
      assert.ok(r.status === 401 || r.status === undefined, `${r.status} ${r.error ?? ''}`);
    }
    assert.ok(
      results.some((r) => r.status === 401),
      'no upload got its 401',
    );
    const rssGrowth = (peakRss - baseline.rss) / MB;
    const heapGrowth =
      (peakHeapExternal - baseline.heapUsed - baseline.external - baseline.arrayBuffers) / MB;
    t.diagnostic(
      `growth: RSS ${rssGrowth.toFixed(1)} MB, heap + external ${heapGrowth.toFixed(1)} MB`,
    );
    // Before the fix every upload was buffered before the login check: 16 × 45 MB = 720 MB.
    // Sockets, parser buffers and garbage not yet collected fit well within 100 MB.
    assert.ok(rssGrowth < 100, `RSS grew by ${rssGrowth.toFixed(0)} MB`);
    assert.ok(heapGrowth < 100, `heap + external grew by ${heapGrowth.toFixed(0)} MB`);
  });
});
