import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startReplayServer, type ReplayServer } from '../../../test/helpers/odata-replay-server.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';
import {
  harvestOdataTable,
  harvestOdataV4Table,
  harvestPdokItems,
  pdokItemsUrl,
  type HarvestOptions,
} from './odata-harvest.ts';
import { parsePdokGeojson } from './pdok-geojson.importer.ts';
import { OdataFetchError } from './odata.fetch.ts';
import { parseOdataJson } from './odata.importer.ts';
import { parseOdataV4 } from './odata-v4.importer.ts';

const dordrecht = fs
  .readFileSync(path.resolve('datasets/cbs-kwb-2024/kwb2024_dordrecht.csv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split(',')[0]!);
const lookup: AreaLookup = {
  years: () => [2024],
  has: (y, c) => y === 2024 && dordrecht.includes(c),
  findByName: () => [],
};

describe('harvestOdataTable against a local replay server', () => {
  let server: ReplayServer;
  let storeDir: string;
  let waits: number[];
  const options = (extra: Partial<HarvestOptions> = {}): HarvestOptions => ({
    tableId: '85984NED',
    baseUrl: server.baseUrl,
    filter: "startswith(WijkenEnBuurten,'GM0505')",
    storeDir,
    backoffMs: 5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...extra,
  });

  beforeEach(async () => {
    server = await startReplayServer();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-'));
    waits = [];
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it('follows the paged response, stores every raw page, and replays them without the network', async () => {
    const first = await harvestOdataTable(options());
    assert.deepEqual(server.requests, ['meta', 'page1', 'page2']);
    assert.ok(
      decodeURIComponent(server.urls[1]!).endsWith(
        "/85984NED/TypedDataSet?$format=json&$filter=startswith(WijkenEnBuurten,'GM0505')",
      ),
    );
    assert.equal(first.fetchedPages, 3);
    const pages = first.input.typedDataSet as ImportInput[];
    assert.equal(pages.length, 2);
    const stored = fs.readdirSync(first.dir).sort();
    assert.deepEqual(stored, [
      'DataProperties.json',
      'TypedDataSet-0001.json',
      'TypedDataSet-0002.json',
      'manifest.json',
    ]);
    const parsed = parseOdataJson(first.input, lookup, {
      tableId: '85984NED',
      indelingYear: 2024,
      period: '2024',
    });
    assert.equal(parsed.rowCount, 14);
    assert.equal(
      parsed.observations.find((o) => o.area_code === 'GM0505' && o.variable === 'AantalInwoners')
        ?.value,
      122070,
    );

    const replay = await harvestOdataTable(options());
    assert.equal(server.requests.length, 3, 'a finished table is replayed from disk');
    assert.equal(replay.reusedPages, 2);
    const again = parseOdataJson(replay.input, lookup, {
      tableId: '85984NED',
      indelingYear: 2024,
      period: '2024',
    });
    assert.equal(again.fileHash, parsed.fileHash, 'the same bytes: the import is idempotent');
  });

  it('waits and retries after 429 (Retry-After) and 503, then succeeds', async () => {
    server.faults.page1 = [429];
    server.faults.page2 = [503, 503];
    const result = await harvestOdataTable(options());
    assert.deepEqual(server.requests, ['meta', 'page1', 'page1', 'page2', 'page2', 'page2']);
    // Retry-After: 0 for the 429; growing waits (5, 10 ms) for the two 503s.
    assert.deepEqual(waits, [0, 5, 10]);
    assert.equal((result.input.typedDataSet as ImportInput[]).length, 2);
  });

  it('a malformed page stops the run in Dutch, naming page and address; the next run resumes there', async () => {
    server.broken.add('page2');
    await assert.rejects(harvestOdataTable(options()), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^Pagina 2 van tabel 85984NED \(http:\/\/127\.0\.0\.1:\d+\/ODataApi\/OData\/85984NED\/TypedDataSet\?\$format=json&\$skip=7\) is geen geldige JSON/,
      );
      assert.match(error.message, /Er is niets geïmporteerd/);
      return true;
    });
    assert.deepEqual(server.requests, ['meta', 'page1', 'page2']);
    server.broken.delete('page2');
    const resumed = await harvestOdataTable(options());
    assert.deepEqual(server.requests, ['meta', 'page1', 'page2', 'page2'], 'only page 2 again');
    assert.equal(resumed.reusedPages, 1);
    assert.equal(resumed.fetchedPages, 1);
  });

  it('a server that stays busy, or no connection at all, gives a clear Dutch error', async () => {
    server.faults.meta = [503, 503, 503];
    await assert.rejects(harvestOdataTable(options({ retries: 2 })), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^CBS open data is niet bereikbaar: .* gaf status 503, ook na 3 pogingen\. Er is niets geïmporteerd\./,
      );
      return true;
    });
    const base = server.baseUrl;
    await server.close();
    server = await startReplayServer();
    await assert.rejects(
      harvestOdataTable(options({ baseUrl: base, retries: 1 })),
      (error: unknown) => {
        assert.ok(error instanceof OdataFetchError);
        assert.match(error.message, /gaf geen verbinding \(ECONNREFUSED\), ook na 2 pogingen/);
        assert.match(error.message, /start dezelfde opdracht later opnieuw/);
        return true;
      },
    );
  });

  it('does not follow a nextLink to another server', async () => {
    await assert.rejects(
      harvestOdataTable(options({ baseUrl: server.baseUrl.replace('127.0.0.1', 'localhost') })),
      /ligt buiten http:\/\/localhost/,
    );
  });

  it('PDOK: builds the documented OGC API address, follows rel=next, retries, resumes, and gives the PDOK importer one collection', async () => {
    assert.equal(
      pdokItemsUrl({ year: 2024, level: 'buurt', municipalityCode: 'GM0505' }),
      'https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items?f=json&limit=1000&gemeentecode=GM0505',
    );
    const pdok = {
      storeDir,
      backoffMs: 5,
      sleep: async (ms: number) => {
        waits.push(ms);
      },
      year: 2023,
      level: 'buurt' as const,
      municipalityCode: 'GM0505',
      baseUrl: server.baseUrl.replace('/ODataApi/odata', ''),
    };
    server.broken.add('pdok-page2');
    await assert.rejects(harvestPdokItems(pdok), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^Pagina 2 van pdok-buurten-2023 \(http:\/\/127\.0\.0\.1:\d+\/cbs\/wijken-en-buurten-2023\/ogc\/v1\/collections\/buurten\/items\?.*cursor=fixture-2\) is geen geldige JSON/,
      );
      return true;
    });
    server.broken.delete('pdok-page2');
    server.faults['pdok-page2'] = [503];
    const result = await harvestPdokItems(pdok);
    assert.deepEqual(server.requests, ['pdok-page1', 'pdok-page2', 'pdok-page2', 'pdok-page2']);
    assert.deepEqual(waits, [5]);
    assert.equal(result.reusedPages, 1);
    assert.equal(result.fetchedPages, 1);
    assert.match(server.urls[0]!, /items\?f=json&limit=1000&gemeentecode=GM0505$/);

    const parsed = parsePdokGeojson(
      result.input,
      {
        years: () => [2023],
        has: (y, c) => y === 2023 && ['GM0505', 'WK050501', 'WK050599'].includes(c),
        findByName: () => [],
      },
      { indelingYear: 2023, level: 'buurt', municipalityCode: 'GM0505' },
    );
    const buurten = parsed.areas.filter((a) => a.kind === 'buurt');
    assert.deepEqual(
      buurten.map((a) => a.code),
      ['BU05059997', 'BU05050100', 'BU05050101', 'BU05050102'],
    );
    assert.ok(buurten.every((a) => a.geometry !== null));

    const again = await harvestPdokItems(pdok);
    assert.equal(server.requests.length, 4, 'a finished collection is replayed from disk');
    assert.equal(again.input.bytes.toString(), result.input.bytes.toString());
  });
});

