import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { parseVersion, slugOf, type Query } from './focus-area.params.ts';
import { focusAreaJson } from './views/focus-area.json.ts';

/** The public delineation of a focus area as JSON (the page is part of the monitor profile). */
export async function focusAreaRoutes(
  app: FastifyInstance,
  opts: { services: Pick<Services, 'focusAreas'> },
) {
  const { focusAreas } = opts.services;

  // GET /gebieden/:slug is the monitor profile with this delineation below it: monitor.routes.tsx.

  app.get<{ Params: { slug: string }; Querystring: Query }>(
    '/api/gebieden/:slug',
    async (request, reply) => {
      const version = parseVersion(request.query);
      const data = await focusAreas.loadPage(slugOf(request.params), version);
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(focusAreaJson(data));
    },
  );
}
