import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { describeEachDialect, type TestDb } from '../../../../test/helpers/db.ts';
import {
  startTestOidcProvider,
  type TestOidcProvider,
} from '../../../../test/helpers/oidc-provider.ts';
import { makeUser, sessionCookie } from '../../../../test/security/security-app.ts';
import { listAudit } from '../../audit/audit.repository.ts';
import { deactivate } from '../account.service.ts';
import { loadOidcConfig, type OidcConfig } from './oidc.config.ts';

const REDIRECT_URI = 'https://wijkkompas.fixture.example/inloggen/oidc/terug';
const HOME = 'GM0505';

let provider: TestOidcProvider;
before(async () => {
  provider = await startTestOidcProvider(REDIRECT_URI);
});
after(async () => {
  await provider.close();
});

function oidcConfig(): OidcConfig {
  const config = loadOidcConfig({
    OIDC_ISSUER: provider.issuer,
    OIDC_CLIENT_ID: provider.clientId,
    OIDC_CLIENT_SECRET: provider.clientSecret,
    OIDC_REDIRECT_URI: REDIRECT_URI,
    OIDC_LABEL: 'Inloggen met je gemeente-account',
    OIDC_MUNICIPALITY: HOME,
  });
  assert.ok(config);
  return config;
}

async function buildOidcApp(handle: TestDb, oidc?: OidcConfig): Promise<FastifyInstance> {
  const app = await buildApp({
    services: createServices(handle, { datasetsDir: '/nonexistent-fixture', oidc }),
    sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
  });
  await app.ready();
  return app;
}

/** Starts at /inloggen/oidc, logs in at the provider as `subject`, and returns the way back. */
async function startAndAuthorize(app: FastifyInstance, subject: string) {
  const start = await app.inject({ method: 'GET', url: '/inloggen/oidc?terug=/account' });
  assert.equal(start.statusCode, 303);
  const location = String(start.headers.location);
  assert.ok(location.startsWith(`${provider.issuer}/`), location);
  const params = new URL(location).searchParams;
  assert.equal(params.get('code_challenge_method'), 'S256');
  assert.ok(params.get('state') && params.get('nonce') && params.get('code_challenge'));
  const cookie = sessionCookie(start);
  assert.ok(cookie, 'no session cookie kept the state');
  const callback = await provider.authorize(location, subject);
  return { cookie, callback };
}

function returnTo(app: FastifyInstance, cookie: string, search: string) {
  return app.inject({ method: 'GET', url: `/inloggen/oidc/terug${search}`, headers: { cookie } });
}

async function assertNotLoggedIn(app: FastifyInstance, cookie: string) {
  const account = await app.inject({ method: 'GET', url: '/account', headers: { cookie } });
  assert.equal(account.statusCode, 303, 'the session must not be logged in');
  assert.match(String(account.headers.location), /^\/inloggen/);
}

describe('OIDC configuration from the environment', () => {
  it('is off without variables and refuses half a setup or plain http to another host', () => {
    assert.equal(loadOidcConfig({}), undefined);
    const full = {
      OIDC_ISSUER: 'https://login.fixture.example',
      OIDC_CLIENT_ID: 'wk',
      OIDC_CLIENT_SECRET: 'geheim',
      OIDC_REDIRECT_URI: 'https://wk.fixture.example/inloggen/oidc/terug',
      OIDC_MUNICIPALITY: 'GM0505',
    };
    const config = loadOidcConfig(full);
    assert.equal(config?.label, 'Inloggen met uw gemeente-account');
    assert.equal(config?.issuer, 'https://login.fixture.example');
    assert.throws(
      () => loadOidcConfig({ ...full, OIDC_CLIENT_SECRET: '' }),
      /OIDC_CLIENT_SECRET ontbreekt/,
    );
    assert.throws(
      () => loadOidcConfig({ ...full, OIDC_MUNICIPALITY: undefined }),
      /OIDC_MUNICIPALITY ontbreekt/,
    );
    assert.throws(
      () => loadOidcConfig({ ...full, OIDC_ISSUER: 'http://login.fixture.example' }),
      /OIDC_ISSUER moet met https/,
    );
    assert.throws(
      () => loadOidcConfig({ ...full, OIDC_REDIRECT_URI: 'https://wk.fixture.example/terug' }),
      /OIDC_REDIRECT_URI moet eindigen op \/inloggen\/oidc\/terug/,
    );
  });
});

