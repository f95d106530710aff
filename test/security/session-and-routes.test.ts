import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { createUser } from '../../src/features/accounts/account.service.ts';
import { accountService } from '../../src/features/accounts/accounts.facade.ts';
import { authorizationPlugin, safeReturnPath } from '../../src/plugins/authorization.ts';
import {
  KyselySessionStore,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  resolveSessionSecret,
  sessionPlugin,
} from '../../src/plugins/session.ts';
import type { Session } from 'fastify';
import { createDb } from '../../src/db/database.ts';
import { describeEachDialect } from '../helpers/db.ts';
import { buildSecurityApp } from './security-app.ts';

function promisify<T>(fn: (cb: (err: unknown, value?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

describeEachDialect('database session store', (getDb) => {
  it('ends a session after 8 idle hours, and after 24 hours however active', async () => {
    const { db } = getDb();
    let now = Date.UTC(2026, 10, 28, 8);
    const store = new KyselySessionStore(db, () => now);
    const data = { userId: undefined, _csrf: 'fixture' } as unknown as Session;
    await promisify<void>((cb) => store.set('sessie-a', data, cb));
    await promisify<void>((cb) => store.set('sessie-b', data, cb));

    now += SESSION_IDLE_MS - 60_000;
    assert.ok(await promisify<Session | null>((cb) => store.get('sessie-a', cb)));
    now += 2 * 60_000; // b was idle for 8 h + 1 min; a was seen a minute ago
    assert.equal(await promisify<Session | null>((cb) => store.get('sessie-b', cb)), null);
    assert.ok(await promisify<Session | null>((cb) => store.get('sessie-a', cb)));

    while (now < Date.UTC(2026, 10, 28, 8) + SESSION_ABSOLUTE_MS - 2 * 60 * 60 * 1000) {
      now += 2 * 60 * 60 * 1000;
      assert.ok(
        await promisify<Session | null>((cb) => store.get('sessie-a', cb)),
        'active session ended early',
      );
    }
    now = Date.UTC(2026, 10, 28, 8) + SESSION_ABSOLUTE_MS + 1;
    assert.equal(await promisify<Session | null>((cb) => store.get('sessie-a', cb)), null);
    const rows = await db.selectFrom('sessions').select('id').execute();
    assert.equal(rows.length, 0, 'expired sessions are deleted');
  });

  it('stores only a hash of the session id', async () => {
    const { db } = getDb();
    const store = new KyselySessionStore(db);
    await promisify<void>((cb) => store.set('zichtbaar-fixture-id', {} as Session, cb));
    const rows = await db.selectFrom('sessions').select('id').execute();
    assert.equal(rows.length, 1);
    assert.notEqual(rows[0]!.id, 'zichtbaar-fixture-id');
    assert.match(rows[0]!.id, /^[0-9a-f]{64}$/);
  });

  it('lists /inloggen and the public pages with their declared permission', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const byRoute = new Map(
        app.routePermissions.map((r) => [`${r.method} ${r.url}`, r.permission]),
      );
      assert.equal(byRoute.get('GET /'), 'public');
      assert.equal(byRoute.get('POST /inloggen'), 'public');
      assert.equal(byRoute.get('GET /beheer/:gemeente/audit'), 'audit:read');
      assert.equal(byRoute.get('POST /uitloggen'), 'account:self');
    } finally {
      await app.close();
    }
  });

  it('lets the CLI-made administrator in (argon2id hash, e-mail lower-case)', async () => {
    const { db } = getDb();
    const user = await createUser(
      db,
      {
        email: ' Eerste@Fixture.Example ',
        name: 'Eerste Beheerder',
        password: 'fixture-wachtwoord-12',
        grants: [{ role: 'beheerder', municipalityCode: 'GM0505' }],
      },
      'cli',
    );
    assert.equal(user.email, 'eerste@fixture.example');
    assert.match(user.password_hash ?? '', /^\$argon2id\$/);
  });
});

describe('app start', () => {
  it('refuses to start when a route declares no permission', async () => {
    const handle = createDb({ kind: 'sqlite', file: ':memory:' });
    const app = Fastify();
    try {
      await app.register(sessionPlugin, {
        store: new KyselySessionStore(handle.db),
        secret: 'x'.repeat(40),
      });
      await app.register(authorizationPlugin, { users: accountService(handle.db) });
      app.get('/declared', { config: { permission: 'public' } }, async () => 'ok');
      assert.throws(
        () => app.get('/vergeten', async () => 'oops'),
        /GET \/vergeten heeft geen toegangsregel/,
      );
      assert.throws(
        () =>
          app.get(
            '/typfout',
            { config: { permission: 'audit:reed' as 'audit:read' } },
            async () => 'x',
          ),
        /onbekende toegangsregel "audit:reed"/,
      );
    } finally {
      await app.close();
      await handle.destroy();
    }
  });

  it('needs SESSION_SECRET unless started for local development', () => {
    assert.throws(() => resolveSessionSecret({}), /SESSION_SECRET ontbreekt/);
    assert.throws(() => resolveSessionSecret({ sessionSecret: 'kort' }), /te kort/);
    const given = 'a'.repeat(32);
    assert.deepEqual(resolveSessionSecret({ sessionSecret: given }), {
      secret: given,
      ephemeral: false,
    });
    const dev1 = resolveSessionSecret({ insecureDevSecret: true });
    const dev2 = resolveSessionSecret({ insecureDevSecret: true });
    assert.equal(dev1.ephemeral, true);
    assert.ok(dev1.secret.length >= 32);
    assert.notEqual(dev1.secret, dev2.secret);
  });

  it('only follows a return address on this site', () => {
    assert.equal(safeReturnPath('/beheer/GM0505/audit'), '/beheer/GM0505/audit');
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'audit',
      '/a\r\nSet-Cookie: x',
      42,
    ]) {
      assert.equal(safeReturnPath(bad), undefined, String(bad));
    }
  });
});
