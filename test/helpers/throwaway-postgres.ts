import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface RunningPostgres {
  url: string;
  port: number;
  version: string;
  stop(): Promise<void>;
}

function findBinDir(): string {
  const fromPath = (process.env.PATH ?? '')
    .split(':')
    .find(
      (dir) => fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'pg_ctl')),
    );
  if (fromPath) return fromPath;
  const base = '/usr/lib/postgresql';
  if (fs.existsSync(base)) {
    const versions = fs.readdirSync(base).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const dir = path.join(base, v, 'bin');
      if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
    }
  }
  throw new Error('initdb niet gevonden (installeer het Debian-pakket postgresql)');
}

async function accepts(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * initdb in a temporary folder and a server on a free loopback port, trust auth, no fsync.
 * PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user that
 * Debian's package creates.
 */
export async function startThrowawayPostgres(): Promise<RunningPostgres> {
  const bin = findBinDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-pg-'));
  const dataDir = path.join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  const asUser = (cmd: string, args: string[]): [string, string[]] =>
    isRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  if (isRoot) execFileSync('chown', ['postgres', dir]);

  const [initCmd, initArgs] = asUser(path.join(bin, 'initdb'), [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--no-locale',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  const [cmd, args] = asUser(path.join(bin, 'postgres'), [
    '-D',
    dataDir,
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=200',
  ]);
  const server = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  server.stderr.on('data', (d: Buffer) => (log += d.toString()));

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres stopte meteen: ${log.slice(-500)}`);
    if (await accepts(url)) break;
    if (Date.now() > deadline)
      throw new Error(`postgres startte niet binnen 20 s: ${log.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const version = execFileSync(path.join(bin, 'postgres'), ['--version']).toString().trim();
  return {
    url,
    port,
    version,
    async stop() {
      // runuser does not pass signals on to its child: signal the postmaster itself (its pid is
      // the first line of postmaster.pid), and kill what is left if it has not gone in 10 s.
      const exited = new Promise((r) =>
        server.exitCode !== null ? r(null) : server.once('exit', r),
      );
      const pidFile = path.join(dataDir, 'postmaster.pid');
      const postmaster = fs.existsSync(pidFile)
        ? Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0])
        : undefined;
      const signal = (pid: number | undefined, sig: NodeJS.Signals): void => {
        try {
          if (pid) process.kill(pid, sig);
        } catch {
          // Already gone.
        }
      };
      signal(postmaster, 'SIGINT');
      server.kill('SIGINT');
      const timer = setTimeout(() => {
        signal(postmaster, 'SIGKILL');
        server.kill('SIGKILL');
      }, 10_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
