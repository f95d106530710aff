import { registerApiOperation } from '../../api/openapi.ts';
import { LANGUAGES } from '../definition/questionnaire.schema.ts';

/** Documents POST /api/enquetes/:key/antwoorden (submission.routes.ts): keep the two in step. */
registerApiOperation({
  method: 'POST',
  path: '/api/enquetes/:key/antwoorden',
  summary: 'Een ingevulde vragenlijst versturen',
  description:
    'Slaat één volledig antwoord op het webkanaal op, in één transactie. Het antwoord komt pas ' +
    'nadat het is opgeslagen. Stuur bij elk antwoord een eigen Idempotency-Key; stuurt u ' +
    'dezelfde sleutel opnieuw (bijvoorbeeld na een time-out), dan komt hetzelfde id terug met ' +
    'status 200 en wordt niets dubbel opgeslagen. Dezelfde sleutel met andere antwoorden geeft ' +
    '409 en slaat niets op. Antwoorden zonder code uit een uitnodigingsbrief tellen pas mee in ' +
    'gepubliceerde cijfers als de vragenlijst dat vertrouwt (na controle). Het aantal verzoeken ' +
    'per verbinding is beperkt.',
  tags: ['Enquête'],
  parameters: [
    {
      name: 'key',
      in: 'path',
      description: 'De sleutel van de vragenlijst.',
      schema: { type: 'string', pattern: '^[a-z0-9-]{3,64}$' },
      example: 'bewonersenquete-dordt-west',
    },
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: true,
      description: 'Een eigen sleutel per antwoord: 16 tot 100 tekens, letters, cijfers, - en _.',
      schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,100}$' },
    },
  ],
  write: {
    requestSchema: {
      type: 'object',
      required: ['taal', 'antwoorden'],
      additionalProperties: false,
      properties: {
        uitnodiging: {
          type: 'string',
          description: 'De code uit de uitnodigingsbrief (als de vragenlijst codes gebruikt).',
        },
        taal: { type: 'string', enum: [...LANGUAGES] },
        antwoorden: {
          type: 'object',
          description:
            'Per variabele het antwoord: de waarde van de keuze, een getal, tekst, of een lijst.',
          additionalProperties: {
            oneOf: [
              { type: 'string' },
              { type: 'number' },
              { type: 'array', items: { type: 'string' } },
            ],
          },
        },
      },
    },
    created: 'Opgeslagen.',
    repeated: 'Deze sleutel was al verstuurd: hetzelfde id, niets dubbel opgeslagen.',
  },
  responseSchema: {
    type: 'object',
    required: ['id'],
    properties: { id: { type: 'string', description: 'Het id van het opgeslagen antwoord.' } },
  },
});
