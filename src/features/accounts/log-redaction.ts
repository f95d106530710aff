/**
 * Some URLs carry a secret: the one-time reset link has its token in the path, and the return
 * from the OIDC provider has the authorization code and state in the query. Fastify logs every
 * request URL, so the logger's request serializer hides those parts.
 */
const SECRET_PATH = /^(\/wachtwoord-herstellen\/)[^/?#]+/;
const SECRET_QUERY = /^(\/inloggen\/oidc\/terug)\?.*/;
/** The upload form carries its CSRF token in its address (ADR 0018): never in a log line. */
const CSRF_PARAM = /([?&]_csrf=)[^&#]*/g;

export function redactUrl(url: string): string {
  return url
    .replace(SECRET_PATH, '$1[verborgen]')
    .replace(SECRET_QUERY, '$1?[verborgen]')
    .replace(CSRF_PARAM, '$1[verborgen]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** Survey respondents' requests: their address is never stored, so never logged either. */
const SURVEY_PATH = /^\/(enquete\/|api\/enquetes\/)/;

/**
 * pino serializers for the app's logger (src/server.ts): the request line without secrets, and
 * without the client address on survey requests (anonymity, ADR 0011).
 */
export const logSerializers = {
  req(request: LoggedRequest) {
    const survey = SURVEY_PATH.test(request.url);
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      ...(survey ? {} : { remoteAddress: request.ip, remotePort: request.socket?.remotePort }),
    };
  },
};
