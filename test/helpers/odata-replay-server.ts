/**
 * A local HTTP server (node:http) that replays recorded-format CBS OData v3 responses from the
 * fixtures in test/fixtures/odata (real KWB 2024 figures of Dordrecht, paged 7 + 7; real 2023
 * police-registered crime of six Dordrecht buurten, 47018NED, paged 3 + 3; KWB 2022, 85318NED,
 * six Dordrecht areas with invented fixture values and their WijkenEnBuurten code list), and the OData v4
 * responses in test/fixtures/odata-v4 (health estimates 50150NED: recorded shape, invented
 * values, paged 10 + 20; KWB 2024 and 2022 in v4 form, built from the v3 fixtures with the same
 * figures, 85984NED paged 77 + 77, 85318NED one page with its WijkenEnBuurtenCodes; 47018NED
 * built from its v3 fixture with the same figures, paged 9 + 9) and the same
 * invented estimates in the v3 shape of RIVM's table on dataderden.cbs.nl
 * (test/fixtures/odata/50150NED-*, paged 10 + 9). Faults are
 * scripted per page: a status to answer first (429 with Retry-After, 503), or a broken body.
 * No internet is used.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../src/config.ts';
import { startReplayHttp, type ReplayState } from './replay-http.ts';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures', 'odata');
const RECORDED_ORIGINS = [
  'https://opendata.cbs.nl/ODataApi/OData',
  'https://dataderden.cbs.nl/ODataApi/OData',
];

/** KWB 2024 (85984NED, paged 7 + 7) and police-registered crime (47018NED, paged 3 + 3). */
export type ReplayPage =
  | 'meta'
  | 'page1'
  | 'page2'
  | 'kwb2022-meta'
  | 'kwb2022-page'
  | 'kwb2022-regions'
  | 'crime-meta'
  | 'crime-page1'
  | 'crime-page2'
  | 'pdok-page1'
  | 'pdok-page2'
  | 'v4-dimensions'
  | 'v4-measures'
  | 'v4-leeftijd'
  | 'v4-marges'
  | 'v4-page1'
  | 'v4-page2'
  | 'health-v3-meta'
  | 'health-v3-page1'
  | 'health-v3-page2'
  | 'kwb-v4-dimensions'
  | 'kwb-v4-measures'
  | 'kwb-v4-page1'
  | 'kwb-v4-page2'
  | 'kwb2022-v4-dimensions'
  | 'kwb2022-v4-measures'
  | 'kwb2022-v4-page'
  | 'kwb2022-v4-regions'
  | 'crime-v4-dimensions'
  | 'crime-v4-measures'
  | 'crime-v4-page1'
  | 'crime-v4-page2';

/** CBS's OData v4 service (health estimates 50150NED, invented fixture values, paged 10 + 20). */
const V4_ORIGIN = 'https://datasets.cbs.nl/odata/v1/CBS';

const PDOK_ORIGIN = 'https://api.pdok.nl';

export interface ReplayServer extends ReplayState<ReplayPage> {
  /** Base URL to hand to the fetcher, like https://opendata.cbs.nl/ODataApi/odata. */
  baseUrl: string;
  /** The v4 catalogue root, like https://datasets.cbs.nl/odata/v1/CBS. */
  v4BaseUrl: string;
  /** Pages answered (status 200) with JSON that is no OData page, like a portal's error. */
  notOdata: Set<ReplayPage>;
  /** Tables the v4 root answers 404 for, as a catalogue that does not serve them would. */
  missingV4: Set<string>;
  close(): Promise<void>;
}

