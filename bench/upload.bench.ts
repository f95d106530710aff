import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createServices } from '../src/composition.ts';
import { createUser } from '../src/features/accounts/account.service.ts';
import { multipart } from '../src/features/data-workspace/data-workspace.test-helpers.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { SESSION_COOKIE } from '../src/plugins/session.ts';
import { percentile } from './lib/http-pool.ts';
import { MB, collectGarbage, round } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { BenchContext, BenchReport, Benchmark } from './lib/types.ts';

/** The file of issue 11: a valid `lokaal` CSV of 45 MB, 1.5 million rows, under the 50 MB limit. */
const FULL_ROWS = 1_400_000;
const HOME = 'GM0505';
const PASSWORD = 'benchmark-wachtwoord-lang-genoeg';

/**
 * FIXTURE figures, not real ones: every (indicator, area, period) once, over the Dordrecht
 * areas of indeling 2023, so the file passes every check and the reader does the full work.
 */
function localCsv(codes: readonly string[], rows: number): Buffer {
  const lines = ['gebiedscode;periode;indicator;waarde'];
  let n = 0;
  for (let v = 0; n < rows; v++) {
    for (let year = 1900; year < 2100 && n < rows; year++) {
      for (const code of codes) {
        if (n >= rows) break;
        lines.push(`${code};${year};bench_v${v};${(v * 31 + year * 7) % 100_000}`);
        n++;
      }
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8');
}

function postOverSocket(
  port: number,
  url: string,
  body: { payload: Buffer; headers: Record<string, string> },
  cookie: string,
): Promise<{ statusCode: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: url,
        headers: {
          ...body.headers,
          cookie,
          'content-length': String(body.payload.length),
        },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve({
            statusCode: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(parts).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    let offset = 0;
    const pump = () => {
      while (offset < body.payload.length) {
        const chunk = body.payload.subarray(offset, offset + 64 * 1024);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}

function cookieOf(res: { cookies: { name: string; value: string }[] }): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE && x.value !== '');
  if (!c) throw new Error('geen sessiecookie');
  return `${SESSION_COOKIE}=${c.value}`;
}

async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const page = await app.inject('/inloggen');
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
  const res = await app.inject({
    method: 'POST',
    url: '/inloggen',
    payload: new URLSearchParams({ email, wachtwoord: PASSWORD, _csrf: token }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieOf(page) },
  });
  if (res.statusCode !== 303) throw new Error(`inloggen mislukt: ${res.statusCode}`);
  return cookieOf(res);
}

interface MemoryRun {
  way: string;
  ms: number;
  rows: number;
  bytesRead: number;
  refused: string;
  startRssMb: number;
  peakRssMb: number;
  startHeapMb: number;
  peakHeapMb: number;
}

/** One way of reading the file in a process of its own (bench/upload-memory.ts). */
function measureMemory(
  root: string,
  way: string,
  file: string,
  maxRows?: number,
): Promise<MemoryRun> {
  const args = [
    '--import',
    'tsx',
    '--expose-gc',
    path.join(root, 'bench/upload-memory.ts'),
    way,
    file,
  ];
  if (maxRows !== undefined) args.push(String(maxRows));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root, maxBuffer: MB }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${way}: ${error.message}\n${stderr}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as MemoryRun);
    });
  });
}

/**
 * The upload reader's memory (issue 11.6, streaming): the same generated file read the old way
 * (whole file in memory, parseUpload) and the new way (parseUploadStream from disk), each in a
 * fresh process, in this run. Also the CSV reader alone (no result kept) and the row limit.
 */
async function memoryComparison(ctx: BenchContext, file: Buffer, rows: number) {
  const onDisk = path.join(ctx.tmpDir, 'bench-lokaal.csv');
  fs.writeFileSync(onDisk, file);
  const limit = Math.max(1000, Math.floor(rows / 10));
  const pairs: { label: string; old: MemoryRun; now: MemoryRun }[] = [];
  for (const [label, oldWay, newWay, maxRows] of [
    ['lokaal-import, heel bestand', 'geheel', 'stroom', undefined],
    ['alleen CSV lezen (niets bewaard)', 'geheel-lezen', 'stroom-lezen', undefined],
    [`rijlimiet ${limit.toLocaleString('nl-NL')} (10%)`, 'geheel', 'stroom', limit],
  ] as const) {
    ctx.log(`geheugen: ${label} …`);
    const old = await measureMemory(ctx.root, oldWay, onDisk, maxRows);
    const now = await measureMemory(ctx.root, newWay, onDisk, maxRows);
    pairs.push({ label, old, now });
  }
  fs.rmSync(onDisk, { force: true });
  const growth = (r: MemoryRun) => r.peakRssMb - r.startRssMb;
  const heapGrowth = (r: MemoryRun) => r.peakHeapMb - r.startHeapMb;
  return { pairs, growth, heapGrowth, limit };
}

