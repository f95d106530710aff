import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { projectRoot } from './config.ts';
import { formatLine } from './startup.ts';
import { createTestDatabaseUrl, dialectUnavailable } from '../test/helpers/db.ts';

const SECRET = 'k7Q2-vN9x_Lp4Rz8sT1wYb6Hc3Jd5Fg0Ae';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function startServer(
  env: NodeJS.ProcessEnv,
  viaNpm = false,
): { child: ChildProcess; done: Promise<Run> } {
  const child = viaNpm
    ? spawn('npm', ['start', '--silent'], { cwd: projectRoot, env: { ...process.env, ...env } })
    : spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
        cwd: projectRoot,
        env: { ...process.env, ...env },
      });
  let out = '';
  let err = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

async function waitFor(url: string, status = 200, seconds = 120): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).status === status) return;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error; // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} gave no ${status} within ${seconds} s`);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-start-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function base(name: string, port: number): NodeJS.ProcessEnv {
  return {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${path.join(tmp, `${name}.sqlite`)}`,
    WIJKKOMPAS_SEED: 'nee',
    SESSION_SECRET: '',
    LOG_LEVEL: 'info',
  };
}

/** One Dutch line on stderr, exit code 1, no stack trace. */
function assertOneLine(run: Run, pattern: RegExp) {
  assert.equal(run.code, 1, run.err);
  const lines = run.err.trim().split('\n');
  assert.equal(lines.length, 1, run.err);
  assert.match(lines[0]!, /^Wijkkompas start niet: /);
  assert.match(lines[0]!, pattern);
  assert.doesNotMatch(run.err, /^\s+at /m, 'no stack trace');
}

describe('startup fails well', () => {
  it('a missing secret outside loopback: one line, exit 1, nothing written', async () => {
    const env = { ...base('geen-geheim', await freePort()), HOST: '0.0.0.0' };
    const run = await startServer(env).done;
    assertOneLine(run, /SESSION_SECRET ontbreekt.*HOST=0\.0\.0\.0/);
    assert.equal(fs.existsSync(path.join(tmp, 'geen-geheim.sqlite')), false, 'no database file');
  });

  it('a short or plainly weak secret', async () => {
    const short = await startServer({ ...base('kort', await freePort()), SESSION_SECRET: 'abc' })
      .done;
    assertOneLine(short, /te kort/);
    const weak = await startServer({
      ...base('zwak', await freePort()),
      SESSION_SECRET: 'ab'.repeat(24),
    }).done;
    assertOneLine(weak, /zwak.*openssl rand/);
    assert.equal(fs.existsSync(path.join(tmp, 'zwak.sqlite')), false);
  });

  it('a port in use: one line before any data is written; the stack only at LOG_LEVEL=debug', async () => {
    const port = await freePort();
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(port, '127.0.0.1', r));
    try {
      const run = await startServer({ ...base('poort', port), SESSION_SECRET: SECRET }).done;
      assertOneLine(run, new RegExp(`Poort ${port} is al in gebruik.*PORT=`));
      assert.equal(fs.existsSync(path.join(tmp, 'poort.sqlite')), false);
      const debug = await startServer({
        ...base('poort', port),
        SESSION_SECRET: SECRET,
        LOG_LEVEL: 'debug',
      }).done;
      assert.equal(debug.code, 1);
      assert.match(debug.err, /^\s+at /m, 'the stack at debug level');
    } finally {
      blocker.close();
    }
  });

  it('a database that cannot be reached, or not migrated', async () => {
    const unreachable = await startServer({
      ...base('x', await freePort()),
      SESSION_SECRET: SECRET,
      DATABASE_URL: 'postgres://wijkkompas@127.0.0.1:1/wijkkompas',
    }).done;
    assertOneLine(unreachable, /database is niet bereikbaar.*DATABASE_URL/);

    // A database that ran a migration this code does not know (a newer release): refused.
    const file = path.join(tmp, 'nieuwer.sqlite');
    const db = new SQLite(file);
    db.exec(
      'create table kysely_migration (name varchar(255) primary key, timestamp varchar(255) not null);' +
        "insert into kysely_migration values ('29991231_0001_uit_de_toekomst', '2999-12-31');" +
        'create table kysely_migration_lock (id varchar(255) primary key, is_locked integer not null default 0);' +
        "insert into kysely_migration_lock values ('migration_lock', 0);",
    );
    db.close();
    const newer = await startServer({
      ...base('nieuwer', await freePort()),
      SESSION_SECRET: SECRET,
    }).done;
    assertOneLine(newer, /bijwerken van de database is mislukt/);
  });
});

describe('npm start and signals', () => {
  it('SIGTERM to the npm process stops the server gracefully', async () => {
    const port = await freePort();
    const { child, done } = startServer({ ...base('npm', port), SESSION_SECRET: SECRET }, true);
    await waitFor(`http://127.0.0.1:${port}/gezond`);
    child.kill('SIGTERM');
    const run = await done;
    // The server logged its own graceful stop, and nothing listens any more.
    assert.match(run.out, /"msg":"gestopt"/, run.out + run.err);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/gezond`), TypeError);
  });

  it('logs JSON lines when the output is not a terminal, readable lines on one', () => {
    const json = JSON.stringify({
      level: 30,
      time: Date.UTC(2026, 11, 4, 13, 2, 11),
      msg: 'verzoek klaar',
      req: { method: 'GET', url: '/gebieden/dordt-west' },
      res: { statusCode: 200 },
      responseTime: 3.2,
    });
    const line = formatLine(json);
    assert.match(
      line,
      /^\d\d:\d\d:\d\d info {2}verzoek klaar GET \/gebieden\/dordt-west 200 3 ms$/,
    );
    assert.equal(formatLine('geen json'), 'geen json');
  });
});

const pgSkip = dialectUnavailable('postgres');
describe(
  'two instances start at once on an empty PostgreSQL database',
  pgSkip ? { skip: pgSkip } : {},
  () => {
    it('migrate and load the data once; both become ready', async () => {
      const database = await createTestDatabaseUrl('postgres');
      const [portA, portB] = [await freePort(), await freePort()];
      const env = (port: number) => ({
        ...base('pg', port),
        DATABASE_URL: database.url,
        SESSION_SECRET: SECRET,
        WIJKKOMPAS_SEED: 'ja',
      });
      const a = startServer(env(portA));
      const b = startServer(env(portB));
      try {
        await Promise.all([
          waitFor(`http://127.0.0.1:${portA}/gereed`, 200, 300),
          waitFor(`http://127.0.0.1:${portB}/gereed`, 200, 300),
        ]);
        const client = new pg.Client({ connectionString: database.url });
        await client.connect();
        try {
          const migrations = await client.query(
            'select name, count(*)::int as n from kysely_migration group by name having count(*) > 1',
          );
          assert.equal(migrations.rowCount, 0);
          const datasets = await client.query(
            'select file_hash, count(*)::int as n from datasets group by file_hash having count(*) > 1',
          );
          assert.deepEqual(datasets.rows, [], 'each shipped file loaded once');
          const total = await client.query('select count(*)::int as n from datasets');
          assert.ok(total.rows[0].n > 0);
        } finally {
          await client.end();
        }
      } finally {
        a.child.kill('SIGTERM');
        b.child.kill('SIGTERM');
        const [ra, rb] = await Promise.all([a.done, b.done]);
        assert.doesNotMatch(ra.err + rb.err, /Error/, ra.err + rb.err);
        await database.drop();
      }
    });
  },
);
