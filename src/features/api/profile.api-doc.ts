import type { JsonSchema } from './openapi.ts';
import { FOCUS_AREA_PARAMETERS } from './focus-area.api-doc.ts';
import { registerApiOperation } from './openapi.ts';

/**
 * Documents the profile tables as JSON: GET /api/gebieden/:slug/profiel
 * (monitor/monitor.routes.tsx) and GET /api/eigen-gebied (monitor/custom-area.routes.tsx).
 * Both answer toJson(profileTable(…)) of monitor/profile-table.ts.
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

registerApiOperation({
  method: 'GET',
  path: '/api/gebieden/:slug/profiel',
  summary: 'Profiel van een focusgebied',
  description:
    'Per indicator het laatste cijfer van het focusgebied met de verandering sinds de basis, en ' +
    'in dezelfde periode de rest van de gemeente, de gemeente, Nederland en het gemiddelde van ' +
    'de NPLV-focusgebieden. Indicatoren zonder gegevens staan erin als "nog niet geladen".',
  tags: ['Monitor'],
  parameters: FOCUS_AREA_PARAMETERS,
  responseSchema: profileTableSchema,
});

registerApiOperation({
  method: 'GET',
  path: '/api/eigen-gebied',
  summary: 'Profiel van een eigen keuze van buurten',
  description:
    'Hetzelfde profiel voor een zelf gekozen set buurten (parameter buurt, meermaals). Een set ' +
    'met minder dan 1.000 inwoners, of die alleen in een kleine groep met een geheime buurt ' +
    'verschilt van een gebied dat al gepubliceerd is, geeft 400 met de reden (zie /methode).',
  tags: ['Monitor'],
  parameters: [
    {
      name: 'buurt',
      in: 'query',
      required: true,
      description: 'Een CBS-buurtcode; herhaal de parameter voor elke buurt.',
      schema: { type: 'string', pattern: '^BU[0-9]{8}$' },
      example: 'BU05050301',
    },
    {
      name: 'naam',
      in: 'query',
      description: 'Een naam voor het gebied (hoogstens 80 tekens).',
      schema: { type: 'string', maxLength: 80 },
    },
  ],
  responseSchema: profileTableSchema,
});
