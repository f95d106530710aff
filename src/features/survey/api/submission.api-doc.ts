import { z } from 'zod';
import { apiRoute } from '../../api/index.ts';
import {
  describeBodyProblem,
  idempotencyHeader,
  submissionBodySchema,
  submissionKeyParam,
} from './submission.schema.ts';

export const IDEMPOTENCY_KEY_PROBLEM =
  'De kop Idempotency-Key ontbreekt of klopt niet: 16 tot 100 tekens, alleen letters, cijfers, - en _.';

/** Defines POST /api/enquetes/:key/antwoorden (submission.routes.ts): the route validates with it. */
export const submissionApi = apiRoute({
  method: 'POST',
  url: '/api/enquetes/:key/antwoorden',
  schema: {
    params: submissionKeyParam,
    headers: z.looseObject({
      'idempotency-key': idempotencyHeader.meta({
        description: 'Een eigen sleutel per antwoord: 16 tot 100 tekens, letters, cijfers, - en _.',
      }),
    }),
    body: submissionBodySchema,
  },
  notFound: 'Deze vragenlijst bestaat niet.',
  problem: (part, error) =>
    part === 'headers'
      ? IDEMPOTENCY_KEY_PROBLEM
      : part === 'body'
        ? describeBodyProblem(error)
        : undefined,
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
  write: {
    created: 'Opgeslagen.',
    repeated: 'Deze sleutel was al verstuurd: hetzelfde id, niets dubbel opgeslagen.',
  },
  response: z.object({
    id: z.string().meta({ description: 'Het id van het opgeslagen antwoord.' }),
  }),
});
