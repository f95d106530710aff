import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { createTestDatabaseUrl, dialectUnavailable } from '../../test/helpers/db.ts';

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');
const file = path.join(projectRoot, 'test/fixtures/imports/postcode-buurt.fixture.csv');

function run(url: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: url, WIJKKOMPAS_SEED: 'nee' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const skip = dialectUnavailable('sqlite');
describe('wijkkompas import postcodes', skip ? { skip } : {}, () => {
  let db: { url: string; drop(): Promise<void> };
  before(async () => {
    db = await createTestDatabaseUrl('sqlite');
  });
  after(async () => db.drop());

  it('imports the CBS postcode–buurt file once, says so the second time, refuses by place', () => {
    const first = run(db.url, 'import', 'postcodes', file, '--indeling', '2024');
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /Geïmporteerd: 11 regels, 5 postcodes/);
    const again = run(db.url, 'import', 'postcodes', file, '--indeling', '2024');
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /al geïmporteerd/);
    const wrongYear = run(db.url, 'import', 'postcodes', file, '--indeling', '2023');
    assert.equal(wrongYear.code, 1);
    assert.match(
      wrongYear.err,
      /postcode-buurt\.fixture\.csv, regel 1, veld "Buurt2023": kolom "Buurt2023" ontbreekt/,
    );
    const listed = run(db.url, 'datasets');
    assert.match(listed.out, /reference-file\s+cbs-postcode-buurt\s+postcode-buurt\.fixture\.csv/);
  });
});