function pageOf(url: URL): ReplayPage | null {
  if (url.pathname.endsWith('/85984NED/DataProperties')) return 'meta';
  if (url.pathname.endsWith('/85984NED/TypedDataSet'))
    return url.searchParams.get('$skip') === '7' ? 'page2' : 'page1';
  // KWB 2022 (85318NED): six Dordrecht areas, one page, fixture values; its region code list.
  if (url.pathname.endsWith('/85318NED/DataProperties')) return 'kwb2022-meta';
  if (url.pathname.endsWith('/85318NED/TypedDataSet')) return 'kwb2022-page';
  if (url.pathname.endsWith('/85318NED/WijkenEnBuurten')) return 'kwb2022-regions';
  if (url.pathname.endsWith('/47018NED/DataProperties')) return 'crime-meta';
  if (url.pathname.endsWith('/47018NED/TypedDataSet'))
    return url.searchParams.get('$skip') === '3' ? 'crime-page2' : 'crime-page1';
  // 50150NED in OData v3, as RIVM publishes it on dataderden.cbs.nl (invented fixture values).
  if (url.pathname.endsWith('/50150NED/DataProperties')) return 'health-v3-meta';
  if (url.pathname.endsWith('/50150NED/TypedDataSet'))
    return url.searchParams.get('$skip') === '10' ? 'health-v3-page2' : 'health-v3-page1';
  if (url.pathname.startsWith('/odata/v1/CBS/50150NED/')) {
    const rest = url.pathname.slice('/odata/v1/CBS/50150NED/'.length);
    if (rest === 'Dimensions') return 'v4-dimensions';
    if (rest === 'MeasureCodes') return 'v4-measures';
    if (rest === 'LeeftijdCodes') return 'v4-leeftijd';
    if (rest === 'MargesCodes') return 'v4-marges';
    if (rest === 'Observations')
      return url.searchParams.get('$skip') === '10' ? 'v4-page2' : 'v4-page1';
    return null;
  }
  // KWB over v4 (ADR 0044): 2024 paged 77 + 77, 2022 one page and its region code list.
  if (url.pathname.startsWith('/odata/v1/CBS/85984NED/')) {
    const rest = url.pathname.slice('/odata/v1/CBS/85984NED/'.length);
    if (rest === 'Dimensions') return 'kwb-v4-dimensions';
    if (rest === 'MeasureCodes') return 'kwb-v4-measures';
    if (rest === 'Observations')
      return url.searchParams.get('$skip') === '77' ? 'kwb-v4-page2' : 'kwb-v4-page1';
    return null;
  }
  if (url.pathname.startsWith('/odata/v1/CBS/85318NED/')) {
    const rest = url.pathname.slice('/odata/v1/CBS/85318NED/'.length);
    if (rest === 'Dimensions') return 'kwb2022-v4-dimensions';
    if (rest === 'MeasureCodes') return 'kwb2022-v4-measures';
    if (rest === 'Observations') return 'kwb2022-v4-page';
    if (rest === 'WijkenEnBuurtenCodes') return 'kwb2022-v4-regions';
    return null;
  }
  // Police-registered crime over v4 (ADR 0047): the v3 fixture's six rows, paged 9 + 9.
  if (url.pathname.startsWith('/odata/v1/CBS/47018NED/')) {
    const rest = url.pathname.slice('/odata/v1/CBS/47018NED/'.length);
    if (rest === 'Dimensions') return 'crime-v4-dimensions';
    if (rest === 'MeasureCodes') return 'crime-v4-measures';
    if (rest === 'Observations')
      return url.searchParams.get('$skip') === '9' ? 'crime-v4-page2' : 'crime-v4-page1';
    return null;
  }
  // PDOK's OGC API (buurten 2023, four real Dordrecht buurten, paged 2 + 2 with a cursor).
  if (url.pathname === '/cbs/wijken-en-buurten-2023/ogc/v1/collections/buurten/items')
    return url.searchParams.get('cursor') === 'fixture-2' ? 'pdok-page2' : 'pdok-page1';
  return null;
}

