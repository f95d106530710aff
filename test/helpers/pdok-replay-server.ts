/**
 * A local HTTP server (node:http) that replays PDOK OGC API Features responses from the
 * fixtures in test/fixtures/pdok-ogc: the gemeente, the 13 wijken and 22 buurten (paged 11 + 11
 * with a cursor) of Dordrecht in the wijk- en buurtkaart 2024 API; and PDOK's "historisch" API
 * (ADR 0045) in one of three invented shapes, chosen per test with `historisch.shape`: one
 * collection per year and level (`per-jaar`, 2021 and 2022; Dordrecht 2022 with older attribute
 * names), one collection per level with the year as a property (`jaar-als-eigenschap`,
 * Dordrecht 2019 with `jaarcode`), or collections none of which fits (`zonder-passende`); null
 * answers 404 to everything there. Faults are scripted per page: a status to answer first (429
 * with Retry-After, 503), or a cut-off body. No internet.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';
import { startReplayHttp, type ReplayState } from './replay-http.ts';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures', 'pdok-ogc');
const PDOK_ORIGIN = 'https://api.pdok.nl';

export type PdokReplayPage =
  | 'gemeenten'
  | 'wijken'
  | 'buurten-page1'
  | 'buurten-page2'
  | 'hist-collections'
  | 'hist-queryables-cbs_buurten_2022'
  | 'hist-queryables'
  | 'hist-gemeenten-2022'
  | 'hist-wijken-2022'
  | 'hist-buurten-2022-page1'
  | 'hist-buurten-2022-page2'
  | 'hist-gemeenten-2019'
  | 'hist-wijken-2019'
  | 'hist-buurten-2019';

/** The invented shapes of the historisch API a test can choose. */
export type HistorischShape = 'per-jaar' | 'jaar-als-eigenschap' | 'zonder-passende';

const FILES: Record<Exclude<PdokReplayPage, 'hist-collections'>, string> = {
  gemeenten: 'gemeenten-2024-GM0505.fixture.json',
  wijken: 'wijken-2024-GM0505.fixture.json',
  'buurten-page1': 'buurten-2024-GM0505-page1.fixture.json',
  'buurten-page2': 'buurten-2024-GM0505-page2.fixture.json',
  'hist-queryables-cbs_buurten_2022': 'historisch-queryables-cbs_buurten_2022.fixture.json',
  'hist-queryables': 'historisch-queryables-jaar-als-eigenschap.fixture.json',
  'hist-gemeenten-2022': 'historisch-gemeenten-2022-GM0505.fixture.json',
  'hist-wijken-2022': 'historisch-wijken-2022-GM0505.fixture.json',
  'hist-buurten-2022-page1': 'historisch-buurten-2022-GM0505-page1.fixture.json',
  'hist-buurten-2022-page2': 'historisch-buurten-2022-GM0505-page2.fixture.json',
  'hist-gemeenten-2019': 'historisch-gemeenten-jaarcode-2019-GM0505.fixture.json',
  'hist-wijken-2019': 'historisch-wijken-jaarcode-2019-GM0505.fixture.json',
  'hist-buurten-2019': 'historisch-buurten-jaarcode-2019-GM0505.fixture.json',
};

const COLLECTION_LISTS: Record<HistorischShape, string> = {
  'per-jaar': 'historisch-collections-per-jaar.fixture.json',
  'jaar-als-eigenschap': 'historisch-collections-jaar-als-eigenschap.fixture.json',
  'zonder-passende': 'historisch-collections-zonder-passende.fixture.json',
};

const HISTORISCH = '/cbs/wijken-en-buurten-historisch/ogc/v1';

export interface PdokReplayServer extends ReplayState<PdokReplayPage> {
  /** Stands in for https://api.pdok.nl. */
  baseUrl: string;
  /** Which invented shape the historisch API answers in (null: 404 for all of it). */
  historisch: { shape: HistorischShape | null };
  close(): Promise<void>;
}

/**
 * The historisch API answers only the addresses its shape has, with exactly the filters the
 * discovery rule should choose: anything else is a 404, as for an unknown address.
 */
function historischPageOf(url: URL, shape: HistorischShape | null): PdokReplayPage | null {
  if (shape === null || !url.pathname.startsWith(`${HISTORISCH}/`)) return null;
  const rest = url.pathname.slice(HISTORISCH.length);
  const q = url.searchParams;
  if (q.get('f') !== 'json') return null;
  if (rest === '/collections') return 'hist-collections';
  const match = /^\/collections\/(\w+)\/(queryables|items)$/.exec(rest);
  if (!match) return null;
  const [, id, what] = match as unknown as [string, string, string];
  const only = (...names: string[]) =>
    [...q.keys()].every((k) => names.includes(k)) && q.get('limit') === '1000';
  if (shape === 'per-jaar') {
    if (what === 'queryables')
      return id === 'cbs_buurten_2022' ? 'hist-queryables-cbs_buurten_2022' : null;
    if (
      id === 'cbs_gemeenten_2022' &&
      only('f', 'limit', 'gemeentecode') &&
      q.get('gemeentecode') === 'GM0505'
    )
      return 'hist-gemeenten-2022';
    if (
      id === 'cbs_wijken_2022' &&
      only('f', 'limit', 'gemeentecode') &&
      q.get('gemeentecode') === 'GM0505'
    )
      return 'hist-wijken-2022';
    if (
      id === 'cbs_buurten_2022' &&
      only('f', 'limit', 'gm_code', 'cursor') &&
      q.get('gm_code') === 'GM0505'
    )
      return q.get('cursor') === 'fixture-2'
        ? 'hist-buurten-2022-page2'
        : 'hist-buurten-2022-page1';
    return null;
  }
  if (shape === 'jaar-als-eigenschap') {
    if (!['gemeenten', 'wijken', 'buurten'].includes(id)) return null;
    if (what === 'queryables') return 'hist-queryables';
    if (!only('f', 'limit', 'gemeentecode', 'jaarcode') || q.get('gemeentecode') !== 'GM0505')
      return null;
    if (q.get('jaarcode') !== '2019') return null;
    return `hist-${id}-2019` as PdokReplayPage;
  }
  return null;
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
  const historisch: PdokReplayServer['historisch'] = { shape: null };
  const { state, origin, close } = await startReplayHttp<PdokReplayPage>({
    pageOf: (url) => pageOf(url) ?? historischPageOf(url, historisch.shape),
    // The recorded links point at PDOK; the replay points them at this server.
    body: (page, origin) =>
      fs
        .readFileSync(
          path.join(
            FIXTURES,
            page === 'hist-collections'
              ? COLLECTION_LISTS[historisch.shape ?? 'zonder-passende']
              : FILES[page],
          ),
          'utf8',
        )
        .replaceAll(PDOK_ORIGIN, origin),
    contentType: 'application/geo+json',
  });
  return { ...state, historisch, baseUrl: origin, close };
}
