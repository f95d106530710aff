import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { acceptsGzip } from '../shared/compressed-body.ts';

const gzipAsync = promisify(gzip);

/** Bodies below this size are sent as they are: gzip's header and dictionary would not pay. */
export const COMPRESS_FROM_BYTES = 1024;

/** Text formats worth compressing; images other than SVG, PDF, XLSX and DOCX are compressed already. */
const COMPRESSIBLE =
  /^(text\/(html|css|csv|plain|calendar|javascript)|application\/(json|geo\+json|javascript|xml)|image\/svg\+xml)\b/i;

/** Whether a response body should go out with gzip for this request. */
export function shouldCompress(
  request: FastifyRequest,
  reply: FastifyReply,
  size: number,
): boolean {
  if (size < COMPRESS_FROM_BYTES) return false;
  if (reply.hasHeader('content-encoding')) return false; // a cached page sent its own gzip form
  const type = reply.getHeader('content-type');
  if (typeof type !== 'string' || !COMPRESSIBLE.test(type)) return false;
  return acceptsGzip(request.headers['accept-encoding']);
}

/**
 * gzip for every text response of 1 KB or more that is rendered per request (workspace pages,
 * forms, downloads), from its first send. Pages kept in the page cache carry their own gzip form
 * (CompressedBody) and are left alone here. The hook is added to the instance, so it runs before
 * the ETag hook of each route: the ETag is that of the bytes that go out (ADR 0012).
 */
export const compressionPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload; // streams
      if (reply.statusCode === 204 || reply.statusCode === 304) return payload;
      const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
      if (reply.hasHeader('content-encoding') || !isText(reply)) return payload;
      if (body.length < COMPRESS_FROM_BYTES) return payload;
      // Whether or not this client takes gzip, the response depends on the header.
      varyOnAcceptEncoding(reply);
      if (!shouldCompress(request, reply, body.length)) return payload;
      const out = await gzipAsync(body, { level: 6 });
      if (out.length >= body.length) return payload;
      reply.header('content-encoding', 'gzip');
      reply.removeHeader('content-length');
      return out;
    });
  },
  { name: 'wk-compression' },
);

function varyOnAcceptEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('vary');
  if (vary === undefined) reply.header('vary', 'accept-encoding');
  else if (!/accept-encoding/i.test(String(vary)))
    reply.header('vary', `${String(vary)}, accept-encoding`);
}

function isText(reply: FastifyReply): boolean {
  const type = reply.getHeader('content-type');
  return typeof type === 'string' && COMPRESSIBLE.test(type);
}
