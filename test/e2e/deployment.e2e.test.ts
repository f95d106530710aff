/**
 * The deployment of docs/deployment.md, on this machine: nginx in front of two app instances on
 * one PostgreSQL database. One instance is killed (SIGKILL) in the middle of a load of public
 * pages and logins; nginx sends what it cannot deliver to the survivor, and a session made before
 * the kill still works after it, because sessions live in the database. An import by the CLI is
 * visible through both instances on the very next request.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { projectRoot } from '../../src/config.ts';
import { createTestDatabaseUrl, dialectUnavailable } from '../helpers/db.ts';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why nginx cannot run here; in CI nothing may be skipped, so this throws there. */
function nginxUnavailable(): string | undefined {
  const probe = spawnSync('nginx', ['-v'], { encoding: 'utf8' });
  if (probe.error === undefined && probe.status === 0) return undefined;
  if (inCi)
    throw new Error(
      'CI: nginx (Debian-pakket nginx) is verplicht voor de uitroltest, maar ontbreekt',
    );
  return 'nginx niet geïnstalleerd (Debian-pakket nginx)';
}

const bin = path.join(projectRoot, 'bin', 'wijkkompas.js');
const postcodeFile = path.join(projectRoot, 'test/fixtures/imports/postcode-buurt.fixture.csv');
const EMAIL = 'beheer@uitrol.example.nl';
const PASSWORD = 'uitrol-wachtwoord-fixture';
const PUBLIC_PAGES = ['/', '/bronnen', '/gebieden', '/gezond', '/assets/css/wijkkompas.css'];

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls `url` until it answers 200, or fails with what the process wrote. */
async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`proces stopte (${child.exitCode}): ${output()}`);
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  throw new Error(`${url} kwam niet op: ${output()}`);
}

function startInstance(env: NodeJS.ProcessEnv, port: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, port, output: () => stderr };
}

