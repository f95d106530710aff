import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { createTestDatabaseUrl, dialects, dialectUnavailable } from '../../test/helpers/db.ts';
import { findPasswordReset } from '../features/accounts/account.repository.ts';
import {
  deleteExpiredSessions,
  findSession,
  saveSession,
} from '../features/accounts/session.repository.ts';
import { createDb, type Db } from './database.ts';
import { migrations } from './migrate.ts';

/** The tables as the old schema had them: written and read without the current types. */
type RawTables = Record<string, Record<string, unknown>>;

const provider: MigrationProvider = { getMigrations: async () => migrations };
const BEFORE = '20261204_0701_observations_area_index';
const CONVERT = '20261204_0702_timestamps_iso_text';

// Chosen so that a rounding through floating point would show: .123, .007 and .999.
const CREATED = Date.UTC(2026, 11, 4, 9, 30, 1, 123);
const SEEN = Date.UTC(2026, 11, 4, 10, 0, 59, 7);
const EXPIRES = Date.UTC(2026, 11, 5, 9, 30, 1, 999);

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`migration ${CONVERT} [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: Db;
    let drop: () => Promise<void>;
    before(async () => {
      const target = await createTestDatabaseUrl(dialect);
      drop = target.drop;
      handle =
        dialect === 'sqlite'
          ? createDb({ kind: 'sqlite', file: target.url.slice('sqlite:'.length) })
          : createDb({ kind: 'postgres', url: target.url });
    });
    after(async () => {
      await handle?.destroy();
      await drop?.();
    });

    it('turns epoch milliseconds into ISO-8601 UTC text, to the millisecond', async () => {
      const db = handle.db;
      const migrator = new Migrator({ db, provider });
      const first = await migrator.migrateTo(BEFORE);
      assert.equal(first.error, undefined);
      // Rows as the old schema held them (epoch milliseconds), written without the repositories.
      const raw = db as unknown as Kysely<RawTables>;
      await raw
        .insertInto('users')
        .values({
          id: 'u1',
          email: 'a@example.org',
          name: 'A',
          created_at: '2026-12-04T09:00:00.000Z',
        })
        .execute();
      await raw
        .insertInto('sessions')
        .values({ id: 's1', user_id: 'u1', data: '{}', created_at: CREATED, last_seen_at: SEEN })
        .execute();
      await raw
        .insertInto('password_resets')
        .values({
          token_hash: 'h1',
          user_id: 'u1',
          created_by: 'u1',
          created_at: '2026-12-04T09:30:01.123Z',
          expires_at: EXPIRES,
        })
        .execute();

      const second = await migrator.migrateToLatest();
      assert.equal(second.error, undefined);
      const session = await raw.selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
      assert.equal(session.created_at, '2026-12-04T09:30:01.123Z');
      assert.equal(session.last_seen_at, '2026-12-04T10:00:59.007Z');
      const reset = await raw.selectFrom('password_resets').selectAll().executeTakeFirstOrThrow();
      assert.equal(reset.expires_at, '2026-12-05T09:30:01.999Z');

      // The repositories still hand out epoch milliseconds.
      const found = await findSession(db, 's1');
      assert.equal(found?.created_at, CREATED);
      assert.equal(found?.last_seen_at, SEEN);
      assert.equal((await findPasswordReset(db, 'h1'))?.expires_at, EXPIRES);
    });

    it('the repository writes the same text and compares it as time', async () => {
      const db = handle.db;
      await saveSession(db, {
        id: 's2',
        user_id: 'u1',
        data: '{}',
        created_at: SEEN,
        last_seen_at: SEEN,
      });
      assert.equal(
        (
          await db
            .selectFrom('sessions')
            .select('last_seen_at')
            .where('id', '=', 's2')
            .executeTakeFirstOrThrow()
        ).last_seen_at,
        new Date(SEEN).toISOString(),
      );
      // Idle before SEEN: s1 and s2 were both last seen at SEEN, so neither goes; one ms later both.
      assert.equal(await deleteExpiredSessions(db, SEEN, 0), 0);
      assert.equal(await deleteExpiredSessions(db, SEEN + 1, 0), 2);
    });

    it('down gives the epoch milliseconds back', async () => {
      const db = handle.db;
      const migrator = new Migrator({ db, provider });
      const result = await migrator.migrateTo(BEFORE);
      assert.equal(result.error, undefined);
      const raw = db as unknown as Kysely<RawTables>;
      const reset = await raw.selectFrom('password_resets').selectAll().executeTakeFirstOrThrow();
      assert.equal(Number(reset.expires_at), EXPIRES);
      assert.equal((await migrator.migrateToLatest()).error, undefined);
    });
  });
}
