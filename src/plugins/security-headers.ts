import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';

/**
 * No page uses a camera, location, payment or any other powerful browser feature: all off, for
 * us and for anything embedded (ASVS 14.4; docs/adr/0015).
 */
export const PERMISSIONS_POLICY = [
  'accelerometer',
  'autoplay',
  'camera',
  'display-capture',
  'encrypted-media',
  'fullscreen',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'midi',
  'payment',
  'picture-in-picture',
  'publickey-credentials-get',
  'screen-wake-lock',
  'sync-xhr',
  'usb',
  'xr-spatial-tracking',
]
  .map((feature) => `${feature}=()`)
  .join(', ');

/** One year, subdomains too; sent only on a response to a request that came over TLS. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers with a strict Content-Security-Policy: scripts and styles only from files on
 * our own origin. No page has an inline script, style element or style attribute, so no nonce
 * and no 'unsafe-inline' are needed, and a cached page is the same bytes for every visitor
 * (ADR 0012).
 *
 * helmet itself, built once: the headers are the same on every response. (@fastify/helmet builds
 * helmet again on every request, which parsed the CSP each time: a tenth of a hot page.) HSTS is
 * not helmet's: it goes out only when the request came over TLS, directly or as a trusted proxy
 * says in X-Forwarded-Proto (TRUST_PROXY); on plain http a browser ignores it anyway, and a
 * plain-http answer that claims it misleads (ADR 0015).
 */
const apply = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      'default-src': ["'self'"],
      'script-src': ["'self'"],
      'style-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'object-src': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'frame-ancestors': ["'none'"],
    },
  },
  crossOriginEmbedderPolicy: false,
  strictTransportSecurity: false,
  referrerPolicy: { policy: 'same-origin' },
});

/** The fixed headers (helmet's and Permissions-Policy) as name/value pairs, for raw answers. */
export const FIXED_SECURITY_HEADERS: ReadonlyArray<readonly [string, string]> = (() => {
  const headers: [string, string][] = [];
  const fake = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers.push([name, String(value)]);
    },
    removeHeader() {},
  } as unknown as ServerResponse;
  apply({} as never, fake, () => {});
  headers.push(['Permissions-Policy', PERMISSIONS_POLICY]);
  return headers;
})();

/** Puts every security header on a reply; also used for answers that skip the hooks. */
export function applySecurityHeaders(request: FastifyRequest, reply: FastifyReply): void {
  for (const [name, value] of FIXED_SECURITY_HEADERS) reply.header(name, value);
  if (request.protocol === 'https') reply.header('Strict-Transport-Security', HSTS);
}

export const securityHeaders = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', (request, reply, done) => {
    applySecurityHeaders(request, reply);
    done();
  });
});
