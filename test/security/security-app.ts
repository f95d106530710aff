import assert from 'node:assert/strict';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppDeps } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import type { UserWithGrants } from '../../src/features/accounts/account.repository.ts';
import { createUser } from '../../src/features/accounts/account.service.ts';
import type { Grant } from '../../src/features/accounts/permissions.ts';
import { SESSION_COOKIE } from '../../src/plugins/session.ts';
import type { TestDb } from '../helpers/db.ts';

/** A password used only by test fixtures. */
export const FIXTURE_PASSWORD = 'fixture-wachtwoord-voor-tests';

/** The app on a migrated (not seeded) test database; its session secret is made per test. */
export async function buildSecurityApp(
  handle: TestDb,
  extend?: (app: FastifyInstance) => void,
  options: Pick<AppDeps, 'trustProxy' | 'publicUrl'> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    services: createServices(handle, { datasetsDir: '/nonexistent-fixture' }),
    sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    ...options,
  });
  extend?.(app);
  await app.ready();
  return app;
}

export function makeUser(
  handle: TestDb,
  email: string,
  grants: Grant[],
  name = 'Fixture Gebruiker',
): Promise<UserWithGrants> {
  return createUser(handle.db, { email, name, password: FIXTURE_PASSWORD, grants }, 'test');
}

/** "wk_sessie=…" from a response that set the session cookie, or undefined. */
export function sessionCookie(res: LightMyRequestResponse): string | undefined {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE && x.value !== '');
  return c ? `${SESSION_COOKIE}=${c.value}` : undefined;
}

/** The CSRF token from the first form in a page. */
export function csrfToken(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  assert.ok(m, 'page has no CSRF field');
  return m[1]!;
}

export function form(fields: Record<string, string>): {
  payload: string;
  headers: Record<string, string>;
} {
  return {
    payload: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  };
}

/** An anonymous session with a CSRF token, as a browser has after opening the login page. */
export async function openLoginPage(
  app: FastifyInstance,
  remoteAddress = '127.0.0.1',
): Promise<{ cookie: string; token: string }> {
  const res = await app.inject({ method: 'GET', url: '/inloggen', remoteAddress });
  assert.equal(res.statusCode, 200);
  const cookie = sessionCookie(res);
  assert.ok(cookie, 'login page set no session cookie');
  return { cookie, token: csrfToken(res.body) };
}

export interface LoggedIn {
  cookie: string;
  /** A CSRF token valid for this session (from the account page). */
  token: string;
  before: string;
}

/** Logs in through the real form; fails the test when the login is refused. */
export async function login(
  app: FastifyInstance,
  email: string,
  password = FIXTURE_PASSWORD,
  remoteAddress = '127.0.0.1',
): Promise<LoggedIn> {
  const anon = await openLoginPage(app, remoteAddress);
  const { payload, headers } = form({ email, wachtwoord: password, _csrf: anon.token });
  const res = await app.inject({
    method: 'POST',
    url: '/inloggen',
    payload,
    headers: { ...headers, cookie: anon.cookie },
    remoteAddress,
  });
  assert.equal(res.statusCode, 303, `login of ${email} refused: ${res.statusCode}`);
  const cookie = sessionCookie(res);
  assert.ok(cookie, 'login set no session cookie');
  const account = await app.inject({ method: 'GET', url: '/account', headers: { cookie } });
  assert.equal(account.statusCode, 200);
  return { cookie, token: csrfToken(account.body), before: anon.cookie };
}

/** Authorization refused: 401, 403, or a redirect to the login page. */
export function isDenied(res: LightMyRequestResponse): boolean {
  if (res.statusCode === 401 || res.statusCode === 403) return true;
  return res.statusCode === 303 && String(res.headers.location ?? '').startsWith('/inloggen');
}
