import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { createTestDatabaseUrl, dialectUnavailable, dialects } from '../../../test/helpers/db.ts';

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');

function run(url: string, ...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, WIJKKOMPAS_SEED: 'nee' };
  delete env.SMTP_URL;
  delete env.MAIL_FROM;
  const r = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`wijkkompas herinneringen [${dialect}]`, skip ? { skip } : {}, () => {
    let db: { url: string; drop(): Promise<void> };
    before(async () => {
      db = await createTestDatabaseUrl(dialect);
    });
    after(async () => db?.drop());

    it('says that no mail is set up and sends nothing; refuses a bad --dagen', () => {
      const ok = run(db.url, 'herinneringen', '--dagen', '7');
      assert.equal(ok.code, 0, ok.err);
      assert.match(ok.out, /geen mail ingesteld/);
      const bad = run(db.url, 'herinneringen', '--dagen', 'veel');
      assert.equal(bad.code, 1);
      assert.match(bad.err, /--dagen is een heel getal/);
    });
  });
}
