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
    // WAL with synchronous=NORMAL is safe against corruption and much faster for imports;
    // a 64 MB page cache keeps the observation index in memory during a national import.
    database.pragma('synchronous = NORMAL');
    database.pragma('cache_size = -65536');
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