describeEachDialect('OIDC login against a real provider', (getDb) => {
  it('has no routes and no button when OIDC is not configured', async () => {
    const app = await buildOidcApp(getDb());
    try {
      const res = await app.inject({ method: 'GET', url: '/inloggen/oidc' });
      assert.equal(res.statusCode, 404);
      const page = await app.inject({ method: 'GET', url: '/inloggen' });
      assert.doesNotMatch(page.body, /\/inloggen\/oidc/);
      assert.equal(
        app.routePermissions.some((r) => r.url.startsWith('/inloggen/oidc')),
        false,
      );
    } finally {
      await app.close();
    }
  });

  it('logs in an active account with the same verified e-mail, with a new session id', async () => {
    const handle = getDb();
    const user = await makeUser(
      handle,
      'saskia@fixture.example',
      [{ role: 'onderzoeker', municipalityCode: HOME }],
      'Saskia Fixture',
    );
    provider.accounts.set('sub-saskia', { email: 'Saskia@fixture.example', email_verified: true });
    const app = await buildOidcApp(handle, oidcConfig());
    try {
      const page = await app.inject({ method: 'GET', url: '/inloggen' });
      assert.match(page.body, /href="\/inloggen\/oidc"[^>]*>Inloggen met je gemeente-account</);
      const permissions = new Map(app.routePermissions.map((r) => [r.url, r.permission]));
      assert.equal(permissions.get('/inloggen/oidc'), 'public');
      assert.equal(permissions.get('/inloggen/oidc/terug'), 'public');

      const { cookie, callback } = await startAndAuthorize(app, 'sub-saskia');
      const back = await returnTo(app, cookie, callback.search);
      assert.equal(back.statusCode, 303, back.body);
      assert.equal(back.headers.location, '/account');
      const loggedIn = sessionCookie(back);
      assert.ok(loggedIn);
      assert.notEqual(loggedIn, cookie, 'login must give a new session id');
      const account = await app.inject({
        method: 'GET',
        url: '/account',
        headers: { cookie: loggedIn },
      });
      assert.equal(account.statusCode, 200);
      assert.match(account.body, /Saskia Fixture/);
      const old = await app.inject({ method: 'GET', url: '/account', headers: { cookie } });
      assert.notEqual(old.statusCode, 200, 'the session id from before login is worth nothing');

      const pinned = await handle.db.selectFrom('oidc_identities').selectAll().execute();
      assert.deepEqual(
        pinned.map((p) => [p.issuer, p.subject, p.user_id]),
        [[provider.issuer, 'sub-saskia', user.id]],
      );
      const audit = await listAudit(handle.db, { municipalityCode: HOME });
      assert.ok(audit.some((a) => a.action === 'gebruiker.gemeente-account-gekoppeld'));

      // The same return used twice is refused: state and code are used up.
      const replay = await returnTo(app, cookie, callback.search);
      assert.equal(replay.statusCode, 400);

      // Later logins follow the pinned subject, not the e-mail address at the provider.
      provider.accounts.set('sub-saskia', { email: 'ander@fixture.example', email_verified: true });
      const again = await startAndAuthorize(app, 'sub-saskia');
      assert.equal((await returnTo(app, again.cookie, again.callback.search)).statusCode, 303);
      // And someone else at the provider with Saskia's address cannot take her account.
      provider.accounts.set('sub-indringer', {
        email: 'saskia@fixture.example',
        email_verified: true,
      });
      const other = await startAndAuthorize(app, 'sub-indringer');
      const refused = await returnTo(app, other.cookie, other.callback.search);
      assert.equal(refused.statusCode, 403);
      assert.match(refused.body, /al bij een ander gemeente-account/);
    } finally {
      await app.close();
    }
  });

  it('refuses a return with a wrong state', async () => {
    const handle = getDb();
    await makeUser(handle, 'wim@fixture.example', [{ role: 'beheerder', municipalityCode: HOME }]);
    provider.accounts.set('sub-wim', { email: 'wim@fixture.example', email_verified: true });
    const app = await buildOidcApp(handle, oidcConfig());
    try {
      const { cookie, callback } = await startAndAuthorize(app, 'sub-wim');
      callback.searchParams.set('state', 'vervalste-fixture-state');
      const res = await returnTo(app, cookie, callback.search);
      assert.equal(res.statusCode, 400);
      assert.match(res.body, /Inloggen met uw gemeente-account is niet gelukt/);
      await assertNotLoggedIn(app, sessionCookie(res) ?? cookie);
      const pinned = await handle.db.selectFrom('oidc_identities').selectAll().execute();
      assert.equal(pinned.length, 0);
    } finally {
      await app.close();
    }
  });

  it('refuses an unknown e-mail, a deactivated account and staff of another municipality', async () => {
    const handle = getDb();
    const admin = await makeUser(handle, 'beheer@fixture.example', [
      { role: 'beheerder', municipalityCode: HOME },
    ]);
    const gone = await makeUser(handle, 'weg@fixture.example', [
      { role: 'onderzoeker', municipalityCode: HOME },
    ]);
    await deactivate(handle.db, gone.id, HOME, admin);
    await makeUser(handle, 'elders@fixture.example', [
      { role: 'beheerder', municipalityCode: 'GM0014' },
    ]);
    provider.accounts.set('sub-onbekend', {
      email: 'onbekend@fixture.example',
      email_verified: true,
    });
    provider.accounts.set('sub-weg', { email: 'weg@fixture.example', email_verified: true });
    provider.accounts.set('sub-elders', { email: 'elders@fixture.example', email_verified: true });
    provider.accounts.set('sub-onbevestigd', {
      email: 'beheer@fixture.example',
      email_verified: false,
    });
    const app = await buildOidcApp(handle, oidcConfig());
    try {
      const cases: Array<[string, RegExp]> = [
        ['sub-onbekend', /Er is geen Wijkkompas-account met het e-mailadres/],
        ['sub-weg', /Uw Wijkkompas-account is uitgezet/],
        ['sub-elders', /hoort niet bij gemeente GM0505/],
        ['sub-onbevestigd', /geen bevestigd e-mailadres/],
      ];
      for (const [subject, message] of cases) {
        const { cookie, callback } = await startAndAuthorize(app, subject);
        const res = await returnTo(app, cookie, callback.search);
        assert.equal(res.statusCode, 403, subject);
        assert.match(res.body, message, subject);
        assert.match(res.body, /lang="nl"/);
        await assertNotLoggedIn(app, sessionCookie(res) ?? cookie);
      }
      const pinned = await handle.db.selectFrom('oidc_identities').selectAll().execute();
      assert.equal(pinned.length, 0, 'a refused login pins nothing');
    } finally {
      await app.close();
    }
  });
});
