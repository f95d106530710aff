import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { routeOptions, type RouteTypes } from '../../shared/http.ts';
import { focusAreaApi } from '../api/index.ts';
import { focusAreaJson } from './views/focus-area.json.ts';

/** The public delineation of a focus area as JSON (the page is part of the monitor profile). */
export async function focusAreaRoutes(
  app: FastifyInstance,
  opts: { services: Pick<Services, 'focusAreas'> },
) {
  const { focusAreas } = opts.services;

  // GET /gebieden/:slug is the monitor profile with this delineation below it: monitor/profiles/profile.routes.tsx.

  app.route<RouteTypes<typeof focusAreaApi.schema>>({
    ...routeOptions(focusAreaApi),
    handler: async (request, reply) => {
      const data = await focusAreas.loadPage(request.params.slug, request.query.versie);
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(focusAreaJson(data));
    },
  });
}
