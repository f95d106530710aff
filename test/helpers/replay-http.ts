/**
 * The HTTP part both replay servers share (test/helpers/odata-replay-server.ts and
 * pdok-replay-server.ts): a node:http server on 127.0.0.1 that maps a request to a named page,
 * records it, answers scripted faults first (a status, once each; 429 with Retry-After: 0), then
 * the recorded file with the recorded origins pointed at itself, cut off while the page is in
 * `broken`. What a page is and what it answers stays with each server. No internet.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a test scripts and reads back. */
export interface ReplayState<P extends string> {
  /** Every answered request, as page names in order. */
  requests: P[];
  /** Full request URLs, in order (also those answered with 404). */
  urls: string[];
  /** Statuses to answer (once each, in order) before the page itself. */
  faults: Partial<Record<P, number[]>>;
  /** Pages answered with a cut-off body until removed from the set. */
  broken: Set<P>;
}

export interface ReplayHandlers<P extends string> {
  /** The page a request asks for, or null for a 404. */
  pageOf(url: URL): P | null;
  /** The recorded body of a page, its recorded origins already pointed at `origin`. */
  body(page: P, origin: string): string;
  contentType: string;
  /** Answers a page in its own way (true) instead of the recorded body, after the faults. */
  answer?(page: P, res: http.ServerResponse): boolean;
}

export async function startReplayHttp<P extends string>(
  handlers: ReplayHandlers<P>,
): Promise<{ state: ReplayState<P>; origin: string; close(): Promise<void> }> {
  const state: ReplayState<P> = { requests: [], urls: [], faults: {}, broken: new Set() };
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    state.urls.push(url.toString());
    const page = handlers.pageOf(url);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('niet gevonden');
      return;
    }
    state.requests.push(page);
    const fault = state.faults[page]?.shift();
    if (fault !== undefined) {
      const headers: Record<string, string> = { 'content-type': 'text/plain' };
      if (fault === 429) headers['retry-after'] = '0';
      res.writeHead(fault, headers).end(`status ${fault}`);
      return;
    }
    if (handlers.answer?.(page, res)) return;
    const body = handlers.body(page, origin);
    const sent = state.broken.has(page) ? body.slice(0, Math.floor(body.length / 2)) : body;
    res.writeHead(200, { 'content-type': handlers.contentType }).end(sent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    state,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
