import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { sendHtmlPage } from '../../views/render.ts';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { parseFormat, sendTable } from '../../shared/downloads/send.ts';
import { registerApiOperation } from '../api/openapi.ts';
import {
  indicatorJson,
  loadIndicatorPage,
  renderIndicatorPage,
} from './indicator.page-builder.tsx';

const paramsSchema = z.object({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  indicator: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

type Query = { versie?: string | string[]; formaat?: string | string[] };

function parseVersion(query: Query): number | undefined {
  const value = query.versie;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,5}$/.test(value)) {
    throw new BadRequestError(
      'De versie in het adres klopt niet. Gebruik een heel getal vanaf 1, bijvoorbeeld ?versie=1.',
    );
  }
  return Number(value);
}

function paramsOf(params: unknown): { slug: string; indicator: string } {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success)
    throw new NotFoundError('Er is geen focusgebied of indicator met dit adres.');
  return parsed.data;
}

const pathParameters = [
  {
    name: 'slug',
    in: 'path' as const,
    description: 'De naam van het focusgebied in het adres.',
    schema: { type: 'string', pattern: '^[a-z0-9-]{1,80}$' },
    example: 'dordt-west',
  },
  {
    name: 'indicator',
    in: 'path' as const,
    description: 'De sleutel van de indicator in de catalogus.',
    schema: { type: 'string', pattern: '^[a-z0-9-]{1,80}$' },
    example: 'aantal-inwoners',
  },
  {
    name: 'versie',
    in: 'query' as const,
    description: 'Versie van de begrenzing (heel getal vanaf 1). Zonder: de nieuwste.',
    schema: { type: 'integer', minimum: 1, maximum: 999999 },
  },
];

registerApiOperation({
  method: 'GET',
  path: '/api/gebieden/:slug/indicatoren/:indicator',
  summary: 'Tijdreeks van één indicator voor een focusgebied',
  description:
    'Per periode de waarde van het focusgebied en van de vergelijkingsgebieden (rest van de ' +
    'gemeente, gemeente, Nederland, gemiddelde NPLV-focusgebieden), met statusvlaggen, plus ' +
    'het doel met traject en oordeel.',
  tags: ['Monitor'],
  parameters: pathParameters,
  responseSchema: {
    type: 'object',
    required: ['titel', 'bron', 'licentie', 'dataVersie', 'kolommen', 'rijen', 'indicator', 'doel'],
    properties: {
      titel: { type: 'string' },
      bron: { type: 'string' },
      licentie: { type: 'string' },
      dataVersie: { type: 'string' },
      kolommen: { type: 'array' },
      rijen: {
        type: 'array',
        items: {
          type: 'object',
          required: ['periode', 'gebied', 'waarde', 'status'],
          properties: {
            periode: { type: 'string' },
            gebied: { type: 'string' },
            waarde: { type: ['number', 'null'] },
            status: { type: 'array', items: { type: 'string' } },
          },
        },
      },
      indicator: { type: 'object' },
      doel: { type: ['object', 'null'] },
    },
  },
});

/** The indicator page, its downloads (?formaat=) and its JSON API. */
export async function indicatorRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;

  app.get<{ Params: { slug: string; indicator: string }; Querystring: Query }>(
    '/gebieden/:slug/indicatoren/:indicator',
    async (request, reply) => {
      const format = parseFormat(request.query);
      const version = parseVersion(request.query);
      const { slug, indicator } = paramsOf(request.params);
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

  app.get<{ Params: { slug: string; indicator: string }; Querystring: Query }>(
    '/api/gebieden/:slug/indicatoren/:indicator',
    async (request, reply) => {
      const version = parseVersion(request.query);
      const { slug, indicator } = paramsOf(request.params);
      const data = await loadIndicatorPage(services, slug, indicator, version);
      reply.header('access-control-allow-origin', '*');
      return reply
        .type('application/json; charset=utf-8')
        .send(JSON.stringify(indicatorJson(data)));
    },
  );
}
