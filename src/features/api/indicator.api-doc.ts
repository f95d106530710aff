import { z } from 'zod';
import { focusAreaParams, versionQuery } from '../focus-areas/index.ts';
import { apiRoute } from './openapi.ts';

/** GET /api/gebieden/:slug/indicatoren/:indicator (monitor/indicator-pages/indicator.routes.tsx). */
export const indicatorParams = focusAreaParams.extend({
  indicator: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .meta({
      description: 'De sleutel van de indicator in de catalogus.',
      examples: ['aantal-inwoners'],
    }),
});

export const indicatorApi = apiRoute({
  method: 'GET',
  url: '/api/gebieden/:slug/indicatoren/:indicator',
  schema: { params: indicatorParams, querystring: versionQuery },
  notFound: 'Er is geen focusgebied of indicator met dit adres.',
  summary: 'Tijdreeks van één indicator voor een focusgebied',
  description:
    'Per periode de waarde van het focusgebied en van de vergelijkingsgebieden (rest van de ' +
    'gemeente, gemeente, Nederland, gemiddelde NPLV-focusgebieden), met statusvlaggen, plus ' +
    'het doel met traject en oordeel.',
  tags: ['Monitor'],
  response: {
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
