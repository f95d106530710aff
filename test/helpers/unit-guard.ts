/**
 * Loaded before every test file (`--import`, see scripts/run-tests.ts). When the file is a unit
 * test by `classifyTestFile`, opening a database makes it fail: a statement on a better-sqlite3
 * database or a PostgreSQL connection throws. Such a file belongs in the `db` group: import the
 * database test helpers (test/helpers/db.ts) and the runner puts it there by itself.
 *
 * In every test file, whatever its group, `fetch` reaches only this machine: a test that would ask
 * CBS or PDOK itself (a forgotten `--bron-v4` pointing at the replay server) fails, naming the
 * address, instead of depending on the internet when a machine has it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { classifyTestFile } from './test-groups.ts';

export const UNIT_DB_MESSAGE =
  'Een unittest opende een database. Een test met een database hoort in de groep db: ' +
  'gebruik de helpers uit test/helpers/db.ts (of app.ts), dan deelt de testrunner hem zelf in.';

const file = process.argv[1];

export function guardAgainstDatabases(testFile: string): void {
  const require = createRequire(import.meta.url);
  const fail = (): never => {
    throw new Error(`${UNIT_DB_MESSAGE} (${path.relative(process.cwd(), testFile)})`);
  };
  const Sqlite = require('better-sqlite3') as { prototype: Record<string, unknown> };
  for (const method of ['prepare', 'exec', 'pragma', 'transaction', 'backup', 'serialize']) {
    Sqlite.prototype[method] = fail;
  }
  const pg = require('pg') as {
    Client: { prototype: Record<string, unknown> };
    Pool: { prototype: Record<string, unknown> };
  };
  pg.Client.prototype.connect = fail;
  pg.Client.prototype.query = fail;
  pg.Pool.prototype.connect = fail;
  pg.Pool.prototype.query = fail;
}

export const INTERNET_MESSAGE =
  'Een test probeerde het internet te bereiken; wijs de bron naar de lokale replay-server ' +
  '(test/helpers/odata-replay-server.ts of pdok-replay-server.ts)';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const guarded = Symbol.for('wijkkompas.test.internet-guard');

/** Lets `fetch` reach only this machine (idempotent). */
export function guardAgainstInternet(): void {
  const global = globalThis as typeof globalThis & { [guarded]?: true };
  if (global[guarded]) return;
  global[guarded] = true;
  const localFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const address = input instanceof Request ? input.url : String(input);
    const host = new URL(address).hostname;
    if (!LOCAL_HOSTS.has(host)) {
      return Promise.reject(new Error(`${INTERNET_MESSAGE}: ${new URL(address).origin}`));
    }
    return localFetch(input, init);
  };
}

if (file && /\.test\.tsx?$/.test(file)) guardAgainstInternet();

if (file && /\.test\.tsx?$/.test(file) && classifyTestFile(file) === 'unit') {
  guardAgainstDatabases(file);
}
