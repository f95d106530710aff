import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface FailureWindow {
  /** Attempts of this account since `since`, counted as failures until they succeed. */
  count: number;
  /** The oldest of them (ISO), or undefined when there are none. */
  oldest: string | undefined;
}

export async function countLoginFailures(
  db: Kysely<Database>,
  accountKey: string,
  since: string,
): Promise<FailureWindow> {
  const row = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<string | number>().as('n'),
      eb.fn.min('failed_at').as('oldest'),
    ])
    .where('account_key', '=', accountKey)
    .where('failed_at', '>', since)
    .executeTakeFirst();
  return { count: Number(row?.n ?? 0), oldest: row?.oldest ?? undefined };
}

/** Adds one attempt and drops every row (of any account) older than `since`. */
export async function insertLoginFailure(
  db: Kysely<Database>,
  row: { id: string; accountKey: string; at: string },
  since: string,
): Promise<void> {
  await db.deleteFrom('login_failures').where('failed_at', '<=', since).execute();
  await db
    .insertInto('login_failures')
    .values({ id: row.id, account_key: row.accountKey, failed_at: row.at })
    .execute();
}

/** Takes back one attempt (it was refused by the throttle before any password was checked). */
export async function deleteLoginFailure(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('login_failures').where('id', '=', id).execute();
}

/** A successful login or a new password: the account's count starts again. */
export async function clearLoginFailures(db: Kysely<Database>, accountKey: string): Promise<void> {
  await db.deleteFrom('login_failures').where('account_key', '=', accountKey).execute();
}
