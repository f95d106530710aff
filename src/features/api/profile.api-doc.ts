import { z } from 'zod';
import { repeatable } from '../../shared/http.ts';
import { focusAreaParams, versionQuery } from '../focus-areas/index.ts';
import { apiRoute, type JsonSchema } from './openapi.ts';

/**
 * Defines the profile tables as JSON: GET /api/gebieden/:slug/profiel
 * (monitor/profiles/profile.routes.tsx) and GET /api/eigen-gebied (monitor/custom-areas/custom-area.routes.tsx).
 * Both answer toJson(profileTable(…)) of monitor/profiles/profile.download.ts.
 */
export const profileTableSchema: JsonSchema = {
  type: 'object',
  required: ['titel', 'bron', 'licentie', 'dataVersie', 'kolommen', 'rijen'],
  properties: {
    titel: { type: 'string' },
    bron: { type: 'string' },
    licentie: { type: 'string', examples: ['CC BY 4.0'] },
    dataVersie: { type: 'string' },
    kolommen: { type: 'array' },
    rijen: {
      type: 'array',
      items: {
        type: 'object',
        required: ['thema', 'indicator', 'gebied', 'soort', 'periode', 'waarde', 'status'],
        properties: {
          thema: { type: 'string' },
          indicator: { type: 'string' },
          gebied: { type: 'string' },
          soort: { type: 'string' },
          periode: { type: ['string', 'null'] },
          waarde: { type: ['number', 'null'] },
          verandering: { type: ['number', 'null'] },
          status: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
};

export const focusAreaProfileApi = apiRoute({
  method: 'GET',
  url: '/api/gebieden/:slug/profiel',
  schema: { params: focusAreaParams, querystring: versionQuery },
  notFound: 'Er is geen focusgebied met dit adres.',
  summary: 'Profiel van een focusgebied',
  description:
    'Per indicator het laatste cijfer van het focusgebied met de verandering sinds de basis, en ' +
    'in dezelfde periode de rest van de gemeente, de gemeente, Nederland en het gemiddelde van ' +
    'de NPLV-focusgebieden. Indicatoren zonder gegevens staan erin als "nog niet geladen".',
  tags: ['Monitor'],
  response: profileTableSchema,
});

/** The codes are checked (and refused with their own reason) by parseBuurtParam. */
export const customAreaQuery = z.object({
  buurt: repeatable(
    z.string().max(200),
    'geef minstens één buurt op, bijvoorbeeld ?buurt=BU05050301',
  ).meta({
    description:
      'Een CBS-buurtcode (BU en 8 cijfers) of wijkcode (WK en 6 tekens); herhaal de parameter ' +
      'voor elke buurt, bijvoorbeeld ?buurt=BU05050301&buurt=BU05050302.',
  }),
  naam: z
    .string()
    .optional()
    .meta({ description: 'Een naam voor het gebied; na 80 tekens valt de rest weg.' }),
  gemeente: z
    .string()
    .regex(/^(GM[0-9]{4})?$/, {
      error: 'gebruik een CBS-gemeentecode, bijvoorbeeld ?gemeente=GM0606',
    })
    .optional()
    .meta({
      description: 'De gemeente van de buurten (CBS-code). Zonder: de gemeente van de eerste code.',
      examples: ['GM0505'],
    }),
});

export const customAreaApi = apiRoute({
  method: 'GET',
  url: '/api/eigen-gebied',
  schema: { querystring: customAreaQuery },
  summary: 'Profiel van een eigen keuze van buurten',
  description:
    'Hetzelfde profiel voor een zelf gekozen set buurten (parameter buurt, meermaals). Een set ' +
    'met minder dan 1.000 inwoners, of die alleen in een kleine groep met een geheime buurt ' +
    'verschilt van een gebied dat al gepubliceerd is, geeft 400 met de reden (zie /methode).',
  tags: ['Monitor'],
  response: profileTableSchema,
});
