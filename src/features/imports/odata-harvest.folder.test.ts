import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { startReplayServer, type ReplayServer } from '../../../test/helpers/odata-replay-server.ts';
import type { ImportInput } from './import.types.ts';
import { harvestOdataTable, type HarvestOptions } from './odata-harvest.ts';

/**
 * The folder every harvester opens the same way: when it replays what is stored, and when it
 * asks again (a manifest of another address, `fresh` for --opnieuw).
 */
describe('a harvest folder: replay, another address, fresh', () => {
  let first: ReplayServer;
  let second: ReplayServer;
  let storeDir: string;
  const options = (server: ReplayServer, extra: Partial<HarvestOptions> = {}): HarvestOptions => ({
    tableId: '85984NED',
    baseUrl: server.baseUrl,
    filter: "startswith(WijkenEnBuurten,'GM0505')",
    storeDir,
    sleep: async () => undefined,
    ...extra,
  });
  const manifestUrl = (dir: string): string =>
    (JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { url: string }).url;

  beforeEach(async () => {
    first = await startReplayServer();
    second = await startReplayServer();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-harvest-folder-'));
  });
  afterEach(async () => {
    await first.close();
    await second.close();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it('does not reuse the stored pages of another address in the same folder: they are asked again there', async () => {
    const one = await harvestOdataTable(options(first));
    assert.deepEqual(first.requests, ['meta', 'page1', 'page2']);
    assert.ok(manifestUrl(one.dir).startsWith(first.baseUrl));

    // The same table and filter from another server: the same folder, another first address.
    const two = await harvestOdataTable(options(second));
    assert.equal(two.dir, one.dir);
    assert.deepEqual(
      second.requests.filter((r) => r !== 'meta'),
      ['page1', 'page2'],
      'every page asked from the new address',
    );
    assert.equal(two.reusedPages, 0);
    assert.ok(manifestUrl(two.dir).startsWith(second.baseUrl), 'the manifest names the new one');
    const firstOrigin = new URL(first.baseUrl).origin;
    assert.ok(
      (two.input.typedDataSet as ImportInput[]).every((p) => !p.bytes.includes(firstOrigin)),
      'no page of the first copy',
    );

    const asked = second.requests.length;
    const three = await harvestOdataTable(options(second));
    assert.equal(second.requests.length, asked, 'then replayed from the folder');
    assert.equal(three.reusedPages, 2);
    assert.equal(first.requests.length, 3, 'the first server is not asked again');
  });

  it('fresh (--opnieuw) asks again for the description and every page of a finished copy', async () => {
    await harvestOdataTable(options(first));
    const again = await harvestOdataTable(options(first, { fresh: true }));
    assert.deepEqual(first.requests, ['meta', 'page1', 'page2', 'meta', 'page1', 'page2']);
    assert.equal(again.fetchedPages, 3);
    assert.equal(again.reusedPages, 0);
    const replay = await harvestOdataTable(options(first));
    assert.equal(first.requests.length, 6, 'the new copy is replayed');
    assert.equal(replay.reusedPages, 2);
  });
});
