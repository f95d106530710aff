import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { createTestDatabaseUrl, dialectUnavailable, dialects } from '../../test/helpers/db.ts';

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');
const metadata = 'datasets/cbs-kwb-2024/85984NED_DataProperties.json';

function run(url: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: url, WIJKKOMPAS_SEED: 'nee' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function statline(url: string, file: string, ...extra: string[]) {
  return run(
    url,
    'import',
    'statline',
    file,
    '--tabel',
    '85984NED',
    '--metadata',
    metadata,
    '--indeling',
    '2024',
    '--periode',
    '2024',
    ...extra,
  );
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`wijkkompas import statline [${dialect}]`, skip ? { skip } : {}, () => {
    let db: { url: string; drop(): Promise<void> };
    before(async () => {
      db = await createTestDatabaseUrl(dialect);
      const seeded = run(db.url, 'laad-standaard');
      assert.equal(seeded.code, 0, seeded.err);
    });
    after(async () => db.drop());

    it('the README example after laad-standaard says "al geïmporteerd" and adds no dataset', () => {
      const before = run(db.url, 'datasets').out;
      const readme = statline(
        db.url,
        'datasets/cbs-kwb-multi/kwb-2024-dordrecht.csv',
        '--gemeente',
        'GM0505',
      );
      assert.equal(readme.code, 0, readme.err);
      assert.match(readme.out, /al geïmporteerd.*niets veranderd/);
      // The keyed file (code, naam, soort, CBS keys) that only the seed could read before.
      const keyed = statline(db.url, 'datasets/cbs-kwb-2024/kwb2024_dordrecht.csv');
      assert.equal(keyed.code, 0, keyed.err);
      assert.match(keyed.out, /al geïmporteerd/);
      assert.equal(run(db.url, 'datasets').out, before);
    });

    it('--decimale-komma reads the shipped "," file with "2,1"; without it the place is named', () => {
      const file = 'datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv';
      const refused = statline(db.url, file, '--gemeente', 'GM0505');
      assert.equal(refused.code, 1);
      assert.match(refused.err, /Import geweigerd; er is niets veranderd/);
      assert.match(
        refused.err,
        /kwb-2024-dordrecht-gemeente\.csv, regel 2, kolom 32, veld "Bevolking\/Particuliere huishoudens\/Gemiddelde huishoudensgrootte \(aantal\)": geen getal: "2,1"/,
      );
      const read = statline(db.url, file, '--gemeente', 'GM0505', '--decimale-komma');
      assert.equal(read.code, 0, read.err);
      // The seed loaded the same figures: recognised by content.
      assert.match(read.out, /al geïmporteerd/);
    });

    it("reads StatLine's table download with header rows, and refuses an unknown layout in Dutch", () => {
      const table = statline(
        db.url,
        'test/fixtures/imports/kwb-2024-oud-krispijn-statline-kopregels.fixture.csv',
        '--gemeente',
        'GM0505',
      );
      assert.equal(table.code, 0, table.err);
      assert.match(table.out, /Geïmporteerd: 6 regels, 25 waarden/);
      const unknown = statline(
        db.url,
        'datasets/dordrecht-kengetallen/dordrecht_kengetallen_begroting_2014_2020.csv',
      );
      assert.equal(unknown.code, 1);
      assert.match(
        unknown.err,
        /dordrecht_kengetallen_begroting_2014_2020\.csv, regel 1, kolom 1, veld "gemeentecode": onbekende indeling/,
      );
    });
  });
}
