import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, ImportValidationError } from '../shared/errors.ts';
import { ErrorPage } from '../views/error-page.tsx';
import { renderPage } from '../views/render.ts';

const STATUS: Record<AppError['code'], number> = {
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  IMPORT_INVALID: 422,
  CONFLICT: 409,
  FORBIDDEN: 403,
  UNAUTHENTICATED: 401,
};

const TITLES: Record<number, string> = {
  400: 'Er klopt iets niet in uw verzoek',
  401: 'U moet eerst inloggen',
  403: 'U heeft geen toegang tot deze pagina',
  404: 'Deze pagina bestaat niet',
  409: 'Dit kan nu niet',
  422: 'De gegevens zijn niet goedgekeurd',
  429: 'Te veel verzoeken',
  500: 'Er ging iets mis bij ons',
};

function wantsJson(request: FastifyRequest): boolean {
  return (
    request.url.startsWith('/api/') || (request.headers.accept ?? '').startsWith('application/json')
  );
}

function send(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  message: string,
  code: string,
) {
  const title = TITLES[status] ?? TITLES[500]!;
  reply.status(status);
  if (wantsJson(request))
    return reply.send({ fout: { code, status, titel: title, melding: message } });
  return reply
    .type('text/html; charset=utf-8')
    .send(renderPage(ErrorPage({ status, title, message })));
}

/**
 * Coded errors become a Dutch page (or JSON under /api/) in one place. A 5xx shows no message
 * or stack to anyone; the log has the details.
 */
export const errorPages = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      const status = STATUS[error.code];
      const message =
        error instanceof ImportValidationError
          ? error.problems.map((p) => p.message).join('; ')
          : error.message;
      return send(request, reply, status, message, error.code);
    }
    const fe = error as FastifyError;
    if (fe.validation) {
      return send(request, reply, 400, `Ongeldige invoer: ${fe.message}`, 'BAD_REQUEST');
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(
        request,
        reply,
        fe.statusCode,
        TITLES[fe.statusCode] ?? 'Ongeldig verzoek',
        fe.code ?? 'CLIENT_ERROR',
      );
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(
      request,
      reply,
      500,
      'Probeer het later opnieuw. De fout is vastgelegd.',
      'INTERNAL',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    send(request, reply, 404, 'Controleer het adres, of ga naar de startpagina.', 'NOT_FOUND'),
  );
});
