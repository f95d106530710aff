import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe } from 'node:test';
import pg from 'pg';
import { createDb, type Db, type Dialect } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

const allDialects: readonly Dialect[] = ['sqlite', 'postgres'];

/**
 * The dialects named in `DIALECTS` (comma-separated, e.g. `DIALECTS=sqlite npm run test:db`), or
 * both. An unknown name is an error rather than silently testing nothing.
 */
export function selectDialects(value: string | undefined): readonly Dialect[] {
  if (!value?.trim()) return allDialects;
  const names = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const unknown = names.filter((n) => !allDialects.includes(n as Dialect));
  if (unknown.length > 0) {
    throw new Error(
      `DIALECTS=${value}: onbekend dialect ${unknown.join(', ')}; kies uit ${allDialects.join(', ')}`,
    );
  }
  return allDialects.filter((d) => names.includes(d));
}

export const dialects: readonly Dialect[] = selectDialects(process.env.DIALECTS);

const inCi = process.env.CI === 'true' || process.env.CI === '1';

/** Why a dialect cannot run here; in CI nothing may be skipped, so this throws there. */
export function dialectUnavailable(dialect: Dialect): string | undefined {
  if (dialect === 'postgres' && !process.env.TEST_PG_URL) {
    if (inCi) throw new Error('CI: TEST_PG_URL ontbreekt; start de tests met npm test');
    return 'geen PostgreSQL (TEST_PG_URL) op deze machine';
  }
  return undefined;
}

export interface TestDb extends Db {
  drop(): Promise<void>;
}

/**
 * An empty database reachable by URL, for tests that start a separate process (CLI, server):
 * a SQLite file in a temporary folder, or a new PostgreSQL database.
 */
export async function createTestDatabaseUrl(
  dialect: Dialect,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-sqlite-'));
    return {
      url: `sqlite:${path.join(dir, 'test.sqlite')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_PG_URL ontbreekt');
  const name = `wk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A fresh, migrated database: SQLite in memory, or a new PostgreSQL database. */
export async function createTestDb(dialect: Dialect): Promise<TestDb> {
  if (dialect === 'sqlite') {
    const handle = createDb({ kind: 'sqlite', file: ':memory:' });
    await migrateToLatest(handle.db);
    return { ...handle, drop: () => handle.destroy() };
  }
  const adminUrl = process.env.TEST_PG_URL;
  if (!adminUrl) throw new Error('TEST_PG_URL ontbreekt');
  const name = `wk_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE template0`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = createDb({ kind: 'postgres', url: url.toString() });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async drop() {
      await handle.destroy();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

/**
 * Runs the same tests on every dialect: `describe("x [sqlite]")` and `describe("x [postgres]")`,
 * each test with a fresh database. `getDb()` returns the current test's database.
 */
export function describeEachDialect(name: string, body: (getDb: () => TestDb) => void): void {
  for (const dialect of dialects) {
    const skip = dialectUnavailable(dialect);
    describe(`${name} [${dialect}]`, skip ? { skip } : {}, () => {
      let current: TestDb | undefined;
      beforeEach(async () => {
        current = await createTestDb(dialect);
      });
      afterEach(async () => {
        await current?.drop();
        current = undefined;
      });
      body(() => {
        if (!current) throw new Error('database not ready');
        return current;
      });
    });
  }
}
