import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createServices, type Services } from '../src/composition.ts';
import type { MonitorData } from '../src/features/monitor/monitor-data.ts';
import type { Db } from '../src/db/database.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { loadTest, type LoadResult } from './lib/http-load.ts';
import { measureNationalRss } from './national-rss.ts';
import { MemorySampler } from './lib/memory.ts';
import { collectGarbage, MB, median, round } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type {
  BenchContext,
  BenchReport,
  Benchmark,
  ReportTable,
  TargetCheck,
} from './lib/types.ts';

export const HOT_RATIO_TARGET = 0.8;
export const COLD_MEDIAN_TARGET_MS = 10;
export const P99_TARGET_MS = 50;
export const WIRE_TARGET_KB = 150;
export const RSS_TARGET_MB = 300;
const CONNECTIONS = 50;

const PROFILE = '/gebieden/dordt-west';
const INDICATOR = '/gebieden/dordt-west/indicatoren/aantal-inwoners';
const CEILING = '/__plafond';

interface PageSpec {
  name: string;
  url: string;
  /** Fixed in-memory body of the same size, served by the ceiling route. */
  ceiling: string;
}

/**
 * The app as production builds it, plus one route that only this benchmark has: a fixed string
 * per page, through the same server, hooks and plugins (security headers with a nonce, session,
 * authorization, ETag). Bodies are filled in after the real pages were rendered once.
 */
async function buildBenchApp(
  handle: Db,
  datasetsDir: string,
  ceilings: Map<string, string>,
): Promise<{ app: FastifyInstance; services: Services }> {
  const services = createServices(handle, { datasetsDir });
  const app = await buildApp({
    services,
    sessionSecret: randomBytes(32).toString('base64url'),
  });
  await app.register(async (scope: FastifyInstance) => {
    scope.get<{ Params: { page: string } }>(
      `${CEILING}/:page`,
      { config: { permission: 'public' } },
      async (request, reply) => {
        const body = ceilings.get(request.params.page);
        if (body === undefined) return reply.callNotFound();
        return reply.type('text/html; charset=utf-8').send(body);
      },
    );
  });
  await app.ready();
  return { app, services };
}

async function mustGet(app: FastifyInstance, url: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url });
  if (res.statusCode !== 200) throw new Error(`${url} gaf ${res.statusCode}`);
  return res.body;
}

/** The page's own CSS and JS: <link rel="stylesheet" href="/…"> and <script src="/…">. */
function assetsOf(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    if (!/rel="stylesheet"/i.test(m[0])) continue;
    const href = /href="(\/[^"]*)"/i.exec(m[0])?.[1];
    if (href) out.add(href.replaceAll('&amp;', '&'));
  }
  for (const m of html.matchAll(/<script\b[^>]*\ssrc="(\/[^"]*)"/gi)) {
    out.add(m[1]!.replaceAll('&amp;', '&'));
  }
  return [...out];
}

interface WireSize {
  url: string;
  bytes: number;
  gzipBytes: number;
  /** true: the server compressed itself; false: we gzip'd the body with zlib (level 6). */
  serverCompressed: boolean;
}

async function wireSize(base: string, url: string): Promise<WireSize> {
  const res = await fetch(base + url, { headers: { 'accept-encoding': 'gzip' } });
  if (!res.ok) throw new Error(`${url} gaf ${res.status}`);
  // fetch decompresses transparently; content-encoding says what crossed the wire.
  const serverCompressed = res.headers.get('content-encoding') === 'gzip';
  const body = Buffer.from(await res.arrayBuffer());
  return {
    url,
    bytes: body.length,
    gzipBytes: gzipSync(body, { level: 6 }).length,
    serverCompressed,
  };
}

async function pageWeight(
  base: string,
  url: string,
): Promise<{ parts: WireSize[]; gzipKb: number }> {
  const html = await wireSize(base, url);
  const res = await fetch(base + url);
  const parts = [html];
  for (const asset of assetsOf(await res.text())) parts.push(await wireSize(base, asset));
  return { parts, gzipKb: parts.reduce((s, p) => s + p.gzipBytes, 0) / 1024 };
}

