import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { createTestDatabaseUrl, dialectUnavailable, dialects } from '../../test/helpers/db.ts';

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');
const buurten = path.join(
  projectRoot,
  'datasets/cbs-wijkenbuurten-2023/buurten_2023_dordrecht.geojson',
);
const gemeenten = path.join(
  projectRoot,
  'datasets/cbs-wijkenbuurten-2023/gemeenten_drechtsteden.geojson',
);
const wijken = path.join(
  projectRoot,
  'datasets/cbs-wijkenbuurten-2023/wijken_2023_dordrecht_dissolved.geojson',
);
const politie = path.join(
  projectRoot,
  'datasets/cbs-kwb-multi/politie-47018ned-2023-dordrecht.csv',
);

function run(url: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, DATABASE_URL: url, WIJKKOMPAS_SEED: 'nee' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`wijkkompas CLI [${dialect}]`, skip ? { skip } : {}, () => {
    let db: { url: string; drop(): Promise<void> };
    before(async () => {
      db = await createTestDatabaseUrl(dialect);
    });
    after(async () => db.drop());

    it('migrates, imports a file once, and says so the second time', () => {
      assert.equal(run(db.url, 'migreer').code, 0);
      const g = run(
        db.url,
        'import',
        'pdok',
        gemeenten,
        '--indeling',
        '2023',
        '--niveau',
        'gemeente',
        '--gemeente',
        'GM0505',
      );
      assert.equal(g.code, 0, g.err);
      const w = run(
        db.url,
        'import',
        'pdok',
        wijken,
        '--indeling',
        '2023',
        '--niveau',
        'wijk',
        '--gemeente',
        'GM0505',
      );
      assert.equal(w.code, 0, w.err);
      const b = run(
        db.url,
        'import',
        'pdok',
        buurten,
        '--indeling',
        '2023',
        '--niveau',
        'buurt',
        '--gemeente',
        'GM0505',
      );
      assert.equal(b.code, 0, b.err);
      const first = run(db.url, 'import', 'politie', politie, '--indeling', '2023');
      assert.equal(first.code, 0, first.err);
      assert.match(first.out, /Geïmporteerd: 132 regels, 132 waarden/);
      const second = run(db.url, 'import', 'politie', politie, '--indeling', '2023');
      assert.equal(second.code, 0, second.err);
      assert.match(second.out, /al geïmporteerd.*niets veranderd/);
      const list = run(db.url, 'datasets');
      assert.equal(list.out.trim().split('\n').length, 4, list.out);
    });

    it('refuses a bad file with a Dutch message naming file and line, and changes nothing', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-cli-'));
      const bad = path.join(dir, 'politie-kapot.csv');
      const lines = fs.readFileSync(politie, 'utf8').split('\n');
      lines[5] = lines[5]!.replace(/,(\d+),Dordrecht/, ',veel,Dordrecht');
      fs.writeFileSync(bad, lines.join('\n'));
      const before = run(db.url, 'datasets').out;
      const result = run(db.url, 'import', 'politie', bad, '--indeling', '2023');
      assert.equal(result.code, 1);
      assert.match(result.err, /Import geweigerd; er is niets veranderd/);
      assert.match(result.err, /politie-kapot\.csv, regel 6/);
      assert.equal(run(db.url, 'datasets').out, before);
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('explains a wrong option in Dutch with exit code 1', () => {
      const result = run(
        db.url,
        'import',
        'pdok',
        buurten,
        '--indeling',
        'vorig jaar',
        '--niveau',
        'buurt',
      );
      assert.equal(result.code, 1);
      assert.match(result.err, /--indeling moet een jaartal zijn/);
    });
  });
}
