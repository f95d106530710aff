import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CBS_OPEN_DATA_URL } from './cbs-sources.ts';
import { CBS_ODATA_BASE_URL } from './odata.fetch.ts';
import { CBS_THIRD_PARTY_URL } from './politie-odata.ts';

describe('the CBS addresses haal-op and import odata use by default', () => {
  it("are CBS's paging feed, not the query API that refuses more than 10,000 rows", () => {
    // One municipality of 47018NED is about 100,000 rows: ODataApi would refuse it, ODataFeed
    // sends it in pages with odata.nextLink, which the harvester follows (ADR 0043).
    for (const url of [CBS_OPEN_DATA_URL, CBS_THIRD_PARTY_URL, CBS_ODATA_BASE_URL]) {
      assert.match(url, /^https:\/\/(opendata|dataderden)\.cbs\.nl\/ODataFeed\/odata$/);
    }
  });
});
