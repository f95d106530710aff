import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import { loadConfig, parsePublicUrl } from '../../src/config.ts';
import { listAudit } from '../../src/features/audit/audit.repository.ts';
import { LOGIN_RATE_LIMIT } from '../../src/features/accounts/account.routes.tsx';
import {
  GUESSABLE_PASSWORD,
  LOGIN_THROTTLE,
  OWN_NAME_IN_PASSWORD,
  completeReset,
  createResetToken,
  passwordProblems,
  resetTokenUsable,
} from '../../src/features/accounts/account.service.ts';
import { loadOidcConfig } from '../../src/features/accounts/oidc/oidc.config.ts';
import { safeReturnPath } from '../../src/plugins/authorization.ts';
import { parseTrustProxy, type TrustProxy } from '../../src/plugins/trust-proxy.ts';
import { describeEachDialect, type TestDb } from '../helpers/db.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../helpers/oidc-provider.ts';
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

/** The address of a proxy in front of the app in these tests. */
const PROXY = '10.0.0.1';

/** The app with a small survey submission limit and an `/ip` route that shows request.ip. */
async function buildTrustApp(handle: TestDb, trustProxy: TrustProxy): Promise<FastifyInstance> {
  const app = await buildApp({
    services: createServices(handle, {
      datasetsDir: '/nonexistent-fixture',
      surveySubmitsPerMinute: 5,
    }),
    sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    trustProxy,
  });
  app.get('/test-ip', { config: { permission: 'public' } }, (request) => ({
    ip: request.ip,
    protocol: request.protocol,
  }));
  await app.ready();
  return app;
}

async function seenAs(
  app: FastifyInstance,
  remoteAddress: string,
  headers: Record<string, string> = {},
) {
  const res = await app.inject({ url: '/test-ip', remoteAddress, headers });
  return res.json<{ ip: string; protocol: string }>();
}

async function postLogin(
  app: FastifyInstance,
  anon: { cookie: string; token: string },
  fields: { email: string; wachtwoord: string },
  remoteAddress: string,
  extraHeaders: Record<string, string> = {},
  url = '/inloggen',
): Promise<LightMyRequestResponse> {
  const { payload, headers } = form({ ...fields, _csrf: anon.token });
  return app.inject({
    method: 'POST',
    url,
    payload,
    headers: { ...headers, ...extraHeaders, cookie: anon.cookie },
    remoteAddress,
  });
}

/** A JSON survey submission to a questionnaire key; the per-address limit comes before the key. */
function submit(app: FastifyInstance, remoteAddress: string, xff?: string) {
  return app.inject({
    method: 'POST',
    url: '/api/enquetes/bestaat-niet-fixture/antwoorden',
    payload: { taal: 'nl', antwoorden: {} },
    headers: {
      'idempotency-key': `fixture-${Math.random().toString(36).slice(2)}-key`,
      ...(xff ? { 'x-forwarded-for': xff } : {}),
    },
    remoteAddress,
  });
}

