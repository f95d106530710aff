import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { z } from 'zod';
import { projectRoot } from '../../config.ts';
import { errorPages } from '../../plugins/error-pages.ts';
import { routeOptions, type RouteTypes } from '../../shared/http.ts';
import { apiRoutes } from './api.routes.ts';
import { focusAreaApi, indicatorApi, openApiDocumentRoute } from './index.ts';
import { apiRoute, undefinedApiRoutes } from './openapi.ts';

/** A bare app with the API plugin and the error pages; no database, no services. */
async function bareApp(routes = [openApiDocumentRoute, focusAreaApi]) {
  const app = Fastify({ logger: false });
  await app.register(errorPages);
  await app.register(apiRoutes, { routes });
  return app;
}

describe('API routes against their definitions', () => {
  it('finds an /api/ route served without a definition, or with another schema', async () => {
    const app = await bareApp();
    try {
      // Defined and served with its own schemas: nothing to report.
      app.route({ ...routeOptions(focusAreaApi), handler: async () => ({}) });
      assert.deepEqual(
        undefinedApiRoutes(app.servedApiRoutes, [openApiDocumentRoute, focusAreaApi]),
        [],
      );
      // A route without a schema, one with a look-alike schema, and a page outside /api/.
      app.get('/api/stiekem', async () => ({}));
      app.route({
        ...routeOptions(indicatorApi),
        schema: { params: z.object({ slug: z.string(), indicator: z.string() }) },
        handler: async () => ({}),
      });
      app.get('/gewone-pagina', async () => 'ok');
      await app.ready();
      assert.deepEqual(
        undefinedApiRoutes(app.servedApiRoutes, [openApiDocumentRoute, focusAreaApi, indicatorApi]),
        [
          'GET /api/stiekem is served without a definition in the API route list',
          'GET /api/gebieden/:slug/indicatoren/:indicator does not validate params with the schema of its definition',
          'GET /api/gebieden/:slug/indicatoren/:indicator does not validate querystring with the schema of its definition',
        ],
      );
      // A definition nobody serves is reported too.
      assert.deepEqual(
        undefinedApiRoutes(
          app.servedApiRoutes.filter((r) => r.url === '/api/openapi.json'),
          [openApiDocumentRoute, focusAreaApi],
        ),
        ['GET /api/gebieden/:slug is defined but not served'],
      );
    } finally {
      await app.close();
    }
  });

  it('validates with the definition: a bad parameter is a Dutch 400 naming it, a bad path a 404', async () => {
    const app = await bareApp();
    const seen: unknown[] = [];
    try {
      app.route<RouteTypes<typeof focusAreaApi.schema>>({
        ...routeOptions(focusAreaApi),
        handler: async (request) => {
          seen.push(request.query.versie);
          return { slug: request.params.slug, versie: request.query.versie ?? null };
        },
      });
      const ok = await app.inject('/api/gebieden/dordt-west?versie=3&onbekend=1');
      assert.equal(ok.statusCode, 200);
      // The handler gets the parsed value: a number, not the string of the address.
      assert.deepEqual(ok.json(), { slug: 'dordt-west', versie: 3 });
      for (const [query, message] of [
        [
          'versie=0',
          'De versie in het adres klopt niet. Gebruik een heel getal vanaf 1, bijvoorbeeld ?versie=1.',
        ],
        ['versie=1&versie=2', 'Parameter "versie" klopt niet: geef deze maar één keer op.'],
      ] as const) {
        const bad = await app.inject(`/api/gebieden/dordt-west?${query}`);
        assert.equal(bad.statusCode, 400, query);
        const { fout } = bad.json<{ fout: Record<string, unknown> }>();
        assert.equal(fout.code, 'BAD_REQUEST');
        assert.equal(fout.titel, 'Er klopt iets niet in uw verzoek');
        assert.equal(fout.melding, message);
      }
      const odd = await app.inject('/api/gebieden/Dordt_West');
      assert.equal(odd.statusCode, 404);
      assert.equal(odd.json<{ fout: { melding: string } }>().fout.melding, focusAreaApi.notFound);
      assert.equal(seen.length, 1, 'the handler never ran for a refused request');
    } finally {
      await app.close();
    }
  });

  it('refuses a body field with its name, and serves the document it was given', async () => {
    const write = apiRoute({
      method: 'POST',
      url: '/api/proef',
      schema: { body: z.strictObject({ aantal: z.number().int().min(1) }) },
      summary: 'Proef',
      description: 'Alleen voor deze test.',
      tags: ['Proef'],
      response: z.object({ ok: z.boolean() }),
      write: { created: 'Opgeslagen.', repeated: 'Al gezien.' },
    });
    const app = await bareApp([openApiDocumentRoute, write]);
    try {
      app.route({ ...routeOptions(write), handler: async () => ({ ok: true }) });
      const bad = await app.inject({ method: 'POST', url: '/api/proef', payload: { aantal: 0 } });
      assert.equal(bad.statusCode, 400);
      assert.equal(
        bad.json<{ fout: { melding: string } }>().fout.melding,
        'Veld "aantal" klopt niet: is te klein (minstens 1).',
      );
      const extra = await app.inject({
        method: 'POST',
        url: '/api/proef',
        payload: { aantal: 2, stiekem: true },
      });
      assert.equal(
        extra.json<{ fout: { melding: string } }>().fout.melding,
        'Veld "stiekem" is onbekend.',
      );
      const good = await app.inject({ method: 'POST', url: '/api/proef', payload: { aantal: 2 } });
      assert.equal(good.statusCode, 200);
      const doc = (await app.inject('/api/openapi.json')).json<{
        paths: Record<string, unknown>;
      }>();
      assert.deepEqual(Object.keys(doc.paths).sort(), ['/api/openapi.json', '/api/proef']);
    } finally {
      await app.close();
    }
  });

  it('has no module that works by being imported (no bare side-effect imports in src/)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(full, 'utf8');
          for (const m of text.matchAll(/^import\s+['"]([^'"]+)['"]/gm)) {
            offenders.push(`${path.relative(projectRoot, full)}: ${m[1]}`);
          }
        }
      }
    };
    walk(path.join(projectRoot, 'src'));
    assert.deepEqual(offenders, []);
  });
});
