import { createHmac } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { BadRequestError, NotFoundError } from '../../../shared/errors.ts';
import { routeOptions, type RouteTypes } from '../../../shared/http.ts';
import { SUBMISSION_BODY_LIMIT } from './submission.limits.ts';
import { submissionApi } from './submission.api-doc.ts';

export const TOO_MANY_SUBMISSIONS =
  'Vanaf deze verbinding zijn in korte tijd te veel antwoorden verstuurd. Probeer het over een minuut opnieuw.';

/**
 * POST /api/enquetes/:key/antwoorden: a whole web response as JSON, for clients that collect
 * answers offline and for load tests. The answer goes out only after the transaction committed,
 * so every 201/200 is a stored response; the Idempotency-Key makes a resend harmless.
 */
export async function surveySubmissionRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { responses, surveys } = opts.services;
  await app.register(rateLimit, { global: false });

  app.route<RouteTypes<typeof submissionApi.schema>>({
    ...routeOptions(submissionApi),
    bodyLimit: SUBMISSION_BODY_LIMIT,
    config: {
      permission: 'public',
      csrf: false,
      rateLimit: {
        max: surveys.submitsPerMinute,
        timeWindow: 60_000,
        // Counted per keyed HMAC: the limiter's memory holds no address (ADR 0011).
        keyGenerator: (request) =>
          createHmac('sha256', surveys.secret).update(request.ip).digest('base64url'),
        errorResponseBuilder: () =>
          Object.assign(new Error(TOO_MANY_SUBMISSIONS), {
            statusCode: 429,
            code: 'TE_VEEL_VERZOEKEN',
          }),
      },
    },
    // Before the schemas: an unknown questionnaire is a 404 and a form post a 400 about JSON,
    // whatever the body holds.
    preValidation: async (request) => {
      const { key } = request.params as { key?: unknown };
      if (typeof key !== 'string' || !surveys.questionnaires.get(key)) {
        throw new NotFoundError('Deze vragenlijst bestaat niet.');
      }
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new BadRequestError(
          'Stuur de antwoorden als JSON, met de kop Content-Type: application/json.',
        );
      }
    },
    handler: async (request, reply) => {
      const questionnaire = surveys.questionnaires.get(request.params.key);
      if (!questionnaire) throw new NotFoundError('Deze vragenlijst bestaat niet.');
      const body = request.body;
      if (!questionnaire.languages.includes(body.taal)) {
        throw new BadRequestError(
          `De antwoorden zijn niet opgeslagen: veld "taal": deze vragenlijst is er in ${questionnaire.languages.join(', ')}.`,
        );
      }
      if (questionnaire.invitations === 'verplicht' && body.uitnodiging === undefined) {
        throw new BadRequestError(
          'De antwoorden zijn niet opgeslagen: veld "uitnodiging" ontbreekt. Deze vragenlijst is alleen in te vullen met de code uit de uitnodigingsbrief.',
        );
      }
      const result = await responses.submitComplete({
        questionnaire,
        channel: 'web',
        language: body.taal,
        answers: body.antwoorden,
        idempotencyKey: request.headers['idempotency-key'],
        ...(body.uitnodiging !== undefined && questionnaire.invitations !== 'uit'
          ? { invitation: { code: body.uitnodiging, secret: surveys.secret } }
          : {}),
      });
      return reply.status(result.duplicate ? 200 : 201).send({ id: result.id });
    },
  });
}
