import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { toJson } from '../../../shared/downloads/json.ts';
import { parseFormat, sendTable } from '../../../shared/downloads/send.ts';
import {
  routeOptions,
  schemaOptions,
  type RouteTypes,
  type ZodSchemas,
} from '../../../shared/http.ts';
import { sendHtmlPage } from '../../../views/render.ts';
import { focusAreaProfileApi } from '../../api/index.ts';
import { focusAreaParams, parseVersion, type Query } from '../../focus-areas/index.ts';
import { profileDownload, renderProfilePage } from './profile.page-builder.tsx';

/** An odd slug cannot name a focus area: the same answer as an unknown one. */
const UNKNOWN_FOCUS_AREA = 'Er is geen focusgebied met dit adres.';

/** The public monitor pages: the focus-area profile and its downloads (?formaat=). */
export async function profileRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  app.get<{ Params: { slug: string }; Querystring: Query }>(
    '/gebieden/:slug',
    schemaOptions({ params: focusAreaParams }, { notFound: UNKNOWN_FOCUS_AREA }),
    async (request, reply) => {
      const { slug } = request.params;
      const version = parseVersion(request.query);
      const format = parseFormat(request.query);
      if (format) {
        const table = await profileDownload(opts.services, slug, version);
        return sendTable(request, reply, table, format);
      }
      return sendHtmlPage(request, reply, await renderProfilePage(opts.services, slug, version));
    },
  );

  app.route<RouteTypes<typeof focusAreaProfileApi.schema>>({
    ...routeOptions(focusAreaProfileApi),
    handler: async (request, reply) => {
      const { slug } = request.params;
      const table = await profileDownload(opts.services, slug, request.query.versie);
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(toJson(table)));
    },
  });
}
