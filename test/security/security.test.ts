import assert from 'node:assert/strict';
import { it } from 'node:test';
import { findUserById } from '../../src/features/accounts/account.repository.ts';
import { recordAudit } from '../../src/features/audit/audit.repository.ts';
import { TOO_MANY_LOGINS, LOGIN_RATE_LIMIT } from '../../src/features/accounts/account.routes.tsx';
import { describeEachDialect } from '../helpers/db.ts';
import {
  FIXTURE_PASSWORD,
  buildSecurityApp,
  csrfToken,
  form,
  login,
  makeUser,
  openLoginPage,
  sessionCookie,
} from './security-app.ts';

describeEachDialect('security of the web app', (getDb) => {
  it('gives a new session id at login and the id from before login stops working', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'anna@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      const session = await login(app, 'anna@fixture.example');
      assert.notEqual(session.cookie, session.before);
      const withNew = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(withNew.statusCode, 200);
      const withOld = await app.inject({ url: '/account', headers: { cookie: session.before } });
      assert.equal(withOld.statusCode, 303);
      assert.match(String(withOld.headers.location), /^\/inloggen/);
    } finally {
      await app.close();
    }
  });

  it('sets the session cookie HttpOnly and SameSite=Lax, and Secure when the request came over TLS', async () => {
    // TLS ends at a proxy the app trusts (TRUST_PROXY); without that trust the header is ignored.
    const app = await buildSecurityApp(getDb(), undefined, { trustProxy: ['127.0.0.1'] });
    try {
      const plain = await app.inject({ url: '/inloggen' });
      const cookie = String(plain.headers['set-cookie']);
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
      assert.doesNotMatch(cookie, /Secure/);
      const tls = await app.inject({ url: '/inloggen', headers: { 'x-forwarded-proto': 'https' } });
      assert.match(String(tls.headers['set-cookie']), /Secure/);
      const spoofed = await app.inject({
        url: '/inloggen',
        headers: { 'x-forwarded-proto': 'https' },
        remoteAddress: '203.0.113.9',
      });
      assert.doesNotMatch(String(spoofed.headers['set-cookie']), /Secure/);
    } finally {
      await app.close();
    }
  });

  it('refuses a form without a valid CSRF token with a Dutch 403 page', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'bert@fixture.example', [
        { role: 'alliantielid', municipalityCode: 'GM0505' },
      ]);
      const session = await login(app, 'bert@fixture.example');
      const other = await openLoginPage(app);
      const attempts: Record<string, string>[] = [{}, { _csrf: 'nep' }, { _csrf: other.token }];
      for (const fields of attempts) {
        const { payload, headers } = form(fields);
        const res = await app.inject({
          method: 'POST',
          url: '/uitloggen',
          payload,
          headers: { ...headers, cookie: session.cookie },
        });
        assert.equal(res.statusCode, 403, JSON.stringify(fields));
        assert.match(res.body, /Het formulier is verlopen/);
        assert.match(res.body, /lang="nl"/);
      }
      // Still logged in: the refused posts changed nothing.
      const account = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(account.statusCode, 200);
      const { payload, headers } = form({ _csrf: session.token });
      const out = await app.inject({
        method: 'POST',
        url: '/uitloggen',
        payload,
        headers: { ...headers, cookie: session.cookie },
      });
      assert.equal(out.statusCode, 303);
      const after = await app.inject({ url: '/account', headers: { cookie: session.cookie } });
      assert.equal(after.statusCode, 303);
    } finally {
      await app.close();
    }
  });

  it('escapes a script typed into the login form', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const anon = await openLoginPage(app);
      const payloadText = '"><script>alert(1)</script>';
      const { payload, headers } = form({ email: payloadText, wachtwoord: 'x', _csrf: anon.token });
      const res = await app.inject({
        method: 'POST',
        url: '/inloggen',
        payload,
        headers: { ...headers, cookie: anon.cookie },
      });
      assert.equal(res.statusCode, 422);
      assert.ok(!res.body.includes('<script>alert(1)</script>'));
      assert.ok(
        res.body.includes('&lt;script>alert(1)&lt;/script>') || res.body.includes('&lt;script&gt;'),
      );
      // The error is named in the summary and next to the field.
      assert.match(res.body, /href="#veld-email"/);
      assert.match(res.body, /id="veld-email-fout"/);
    } finally {
      await app.close();
    }
  });

  it('sends a CSP without unsafe-inline scripts and the usual security headers', async () => {
    // HSTS only over TLS: here TLS ends at a trusted proxy (ADR 0015).
    const app = await buildSecurityApp(getDb(), undefined, { trustProxy: ['127.0.0.1'] });
    try {
      for (const url of ['/', '/inloggen']) {
        const res = await app.inject({ url, headers: { 'x-forwarded-proto': 'https' } });
        const csp = String(res.headers['content-security-policy']);
        const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
        assert.ok(scriptSrc, csp);
        assert.ok(!scriptSrc.includes('unsafe-inline'), scriptSrc);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.match(csp, /form-action 'self'/);
        assert.equal(res.headers['x-content-type-options'], 'nosniff');
        assert.ok(res.headers['referrer-policy'], 'no Referrer-Policy');
        assert.ok(res.headers['strict-transport-security'], 'no HSTS');
      }
    } finally {
      await app.close();
    }
  });

  it('shows a 500 page without the error message or a stack trace', async () => {
    const secret = 'fixture-interne-fout-details';
    const app = await buildSecurityApp(getDb(), (a) => {
      a.get('/test-kapot', { config: { permission: 'public' } }, async () => {
        throw new Error(secret);
      });
    });
    try {
      for (const accept of ['text/html', 'application/json']) {
        const res = await app.inject({ url: '/test-kapot', headers: { accept } });
        assert.equal(res.statusCode, 500);
        assert.ok(!res.body.includes(secret), res.body);
        assert.doesNotMatch(res.body, /\bat .*\.(ts|js):\d+/);
        assert.match(res.body, /Er ging iets mis bij ons/);
      }
    } finally {
      await app.close();
    }
  });

  it("keeps one municipality's audit log and users from another municipality's administrator", async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'dordrecht@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'appingedam@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0014' },
      ]);
      const dordtUser = await makeUser(handle, 'medewerker@fixture.example', [
        { role: 'programmabureau', municipalityCode: 'GM0505' },
      ]);
      await recordAudit(handle.db, {
        actor: 'test',
        action: 'fixture.gewijzigd',
        entity: 'fixture',
        entityId: 'x',
        municipalityCode: 'GM0505',
        after: { merkteken: 'GM0505-fixture-geheim' },
      });
      const dordt = await login(app, 'dordrecht@fixture.example');
      const other = await login(app, 'appingedam@fixture.example');

      const own = await app.inject({
        url: '/beheer/GM0505/audit',
        headers: { cookie: dordt.cookie },
      });
      assert.equal(own.statusCode, 200);
      assert.match(own.body, /GM0505-fixture-geheim/);

      for (const url of [
        '/beheer/GM0505/audit',
        '/beheer/GM0505/audit.csv',
        '/beheer/GM0505/gebruikers',
      ]) {
        const res = await app.inject({ url, headers: { cookie: other.cookie } });
        assert.equal(res.statusCode, 403, url);
        assert.ok(!res.body.includes('GM0505-fixture-geheim'));
      }
      const theirs = await app.inject({
        url: '/beheer/GM0014/audit.csv',
        headers: { cookie: other.cookie },
      });
      assert.equal(theirs.statusCode, 200);
      assert.ok(!theirs.body.includes('GM0505-fixture-geheim'));

      // Changing only the user id in a URL of their own municipality does not reach a Dordrecht user.
      const { payload, headers } = form({ _csrf: other.token });
      const res = await app.inject({
        method: 'POST',
        url: `/beheer/GM0014/gebruikers/${dordtUser.id}/uitzetten`,
        payload,
        headers: { ...headers, cookie: other.cookie },
      });
      assert.equal(res.statusCode, 404);
      assert.equal((await findUserById(handle.db, dordtUser.id))?.active, 1);
    } finally {
      await app.close();
    }
  });

  it('refuses login to a deactivated user and ends their open session', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'beheer@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0505' },
      ]);
      const leaver = await makeUser(handle, 'vertrekt@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      const admin = await login(app, 'beheer@fixture.example');
      const open = await login(app, 'vertrekt@fixture.example');
      const { payload, headers } = form({ _csrf: admin.token });
      const res = await app.inject({
        method: 'POST',
        url: `/beheer/GM0505/gebruikers/${leaver.id}/uitzetten`,
        payload,
        headers: { ...headers, cookie: admin.cookie },
      });
      assert.equal(res.statusCode, 303);
      const stale = await app.inject({ url: '/account', headers: { cookie: open.cookie } });
      assert.equal(stale.statusCode, 303);
      await assert.rejects(login(app, 'vertrekt@fixture.example'), /refused: 422/);
      const list = await app.inject({
        url: '/beheer/GM0505/gebruikers',
        headers: { cookie: admin.cookie },
      });
      assert.match(list.body, /Uitgezet op/);
      const log = await app.inject({
        url: '/beheer/GM0505/audit',
        headers: { cookie: admin.cookie },
      });
      assert.match(log.body, /gebruiker\.uitgezet/);
    } finally {
      await app.close();
    }
  });

  it('limits login attempts per address with a Dutch message', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const anon = await openLoginPage(app, '192.0.2.7');
      let last;
      for (let i = 0; i <= LOGIN_RATE_LIMIT.max; i += 1) {
        const { payload, headers } = form({
          email: 'niemand@fixture.example',
          wachtwoord: 'fout',
          _csrf: anon.token,
        });
        last = await app.inject({
          method: 'POST',
          url: '/inloggen',
          payload,
          headers: { ...headers, cookie: anon.cookie },
          remoteAddress: '192.0.2.7',
        });
        if (i < LOGIN_RATE_LIMIT.max) assert.equal(last.statusCode, 422, `attempt ${i + 1}`);
      }
      assert.equal(last?.statusCode, 429);
      assert.ok(last?.body.includes(TOO_MANY_LOGINS.slice(0, 40)));
      // Another address is not affected.
      const fresh = await openLoginPage(app, '192.0.2.8');
      const { payload, headers } = form({
        email: 'niemand@fixture.example',
        wachtwoord: 'fout',
        _csrf: fresh.token,
      });
      const other = await app.inject({
        method: 'POST',
        url: '/inloggen',
        payload,
        headers: { ...headers, cookie: fresh.cookie },
        remoteAddress: '192.0.2.8',
      });
      assert.equal(other.statusCode, 422);
    } finally {
      await app.close();
    }
  });

  it('resets a password with a one-time link an administrator hands over', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'beheer@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0505' },
      ]);
      const user = await makeUser(handle, 'vergeten@fixture.example', [
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ]);
      const admin = await login(app, 'beheer@fixture.example');
      const { payload, headers } = form({ _csrf: admin.token });
      const made = await app.inject({
        method: 'POST',
        url: `/beheer/GM0505/gebruikers/${user.id}/herstellink`,
        payload,
        headers: { ...headers, cookie: admin.cookie },
      });
      assert.equal(made.statusCode, 200);
      const link = /value="https?:\/\/[^/"]+(\/wachtwoord-herstellen\/[A-Za-z0-9_-]+)"/.exec(
        made.body,
      )?.[1];
      assert.ok(link, 'no reset link on the page');
      // The token itself is not in the database, only its hash.
      const stored = await handle.db.selectFrom('password_resets').select('token_hash').execute();
      assert.equal(stored.length, 1);
      assert.ok(!link.endsWith(stored[0]!.token_hash));

      const page = await app.inject({ url: link });
      assert.equal(page.statusCode, 200);
      const cookie = sessionCookie(page);
      assert.ok(cookie);
      const newPassword = 'een nieuw lang wachtwoord';
      const mismatch = await app.inject({
        method: 'POST',
        url: link,
        ...form({ wachtwoord: newPassword, herhaling: 'iets anders', _csrf: csrfToken(page.body) }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      assert.equal(mismatch.statusCode, 422);
      assert.match(mismatch.body, /id="veld-herhaling-fout"/);

      const body = form({
        wachtwoord: newPassword,
        herhaling: newPassword,
        _csrf: csrfToken(page.body),
      });
      const first = await app.inject({
        method: 'POST',
        url: link,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
      assert.equal(first.statusCode, 200);
      assert.match(first.body, /Uw wachtwoord is ingesteld/);
      const second = await app.inject({
        method: 'POST',
        url: link,
        payload: body.payload,
        headers: { ...body.headers, cookie },
      });
      assert.equal(second.statusCode, 404);
      assert.match(second.body, /werkt één keer/);

      await login(app, 'vergeten@fixture.example', newPassword, '192.0.2.50');
      await assert.rejects(
        login(app, 'vergeten@fixture.example', FIXTURE_PASSWORD, '192.0.2.51'),
        /refused/,
      );
    } finally {
      await app.close();
    }
  });
});