/** Forgets the data version, as dataVersion() does when an import or edit moves it. */
function bumpDataVersion(monitor: MonitorData): void {
  // The field is private to MonitorData; setting it is exactly what a changed database causes.
  (monitor as unknown as { version: string | undefined }).version = `bench-${performance.now()}`;
}

/**
 * Cold render, two ways. "versie": one warm app; before each sample the data version moves, so
 * the snapshot and render caches are empty (as right after an import), and the next request is
 * timed. "nieuwe app": a new app and MonitorData per sample, its first request timed (a restart).
 */
async function coldRenders(
  handle: Db,
  datasetsDir: string,
  samples: number,
): Promise<Record<'versie' | 'nieuwe app', Record<string, number[]>>> {
  const out: Record<'versie' | 'nieuwe app', Record<string, number[]>> = {
    versie: { [PROFILE]: [], [INDICATOR]: [] },
    'nieuwe app': { [PROFILE]: [], [INDICATOR]: [] },
  };
  for (let i = 0; i < samples; i++) {
    for (const url of [PROFILE, INDICATOR]) {
      const { app } = await buildBenchApp(handle, datasetsDir, new Map());
      try {
        collectGarbage();
        const start = performance.now();
        await mustGet(app, url);
        out['nieuwe app'][url]!.push(performance.now() - start);
      } finally {
        await app.close();
      }
    }
  }
  const { app, services } = await buildBenchApp(handle, datasetsDir, new Map());
  try {
    for (const url of [PROFILE, INDICATOR]) await mustGet(app, url); // JIT warm-up
    for (let i = 0; i < samples; i++) {
      for (const url of [PROFILE, INDICATOR]) {
        bumpDataVersion(services.monitor);
        collectGarbage();
        const start = performance.now();
        await mustGet(app, url);
        out.versie[url]!.push(performance.now() - start);
      }
    }
  } finally {
    await app.close();
  }
  return out;
}

