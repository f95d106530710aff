import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  destroy(): Promise<void>;
}

// PostgreSQL returns bigint/numeric as strings; our counts and sums fit in a double.
pg.types.setTypeParser(20, (v) => Number(v)); // int8
pg.types.setTypeParser(1700, (v) => Number(v)); // numeric

/**
 * The better-sqlite3 handle behind a root Kysely instance, for the one bulk path that needs a
 * reused prepared statement (observation imports). Queries everywhere else go through Kysely.
 */
const rawSqlite = new WeakMap<object, SQLite.Database>();

/**
 * SQLite page cache while serving. The pages read from in-memory snapshots, so the cache only
 * speeds up loading them; with national data a larger cache fills up and stays resident (64 MB
 * made the server 40–50 MB larger at national size, close to its 300 MB budget).
 */
const SERVING_CACHE_KIB = 16 * 1024;
/** While an import writes: the observation index stays in memory (about 7 % faster at national size). */
const IMPORT_CACHE_KIB = 64 * 1024;
const importsRunning = new WeakMap<SQLite.Database, number>();

/**
 * Runs an import with the larger page cache on SQLite, and goes back to the serving size when
 * the last running import is done. PostgreSQL manages its own cache: there `work` just runs.
 */
export async function withImportCache<T>(db: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  const raw = rawSqlite.get(db);
  if (!raw) return work();
  const running = importsRunning.get(raw) ?? 0;
  importsRunning.set(raw, running + 1);
  if (running === 0) raw.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  try {
    return await work();
  } finally {
    const left = (importsRunning.get(raw) ?? 1) - 1;
    importsRunning.set(raw, left);
    if (left === 0) raw.pragma(`cache_size = -${SERVING_CACHE_KIB}`);
  }
}

export function rawSqliteOf(db: Kysely<Database>): SQLite.Database | undefined {
  return rawSqlite.get(db);
}

export function createDb(config: DatabaseConfig): Db {
  if (config.kind === 'sqlite') {
    if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
    const database = new SQLite(config.file);
    database.pragma('journal_mode = WAL');
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
    // WAL with synchronous=NORMAL is safe against corruption and much faster for imports.
    database.pragma('synchronous = NORMAL');
    database.pragma(`cache_size = -${SERVING_CACHE_KIB}`);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
    rawSqlite.set(db, database);
    return { db, dialect: 'sqlite', destroy: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: 10 });
  // An idle connection that the server ends (restart, failover, a terminated backend) makes the
  // pool emit 'error'; without a listener that would crash the process. pg has already removed
  // the client from the pool and the next query opens a new connection, so there is nothing
  // else to do here.
  pool.on('error', () => undefined);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', destroy: () => db.destroy() };
}
