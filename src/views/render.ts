import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { CompressedBody } from '../shared/compressed-body.ts';

/** Renders a page. preact escapes every text and attribute value by default. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

/**
 * A rendered page as the bytes that go out, with their ETag and (soon after) their gzip form.
 * Public pages are cached in this form per data version: a hit is sent as is, without encoding,
 * hashing or compressing again (ADR 0012).
 */
export type HtmlPage = CompressedBody;

export function htmlPage(html: string): HtmlPage {
  return new CompressedBody(Buffer.from(html, 'utf8')).compressInBackground();
}

/**
 * Sends a cached page; the ETag plugin answers If-None-Match with 304 from the preset ETag. A
 * signed-in user gets the page as text, so the header can name them (src/plugins/account-header.ts);
 * the cached bytes themselves never hold a name.
 */
export function sendHtmlPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: HtmlPage,
): Promise<FastifyReply> | FastifyReply {
  reply.type('text/html; charset=utf-8');
  if (request.user) return reply.send(page.body.toString('utf8'));
  return page.send(request, reply);
}
