import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createServices } from '../src/composition.ts';
import { seedShippedData } from '../src/features/seed/seed.service.ts';
import { round } from './lib/stats.ts';
import { createBenchDb } from './lib/temp-db.ts';
import type { Benchmark, ReportTable, TargetCheck } from './lib/types.ts';

/** One page of each type, as a first visitor opens it (public pages and the login page). */
export const PAGE_TYPES: readonly (readonly [type: string, url: string])[] = [
  ['start', '/'],
  ['gebieden', '/gebieden'],
  ['profiel', '/gebieden/dordt-west'],
  ['indicator', '/gebieden/dordt-west/indicatoren/aantal-inwoners'],
  ['buurt', '/buurten/BU05050300'],
  ['vergelijk', '/vergelijk?a=fg:dordt-west&b=bu:BU05050300'],
  ['eigen gebied', '/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603'],
  ['factsheet', '/gebieden/dordt-west/factsheet'],
  ['methode', '/methode'],
  ['bronnen', '/bronnen'],
  ['inloggen', '/inloggen'],
];

/** Compressed page + its stylesheets and scripts, first visit, at most this many KB. */
export const FIRST_VISIT_TARGET_KB = 150;

interface Sent {
  /** Bytes on the wire (gzip when the server compressed). */
  wire: number;
  /** Bytes of the body itself. */
  plain: number;
}

async function sent(app: FastifyInstance, url: string): Promise<Sent> {
  const res = await app.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
  if (res.statusCode !== 200) throw new Error(`${url} gaf ${res.statusCode}`);
  const gzip = res.headers['content-encoding'] === 'gzip';
  return {
    wire: res.rawPayload.length,
    plain: gzip ? gunzipSync(res.rawPayload).length : res.rawPayload.length,
  };
}

function linkedFiles(html: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="(\/[^"]+)"/gi))
    out.add(m[1]!);
  for (const m of html.matchAll(/<script\b[^>]*\ssrc="(\/[^"]+)"/gi)) out.add(m[1]!);
  return [...out];
}

/**
 * Transferred bytes per page type on a first visit: the page (its first send, as a browser asks
 * it) and the CSS and JS it links. The baseline, measured in the same run, is the same bytes
 * uncompressed: the ratio is what compression saves. Runs on the shipped data; no timing.
 */
export const wireBenchmark: Benchmark = {
  name: 'wire',
  title: 'Bytes over de lijn per paginatype (eerste bezoek)',
  async run(ctx) {
    const handle = await createBenchDb(ctx.tmpDir, 'wire');
    const datasetsDir = path.join(ctx.root, 'datasets');
    await seedShippedData(handle.db, datasetsDir, { importedBy: 'benchmark' });
    const app = await buildApp({
      services: createServices(handle, { datasetsDir }),
      sessionSecret: randomBytes(32).toString('base64url'),
    });
    await app.ready();
    try {
      const rows: (string | number)[][] = [];
      const targets: TargetCheck[] = [];
      const json: Record<string, unknown> = {};
      for (const [type, url] of PAGE_TYPES) {
        const page = await sent(app, url); // the first send of this page
        const html = (await app.inject(url)).body;
        const files = await Promise.all(linkedFiles(html).map((f) => sent(app, f)));
        const filesWire = files.reduce((s, f) => s + f.wire, 0);
        const filesPlain = files.reduce((s, f) => s + f.plain, 0);
        const totalWire = page.wire + filesWire;
        const totalPlain = page.plain + filesPlain;
        rows.push([
          type,
          round(page.plain / 1024, 1),
          round(page.wire / 1024, 1),
          round(filesWire / 1024, 1),
          round(totalWire / 1024, 1),
          round(totalWire / totalPlain, 3),
        ]);
        targets.push({
          name: `${type}: eerste bezoek over de lijn`,
          value: totalWire / 1024,
          target: FIRST_VISIT_TARGET_KB,
          met: totalWire / 1024 <= FIRST_VISIT_TARGET_KB,
          unit: ' KB',
        });
        json[type] = {
          url,
          page,
          files: files.length,
          filesWire,
          filesPlain,
          totalWire,
          totalPlain,
        };
      }
      const table: ReportTable = {
        title: 'Per paginatype: pagina zonder en met compressie, gelinkte CSS/JS, totaal (KB)',
        columns: [
          'pagina',
          'HTML (KB)',
          'HTML gzip (KB)',
          'CSS+JS gzip (KB)',
          'totaal (KB)',
          '× zonder compressie',
        ],
        rows,
      };
      return {
        name: 'wire',
        tables: [table],
        targets,
        notes: [
          'Gemeten met app.inject zoals een browser vraagt (accept-encoding: gzip); de pagina bij haar eerste verzending. "× zonder compressie" is het totaal over de lijn gedeeld door dezelfde bytes zonder compressie, in dezelfde run gemeten.',
          'Een terugkerende bezoeker haalt de CSS en JS niet opnieuw: die hebben een adres met vingerafdruk en worden een jaar bewaard (immutable).',
        ],
        json,
      };
    } finally {
      await app.close();
      await handle.destroy();
    }
  },
};
