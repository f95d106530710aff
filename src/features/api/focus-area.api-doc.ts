import {
  POPULATION_YEARS,
  focusAreaParams,
  versionQuery,
  type MemberStatus,
} from '../focus-areas/index.ts';
import { apiRoute, type JsonSchema } from './openapi.ts';

/**
 * Defines GET /api/gebieden/:slug (focus-areas/focus-area.routes.tsx), whose body is
 * FocusAreaJson in focus-areas/views/focus-area.json.ts: keep the two in step. The OpenAPI
 * test checks a real response against this schema.
 */

const MEMBER_STATUSES = [
  'lid',
  'uitgesloten',
  'te_bevestigen',
  'deels',
] as const satisfies readonly MemberStatus[];

const nullableInteger: JsonSchema = { type: ['integer', 'null'] };

const byYear: JsonSchema = {
  type: 'object',
  description: 'Inwoners op 1 januari per jaar; null als het cijfer (nog) ontbreekt.',
  required: [...POPULATION_YEARS],
  properties: Object.fromEntries(POPULATION_YEARS.map((y) => [y, nullableInteger])),
};

const focusAreaSchema: JsonSchema = {
  type: 'object',
  required: [
    'slug',
    'naam',
    'gemeente',
    'versie',
    'versies',
    'indelingsjaar',
    'toelichting',
    'leden',
    'totaal_inwoners',
    'voorlopig',
    'bron',
    'licentie',
  ],
  properties: {
    slug: { type: 'string', examples: ['dordt-west'] },
    naam: { type: 'string', examples: ['Dordt West'] },
    gemeente: {
      type: 'object',
      required: ['code', 'naam'],
      properties: {
        code: { type: 'string', pattern: '^GM[0-9]{4}$', examples: ['GM0505'] },
        naam: { type: 'string', examples: ['Dordrecht'] },
      },
    },
    versie: {
      type: ['integer', 'null'],
      description:
        'Versie van de begrenzing; null zolang niet bekend is welke buurten erbij horen.',
    },
    versies: { type: 'array', items: { type: 'integer' } },
    indelingsjaar: { type: ['integer', 'null'], description: 'CBS-indeling van de buurtcodes.' },
    toelichting: { type: ['string', 'null'] },
    leden: {
      type: 'array',
      items: {
        type: 'object',
        required: ['code', 'naam', 'wijk', 'status', 'reden', 'inwoners'],
        properties: {
          code: { type: 'string', pattern: '^(BU[0-9]{8}|WK[0-9]{4}[0-9A-Z]{2})$' },
          naam: { type: 'string' },
          wijk: { type: ['string', 'null'] },
          status: { type: 'string', enum: [...MEMBER_STATUSES] },
          reden: { type: ['string', 'null'] },
          inwoners: byYear,
        },
      },
    },
    totaal_inwoners: {
      ...byYear,
      description: 'Som over de buurten met status lid; null als een cijfer ontbreekt.',
    },
    voorlopig: {
      type: ['object', 'null'],
      description:
        'Bij een voorlopige afbakening (uit openbare bronnen, nog niet door de gemeente bevestigd): bron, datum en betrouwbaarheid; anders null.',
      required: ['bron', 'brondatum', 'betrouwbaarheid'],
      properties: {
        bron: { type: ['string', 'null'] },
        brondatum: { type: ['string', 'null'] },
        betrouwbaarheid: { type: ['string', 'null'], enum: ['hoog', 'midden', 'laag', null] },
      },
    },
    bron: { type: 'string' },
    licentie: { type: 'string', examples: ['CC BY 4.0'] },
  },
};

export const focusAreaApi = apiRoute({
  method: 'GET',
  url: '/api/gebieden/:slug',
  schema: { params: focusAreaParams, querystring: versionQuery },
  notFound: 'Er is geen focusgebied met dit adres.',
  summary: 'Begrenzing van een focusgebied',
  description:
    'De buurten van een focusgebied (lid, uitgesloten of nog te bevestigen), met reden en ' +
    'inwonertal, voor de nieuwste of een gekozen versie van de begrenzing.',
  tags: ['Focusgebieden'],
  response: focusAreaSchema,
});
