import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { sendHtmlPage } from '../../../views/render.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { parseFormat, sendTable } from '../../../shared/downloads/send.ts';
import {
  routeOptions,
  schemaOptions,
  type RouteTypes,
  type ZodSchemas,
} from '../../../shared/http.ts';
import { indicatorApi, indicatorParams } from '../../api/index.ts';
import { parseVersion } from '../../focus-areas/index.ts';
import {
  indicatorJson,
  loadIndicatorPage,
  renderIndicatorPage,
} from './indicator.page-builder.tsx';

type Query = { versie?: string | string[]; formaat?: string | string[] };

/** The indicator page, its downloads (?formaat=) and its JSON API. */
export async function indicatorRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { services } = opts;

  app.get<{ Params: { slug: string; indicator: string }; Querystring: Query }>(
    '/gebieden/:slug/indicatoren/:indicator',
    schemaOptions(
      { params: indicatorParams },
      { notFound: 'Er is geen focusgebied of indicator met dit adres.' },
    ),
    async (request, reply) => {
      const format = parseFormat(request.query);
      const version = parseVersion(request.query);
      const { slug, indicator } = request.params;
      const data = await loadIndicatorPage(services, slug, indicator, version);
      if (format === 'geojson') {
        if (!data.buurten) throw new NotFoundError('Voor deze indicator is nog geen kaart.');
        return sendTable(request, reply, data.buurten, format, data.geometries);
      }
      if (format) return sendTable(request, reply, data.series, format);
      return sendHtmlPage(
        request,
        reply,
        await renderIndicatorPage(
          services,
          slug,
          indicator,
          version,
          data,
          await services.projects.indicatorSection(slug, indicator),
        ),
      );
    },
  );

  app.route<RouteTypes<typeof indicatorApi.schema>>({
    ...routeOptions(indicatorApi),
    handler: async (request, reply) => {
      const { slug, indicator } = request.params;
      const data = await loadIndicatorPage(services, slug, indicator, request.query.versie);
      reply.header('access-control-allow-origin', '*');
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(indicatorJson(data)));
    },
  });
}