function nginxConfig(dir: string, listen: number, upstreams: number[]): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log ${dir}/access.log;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream wijkkompas {
${upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=30s;`).join('\n')}
  }
  include /etc/nginx/mime.types;
  gzip on;
  gzip_vary on;
  gzip_proxied any;
  gzip_min_length 1024;
  gzip_types text/css application/javascript application/json image/svg+xml;
  server {
    listen 127.0.0.1:${listen};
    location /assets/ {
      alias ${dir}/assets/;
      expires 7d;
      add_header Cache-Control "public";
    }
    location /assets/v/ {
      proxy_pass http://wijkkompas;
    }
    location / {
      proxy_pass http://wijkkompas;
      proxy_next_upstream error timeout;
      proxy_connect_timeout 2s;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

/** The `name=value` of the session cookie in a response, if it sets one. */
function sessionCookie(res: Response): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';', 1)[0]!;
    if (pair.startsWith('wk_sessie=')) return pair;
  }
  return undefined;
}

interface Outcome {
  method: string;
  path: string;
  status: number;
  upstream: string;
  afterKill: boolean;
  error?: string;
}

const pgSkip = dialectUnavailable('postgres');
const nginxSkip = nginxUnavailable();
const skip = pgSkip ?? nginxSkip;

describe('two instances behind nginx on one PostgreSQL database', skip ? { skip } : {}, () => {
  let db: { url: string; drop(): Promise<void> };
  let dir: string;
  const children: ChildProcess[] = [];
  let nginx: ChildProcess | undefined;

  before(async () => {
    db = await createTestDatabaseUrl('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-nginx-'));
    fs.mkdirSync(path.join(dir, 'tmp'));
    // nginx's workers drop root; they must be able to write their buffers here.
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, 'tmp'), 0o777);
    // A copy of assets/ they can read wherever the checkout lives (as /opt/wijkkompas/assets).
    fs.cpSync(path.join(projectRoot, 'assets'), path.join(dir, 'assets'), { recursive: true });
  });
  after(async () => {
    nginx?.kill('SIGKILL');
    for (const child of children) child.kill('SIGKILL');
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps serving and keeps sessions when one instance is killed mid-load; imports show at once', async (t) => {
    const env = {
      DATABASE_URL: db.url,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
      TRUST_PROXY: '127.0.0.1',
      LOG_LEVEL: 'warn',
    };
    // The first instance migrates and loads the shipped data; the second starts on that.
    const a = startInstance({ ...env, WIJKKOMPAS_SEED: 'ja' }, await freePort());
    children.push(a.child);
    await waitFor(`http://127.0.0.1:${a.port}/gereed`, a.child, a.output);
    const b = startInstance({ ...env, WIJKKOMPAS_SEED: 'nee' }, await freePort());
    children.push(b.child);
    await waitFor(`http://127.0.0.1:${b.port}/gereed`, b.child, b.output);

    const cli = spawnSync(
      process.execPath,
      [bin, 'gebruiker', 'maak', '--email', EMAIL, '--naam', 'Uitrol Beheer'].concat([
        '--rol',
        'beheerder',
        '--gemeente',
        'GM0505',
      ]),
      {
        env: { ...process.env, DATABASE_URL: db.url, WIJKKOMPAS_WACHTWOORD: PASSWORD },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(cli.status, 0, cli.stderr);

    const listen = await freePort();
    const conf = path.join(dir, 'nginx.conf');
    fs.writeFileSync(conf, nginxConfig(dir, listen, [a.port, b.port]));
    nginx = spawn('nginx', ['-c', conf, '-g', 'daemon off;'], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let nginxErr = '';
    nginx.stderr?.on('data', (c: Buffer) => (nginxErr += c.toString()));
    const front = `http://127.0.0.1:${listen}`;
    await waitFor(
      `${front}/gezond`,
      nginx,
      () => nginxErr + fs.readFileSync(path.join(dir, 'error.log'), 'utf8'),
    );

    // nginx serves our own static files from disk, compressed and cached for a week.
    const css = await fetch(`${front}/assets/css/wijkkompas.css`);
    assert.equal(css.status, 200);
    assert.equal(css.headers.get('x-upstream'), null, 'niet via een instantie');
    assert.equal(css.headers.get('content-encoding'), 'gzip');
    assert.match(css.headers.get('cache-control') ?? '', /max-age=604800/);
    assert.equal(
      await css.text(),
      fs.readFileSync(path.join(projectRoot, 'assets/css/wijkkompas.css'), 'utf8'),
    );

    // Pages link fingerprinted files; those come from an instance, gzip, immutable for a year.
    const home = await (await fetch(`${front}/`)).text();
    const linked = [...home.matchAll(/(?:href|src)="(\/assets\/v\/[^"]+)"/g)].map((m) => m[1]!);
    assert.ok(linked.length >= 4, `gelinkte bestanden: ${linked.join(', ')}`);
    for (const url of linked) {
      const res = await fetch(`${front}${url}`, { headers: { 'accept-encoding': 'gzip' } });
      await res.arrayBuffer();
      assert.equal(res.status, 200, url);
      assert.match(res.headers.get('cache-control') ?? '', /immutable/, url);
    }

    let killed = false;
    const outcomes: Outcome[] = [];
    const record = async (
      method: string,
      p: string,
      init: RequestInit,
    ): Promise<Response | undefined> => {
      const afterKill = killed;
      try {
        const res = await fetch(`${front}${p}`, { ...init, method, redirect: 'manual' });
        await res.arrayBuffer();
        outcomes.push({
          method,
          path: p,
          status: res.status,
          upstream: res.headers.get('x-upstream') ?? '',
          afterKill,
        });
        return res;
      } catch (error) {
        outcomes.push({
          method,
          path: p,
          status: 0,
          upstream: '',
          afterKill,
          error: String(error),
        });
        return undefined;
      }
    };

    /** GET /inloggen, then POST it with the form's CSRF token: the logged-in session cookie. */
    const login = async (): Promise<string | undefined> => {
      const form = await fetch(`${front}/inloggen`);
      const html = await form.text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      const anonymous = sessionCookie(form);
      assert.ok(csrf && anonymous, 'het inlogformulier geeft een CSRF-token en een sessie');
      const res = await record('POST', '/inloggen', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: anonymous },
        body: new URLSearchParams({ email: EMAIL, wachtwoord: PASSWORD, _csrf: csrf }).toString(),
      });
      if (res?.status !== 303) return undefined;
      return sessionCookie(res);
    };

    // A session made before the load, used on both instances directly.
    const session = await login();
    assert.ok(session, 'inloggen via nginx lukt');
    for (const port of [a.port, b.port]) {
      const page: Response = await fetch(`http://127.0.0.1:${port}/account`, {
        headers: { cookie: session },
      });
      assert.equal(page.status, 200, `de sessie geldt ook op poort ${port}`);
      assert.match(await page.text(), /Uitrol Beheer/);
    }

    // The load: four clients over the public pages, and a few logins (the login limit is ten
    // per address per quarter hour per instance). Bounded by count, not by time.
    let loginsLeft = 5;
    const client = async (offset: number) => {
      for (let i = 0; i < 120; i++) {
        if (i % 25 === 10 && loginsLeft > 0) {
          loginsLeft--;
          await login();
        } else {
          await record('GET', PUBLIC_PAGES[(i + offset) % PUBLIC_PAGES.length]!, {});
        }
      }
    };
    const clients = [0, 1, 2, 3].map(client);
    while (outcomes.length < 120) await sleep(5);
    killed = true;
    a.child.kill('SIGKILL');
    await Promise.all(clients);

    const survivor = `127.0.0.1:${b.port}`;
    const victim = `127.0.0.1:${a.port}`;
    const before = outcomes.filter((o) => !o.afterKill);
    const afterKill = outcomes.filter((o) => o.afterKill);
    const ok = (o: Outcome) => o.status === 200 || o.status === 303;
    assert.ok(
      before.some((o) => o.upstream === victim),
      'voor de stop deden beide instanties mee',
    );
    assert.ok(afterKill.length >= 200, `na de stop nog ${afterKill.length} verzoeken`);
    // Every request that ended on the survivor succeeded, also those nginx moved there after
    // the victim refused them (their upstream says "victim, survivor").
    const toSurvivor = outcomes.filter((o) => o.upstream.endsWith(survivor));
    assert.deepEqual(
      toSurvivor.filter((o) => !ok(o)),
      [],
    );
    const retried = afterKill.filter((o) => o.upstream === `${victim}, ${survivor}`);
    assert.ok(retried.length >= 1, 'nginx stuurde minstens één verzoek door naar de overblijver');
    // A page request never failed. Only a login that was already with the victim when it died
    // may fail: nginx does not send a POST twice (proxy_next_upstream without non_idempotent).
    // (A login that reaches nginx after the kill finds the victim's port closed and is moved.)
    const failed = outcomes.filter((o) => !ok(o));
    for (const o of failed) {
      assert.equal(o.method, 'POST', `mislukt: ${JSON.stringify(o)}`);
      assert.equal(o.upstream, victim, `mislukt: ${JSON.stringify(o)}`);
    }

    t.diagnostic(
      `${outcomes.length} verzoeken, ${afterKill.length} na de stop, ${retried.length} doorgestuurd, ${failed.length} login mislukt`,
    );

    // The session made before the kill still works through nginx, on every request.
    for (let i = 0; i < 6; i++) {
      const page: Response = await fetch(`${front}/account`, {
        headers: { cookie: session },
        redirect: 'manual',
      });
      assert.equal(page.status, 200, 'de sessie overleeft de stop van een instantie');
      assert.equal(page.headers.get('x-upstream'), survivor);
      assert.match(await page.text(), /Uitrol Beheer/);
    }

    // An import by the CLI on the same database shows on the survivor's next request.
    const count = async () => {
      const html = await (await fetch(`http://127.0.0.1:${b.port}/bronnen`)).text();
      return Number(/Geladen bestanden \((\d+)\)/.exec(html)?.[1]);
    };
    const loaded = await count();
    assert.ok(loaded > 0, 'de standaardgegevens zijn geladen');
    const imported = spawnSync(
      process.execPath,
      [bin, 'import', 'postcodes', postcodeFile, '--indeling', '2024'],
      {
        env: { ...process.env, DATABASE_URL: db.url, WIJKKOMPAS_SEED: 'nee' },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    assert.equal(imported.status, 0, imported.stderr);
    assert.equal(await count(), loaded + 1);
  });
});
