import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { createDb, rawSqliteOf, withImportCache } from './database.ts';

describe('SQLite page cache: small while serving, large while importing', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-db-'));
  const handle = createDb({ kind: 'sqlite', file: path.join(dir, 'cache.sqlite') });
  const raw = rawSqliteOf(handle.db);
  const cacheKib = () => -Number(raw?.pragma('cache_size', { simple: true }));
  after(async () => {
    await handle.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves with 16 MB and imports with 64 MB, back to 16 MB after the last import', async () => {
    assert.equal(cacheKib(), 16 * 1024);
    let release: () => void = () => {};
    const first = withImportCache(handle.db, async () => {
      assert.equal(cacheKib(), 64 * 1024);
      await new Promise<void>((resolve) => (release = resolve));
    });
    // A second import while the first runs keeps the large cache when it ends.
    await withImportCache(handle.db, async () => {
      assert.equal(cacheKib(), 64 * 1024);
    });
    assert.equal(cacheKib(), 64 * 1024);
    release();
    await first;
    assert.equal(cacheKib(), 16 * 1024);
  });

  it('goes back to the serving size when an import fails', async () => {
    await assert.rejects(
      withImportCache(handle.db, () => Promise.reject(new Error('afgebroken import'))),
      /afgebroken import/,
    );
    assert.equal(cacheKib(), 16 * 1024);
  });
});
