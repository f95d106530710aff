import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import http from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createServices, type Services } from '../src/composition.ts';
import type { Db } from '../src/db/database.ts';
import { pageWarmUp } from '../src/features/monitor/page-cache/warm-up.ts';
import { changeData, forgetRendered } from './lib/data-change.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { CompressedBody } from '../src/shared/compressed-body.ts';
import { CLIENT_WORKERS, loadTest, type LoadResult } from './lib/http-load.ts';
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
/** Ceiling and page are measured in turn this many times; req/s is the mean, p99 the worst. */
const ROUNDS = 2;

/** Rounds of one URL as one result: mean req/s, the worst p50, p99 and max (conservative). */
function combineRounds(rounds: readonly LoadResult[]): LoadResult {
  const first = rounds[0]!;
  return {
    ...first,
    seconds: rounds.reduce((s, r) => s + r.seconds, 0),
    requests: rounds.reduce((s, r) => s + r.requests, 0),
    reqPerSec: rounds.reduce((s, r) => s + r.reqPerSec, 0) / rounds.length,
    p50Ms: Math.max(...rounds.map((r) => r.p50Ms)),
    p99Ms: Math.max(...rounds.map((r) => r.p99Ms)),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    failures: rounds.reduce((s, r) => s + r.failures, 0),
  };
}

const PROFILE = '/gebieden/dordt-west';
const INDICATOR = '/gebieden/dordt-west/indicatoren/aantal-inwoners';
const CEILING = '/__plafond';

interface PageSpec {
  name: string;
  url: string;
  /** The page's own bytes (and their gzip form), served as they are by the ceiling route. */
  ceiling: CompressedBody;
}

