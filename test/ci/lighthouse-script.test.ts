import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

describe('scripts/lighthouse.ts', () => {
  it('fails, not skips, when Chromium is missing', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lighthouse.ts'], {
      cwd: root,
      env: { ...process.env, CHROMIUM_PATH: '/bestaat/niet/chromium' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(res.status, 1, res.stdout + res.stderr);
    assert.match(res.stderr, /Chromium ontbreekt op \/bestaat\/niet\/chromium/);
  });
});