describe('harvestOdataV4Table (CBS OData v4) against a local replay server', () => {
  let server: ReplayServer;
  let storeDir: string;
  let waits: number[];
  const filter =
    "(startswith(WijkenEnBuurten,'GM0505') or startswith(WijkenEnBuurten,'WK0505') or startswith(WijkenEnBuurten,'BU0505')) and Leeftijd eq '20300' and Marges eq 'MW00000'";
  const options = () => ({
    tableId: '50150NED',
    baseUrl: server.v4BaseUrl,
    filter,
    codeLists: ['Leeftijd', 'Marges'],
    storeDir,
    backoffMs: 5,
    sleep: async (ms: number) => {
      waits.push(ms);
    },
  });
  const v4Lookup: AreaLookup = {
    years: () => [2024],
    has: (y, c) =>
      y === 2024 && ['GM0505', 'BU05050100', 'BU05050101', 'BU05050102', 'BU05050103'].includes(c),
    findByName: () => [],
  };

  beforeEach(async () => {
    server = await startReplayServer();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-haal-op-v4-'));
    waits = [];
  });
  afterEach(async () => {
    await server.close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it('reads the description, follows @odata.nextLink, retries 429 (Retry-After) and 503, and replays from disk', async () => {
    server.faults['v4-page1'] = [429];
    server.faults['v4-page2'] = [503];
    const first = await harvestOdataV4Table(options());
    assert.deepEqual(server.requests, [
      'v4-dimensions',
      'v4-measures',
      'v4-leeftijd',
      'v4-marges',
      'v4-page1',
      'v4-page1',
      'v4-page2',
      'v4-page2',
    ]);
    assert.deepEqual(waits, [0, 5], 'Retry-After 0 for the 429, the first backoff for the 503');
    assert.equal(
      decodeURIComponent(server.urls[4]!).replace(/^http:\/\/127\.0\.0\.1:\d+/, ''),
      `/odata/v1/CBS/50150NED/Observations?$filter=${filter}`,
    );
    assert.match(server.urls[6]!, /\/odata\/v1\/CBS\/50150NED\/Observations\?.*&\$skip=10$/);
    assert.equal(first.input.observations.length, 2);
    assert.deepEqual(fs.readdirSync(first.dir).sort(), [
      'Dimensions.json',
      'LeeftijdCodes.json',
      'MargesCodes.json',
      'MeasureCodes.json',
      'Observations-0001.json',
      'Observations-0002.json',
      'manifest.json',
    ]);
    assert.match(path.basename(first.dir), /^50150NED-v4-[0-9a-f]{12}$/);
    const parsed = parseOdataV4(first.input, v4Lookup, {
      tableId: '50150NED',
      indelingYear: 2024,
      fixed: { Leeftijd: '20300', Marges: 'MW00000' },
      skipUnknownAreas: true,
    });

    const replay = await harvestOdataV4Table(options());
    assert.equal(server.requests.length, 8, 'a finished table is replayed from disk');
    assert.equal(replay.reusedPages, 2);
    const again = parseOdataV4(replay.input, v4Lookup, {
      tableId: '50150NED',
      indelingYear: 2024,
      fixed: { Leeftijd: '20300', Marges: 'MW00000' },
      skipUnknownAreas: true,
    });
    assert.equal(again.fileHash, parsed.fileHash, 'the same bytes: the import is idempotent');
  });

  it('refuses a description (MeasureCodes) that says it has a second page, instead of reading half of it', async () => {
    const paged: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (!String(input).endsWith('/MeasureCodes')) return response;
      const body = (await response.json()) as Record<string, unknown>;
      body['@odata.nextLink'] = `${String(input)}?$skip=2`;
      return new Response(JSON.stringify(body), { status: 200 });
    };
    await assert.rejects(
      harvestOdataV4Table({ ...options(), fetch: paged }),
      /De beschrijving van tabel 50150NED \(MeasureCodes, .*\) heeft meer dan één pagina/,
    );
    assert.ok(!server.requests.includes('v4-page1'), 'no observations fetched');
  });

  it('a cut-off page stops the run naming page and address; the next run resumes at that page', async () => {
    server.broken.add('v4-page2');
    await assert.rejects(harvestOdataV4Table(options()), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^Pagina 2 van tabel 50150NED \(http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/50150NED\/Observations\?.*\$skip=10\) is geen geldige JSON/,
      );
      assert.match(error.message, /Er is niets geïmporteerd/);
      return true;
    });
    server.broken.delete('v4-page2');
    const resumed = await harvestOdataV4Table(options());
    assert.deepEqual(server.requests.slice(-1), ['v4-page2'], 'only page 2 again');
    assert.equal(server.requests.filter((r) => r === 'v4-page1').length, 1);
    assert.equal(server.requests.filter((r) => r === 'v4-measures').length, 1);
    assert.equal(resumed.reusedPages, 1);
    assert.equal(resumed.fetchedPages, 1);
  });

  it('a page that is JSON but no OData page (a portal error) stops the run naming page and address', async () => {
    server.notOdata.add('v4-page1');
    await assert.rejects(harvestOdataV4Table(options()), (error: unknown) => {
      assert.ok(error instanceof OdataFetchError);
      assert.match(
        error.message,
        /^Pagina 1 van tabel 50150NED \(http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/50150NED\/Observations\?\$filter=.*\) is geen OData-antwoord: het veld "value" met rijen ontbreekt/,
      );
      return true;
    });
    server.notOdata.clear();
    server.notOdata.add('v4-measures');
    fs.rmSync(storeDir, { recursive: true, force: true });
    await assert.rejects(
      harvestOdataV4Table(options()),
      /De beschrijving van tabel 50150NED \(MeasureCodes, http:\/\/127\.0\.0\.1:\d+\/odata\/v1\/CBS\/50150NED\/MeasureCodes\) is geen OData-antwoord/,
    );
  });
});
