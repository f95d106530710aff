/**
 * Loaded before every test file (`--import`, see scripts/run-tests.ts). When the file is a unit
 * test by `classifyTestFile`, opening a database makes it fail: a statement on a better-sqlite3
 * database or a PostgreSQL connection throws. Such a file belongs in the `db` group: import the
 * database test helpers (test/helpers/db.ts) and the runner puts it there by itself.
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

if (file && /\.test\.tsx?$/.test(file) && classifyTestFile(file) === 'unit') {
  guardAgainstDatabases(file);
}
