import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../helpers/db.ts';
import { buildSecurityApp, form, login, makeUser } from './security-app.ts';

/**
 * Issue 4 point 6: the workspace keeps no more personal data of staff than name, e-mail and
 * role. These are all the columns of the tables about staff; a new column fails this test, so
 * adding personal data is a decision someone makes on purpose (and writes down), not a side effect.
 */
const STAFF_COLUMNS: Record<string, string[]> = {
  users: ['active', 'created_at', 'deactivated_at', 'email', 'id', 'name', 'password_hash'],
  user_roles: ['municipality_code', 'role', 'user_id'],
  // No IP address, no browser: a session is a hashed id, the user and two times.
  sessions: ['created_at', 'data', 'id', 'last_seen_at', 'user_id'],
  // The provider's pseudonymous subject, only to keep single sign-on on the right account.
  oidc_identities: ['issuer', 'linked_at', 'subject', 'user_id'],
};

describeEachDialect('data protection of staff', (getDb) => {
  it('stores no personal data of staff beyond name, e-mail and role', async () => {
    const handle = getDb();
    const tables = await handle.db.introspection.getTables();
    for (const [table, expected] of Object.entries(STAFF_COLUMNS)) {
      const found = tables.find((t) => t.name === table);
      assert.ok(found, `table ${table} exists`);
      assert.deepEqual(found.columns.map((c) => c.name).sort(), expected, `columns of ${table}`);
    }

    // What a logged-in session holds: who, and the CSRF secret; no name or e-mail copied in.
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'sessie@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      await login(app, 'sessie@fixture.example');
      const rows = await handle.db.selectFrom('sessions').select('data').execute();
      assert.ok(rows.length > 0);
      for (const row of rows) {
        const keys = Object.keys(JSON.parse(row.data) as object);
        assert.ok(
          keys.every((k) => k === 'userId' || k === '_csrf'),
          `session data keys: ${keys.join(', ')}`,
        );
      }
    } finally {
      await app.close();
    }
  });

  it("keeps a deactivated user's history under their name, and refuses their login", async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(
        handle,
        'blijft@fixture.example',
        [{ role: 'beheerder', municipalityCode: 'GM0505' }],
        'Bea Blijft',
      );
      const leaver = await makeUser(
        handle,
        'vertrekt@fixture.example',
        [{ role: 'beheerder', municipalityCode: 'GM0505' }],
        'Henk Vertrekt',
      );
      const target = await makeUser(handle, 'ander@fixture.example', [
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ]);
      // Henk does something that is logged under his name.
      const henk = await login(app, 'vertrekt@fixture.example');
      const action = form({ _csrf: henk.token });
      const made = await app.inject({
        method: 'POST',
        url: `/beheer/GM0505/gebruikers/${target.id}/herstellink`,
        payload: action.payload,
        headers: { ...action.headers, cookie: henk.cookie },
      });
      assert.equal(made.statusCode, 200);

      const bea = await login(app, 'blijft@fixture.example', undefined, '10.2.0.1');
      const off = form({ _csrf: bea.token });
      const res = await app.inject({
        method: 'POST',
        url: `/beheer/GM0505/gebruikers/${leaver.id}/uitzetten`,
        payload: off.payload,
        headers: { ...off.headers, cookie: bea.cookie },
      });
      assert.equal(res.statusCode, 303);

      // The account stays (the log points at it), marked deactivated; nothing is erased.
      const row = await handle.db
        .selectFrom('users')
        .select(['name', 'email', 'active', 'deactivated_at'])
        .where('id', '=', leaver.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.name, 'Henk Vertrekt');
      assert.equal(Number(row.active), 0);
      assert.ok(row.deactivated_at);

      const log = await app.inject({
        url: '/beheer/GM0505/audit',
        headers: { cookie: bea.cookie },
      });
      assert.equal(log.statusCode, 200);
      const rows = log.body.split('<tr').filter((r) => r.includes('gebruiker.herstellink-gemaakt'));
      assert.equal(rows.length, 1);
      assert.match(rows[0]!, /Henk Vertrekt/, 'the history still shows who did it');
      assert.match(log.body, /gebruiker\.uitgezet/);

      await assert.rejects(
        login(app, 'vertrekt@fixture.example', undefined, '10.2.0.2'),
        /refused: 422/,
      );
      const stale = await app.inject({ url: '/account', headers: { cookie: henk.cookie } });
      assert.equal(stale.statusCode, 303, 'the open session ended at deactivation');
    } finally {
      await app.close();
    }
  });
});