const FILES: Record<ReplayPage, string> = {
  meta: '85984NED-DataProperties.fixture.json',
  page1: '85984NED-TypedDataSet-page1.fixture.json',
  page2: '85984NED-TypedDataSet-page2.fixture.json',
  'kwb2022-meta': '85318NED-DataProperties.fixture.json',
  'kwb2022-page': '85318NED-TypedDataSet.fixture.json',
  'kwb2022-regions': '85318NED-WijkenEnBuurten.fixture.json',
  'crime-meta': '47018NED-DataProperties.fixture.json',
  'crime-page1': '47018NED-TypedDataSet-page1.fixture.json',
  'crime-page2': '47018NED-TypedDataSet-page2.fixture.json',
  'pdok-page1': 'pdok-buurten-2023-page1.fixture.json',
  'pdok-page2': 'pdok-buurten-2023-page2.fixture.json',
  'v4-dimensions': '../odata-v4/50150NED-Dimensions.fixture.json',
  'v4-measures': '../odata-v4/50150NED-MeasureCodes.fixture.json',
  'v4-leeftijd': '../odata-v4/50150NED-LeeftijdCodes.fixture.json',
  'v4-marges': '../odata-v4/50150NED-MargesCodes.fixture.json',
  'v4-page1': '../odata-v4/50150NED-Observations-page1.fixture.json',
  'v4-page2': '../odata-v4/50150NED-Observations-page2.fixture.json',
  'health-v3-meta': '50150NED-DataProperties.fixture.json',
  'health-v3-page1': '50150NED-TypedDataSet-page1.fixture.json',
  'health-v3-page2': '50150NED-TypedDataSet-page2.fixture.json',
  'kwb-v4-dimensions': '../odata-v4/85984NED-Dimensions.fixture.json',
  'kwb-v4-measures': '../odata-v4/85984NED-MeasureCodes.fixture.json',
  'kwb-v4-page1': '../odata-v4/85984NED-Observations-page1.fixture.json',
  'kwb-v4-page2': '../odata-v4/85984NED-Observations-page2.fixture.json',
  'kwb2022-v4-dimensions': '../odata-v4/85318NED-Dimensions.fixture.json',
  'kwb2022-v4-measures': '../odata-v4/85318NED-MeasureCodes.fixture.json',
  'kwb2022-v4-page': '../odata-v4/85318NED-Observations.fixture.json',
  'kwb2022-v4-regions': '../odata-v4/85318NED-WijkenEnBuurtenCodes.fixture.json',
  'crime-v4-dimensions': '../odata-v4/47018NED-Dimensions.fixture.json',
  'crime-v4-measures': '../odata-v4/47018NED-MeasureCodes.fixture.json',
  'crime-v4-page1': '../odata-v4/47018NED-Observations-page1.fixture.json',
  'crime-v4-page2': '../odata-v4/47018NED-Observations-page2.fixture.json',
};

export async function startReplayServer(): Promise<ReplayServer> {
  const notOdata = new Set<ReplayPage>();
  const missingV4 = new Set<string>();
  const { state, origin, close } = await startReplayHttp<ReplayPage>({
    pageOf: (url) => {
      const v4Table = /^\/odata\/v1\/CBS\/([^/]+)\//.exec(url.pathname)?.[1];
      return v4Table !== undefined && missingV4.has(v4Table) ? null : pageOf(url);
    },
    answer: (page, res) => {
      if (!notOdata.has(page)) return false;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end('{"error":{"code":"fixture","message":"Service tijdelijk niet beschikbaar"}}');
      return true;
    },
    // The recorded nextLink points at CBS; the replay points it at this server.
    body: (page, origin) => {
      let body = fs.readFileSync(path.join(FIXTURES, FILES[page]), 'utf8');
      body = body.replaceAll(PDOK_ORIGIN, origin);
      body = body.replaceAll(V4_ORIGIN, `${origin}/odata/v1/CBS`);
      for (const recorded of RECORDED_ORIGINS)
        body = body.replaceAll(recorded, `${origin}/ODataApi/OData`);
      return body;
    },
    contentType: 'application/json',
  });
  return {
    ...state,
    notOdata,
    missingV4,
    baseUrl: `${origin}/ODataApi/odata`,
    v4BaseUrl: `${origin}/odata/v1/CBS`,
    close,
  };
}
