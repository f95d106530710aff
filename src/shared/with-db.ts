import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * Binds a function whose first parameter is the database to one database, so a service can hand
 * it to a route without handing over the database itself. Only the composition root and the
 * service modules it builds call this; routes see the bound function.
 */
export function withDb<A extends unknown[], R>(
  db: Kysely<Database>,
  fn: (db: Kysely<Database>, ...args: A) => R,
): (...args: A) => R {
  return (...args) => fn(db, ...args);
}
