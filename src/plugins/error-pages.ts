import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { applySecurityHeaders, FIXED_SECURITY_HEADERS, HSTS } from './security-headers.ts';
import { AppError, ImportValidationError } from '../shared/errors.ts';
import { ErrorPage } from '../views/error.page.tsx';
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
  413: 'Wat u stuurt is te groot',
  415: 'Deze soort inhoud kunnen we niet lezen',
  422: 'De gegevens zijn niet goedgekeurd',
  429: 'Te veel verzoeken',
  431: 'De kopregels van uw verzoek zijn te groot',
  500: 'Er ging iets mis bij ons',
};

/** Dutch messages for the errors Fastify itself raises before a route runs. */
const FRAMEWORK_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL:
    'Het adres bevat tekens die niet kloppen (bijvoorbeeld een % zonder twee cijfers erachter). Controleer het adres.',
  FST_ERR_MAX_PARAM_LENGTH: 'Een deel van het adres is te lang. Controleer het adres.',
  FST_ERR_ASYNC_CONSTRAINT: 'Dit verzoek kunnen we niet plaatsen. Controleer het adres.',
  FST_ERR_CTP_INVALID_JSON_BODY:
    'De inhoud van het verzoek is geen geldige JSON. Controleer haakjes, komma’s en aanhalingstekens.',
  FST_ERR_CTP_EMPTY_JSON_BODY:
    'Het verzoek zegt dat het JSON bevat, maar de inhoud is leeg. Stuur de gegevens mee, of laat de kop Content-Type weg.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE:
    'Deze soort inhoud (Content-Type) kunnen we hier niet lezen. Stuur JSON of een formulier.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'Wat u stuurt is groter dan hier mag.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'De kop Content-Length klopt niet met de inhoud.',
};

function wantsJsonFor(url: string, accept: string | undefined): boolean {
  return url.startsWith('/api/') || (accept ?? '').startsWith('application/json');
}

function wantsJson(request: FastifyRequest): boolean {
  return wantsJsonFor(request.url, request.headers.accept);
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
        FRAMEWORK_MESSAGES[fe.code] ?? TITLES[fe.statusCode] ?? 'Ongeldig verzoek',
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

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded (400) or a parameter too long. These
 * answers skip every hook, so the security headers are put on here, and the page is Dutch.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  applySecurityHeaders(request, reply);
  const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 400;
  return send(
    request,
    reply,
    status,
    FRAMEWORK_MESSAGES[error.code] ?? TITLES[status] ?? 'Ongeldig verzoek',
    error.code ?? 'BAD_REQUEST',
  );
}

/**
 * Node's `clientError` (Fastify's `clientErrorHandler`): a request Node could not even parse, such
 * as headers over the size limit (431) or a broken request line (400), or a request that took too
 * long (408). There is no request object: the answer is written on the socket, with the same
 * security headers and a Dutch page (JSON for /api/), then the connection closes.
 */
export function clientErrorHandler(
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const title = TITLES[status] ?? 'Er klopt iets niet in uw verzoek';
  const message =
    status === 431
      ? 'Uw browser stuurde te veel of te grote kopregels, vaak door te veel cookies. Wis de cookies voor deze site en probeer het opnieuw.'
      : status === 408
        ? 'Het verzoek duurde te lang. Probeer het opnieuw.'
        : 'Uw verzoek kunnen we niet lezen. Controleer het adres en probeer het opnieuw.';
  // The request line, when Node kept it, tells whether this was an API call.
  const head = Buffer.isBuffer(error.rawPacket)
    ? error.rawPacket.subarray(0, 2048).toString('latin1')
    : '';
  const target = /^[A-Z]+ (\S+) HTTP\//.exec(head)?.[1] ?? '/';
  const accept = /\r\naccept:[ \t]*([^\r\n]*)/i.exec(head)?.[1];
  const json = wantsJsonFor(target, accept);
  const body = Buffer.from(
    json
      ? JSON.stringify({
          fout: { code: error.code ?? 'CLIENT_ERROR', status, titel: title, melding: message },
        })
      : renderPage(ErrorPage({ status, title, message })),
    'utf8',
  );
  const headers: (readonly [string, string])[] = [
    ...FIXED_SECURITY_HEADERS,
    ...((socket as TLSSocket).encrypted ? [['Strict-Transport-Security', HSTS] as const] : []),
    ['Content-Type', json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8'],
    ['Content-Length', String(body.length)],
    ['Cache-Control', 'no-store'],
    ['Connection', 'close'],
  ];
  if (socket.writable) {
    const lines = headers.map(([name, value]) => `${name}: ${value}\r\n`).join('');
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n${lines}\r\n`);
    socket.end(body);
    return;
  }
  socket.destroy(error);
}
