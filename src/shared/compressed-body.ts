import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { strongEtag } from '../plugins/etag.ts';

/**
 * Whether the client takes gzip (RFC 9110 §12.5.3): "gzip" or "*" with a q-value above 0; an
 * explicit "gzip;q=0" refuses it even when "*" is allowed.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  let star = false;
  for (const part of (Array.isArray(header) ? header.join(',') : header).split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    const allowed = q === undefined || Number(q.slice(2)) > 0;
    if (name === 'gzip' || name === 'x-gzip') return allowed;
    if (name === '*') star = allowed;
  }
  return star;
}

/**
 * A fixed response body with its ETag and, once compressed, its gzip form and that form's own
 * ETag (a different representation needs a different strong validator). Compressing is done once
 * per body, not per request.
 */
export class CompressedBody {
  readonly etag: string;
  private gzipped: { body: Buffer; etag: string } | undefined;
  /** Compression under way on the thread pool; a client that takes gzip waits for it. */
  private pending: Promise<void> | undefined;

  constructor(readonly body: Buffer) {
    this.etag = strongEtag(body);
  }

  /** Compresses now (at start-up, for files). */
  compressNow(): this {
    this.setGzip(gzipSync(this.body, { level: 6 }));
    return this;
  }

  /**
   * Compresses on the thread pool, so rendering does not wait for it. A request that takes gzip
   * and comes before it is done waits for it (a few milliseconds): every send of a page is
   * compressed, the first one too. Should compression fail, the plain body goes out.
   */
  compressInBackground(): this {
    this.pending = gzipAsync(this.body, { level: 6 }).then(
      (out) => {
        this.setGzip(out);
        this.pending = undefined;
      },
      () => {
        this.pending = undefined;
      },
    );
    return this;
  }

  get gzip(): Buffer | undefined {
    return this.gzipped?.body;
  }

  private setGzip(out: Buffer): void {
    // Compression that does not pay (tiny bodies) is not worth a second representation.
    if (out.length < this.body.length) this.gzipped = { body: out, etag: gzipEtag(this.etag) };
  }

  /** Sends the body in the best form the request accepts; always says that this depends on it. */
  async send(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    reply.header('vary', 'accept-encoding');
    const takesGzip = acceptsGzip(request.headers['accept-encoding']);
    if (takesGzip && this.pending) await this.pending;
    const gzipped = this.gzipped;
    if (gzipped && takesGzip) {
      return reply
        .header('content-encoding', 'gzip')
        .header('etag', gzipped.etag)
        .send(gzipped.body);
    }
    return reply.header('etag', this.etag).send(this.body);
  }
}

const gzipAsync = promisify(gzip);

/** The gzip form's ETag: the plain form's tag with a suffix, so the two never match each other. */
function gzipEtag(etag: string): string {
  return `${etag.slice(0, -1)}-gz"`;
}
