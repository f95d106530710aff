import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { classifyTestFile, importSpecifiers } from './test-groups.ts';
import { INTERNET_MESSAGE, UNIT_DB_MESSAGE } from './unit-guard.ts';

const root = path.resolve(import.meta.dirname, '../..');
const guard = path.join(root, 'test/helpers/unit-guard.ts');

function runTestFile(file: string, withGuard: boolean) {
  const args = ['--import', 'tsx'];
  if (withGuard) args.push('--import', pathToFileURL(guard).href);
  args.push('--test-reporter=spec', file);
  // Without NODE_TEST_CONTEXT: the child is its own test run, not a part of this one.
  const env = { ...process.env };
  delete env.NODE_TEST_CONTEXT;
  return spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
}

describe('test groups: a file lands in its group by what it imports', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-groups-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    return file;
  };
  const helpers = path.join(root, 'test/helpers');
  const rel = (from: string, to: string) => path.relative(path.dirname(from), to);

  it('value imports count, type imports do not', () => {
    const specs = importSpecifiers(
      [
        "import type { Db } from '../db/database.ts';",
        "import { type X, y } from './y.ts';",
        "import Database from 'better-sqlite3';",
        "import {\n  a,\n  b,\n} from '../../test/helpers/db.ts';",
        "export { z } from './z.ts';",
        "export type { W } from './w.ts';",
        "const m = await import('./late.ts');",
        "import './side-effect.ts';",
      ].join('\n'),
    );
    assert.deepEqual(specs.sort(), [
      '../../test/helpers/db.ts',
      './late.ts',
      './side-effect.ts',
      './y.ts',
      './z.ts',
      'better-sqlite3',
    ]);
  });

  it('by folder and name: e2e; by database helper: db; otherwise unit', () => {
    const e2eByName = write('a/x.e2e.test.ts', "import { it } from 'node:test';\n");
    const e2eByFolder = write('e2e/y.test.ts', "import { it } from 'node:test';\n");
    const dbFile = path.join(dir, 'b/repo.test.ts');
    write(
      'b/repo.test.ts',
      `import { describeEachDialect } from '${rel(dbFile, path.join(helpers, 'db.ts'))}';\n`,
    );
    const appFile = path.join(dir, 'c/page.test.ts');
    write(
      'c/page.test.ts',
      `import { buildTestApp } from '${rel(appFile, path.join(helpers, 'app.ts'))}';\n`,
    );
    const browserFile = path.join(dir, 'd/pdf.test.ts');
    write(
      'd/pdf.test.ts',
      `import { launchChromium } from '${rel(browserFile, path.join(helpers, 'browser.ts'))}';\n`,
    );
    const typeOnly = path.join(dir, 'e/pure.test.ts');
    write(
      'e/pure.test.ts',
      `import type { TestDb } from '${rel(typeOnly, path.join(helpers, 'db.ts'))}';\nimport Database from 'node:fs';\n`,
    );
    assert.equal(classifyTestFile(e2eByName), 'e2e');
    assert.equal(classifyTestFile(e2eByFolder), 'e2e');
    assert.equal(classifyTestFile(dbFile), 'db');
    assert.equal(classifyTestFile(appFile), 'db');
    assert.equal(classifyTestFile(browserFile), 'e2e');
    assert.equal(classifyTestFile(typeOnly), 'unit');
  });

  it('through a helper under test/: the security tests are db tests', () => {
    assert.equal(classifyTestFile('test/security/security.test.ts'), 'db');
    assert.equal(classifyTestFile('src/db/database.test.ts'), 'db');
    assert.equal(classifyTestFile('src/features/aggregation/aggregate.test.ts'), 'unit');
    assert.equal(classifyTestFile('test/e2e/crawl.e2e.test.ts'), 'e2e');
  });
});

describe('unit guard: a unit test that opens a database fails', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-guard-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The database module is reached through a computed import, which no static look can see: the
  // file is classified unit, and only the guard at run time catches it.
  const databaseUrl = pathToFileURL(path.join(root, 'src/db')).href;
  const file = path.join(dir, 'sneaky.test.ts');
  fs.writeFileSync(
    file,
    [
      "import assert from 'node:assert/strict';",
      "import { it } from 'node:test';",
      "const name = ['data', 'base.ts'].join('');",
      'it("reads a row", async () => {',
      `  const { createDb } = await import(${JSON.stringify(databaseUrl)} + '/' + name);`,
      "  const handle = createDb({ kind: 'sqlite', file: ':memory:' });",
      '  try { assert.equal(handle.db ? 1 : 0, 1); } finally { await handle.destroy(); }',
      '});',
      '',
    ].join('\n'),
  );

  it('is classified unit', () => {
    assert.equal(classifyTestFile(file), 'unit');
  });

  it('passes without the guard (so the failure below is the guard, not the file)', () => {
    const run = runTestFile(file, false);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  });

  it('fails with the guard, and says why', () => {
    const run = runTestFile(file, true);
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, new RegExp(UNIT_DB_MESSAGE.slice(0, 40)));
  });

  it('fails in the one-process unit batch too', () => {
    const env = { ...process.env };
    delete env.NODE_TEST_CONTEXT;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test-reporter=spec',
        path.join(root, 'test/helpers/unit-batch.ts'),
        file,
      ],
      { cwd: root, env, encoding: 'utf8', timeout: 60_000 },
    );
    assert.notEqual(run.status, 0);
    assert.match(run.stdout + run.stderr, new RegExp(UNIT_DB_MESSAGE.slice(0, 40)));
  });
});

describe('internet guard: a test reaches only this machine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-net-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // A local server answers; an outside address (as a forgotten --bron-v4 would ask) is refused
  // before any connection, so the test fails the same way with or without internet.
  const file = path.join(dir, 'asks-cbs.db.test.ts');
  fs.writeFileSync(
    file,
    [
      "import assert from 'node:assert/strict';",
      "import http from 'node:http';",
      "import { it } from 'node:test';",
      'it("asks a local server, then CBS", async () => {',
      "  const server = http.createServer((_q, r) => r.end('lokaal'));",
      "  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', () => ok()));",
      '  const { port } = server.address() as { port: number };',
      '  try {',
      "    assert.equal(await (await fetch(`http://127.0.0.1:${port}/`)).text(), 'lokaal');",
      "    await fetch('https://datasets.cbs.nl/odata/v1/CBS/85984NED/Dimensions');",
      '  } catch (error) {',
      '    console.log(`FOUT: ${(error as Error).message}`);',
      '    throw error;',
      '  } finally {',
      '    server.close();',
      '  }',
      '});',
      '',
    ].join('\n'),
  );

  it('refuses an outside address in any test file, naming it, and lets a local server answer', () => {
    const run = runTestFile(file, true);
    assert.notEqual(run.status, 0, run.stdout);
    const out = run.stdout + run.stderr;
    assert.match(out, new RegExp(`FOUT: ${INTERNET_MESSAGE.slice(0, 40)}`));
    assert.match(out, /https:\/\/datasets\.cbs\.nl/);
    assert.doesNotMatch(out, /FOUT: .*127\.0\.0\.1/);
  });
});
