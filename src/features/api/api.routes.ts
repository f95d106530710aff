import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { projectRoot } from '../../config.ts';
import { routeOptions } from '../../shared/http.ts';
import { openApiDocumentRoute } from './openapi-document.api-doc.ts';
import { buildOpenApi, type ApiRoute, type ServedRoute } from './openapi.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route under /api/ with the schema it validates with (for the OpenAPI test). */
    servedApiRoutes: ServedRoute[];
  }
}

function packageVersion(): string {
  const text = fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}

/**
 * GET /api/openapi.json, built once from the route list app.ts passes in (ADR 0039). Registered
 * before the features: its onRoute hook notes every /api/ route Fastify serves, so a test can
 * hold them against the list.
 */
export const apiRoutes = fp(
  async (app: FastifyInstance, opts: { routes: readonly ApiRoute[] }) => {
    const served: ServedRoute[] = [];
    app.decorate('servedApiRoutes', served);
    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/')) return;
      for (const method of [route.method].flat()) {
        served.push({ method, url: route.url, schema: route.schema });
      }
    });
    const document = JSON.stringify(buildOpenApi(opts.routes, packageVersion()));
    app.route({
      ...routeOptions(openApiDocumentRoute),
      handler: async (_request, reply) => {
        reply.header('access-control-allow-origin', '*');
        return reply.type('application/json; charset=utf-8').send(document);
      },
    });
  },
  { name: 'api-routes' },
);