describe('TRUST_PROXY and PUBLIC_URL configuration', () => {
  it('is off by default, takes a hop count or a list of addresses and CIDRs, and names a wrong entry', () => {
    assert.equal(parseTrustProxy(undefined), false);
    assert.equal(parseTrustProxy(''), false);
    assert.equal(parseTrustProxy('nee'), false);
    assert.equal(parseTrustProxy('1'), 1);
    assert.deepEqual(parseTrustProxy('10.0.0.1, 192.168.0.0/16,::1,fd00::/8,loopback'), [
      '10.0.0.1',
      '192.168.0.0/16',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    assert.throws(() => parseTrustProxy('10.0.0.1,proxy.example'), /item 2 \("proxy\.example"\)/);
    assert.throws(() => parseTrustProxy('10.0.0.0/33'), /TRUST_PROXY, item 1/);
    assert.throws(() => parseTrustProxy('true'), /TRUST_PROXY/);
    assert.throws(() => parseTrustProxy('50'), /1 tot en met 10/);
    assert.equal(loadConfig({}).trustProxy, false);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1' }).trustProxy, ['10.0.0.1']);
  });

  it('takes PUBLIC_URL as an origin only, with this machine as the default', () => {
    assert.equal(loadConfig({}).publicUrl, 'http://localhost:3000');
    assert.equal(loadConfig({ PORT: '8080' }).publicUrl, 'http://localhost:8080');
    assert.equal(
      parsePublicUrl('https://wijkkompas.fixture.example/', 3000),
      'https://wijkkompas.fixture.example',
    );
    assert.throws(() => parsePublicUrl('https://x.example/pad', 3000), /zonder pad/);
    assert.throws(() => parsePublicUrl('javascript:alert(1)', 3000), /https:\/\//);
    assert.throws(() => parsePublicUrl('geen adres', 3000), /PUBLIC_URL/);
  });
});

describe('return addresses (terug)', () => {
  it('accepts only a same-site path of safe characters', () => {
    for (const good of [
      '/account',
      '/beheer/GM0505/audit',
      '/werkruimte/GM0505/data?zoek=a%20b&pagina=2',
      '/gebieden/dordt-west#kaart'.replace('#kaart', ''),
    ]) {
      assert.equal(safeReturnPath(good), good, good);
    }
    for (const bad of [
      '//evil.example',
      '/\t/evil.example',
      '/\t\\evil.example',
      '\t//evil.example',
      '/\\evil.example',
      '/\\\\evil.example',
      '\\\\evil.example',
      '/%2F%E3%80%82evil',
      '/。evil',
      '/%2Fevil.example',
      '/%5Cevil.example',
      '/%09/evil.example',
      '/a b',
      '/a\r\nSet-Cookie: x',
      '/a\u0000',
      '/%zz',
      'https://evil.example',
      'audit',
      '',
      `/${'a'.repeat(3000)}`,
      42,
      undefined,
    ]) {
      assert.equal(safeReturnPath(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('password strength', () => {
  it('refuses short, common and guessable passwords, and ones made of the user’s own name', () => {
    for (const weak of [
      '111111111111',
      'wachtwoord123',
      'Welkom012345',
      'password1234',
      'qwertyuiop12',
      'dordrecht2024',
      'aaaaaaaaaaaaaaaa',
      '123456789012',
    ]) {
      assert.deepEqual(passwordProblems(weak), [GUESSABLE_PASSWORD], weak);
    }
    assert.match(passwordProblems('kort')[0]!, /minstens 12 tekens/);
    for (const own of ['saskiadevries1', 'Mijn-Saskia.de.Vries!', 'xx-saskia.devries-2026']) {
      assert.deepEqual(
        passwordProblems(own, 'saskia.devries@fixture.example', 'Saskia de Vries'),
        [OWN_NAME_IN_PASSWORD],
        own,
      );
    }
    for (const strong of [FIXTURE_PASSWORD, 'lantaarn fiets mossel kaart', 'Zw8#qL2!vR4m']) {
      assert.deepEqual(passwordProblems(strong), [], strong);
    }
  });
});

describeEachDialect('trust: proxy, login throttle and account hardening', (getDb) => {
  it('ignores X-Forwarded-* from a client when no proxy is trusted (the default)', async () => {
    const app = await buildTrustApp(getDb(), false);
    try {
      const seen = await seenAs(app, '203.0.113.5', {
        'x-forwarded-for': '198.51.100.1',
        'x-forwarded-proto': 'https',
      });
      assert.deepEqual(seen, { ip: '203.0.113.5', protocol: 'http' });
    } finally {
      await app.close();
    }
  });

  it('takes the right-most untrusted address behind a trusted proxy, by list or hop count', async () => {
    const handle = getDb();
    const listed = await buildTrustApp(handle, [PROXY]);
    const hops = await buildTrustApp(handle, 1);
    try {
      for (const app of [listed, hops]) {
        // The client wrote "198.51.100.1" itself; the proxy appended the real address.
        const seen = await seenAs(app, PROXY, {
          'x-forwarded-for': '198.51.100.1, 203.0.113.7',
          'x-forwarded-proto': 'https',
        });
        assert.deepEqual(seen, { ip: '203.0.113.7', protocol: 'https' });
      }
      // Not from the trusted proxy: the headers count for nothing.
      const direct = await seenAs(listed, '203.0.113.8', {
        'x-forwarded-for': '198.51.100.1',
        'x-forwarded-proto': 'https',
      });
      assert.deepEqual(direct, { ip: '203.0.113.8', protocol: 'http' });
    } finally {
      await listed.close();
      await hops.close();
    }
  });

  it('keeps the login limit per address when an untrusted client spoofs X-Forwarded-For', async () => {
    const app = await buildTrustApp(getDb(), false);
    try {
      const anon = await openLoginPage(app, '203.0.113.20');
      const statuses: number[] = [];
      let last: LightMyRequestResponse | undefined;
      for (let i = 0; i <= LOGIN_RATE_LIMIT.max; i += 1) {
        last = await postLogin(
          app,
          anon,
          { email: 'niemand@fixture.example', wachtwoord: 'fout' },
          '203.0.113.20',
          { 'x-forwarded-for': `198.51.100.${i + 1}` },
        );
        statuses.push(last.statusCode);
      }
      assert.deepEqual(statuses, [...Array<number>(LOGIN_RATE_LIMIT.max).fill(422), 429]);
      assert.ok(Number(last?.headers['retry-after']) > 0, 'no Retry-After');
      assert.match(String(last?.body), /te vaak geprobeerd in te loggen/);
    } finally {
      await app.close();
    }
  });

  it('keeps the survey submission limit per address when an untrusted client spoofs X-Forwarded-For', async () => {
    const app = await buildTrustApp(getDb(), false);
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        statuses.push((await submit(app, '203.0.113.30', `198.51.100.${i + 1}`)).statusCode);
      }
      assert.equal(statuses.filter((s) => s === 429).length, 3, statuses.join(','));
      assert.equal(statuses.at(-1), 429);
    } finally {
      await app.close();
    }
  });

  it('behind a trusted appending proxy, limits the real client and not the others', async () => {
    const app = await buildTrustApp(getDb(), [PROXY]);
    try {
      // Survey submissions: the real client changes its own header every time, in vain.
      const statuses: number[] = [];
      for (let i = 0; i < 8; i += 1) {
        statuses.push((await submit(app, PROXY, `198.51.100.${i + 1}, 203.0.113.40`)).statusCode);
      }
      assert.equal(statuses.filter((s) => s === 429).length, 3, statuses.join(','));
      assert.notEqual((await submit(app, PROXY, '198.51.100.1, 203.0.113.41')).statusCode, 429);

      // Logins: the same.
      const anon = await openLoginPage(app, PROXY);
      const logins: number[] = [];
      for (let i = 0; i <= LOGIN_RATE_LIMIT.max; i += 1) {
        const res = await postLogin(
          app,
          anon,
          { email: 'niemand@fixture.example', wachtwoord: 'fout' },
          PROXY,
          { 'x-forwarded-for': `198.51.100.${i + 1}, 203.0.113.42` },
        );
        logins.push(res.statusCode);
      }
      assert.deepEqual(logins, [...Array<number>(LOGIN_RATE_LIMIT.max).fill(422), 429]);
      const other = await postLogin(
        app,
        anon,
        { email: 'niemand@fixture.example', wachtwoord: 'fout' },
        PROXY,
        { 'x-forwarded-for': '203.0.113.43' },
      );
      assert.equal(other.statusCode, 422);
    } finally {
      await app.close();
    }
  });

  it('locks an account after 300 guesses from changing addresses; the right password waits for the window', async () => {
    const handle = getDb();
    const app = await buildTrustApp(handle, [PROXY]);
    try {
      const user = await makeUser(handle, 'doelwit@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0505' },
      ]);
      const anon = await openLoginPage(app, PROXY);
      const counts = new Map<number, number>();
      let lastThrottled: LightMyRequestResponse | undefined;
      for (let i = 0; i < 300; i += 1) {
        const res = await postLogin(
          app,
          anon,
          { email: 'doelwit@fixture.example', wachtwoord: `geraden-${i}-wachtwoord` },
          PROXY,
          { 'x-forwarded-for': `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}` },
        );
        counts.set(res.statusCode, (counts.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 429) lastThrottled = res;
      }
      assert.equal(counts.get(422), LOGIN_THROTTLE.maxFailures);
      assert.equal(counts.get(429), 300 - LOGIN_THROTTLE.maxFailures);
      assert.ok(lastThrottled);
      const retryAfter = Number(lastThrottled.headers['retry-after']);
      assert.ok(retryAfter > 0 && retryAfter <= LOGIN_THROTTLE.windowMs / 1000, `${retryAfter}`);
      assert.match(lastThrottled.body, /te vaak een verkeerd wachtwoord gebruikt/);
      assert.match(lastThrottled.body, /ook niet met het goede wachtwoord/);
      assert.match(lastThrottled.body, /lang="nl"/);

      // The right password, from yet another address, is refused too.
      const right = await postLogin(
        app,
        anon,
        { email: 'doelwit@fixture.example', wachtwoord: FIXTURE_PASSWORD },
        PROXY,
        { 'x-forwarded-for': '192.0.2.200' },
      );
      assert.equal(right.statusCode, 429);
      assert.ok(Number(right.headers['retry-after']) > 0);
      assert.equal(sessionCookie(right), undefined);

      // Every failed login is in the municipality's audit log, with its reason.
      const audit = await listAudit(handle.db, { municipalityCode: 'GM0505' });
      const failed = audit.filter(
        (e) => e.action === 'gebruiker.inloggen-mislukt' && e.entityId === user.id,
      );
      assert.equal(failed.length, 301);
      assert.equal(
        failed.filter((e) => e.after?.includes('wachtwoord-onjuist')).length,
        LOGIN_THROTTLE.maxFailures,
      );
      assert.equal(
        failed.filter((e) => e.after?.includes('te-veel-pogingen')).length,
        301 - LOGIN_THROTTLE.maxFailures,
      );
      assert.ok(!failed.some((e) => e.after?.includes('geraden')), 'no password in the log');

      // When the window has passed (the failures are older than it), the right password works.
      const past = new Date(Date.now() - LOGIN_THROTTLE.windowMs - 1000).toISOString();
      await handle.db.updateTable('login_failures').set({ failed_at: past }).execute();
      await login(app, 'doelwit@fixture.example', FIXTURE_PASSWORD, PROXY);
    } finally {
      await app.close();
    }
  });

  it('counts parallel guesses too: never more than the limit is checked', async () => {
    const handle = getDb();
    const app = await buildTrustApp(handle, [PROXY]);
    try {
      await makeUser(handle, 'parallel@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      const anon = await openLoginPage(app, PROXY);
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          postLogin(
            app,
            anon,
            { email: 'parallel@fixture.example', wachtwoord: `parallel-gok-${i}` },
            PROXY,
            { 'x-forwarded-for': `198.51.100.${i + 1}` },
          ),
        ),
      );
      const checked = results.filter((r) => r.statusCode === 422).length;
      assert.ok(checked <= LOGIN_THROTTLE.maxFailures, `${checked} passwords checked`);
      assert.equal(results.filter((r) => r.statusCode === 429).length, 60 - checked);
    } finally {
      await app.close();
    }
  });

  it('never redirects to another site after login (tab, ideographic full stop, backslash)', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      await makeUser(handle, 'terug@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      const cases: [string, string][] = [
        ['%2F%E3%80%82evil', '/werkruimte'],
        ['/%09/evil.example', '/werkruimte'],
        ['%2F%09%2Fevil.example', '/werkruimte'],
        ['%2F%5Cevil.example', '/werkruimte'],
        ['%5C%5Cevil.example', '/werkruimte'],
        ['%2F%2Fevil.example', '/werkruimte'],
        ['%2Fbeheer%2FGM0505%2Faudit', '/beheer/GM0505/audit'],
      ];
      for (const [terug, expected] of cases) {
        const page = await app.inject({
          url: `/inloggen?terug=${terug}`,
          remoteAddress: '192.0.2.90',
        });
        assert.equal(page.statusCode, 200, terug);
        const anon = { cookie: sessionCookie(page)!, token: csrfToken(page.body) };
        const res = await postLogin(
          app,
          anon,
          { email: 'terug@fixture.example', wachtwoord: FIXTURE_PASSWORD },
          '192.0.2.90',
          {},
          `/inloggen?terug=${terug}`,
        );
        assert.equal(res.statusCode, 303, `${terug}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        assert.equal(res.headers.location, expected, terug);
      }
    } finally {
      await app.close();
    }
  });

  it('ends every reset link of a user when one is used', async () => {
    const handle = getDb();
    const admin = await makeUser(handle, 'beheerder-r@fixture.example', [
      { role: 'beheerder', municipalityCode: 'GM0505' },
    ]);
    const user = await makeUser(handle, 'vergeetachtig@fixture.example', [
      { role: 'invoerder', municipalityCode: 'GM0505' },
    ]);
    const actor = `gebruiker:${admin.id}`;
    const first = await createResetToken(handle.db, user.id, 'GM0505', actor);
    const second = await createResetToken(handle.db, user.id, 'GM0505', actor);
    const third = await createResetToken(handle.db, user.id, 'GM0505', actor);
    assert.ok(await resetTokenUsable(handle.db, first.token));
    await completeReset(handle.db, second.token, 'lantaarn fiets mossel kaart');
    for (const token of [first.token, second.token, third.token]) {
      assert.equal(await resetTokenUsable(handle.db, token), false);
      await assert.rejects(
        completeReset(handle.db, token, 'een ander lang wachtwoord 77'),
        /werkt niet \(meer\)/,
      );
    }
    // A link made after the new password works again.
    const fourth = await createResetToken(handle.db, user.id, 'GM0505', actor);
    assert.ok(await resetTokenUsable(handle.db, fourth.token));
  });

  it('builds the reset link on PUBLIC_URL, never on Host or X-Forwarded-Host', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle, undefined, {
      trustProxy: ['127.0.0.1'],
      publicUrl: 'https://wijkkompas.fixture.example',
    });
    try {
      await makeUser(handle, 'beheer-h@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0505' },
      ]);
      const user = await makeUser(handle, 'doel-h@fixture.example', [
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ]);
      const admin = await login(app, 'beheer-h@fixture.example');
      const { payload, headers } = form({ _csrf: admin.token });
      const made = await app.inject({
        method: 'POST',
        url: `/beheer/GM0505/gebruikers/${user.id}/herstellink`,
        payload,
        headers: {
          ...headers,
          cookie: admin.cookie,
          host: 'evil.example',
          'x-forwarded-host': 'evil.example',
        },
      });
      assert.equal(made.statusCode, 200);
      assert.doesNotMatch(made.body, /evil\.example/);
      assert.match(
        made.body,
        /value="https:\/\/wijkkompas\.fixture\.example\/wachtwoord-herstellen\/[A-Za-z0-9_-]+"/,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses a guessable password on the reset page, in Dutch', async () => {
    const handle = getDb();
    const user = await makeUser(handle, 'zwak@fixture.example', [
      { role: 'invoerder', municipalityCode: 'GM0505' },
    ]);
    const { token } = await createResetToken(handle.db, user.id, 'GM0505', 'test');
    const app = await buildSecurityApp(handle);
    try {
      const page = await app.inject({ url: `/wachtwoord-herstellen/${token}` });
      const cookie = sessionCookie(page)!;
      const res = await app.inject({
        method: 'POST',
        url: `/wachtwoord-herstellen/${token}`,
        ...form({
          wachtwoord: '111111111111',
          herhaling: '111111111111',
          _csrf: csrfToken(page.body),
        }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /te makkelijk te raden/);
      assert.ok(await resetTokenUsable(handle.db, token), 'the link still works');
    } finally {
      await app.close();
    }
  });

  it('sends Permissions-Policy always and HSTS only over TLS', async () => {
    const app = await buildSecurityApp(getDb(), undefined, { trustProxy: [PROXY] });
    try {
      const plain = await app.inject({ url: '/' });
      assert.match(String(plain.headers['permissions-policy']), /camera=\(\)/);
      assert.match(String(plain.headers['permissions-policy']), /geolocation=\(\)/);
      assert.equal(plain.headers['strict-transport-security'], undefined);
      const spoofed = await app.inject({
        url: '/',
        headers: { 'x-forwarded-proto': 'https' },
        remoteAddress: '203.0.113.60',
      });
      assert.equal(spoofed.headers['strict-transport-security'], undefined);
      const viaProxy = await app.inject({
        url: '/',
        headers: { 'x-forwarded-proto': 'https' },
        remoteAddress: PROXY,
      });
      assert.match(String(viaProxy.headers['strict-transport-security']), /max-age=31536000/);
    } finally {
      await app.close();
    }
  });

  it('answers framework errors with the Dutch page (JSON under /api) and the security headers', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const assertHeaders = (res: LightMyRequestResponse, label: string) => {
        assert.match(String(res.headers['content-security-policy']), /default-src 'self'/, label);
        assert.match(String(res.headers['permissions-policy']), /camera=\(\)/, label);
        assert.equal(res.headers['x-content-type-options'], 'nosniff', label);
        assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN', label);
      };
      const badUrl = await app.inject({ url: '/gebieden/%E0%A4%A' });
      assert.equal(badUrl.statusCode, 400);
      assert.match(String(badUrl.headers['content-type']), /text\/html/);
      assert.match(badUrl.body, /lang="nl"/);
      assert.match(badUrl.body, /Het adres bevat tekens die niet kloppen/);
      assertHeaders(badUrl, 'bad url');

      const badApiUrl = await app.inject({
        url: '/api/enquetes/%E0%A4%A/antwoorden',
        method: 'POST',
      });
      assert.equal(badApiUrl.statusCode, 400);
      assert.equal(badApiUrl.json<{ fout: { status: number } }>().fout.status, 400);
      assertHeaders(badApiUrl, 'bad api url');

      const badJson = await app.inject({
        method: 'POST',
        url: '/api/enquetes/bestaat-niet-fixture/antwoorden',
        payload: '{"taal": "nl",',
        headers: {
          'content-type': 'application/json',
          'idempotency-key': 'fixture-key-0123456789',
        },
      });
      assert.equal(badJson.statusCode, 400);
      const problem = badJson.json<{ fout: { melding: string; code: string } }>().fout;
      assert.match(problem.melding, /geen geldige JSON/);
      assertHeaders(badJson, 'bad json');
    } finally {
      await app.close();
    }
  });

  it('answers headers over the size limit with 431, the Dutch page and the security headers', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const port = (app.server.address() as { port: number }).port;
      const raw = (path: string) =>
        new Promise<string>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1');
          let out = '';
          socket.on('data', (d) => (out += d.toString('utf8')));
          socket.on('end', () => resolve(out));
          socket.on('close', () => resolve(out));
          socket.on('error', reject);
          socket.write(
            `GET ${path} HTTP/1.1\r\nHost: localhost\r\nCookie: x=${'a'.repeat(20_000)}\r\n\r\n`,
          );
        });
      const page = await raw('/');
      assert.match(page, /^HTTP\/1\.1 431 /);
      assert.match(page, /content-security-policy: default-src 'self'/i);
      assert.match(page, /permissions-policy: /i);
      assert.match(page, /x-content-type-options: nosniff/i);
      assert.match(page, /lang="nl"/);
      assert.match(page, /Wis de cookies voor deze site/);
      const api = await raw('/api/enquetes');
      assert.match(api, /^HTTP\/1\.1 431 /);
      assert.match(api, /content-type: application\/json/i);
      assert.match(api, /"status":431/);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('trust: OIDC return address', (getDb) => {
  const REDIRECT_URI = 'https://wijkkompas.fixture.example/inloggen/oidc/terug';
  let provider: TestOidcProvider;
  before(async () => {
    provider = await startTestOidcProvider(REDIRECT_URI);
  });
  after(async () => {
    await provider.close();
  });

  it('goes back only to a safe same-site path after single sign-on', async () => {
    const handle = getDb();
    await makeUser(handle, 'sso-terug@fixture.example', [
      { role: 'onderzoeker', municipalityCode: 'GM0505' },
    ]);
    provider.accounts.set('sub-terug', {
      email: 'sso-terug@fixture.example',
      email_verified: true,
    });
    const oidc = loadOidcConfig({
      OIDC_ISSUER: provider.issuer,
      OIDC_CLIENT_ID: provider.clientId,
      OIDC_CLIENT_SECRET: provider.clientSecret,
      OIDC_REDIRECT_URI: REDIRECT_URI,
      OIDC_MUNICIPALITY: 'GM0505',
    });
    const app = await buildApp({
      services: createServices(handle, { datasetsDir: '/nonexistent-fixture', oidc }),
      sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    });
    try {
      for (const [terug, expected] of [
        ['%2F%09%2Fevil.example', '/werkruimte'],
        ['%2F%E3%80%82evil', '/werkruimte'],
        ['%2F%5Cevil.example', '/werkruimte'],
        ['%2Fbeheer%2FGM0505%2Faudit', '/beheer/GM0505/audit'],
      ] as const) {
        const start = await app.inject({ url: `/inloggen/oidc?terug=${terug}` });
        assert.equal(start.statusCode, 303, terug);
        const cookie = sessionCookie(start)!;
        const callback = await provider.authorize(String(start.headers.location), 'sub-terug');
        const back = await app.inject({
          url: `/inloggen/oidc/terug${callback.search}`,
          headers: { cookie },
        });
        assert.equal(back.statusCode, 303, `${terug}: ${back.body.slice(0, 200)}`);
        assert.equal(back.headers.location, expected, terug);
        assert.equal(back.headers['cache-control'], 'no-store');
      }
    } finally {
      await app.close();
    }
  });
});
