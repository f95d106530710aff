/**
 * Some URLs carry a secret: the one-time reset link has its token in the path, and the return
 * from the OIDC provider has the authorization code and state in the query. Fastify logs every
 * request URL, so the logger's request serializer hides those parts.
 */
const SECRET_PATH = /^(\/wachtwoord-herstellen\/)[^/?#]+/;
const SECRET_QUERY = /^(\/inloggen\/oidc\/terug)\?.*/;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PATH, '$1[verborgen]').replace(SECRET_QUERY, '$1?[verborgen]');
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** pino serializers for the app's logger (src/server.ts): the request line without secrets. */
export const logSerializers = {
  req(request: LoggedRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
      remotePort: request.socket?.remotePort,
    };
  },
};
