import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startReplayServer, type ReplayServer } from '../../../test/helpers/odata-replay-server.ts';
import type { AreaLookup, ImportInput } from './import.types.ts';
import {
  harvestOdataTable,
  harvestPdokItems,
  pdokItemsUrl,
  type HarvestOptions,
} from './odata-harvest.ts';
import { parsePdokGeojson } from './pdok-geojson.importer.ts';
import { OdataFetchError } from './odata.fetch.ts';
import { parseOdataJson } from './odata.importer.ts';

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
