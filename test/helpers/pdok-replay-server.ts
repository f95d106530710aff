/**
 * A local HTTP server (node:http) that replays PDOK OGC API Features responses from the
 * fixtures in test/fixtures/pdok-ogc: the gemeente, the 13 wijken and 22 buurten (paged 11 + 11
 * with a cursor) of Dordrecht in the wijk- en buurtkaart 2024 API. Faults are scripted per
 * page: a status to answer first (429 with Retry-After, 503), or a cut-off body. No internet.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures', 'pdok-ogc');
const PDOK_ORIGIN = 'https://api.pdok.nl';

export type PdokReplayPage = 'gemeenten' | 'wijken' | 'buurten-page1' | 'buurten-page2';

const FILES: Record<PdokReplayPage, string> = {
  gemeenten: 'gemeenten-2024-GM0505.fixture.json',
  wijken: 'wijken-2024-GM0505.fixture.json',
  'buurten-page1': 'buurten-2024-GM0505-page1.fixture.json',
  'buurten-page2': 'buurten-2024-GM0505-page2.fixture.json',
};

export interface PdokReplayServer {
  /** Stands in for https://api.pdok.nl. */
  baseUrl: string;
  /** Every answered request, as page names in order. */
  requests: PdokReplayPage[];
  /** Full request URLs, in order (also those answered with 404). */
  urls: string[];
  /** Statuses to answer (once each, in order) before the page itself. */
  faults: Partial<Record<PdokReplayPage, number[]>>;
  /** Pages answered with a cut-off body until removed from the set. */
  broken: Set<PdokReplayPage>;
  close(): Promise<void>;
}

function pageOf(url: URL): PdokReplayPage | null {
  const match = /^\/cbs\/wijken-en-buurten-2024\/ogc\/v1\/collections\/(\w+)\/items$/.exec(
    url.pathname,
  );
  // Only Dordrecht is recorded; another municipality gets PDOK's answer for no match: 404 here.
  if (!match || url.searchParams.get('gemeentecode') !== 'GM0505') return null;
  if (match[1] === 'gemeenten') return 'gemeenten';
  if (match[1] === 'wijken') return 'wijken';
  if (match[1] === 'buurten')
    return url.searchParams.get('cursor') === 'fixture-2' ? 'buurten-page2' : 'buurten-page1';
  return null;
}

export async function startPdokReplayServer(): Promise<PdokReplayServer> {
  const state: Omit<PdokReplayServer, 'baseUrl' | 'close'> = {
    requests: [],
    urls: [],
    faults: {},
    broken: new Set(),
  };
  let origin = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    state.urls.push(url.toString());
    const page = pageOf(url);
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
    // The recorded links point at PDOK; the replay points them at this server.
    const body = fs
      .readFileSync(path.join(FIXTURES, FILES[page]), 'utf8')
      .replaceAll(PDOK_ORIGIN, origin);
    const sent = state.broken.has(page) ? body.slice(0, Math.floor(body.length / 2)) : body;
    res.writeHead(200, { 'content-type': 'application/geo+json' }).end(sent);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...state,
    baseUrl: origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
