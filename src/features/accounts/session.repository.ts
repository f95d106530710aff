import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SessionTable } from './account.table.ts';

/**
 * A session as the session store uses it: times in epoch milliseconds. The table stores them as
 * ISO-8601 UTC text (the project's one convention); this repository converts at its edge.
 */
export interface StoredSession extends Omit<SessionTable, 'created_at' | 'last_seen_at'> {
  created_at: number;
  last_seen_at: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function findSession(
  db: Kysely<Database>,
  id: string,
): Promise<StoredSession | undefined> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row
    ? { ...row, created_at: Date.parse(row.created_at), last_seen_at: Date.parse(row.last_seen_at) }
    : undefined;
}

/** Inserts or replaces a session's data; the creation time of an existing session stays. */
export async function saveSession(db: Kysely<Database>, row: StoredSession): Promise<void> {
  const lastSeen = iso(row.last_seen_at);
  await db
    .insertInto('sessions')
    .values({ ...row, created_at: iso(row.created_at), last_seen_at: lastSeen })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        data: row.data,
        user_id: row.user_id,
        last_seen_at: lastSeen,
      }),
    )
    .execute();
}

export async function touchSession(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: iso(now) })
    .where('id', '=', id)
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Ends every session of a user: after deactivation or a new password. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteExpiredSessions(
  db: Kysely<Database>,
  idleBefore: number,
  createdBefore: number,
): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where((eb) =>
      eb.or([eb('last_seen_at', '<', iso(idleBefore)), eb('created_at', '<', iso(createdBefore))]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