export const pagesBenchmark: Benchmark = {
  name: 'pages',
  title: 'Pagina’s: profiel en indicator tegen het plafond van de eigen server',
  async run(ctx: BenchContext): Promise<BenchReport> {
    const datasetsDir = path.join(ctx.root, 'datasets');
    const seconds = Math.max(1, Math.round(5 * ctx.scale));
    const coldSamples = Math.max(5, Math.round(21 * ctx.scale));
    const handle = await createBenchDb(ctx.tmpDir, 'pages');
    const ceilings = new Map<string, string>();
    let app: FastifyInstance | undefined;
    try {
      ctx.log('meegeleverde bestanden inlezen …');
      await seedShippedData(handle.db, datasetsDir, { importedBy: 'benchmark' });

      app = (await buildBenchApp(handle, datasetsDir, ceilings)).app;
      const pages: PageSpec[] = [];
      for (const [name, url] of [
        ['profiel', PROFILE],
        ['indicator', INDICATOR],
      ] as const) {
        // The real page, rendered once (this also fills the render cache: the runs below are hot).
        const body = await mustGet(app, url);
        ceilings.set(name, body);
        pages.push({ name, url, ceiling: body });
      }
      for (const p of pages) {
        const res = await app.inject({ method: 'GET', url: `${CEILING}/${p.name}` });
        if (res.statusCode !== 200 || res.rawPayload.length !== Buffer.byteLength(p.ceiling)) {
          throw new Error(`plafond voor ${p.name} gaf ${res.statusCode}`);
        }
      }
      collectGarbage();
      const rssAfterLoadMb = process.memoryUsage().rss / MB;

      // After the RSS reading: the throw-away apps of the cold runs would be billed to it.
      ctx.log(`koude render ${coldSamples}× per pagina …`);
      const cold = await coldRenders(handle, datasetsDir, coldSamples);

      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      const base = address.replace(/\/$/, '');

      const sampler = new MemorySampler(100);
      await sampler.start();
      const runs: { page: PageSpec; ceiling: LoadResult; real: LoadResult }[] = [];
      for (const page of pages) {
        const ceilingUrl = `${base}${CEILING}/${page.name}`;
        ctx.log(
          `${page.name}: opwarmen, dan plafond en pagina elk ${seconds} s, ${CONNECTIONS} verbindingen …`,
        );
        await loadTest(ceilingUrl, CONNECTIONS, 1);
        await loadTest(base + page.url, CONNECTIONS, 1);
        const ceiling = await loadTest(ceilingUrl, CONNECTIONS, seconds);
        const real = await loadTest(base + page.url, CONNECTIONS, seconds);
        for (const r of [ceiling, real]) {
          if (r.failures > 0) throw new Error(`${r.url}: ${r.failures} mislukte verzoeken`);
        }
        runs.push({ page, ceiling, real });
      }
      const memory = await sampler.stop();

      ctx.log('bytes over de lijn …');
      const weights = {
        profiel: await pageWeight(base, PROFILE),
        indicator: await pageWeight(base, INDICATOR),
      };
      const serverCompresses = weights.indicator.parts.some((p) => p.serverCompressed);

      const coldMedian = {
        profiel: median(cold.versie[PROFILE]!),
        indicator: median(cold.versie[INDICATOR]!),
      };

      const loadTable: ReportTable = {
        title: `Warm (gecachet) onder belasting: ${CONNECTIONS} verbindingen, ${seconds} s per meting, loopback`,
        columns: ['meting', 'bytes', 'req/s', '× plafond', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
        rows: runs.flatMap(({ page, ceiling, real }) => {
          const bytes = Buffer.byteLength(page.ceiling);
          return [
            [
              `plafond (${page.name})`,
              bytes,
              Math.round(ceiling.reqPerSec),
              1,
              ceiling.p50Ms,
              ceiling.p99Ms,
              ceiling.maxMs,
            ],
            [
              page.url,
              bytes,
              Math.round(real.reqPerSec),
              round(real.reqPerSec / ceiling.reqPerSec, 2),
              real.p50Ms,
              real.p99Ms,
              real.maxMs,
            ],
          ];
        }),
      };
      const coldTable: ReportTable = {
        title: `Koude render (${coldSamples}× per pagina): "versie" = warme app, eerste verzoek na een nieuwe dataversie; "nieuwe app" = eerste verzoek na een herstart`,
        columns: ['pagina', 'soort', 'mediaan (ms)', 'min (ms)', 'max (ms)'],
        rows: (['versie', 'nieuwe app'] as const).flatMap((kind) =>
          [PROFILE, INDICATOR].map((url) => {
            const ms = cold[kind][url]!;
            return [
              url,
              kind,
              round(median(ms), 1),
              round(Math.min(...ms), 1),
              round(Math.max(...ms), 1),
            ];
          }),
        ),
      };
      const weightTable: ReportTable = {
        title: serverCompresses
          ? 'Bytes over de lijn (gzip door de server)'
          : 'Bytes over de lijn: de server comprimeert niet; gzip (zlib niveau 6) door de benchmark',
        columns: ['pagina', 'onderdeel', 'bytes', 'gzip (bytes)'],
        rows: Object.entries(weights).flatMap(([name, w]) => [
          ...w.parts.map((p) => [name, p.url, p.bytes, p.gzipBytes]),
          [name, 'totaal', w.parts.reduce((s, p) => s + p.bytes, 0), Math.round(w.gzipKb * 1024)],
        ]),
      };
      const memTable: ReportTable = {
        title: 'Geheugen van het proces (server; tijdens belasting ook de autocannon-worker)',
        columns: ['meting', 'MB'],
        rows: [
          ['RSS na laden en eerste render', round(rssAfterLoadMb, 0)],
          ['RSS piek tijdens belasting', round(memory.rssMb, 0)],
          ['heap piek tijdens belasting', round(memory.heapUsedMb, 0)],
        ],
      };

      const targets: TargetCheck[] = [];
      for (const { page, ceiling, real } of runs) {
        const ratio = real.reqPerSec / ceiling.reqPerSec;
        targets.push({
          name: `${page.name} warm req/s / plafond`,
          value: ratio,
          target: HOT_RATIO_TARGET,
          met: ratio >= HOT_RATIO_TARGET,
          direction: 'min',
        });
        targets.push({
          name: `${page.name} p99`,
          value: real.p99Ms,
          target: P99_TARGET_MS,
          met: real.p99Ms <= P99_TARGET_MS,
          unit: ' ms',
        });
      }
      for (const [name, ms] of Object.entries(coldMedian)) {
        targets.push({
          name: `${name} koude render na nieuwe dataversie (mediaan)`,
          value: ms,
          target: COLD_MEDIAN_TARGET_MS,
          met: ms <= COLD_MEDIAN_TARGET_MS,
          unit: ' ms',
        });
      }
      targets.push({
        name: 'indicatorpagina over de lijn (HTML+CSS+JS, gzip)',
        value: weights.indicator.gzipKb,
        target: WIRE_TARGET_KB,
        met: weights.indicator.gzipKb <= WIRE_TARGET_KB,
        unit: ' KB',
      });
      const national = await measureNationalRss(ctx);
      memTable.rows.push(
        [
          `server (eigen proces) met landelijke SYNTHETISCHE gegevens: ${national.observations} waarden, ${national.municipalities} gemeenten, ${national.pages.length} pagina's warm`,
          round(national.rssMb, 0),
        ],
        ['  idem, piek (VmHWM)', round(national.peakMb, 0)],
      );
      targets.push({
        name: 'RSS server met landelijke (synthetische) gegevens, na warme pagina’s',
        value: national.rssMb,
        target: RSS_TARGET_MB,
        met: national.rssMb <= RSS_TARGET_MB,
        unit: ' MB',
      });
      targets.push({
        name: 'RSS na laden (meegeleverde gegevens, niet landelijk)',
        value: rssAfterLoadMb,
        target: RSS_TARGET_MB,
        met: rssAfterLoadMb <= RSS_TARGET_MB,
        unit: ' MB',
      });

      return {
        name: 'pages',
        tables: [loadTable, coldTable, weightTable, memTable],
        targets,
        notes: [
          `Plafond = ${CEILING}/:pagina, alleen in de app van deze benchmark: een vaste string van precies dezelfde bytes als de echte pagina, door dezelfde server, hooks en plugins (beveiligingskoppen met nonce, sessie, toegang, ETag).`,
          'autocannon draait in een worker-thread in hetzelfde proces (workers: 1): client en server delen de machine, bij beide metingen gelijk.',
          serverCompresses
            ? 'De server comprimeert zelf (content-encoding: gzip).'
            : 'De server comprimeert niet (geen content-encoding); de gzip-groottes komen van zlib (niveau 6) over de ontvangen bytes. Een reverse proxy met gzip geeft ongeveer dit.',
          'Gegevens voor de snelheid: de meegeleverde bestanden (datasets/). Het geheugen met landelijke gegevens meet een aparte server (src/server.ts als eigen proces) op een database met daarbij een SYNTHETISCHE KWB van 342 verzonnen gemeenten (codes GM0001…, zonder Nederland-regel), na de Dordt West-pagina’s en de buurtpagina’s van acht gemeenten (acht gegevenssets in het geheugen, het maximum).',
        ],
        json: {
          connections: CONNECTIONS,
          seconds,
          runs: runs.map(({ page, ceiling, real }) => ({
            page: page.name,
            url: page.url,
            bytes: Buffer.byteLength(page.ceiling),
            ceiling,
            real,
            ratio: real.reqPerSec / ceiling.reqPerSec,
          })),
          cold: { samples: coldSamples, ms: cold, medianMs: coldMedian },
          wire: { serverCompresses, ...weights },
          memory: { rssAfterLoadMb, duringLoad: memory },
        },
      };
    } finally {
      await app?.close();
      await handle.destroy();
    }
  },
};
