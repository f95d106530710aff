import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { PasswordResetTable, UserTable } from './account.table.ts';
import { isRole, type Grant } from './permissions.ts';

export type UserRow = UserTable;

export interface UserWithGrants extends UserRow {
  grants: Grant[];
}

export async function insertUser(
  db: Kysely<Database>,
  user: UserRow,
  grants: readonly Grant[],
): Promise<void> {
  await db.insertInto('users').values(user).execute();
  if (grants.length > 0) {
    await db
      .insertInto('user_roles')
      .values(
        grants.map((g) => ({
          user_id: user.id,
          role: g.role,
          municipality_code: g.municipalityCode,
        })),
      )
      .execute();
  }
}

async function withGrants(db: Kysely<Database>, user: UserRow | undefined) {
  if (!user) return undefined;
  const rows = await db
    .selectFrom('user_roles')
    .select(['role', 'municipality_code'])
    .where('user_id', '=', user.id)
    .orderBy('municipality_code')
    .orderBy('role')
    .execute();
  const grants: Grant[] = rows.flatMap((r) =>
    isRole(r.role) ? [{ role: r.role, municipalityCode: r.municipality_code }] : [],
  );
  return { ...user, active: Number(user.active), grants };
}

export async function findUserById(
  db: Kysely<Database>,
  id: string,
): Promise<UserWithGrants | undefined> {
  return withGrants(
    db,
    await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  );
}

export async function findUserByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<UserWithGrants | undefined> {
  return withGrants(
    db,
    await db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst(),
  );
}

/** Users with at least one role in this municipality, active first, then by name. */
export async function listUsersInMunicipality(
  db: Kysely<Database>,
  municipalityCode: string,
): Promise<UserWithGrants[]> {
  const users = await db
    .selectFrom('users')
    .selectAll()
    .where('id', 'in', (q) =>
      q
        .selectFrom('user_roles')
        .select('user_id')
        .where('municipality_code', '=', municipalityCode),
    )
    .orderBy('active', 'desc')
    .orderBy('name')
    .execute();
  const out: UserWithGrants[] = [];
  for (const u of users) {
    const full = await withGrants(db, u);
    if (full) out.push(full);
  }
  return out;
}

export async function setPasswordHash(
  db: Kysely<Database>,
  userId: string,
  hash: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

export async function deactivateUser(
  db: Kysely<Database>,
  userId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ active: 0, deactivated_at: at })
    .where('id', '=', userId)
    .execute();
}

/**
 * A reset link as the account service uses it: `expires_at` in epoch milliseconds. The table
 * stores ISO-8601 UTC text (migration 20261204_0702); these functions convert at their edge.
 */
export interface PasswordReset extends Omit<PasswordResetTable, 'expires_at'> {
  expires_at: number;
}

export async function insertPasswordReset(db: Kysely<Database>, row: PasswordReset): Promise<void> {
  await db
    .insertInto('password_resets')
    .values({ ...row, expires_at: new Date(row.expires_at).toISOString() })
    .execute();
}

export async function findPasswordReset(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<PasswordReset | undefined> {
  const row = await db
    .selectFrom('password_resets')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? { ...row, expires_at: Date.parse(row.expires_at) } : undefined;
}

/**
 * Marks a reset link used, only if it is still unused and unexpired. Returns false when another
 * request got there first: the conditional UPDATE makes "use once" hold under concurrency.
 */
export async function consumePasswordReset(
  db: Kysely<Database>,
  tokenHash: string,
  now: number,
): Promise<boolean> {
  const result = await db
    .updateTable('password_resets')
    .set({ used_at: new Date(now).toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date(now).toISOString())
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Marks every unused reset link of a user used: after a new password none of them works. */
export async function invalidatePasswordResetsOfUser(
  db: Kysely<Database>,
  userId: string,
  now: number,
): Promise<void> {
  await db
    .updateTable('password_resets')
    .set({ used_at: new Date(now).toISOString() })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