/**
 * Issue 11.6: while a 45 MB upload is received, read and compared, the event loop keeps
 * turning. Measures the event-loop delay (monitorEventLoopDelay) from the upload request until
 * the preview is ready, and the home page's answer time meanwhile (every 50 ms, app.inject).
 */
export const uploadBenchmark: Benchmark = {
  name: 'upload',
  title: 'Upload van 45 MB lezen: event loop blijft vrij (issue 11.6)',
  async run(ctx: BenchContext): Promise<BenchReport> {
    const handle = await createBenchDb(ctx.tmpDir, 'upload');
    const notes: string[] = [];
    try {
      ctx.log('meegeleverde gegevens laden …');
      await seedShippedData(handle.db, path.join(ctx.root, 'datasets'), {
        importedBy: 'benchmark',
      });
      const app = await buildApp({
        services: createServices(handle, { datasetsDir: path.join(ctx.root, 'datasets') }),
        sessionSecret: 'benchmark-secret-upload-0123456789abcdef0123456789',
      });
      await app.listen({ host: '127.0.0.1', port: 0 });
      const port = (app.server.address() as AddressInfo).port;
      try {
        await createUser(
          handle.db,
          {
            email: 'bench@fixture.example',
            name: 'Benchmark',
            password: PASSWORD,
            grants: [{ role: 'onderzoeker', municipalityCode: HOME }],
          },
          'benchmark',
        );
        const cookie = await signIn(app, 'bench@fixture.example');
        const codes = (
          await handle.db
            .selectFrom('areas')
            .select('code')
            .where('indeling_year', '=', 2023)
            .where('municipality_code', '=', HOME)
            .orderBy('code')
            .execute()
        ).map((r) => r.code);
        const rows = Math.max(10_000, Math.round(FULL_ROWS * ctx.scale));
        const file = localCsv(codes, rows);
        ctx.log(`bestand: ${rows} regels, ${round(file.length / MB)} MB`);
        const dataPage = await app.inject({
          url: `/werkruimte/${HOME}/data`,
          headers: { cookie },
        });
        const token = decodeURIComponent(/\?_csrf=([^"&]+)"/.exec(dataPage.body)![1]!);
        const body = multipart(
          { soort: 'lokaal', indeling: '2023' },
          { bestand: { fileName: 'bench-lokaal.csv', bytes: file, contentType: 'text/csv' } },
        );
        collectGarbage();

        // The home page, asked every 50 ms while the upload is received and read.
        const homeTimes: number[] = [];
        let reading = true;
        const homeLoop = (async () => {
          while (reading) {
            const start = performance.now();
            await app.inject('/');
            homeTimes.push(performance.now() - start);
            await new Promise((r) => setTimeout(r, 50));
          }
        })();

        // Baseline in the same run: the same home-page requests with no upload, 10 s.
        const idle = monitorEventLoopDelay({ resolution: 10 });
        idle.enable();
        await new Promise((r) => setTimeout(r, 10_000));
        idle.disable();
        const idleTimes = homeTimes.splice(0);

        const delay = monitorEventLoopDelay({ resolution: 10 });
        delay.enable();
        const started = performance.now();
        let receivedMs = 0;
        let readMs = 0;
        let previewUrl = '';
        let preview;
        try {
          // Over a real socket in 64 KB writes, as a browser sends it.
          const upload = await postOverSocket(
            port,
            `/werkruimte/${HOME}/data/voorbeeld?_csrf=${encodeURIComponent(token)}`,
            body,
            cookie,
          );
          receivedMs = performance.now() - started;
          if (upload.statusCode !== 303) {
            throw new Error(`upload geweigerd: ${upload.statusCode} ${upload.body.slice(0, 300)}`);
          }
          previewUrl = String(upload.headers.location);
          preview = await app.inject({ url: previewUrl, headers: { cookie } });
          while (/Bezig met lezen/.test(preview.body)) {
            await new Promise((r) => setTimeout(r, 200));
            preview = await app.inject({ url: previewUrl, headers: { cookie } });
          }
          readMs = performance.now() - started;
        } finally {
          delay.disable();
          reading = false;
          await homeLoop;
        }
        if (preview.statusCode !== 200 || !/Het bestand is goedgekeurd/.test(preview.body)) {
          throw new Error(`voorbeeld niet goed: ${preview.statusCode}`);
        }
        // Preview pages read the stored result: time a few.
        const previewTimes: number[] = [];
        for (let i = 0; i < 5; i++) {
          const start = performance.now();
          await app.inject({ url: previewUrl, headers: { cookie } });
          previewTimes.push(performance.now() - start);
        }

        const memory = await memoryComparison(ctx, file, rows);
        const full = memory.pairs[0]!;
        const heapRatio = memory.heapGrowth(full.now) / memory.heapGrowth(full.old);
        const rssRatio = memory.growth(full.now) / memory.growth(full.old);

        const idleP99 = idle.percentile(99) / 1e6;
        const p50 = delay.percentile(50) / 1e6;
        const p99 = delay.percentile(99) / 1e6;
        const max = delay.max / 1e6;
        notes.push(
          `Event-loopvertraging van het versturen tot het voorbeeld klaar is: p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(max)} ms (zonder upload, zelfde run: p99 ${round(idleP99)} ms).`,
          `De startpagina antwoordde ${homeTimes.length} keer in die tijd, p99 ${round(percentile(homeTimes, 99))} ms.`,
          'Bevestigen (1,4 miljoen waarden opslaan) valt buiten deze meting; op SQLite schrijft better-sqlite3 synchroon.',
          `Geheugen van het lezen (elk in een eigen proces, zelfde bestand): stromend / heel bestand = ${round(heapRatio, 2)}× (levend geheugen: heap + buffers na volledige GC) en ${round(rssRatio, 2)}× (RSS-groei). Wat overblijft is vooral het resultaat zelf (één object per waarde); alleen het lezen kost stromend ${round(memory.heapGrowth(memory.pairs[1]!.now))} MB tegen ${round(memory.heapGrowth(memory.pairs[1]!.old))} MB.`,
        );
        return {
          name: 'upload',
          tables: [
            {
              title:
                'Geheugen van het lezen: heel bestand (oud) tegen stromend (nu), elk in een eigen proces',
              columns: [
                'meting',
                'oud: levend geheugen, piek (MB)',
                'nu: levend geheugen, piek (MB)',
                'verhouding',
                'oud: RSS-groei (MB)',
                'nu: RSS-groei (MB)',
                'verhouding',
                'oud: gelezen (MB)',
                'nu: gelezen (MB)',
                'oud (ms)',
                'nu (ms)',
              ],
              rows: memory.pairs.map(({ label, old, now }) => [
                label,
                round(memory.heapGrowth(old)),
                round(memory.heapGrowth(now)),
                round(memory.heapGrowth(now) / memory.heapGrowth(old), 2),
                round(memory.growth(old)),
                round(memory.growth(now)),
                round(memory.growth(now) / memory.growth(old), 2),
                round(old.bytesRead / MB),
                round(now.bytesRead / MB),
                round(old.ms, 0),
                round(now.ms, 0),
              ]),
            },
            {
              title: 'Upload lezen terwijl de site antwoordt',
              columns: ['meting', 'waarde'],
              rows: [
                ['bestand (MB)', round(file.length / MB)],
                ['regels', rows],
                ['ontvangen en opgeslagen (ms)', round(receivedMs, 0)],
                ['tot voorbeeld klaar (ms)', round(readMs, 0)],
                ['zonder upload: event loop p99 (ms)', round(idleP99)],
                ['zonder upload: startpagina p99 (ms)', round(percentile(idleTimes, 99))],
                ['event loop p50 (ms)', round(p50)],
                ['event loop p99 (ms)', round(p99)],
                ['event loop max (ms)', round(max)],
                ['startpagina p50 (ms)', round(percentile(homeTimes, 50))],
                ['startpagina p99 (ms)', round(percentile(homeTimes, 99))],
                ['voorbeeldpagina daarna, p50 (ms)', round(percentile(previewTimes, 50))],
              ],
            },
          ],
          targets: [
            {
              name: 'geheugen stromend / heel bestand (heap + buffers, lokaal-import)',
              value: heapRatio,
              target: 1,
              met: heapRatio < 1,
            },
            {
              name: 'event-loopvertraging p99 tijdens het lezen van de upload',
              value: p99,
              target: 100,
              met: p99 < 100,
              unit: ' ms',
            },
          ],
          notes,
          json: {
            rows,
            bytes: file.length,
            receivedMs,
            readMs,
            eventLoopDelayMs: { p50, p99, max },
            baselineEventLoopP99Ms: idleP99,
            baselineHomePageP99Ms: percentile(idleTimes, 99),
            homePageMs: { p50: percentile(homeTimes, 50), p99: percentile(homeTimes, 99) },
            previewPageMs: percentile(previewTimes, 50),
            memory: memory.pairs,
          },
        };
      } finally {
        await app.close();
      }
    } finally {
      await handle.destroy();
    }
  },
};