/** As a browser asks (gzip), and without compression. */
const ENCODINGS = [
  { name: 'gzip', headers: { 'accept-encoding': 'gzip, deflate, br' } },
  { name: 'zonder compressie', headers: {} },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/**
 * The app as production builds it, plus one route that only this benchmark has: fixed bytes per
 * page with their ETag computed once (the cheapest way this server can send them), through the
 * same server, hooks and plugins (security headers, session, authorization, ETag and 304).
 * Bodies are filled in after the real pages were rendered once.
 */
async function buildBenchApp(
  handle: Db,
  datasetsDir: string,
  ceilings: Map<string, CompressedBody>,
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
        const page = ceilings.get(request.params.page);
        if (page === undefined) return reply.callNotFound();
        return page.send(request, reply.type('text/html; charset=utf-8'));
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

/** One GET with node:http, which (unlike fetch) hands over the bytes exactly as sent. */
function rawGet(
  fullUrl: string,
  headers: Record<string, string>,
): Promise<{ status: number; encoding: string | undefined; raw: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(fullUrl, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            encoding: res.headers['content-encoding'],
            raw: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Body bytes the server sends for this request (compressed if it compressed). */
async function sentBytes(fullUrl: string, headers: Record<string, string>): Promise<number> {
  const res = await rawGet(fullUrl, headers);
  if (res.status !== 200) throw new Error(`${fullUrl} gaf ${res.status}`);
  return res.raw.length;
}

async function wireSize(base: string, url: string): Promise<WireSize> {
  const res = await rawGet(base + url, { 'accept-encoding': 'gzip' });
  if (res.status !== 200) throw new Error(`${url} gaf ${res.status}`);
  const serverCompressed = res.encoding === 'gzip';
  const body = serverCompressed ? gunzipSync(res.raw) : res.raw;
  return {
    url,
    bytes: body.length,
    // What crossed the wire when the server compressed; otherwise what a gzip proxy would send.
    gzipBytes: serverCompressed ? res.raw.length : gzipSync(body, { level: 6 }).length,
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

const COLD_KINDS = [
  'gegevens in geheugen',
  'idem, na volledige GC',
  'na wijziging',
  'na wijziging, opgewarmd',
  'nieuwe app',
] as const;
type ColdKind = (typeof COLD_KINDS)[number];

/**
 * Cold render, four ways, each the first request for the page, timed.
 * - "gegevens in geheugen": one warm app; only the rendered pages and page data are forgotten,
 *   what was read from the database for this data version stays: the render itself. Samples
 *   follow each other as requests in a running server do, so each pays the collection of its
 *   own garbage in proportion, as it would there (the target is judged here).
 * - "idem, na volledige GC": the same, but two full collections run before each sample. No
 *   request in a running server follows a full collection like that: the collection empties the
 *   processor's caches, and the render after it runs 2 to 3 times slower throughout (seen in a CPU
 *   profile: every function alike, no collection inside the sample). Shown for reference.
 * - "na wijziging": the same app after a real data change (changeData): the observations,
 *   areas and availability are read again as well (as on the first request after an import).
 * - "na wijziging, opgewarmd": as the last, but the warm-up ran first, as the server does within
 *   a second of a change (src/features/monitor/page-cache/warm-up.ts): what a visitor gets then.
 * - "nieuwe app": a new app and MonitorData per sample (a restart, before any warm-up).
 */
async function coldRenders(
  handle: Db,
  datasetsDir: string,
  samples: number,
): Promise<Record<ColdKind, Record<string, number[]>>> {
  const empty = (): Record<string, number[]> => ({ [PROFILE]: [], [INDICATOR]: [] });
  const out: Record<ColdKind, Record<string, number[]>> = {
    'gegevens in geheugen': empty(),
    'idem, na volledige GC': empty(),
    'na wijziging': empty(),
    'na wijziging, opgewarmd': empty(),
    'nieuwe app': empty(),
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
        // A closed app is only released after a timer of the server's own runs; without this
        // pause the throw-away apps pile up and their garbage is billed to the samples below.
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }
  const { app, services } = await buildBenchApp(handle, datasetsDir, new Map());
  try {
    for (const url of [PROFILE, INDICATOR]) await mustGet(app, url); // JIT warm-up
    const warmUp = pageWarmUp(services);
    for (let i = 0; i < samples; i++) {
      for (const url of [PROFILE, INDICATOR]) {
        await changeData(handle);
        collectGarbage();
        const start = performance.now();
        await mustGet(app, url);
        out['na wijziging'][url]!.push(performance.now() - start);

        await changeData(handle);
        const warmed = await warmUp.check();
        if (warmed.failed > 0 || warmed.built === 0) throw new Error('opwarmen mislukt');
        collectGarbage();
        const startWarm = performance.now();
        await mustGet(app, url);
        out['na wijziging, opgewarmd'][url]!.push(performance.now() - startWarm);
      }
    }
    for (const kind of ['gegevens in geheugen', 'idem, na volledige GC'] as const) {
      for (let i = 0; i < samples; i++) {
        for (const url of [PROFILE, INDICATOR]) {
          forgetRendered(services.monitor);
          if (kind === 'idem, na volledige GC') collectGarbage();
          const start = performance.now();
          await mustGet(app, url);
          out[kind][url]!.push(performance.now() - start);
        }
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
    const ceilings = new Map<string, CompressedBody>();
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
        const ceiling = new CompressedBody(
          Buffer.from(await mustGet(app, url), 'utf8'),
        ).compressNow();
        ceilings.set(name, ceiling);
        pages.push({ name, url, ceiling });
      }
      for (const p of pages) {
        const res = await app.inject({ method: 'GET', url: `${CEILING}/${p.name}` });
        if (res.statusCode !== 200 || !res.rawPayload.equals(p.ceiling.body)) {
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
      const runs: {
        page: PageSpec;
        encoding: Encoding;
        bytes: number;
        ceiling: LoadResult;
        real: LoadResult;
      }[] = [];
      for (const page of pages) {
        for (const encoding of ENCODINGS) {
          const ceilingUrl = `${base}${CEILING}/${page.name}`;
          const headers = { ...encoding.headers };
          ctx.log(
            `${page.name} (${encoding.name}): opwarmen, dan ${ROUNDS}× om en om plafond en pagina, elk ${seconds} s, ${CONNECTIONS} verbindingen …`,
          );
          await loadTest(ceilingUrl, CONNECTIONS, 1, headers);
          await loadTest(base + page.url, CONNECTIONS, 1, headers);
          // Alternating rounds: whatever the machine does meanwhile falls on both alike.
          const ceilingRounds: LoadResult[] = [];
          const realRounds: LoadResult[] = [];
          for (let round = 0; round < ROUNDS; round++) {
            ceilingRounds.push(await loadTest(ceilingUrl, CONNECTIONS, seconds, headers));
            realRounds.push(await loadTest(base + page.url, CONNECTIONS, seconds, headers));
          }
          const ceiling = combineRounds(ceilingRounds);
          const real = combineRounds(realRounds);
          for (const r of [ceiling, real]) {
            if (r.failures > 0) throw new Error(`${r.url}: ${r.failures} mislukte verzoeken`);
          }
          const sent = await sentBytes(base + page.url, headers);
          runs.push({ page, encoding: encoding.name, bytes: sent, ceiling, real });
        }
      }
      const memory = await sampler.stop();

      ctx.log('bytes over de lijn …');
      const weights = {
        profiel: await pageWeight(base, PROFILE),
        indicator: await pageWeight(base, INDICATOR),
      };
      const serverCompresses = weights.indicator.parts.some((p) => p.serverCompressed);

      const coldMedian = {
        profiel: median(cold['gegevens in geheugen'][PROFILE]!),
        indicator: median(cold['gegevens in geheugen'][INDICATOR]!),
      };

      const loadTable: ReportTable = {
        title: `Warm (gecachet) onder belasting: ${CONNECTIONS} verbindingen, loopback, ${ROUNDS}× om en om ${seconds} s plafond en ${seconds} s pagina (req/s gemiddeld, p50/p99/max de slechtste ronde)`,
        columns: ['meting', 'bytes', 'req/s', '× plafond', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
        rows: runs.flatMap(({ page, encoding, bytes, ceiling, real }) => {
          return [
            [
              `plafond (${page.name}, ${encoding})`,
              bytes,
              Math.round(ceiling.reqPerSec),
              1,
              ceiling.p50Ms,
              ceiling.p99Ms,
              ceiling.maxMs,
            ],
            [
              `${page.url} (${encoding})`,
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
        title: `Koude render (${coldSamples}× per pagina), telkens het eerste verzoek: "gegevens in geheugen" = pagina niet in de cache, wat uit de database gelezen is wel (de doelwaarde); "idem, na volledige GC" = hetzelfde, na een volledige garbage collection vóór elke meting (ter vergelijking); "na wijziging" = na een echte wijziging van de gegevens (alles opnieuw gelezen); "na wijziging, opgewarmd" = idem, na het opwarmen dat de server binnen een seconde doet; "nieuwe app" = na een herstart`,
        columns: ['pagina', 'soort', 'mediaan (ms)', 'min (ms)', 'max (ms)'],
        rows: COLD_KINDS.flatMap((kind) =>
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
        title:
          'Bytes over de lijn met gzip: "server" = zo verstuurd door de server; "benchmark" = de server comprimeert dit niet, zlib niveau 6 door de benchmark (wat een proxy met gzip zou sturen)',
        columns: ['pagina', 'onderdeel', 'bytes', 'gzip (bytes)', 'gzip door'],
        rows: Object.entries(weights).flatMap(([name, w]) => [
          ...w.parts.map((p) => [
            name,
            p.url,
            p.bytes,
            p.gzipBytes,
            p.serverCompressed ? 'server' : 'benchmark',
          ]),
          [
            name,
            'totaal',
            w.parts.reduce((s, p) => s + p.bytes, 0),
            Math.round(w.gzipKb * 1024),
            '',
          ],
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
      for (const { page, encoding, ceiling, real } of runs) {
        const ratio = real.reqPerSec / ceiling.reqPerSec;
        targets.push({
          name: `${page.name} (${encoding}) warm req/s / plafond`,
          value: ratio,
          target: HOT_RATIO_TARGET,
          met: ratio >= HOT_RATIO_TARGET,
          direction: 'min',
        });
        targets.push({
          name: `${page.name} (${encoding}) p99`,
          value: real.p99Ms,
          target: P99_TARGET_MS,
          met: real.p99Ms <= P99_TARGET_MS,
          unit: ' ms',
        });
      }
      for (const [name, ms] of Object.entries(coldMedian)) {
        targets.push({
          name: `${name} koude render, gegevens in geheugen (mediaan)`,
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
          `Plafond = ${CEILING}/:pagina, alleen in de app van deze benchmark: vaste bytes, precies die van de echte pagina, met hun ETag één keer berekend, door dezelfde server, hooks en plugins (beveiligingskoppen, sessie, toegang, ETag en 304).`,
          'Het doel voor de koude render geldt voor "gegevens in geheugen": het opbouwen en renderen van een pagina die niet in de cache staat. Het opnieuw lezen van de gegevens na een wijziging ("na wijziging") staat ernaast; bezoekers merken daar niets van zodra het opwarmen klaar is ("na wijziging, opgewarmd").',
          `autocannon draait in ${CLIENT_WORKERS} worker-threads in hetzelfde proces: client en server delen de machine, bij beide metingen gelijk. Met één thread was de client de bottleneck (de server stond driekwart van de tijd stil) en mat de p99 de wachtrij van de client.`,
          serverCompresses
            ? 'De server comprimeert de pagina’s en de NL Design System-CSS zelf (content-encoding: gzip, één keer per pagina en dataversie, op de achtergrond na het renderen). De belasting is gemeten zoals een browser vraagt (gzip) en zonder compressie; het plafond stuurt telkens dezelfde bytes als de pagina.'
            : 'De server comprimeert niet (geen content-encoding); de gzip-groottes komen van zlib (niveau 6) over de ontvangen bytes. Een reverse proxy met gzip geeft ongeveer dit.',
          'Gegevens voor de snelheid: de meegeleverde bestanden (datasets/). Het geheugen met landelijke gegevens meet een aparte server (src/server.ts als eigen proces) op een database met daarbij een SYNTHETISCHE KWB van 342 verzonnen gemeenten (codes GM0001…, zonder Nederland-regel), na de Dordt West-pagina’s en de buurtpagina’s van acht gemeenten (acht gegevenssets in het geheugen, het maximum).',
        ],
        json: {
          connections: CONNECTIONS,
          seconds,
          runs: runs.map(({ page, encoding, bytes, ceiling, real }) => ({
            page: page.name,
            url: page.url,
            encoding,
            bytes,
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
