import type { FastifyReply } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { strongEtag } from '../plugins/etag.ts';

/** Renders a page. preact escapes every text and attribute value by default. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${render(page)}`;
}

/**
 * A rendered page as the bytes that go out, with their ETag. Public pages are cached in this
 * form per data version: a hit is sent as is, without encoding the text or hashing it again.
 */
export interface HtmlPage {
  readonly body: Buffer;
  readonly etag: string;
}

export function htmlPage(html: string): HtmlPage {
  const body = Buffer.from(html, 'utf8');
  return { body, etag: strongEtag(body) };
}

/** Sends a cached page; the ETag plugin answers If-None-Match with 304 from the preset ETag. */
export function sendHtmlPage(reply: FastifyReply, page: HtmlPage): FastifyReply {
  return reply.type('text/html; charset=utf-8').header('etag', page.etag).send(page.body);
}
