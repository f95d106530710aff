import { createHash } from 'node:crypto';
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  onSendHookHandler,
  RouteOptions,
} from 'fastify';
import fp from 'fastify-plugin';

/** Public data: any cache may keep it, but must ask us (with the ETag) before reusing it. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** Personal or session-bound responses: only the browser keeps them, and revalidates. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

/** A strong ETag for a body: sha1 is fast and, for change detection, collision-proof enough. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** RFC 9110 §13.1.2: If-None-Match uses weak comparison, so a W/ prefix on either side counts. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => (tag.startsWith('W/') ? tag.slice(2) : tag);
  const ours = opaque(etag);
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || opaque(t) === ours);
}

function isCacheablePublic(request: FastifyRequest, reply: FastifyReply): boolean {
  // A request with a cookie may see a page bound to its session (a CSRF token, a name in the
  // header), and a response that sets one is bound to it: neither may sit in a shared cache.
  return (
    request.routeOptions.config.permission === 'public' &&
    request.headers.cookie === undefined &&
    reply.getHeader('set-cookie') === undefined
  );
}

const etagOnSend: onSendHookHandler<unknown> = async (request, reply, payload) => {
  if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) {
    return payload;
  }
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams: no hash
  if (!reply.hasHeader('cache-control')) {
    reply.header(
      'cache-control',
      isCacheablePublic(request, reply) ? PUBLIC_CACHE_CONTROL : PRIVATE_CACHE_CONTROL,
    );
  }
  // A route may have set its own ETag (a download hashes what it renders); keep it.
  let etag = reply.getHeader('etag');
  if (typeof etag !== 'string') {
    etag = strongEtag(payload);
    reply.header('etag', etag);
  }
  if (etagMatches(request.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    // HEAD: Fastify's own last hook measures the body for Content-Length and then drops it.
    if (request.method === 'HEAD') return payload;
    reply.removeHeader('content-length');
    return null;
  }
  return payload;
};

/**
 * Strong ETags and 304 Not Modified for every 200 GET (and HEAD) with a string or buffer body,
 * plus a Cache-Control header. The hook is added to each route rather than to the instance, so
 * it runs after every other onSend hook (the session cookie is set in one): it hashes exactly
 * the bytes that go out and sees whether a cookie is set. Register before the routes.
 */
export const etagPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRoute', (route: RouteOptions) => {
      const existing = route.onSend ?? [];
      const hooks = Array.isArray(existing) ? [...existing] : [existing];
      // Fastify's HEAD twin of a GET route ends with a hook that drops the body; hash before it.
      const last = hooks.at(-1);
      if (route.method === 'HEAD' && last?.name === 'headRouteOnSendHandler') {
        hooks.splice(-1, 0, etagOnSend);
      } else hooks.push(etagOnSend);
      route.onSend = hooks;
    });
  },
  { name: 'wk-etag' },
);
