/**
 * Issue 18.1, the first day of a new user: a login lands on the workspace home, which shows what
 * the role can do; the header names the user and has a logout button (a form with CSRF) on every
 * page, public pages included; and no link on the pages a role lands on leads to a refusal.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ROLES, type Role } from '../../src/features/accounts/permissions.ts';
import { buildTestApp, type TestApp } from '../helpers/app.ts';
import { dialectUnavailable, dialects } from '../helpers/db.ts';
import { queryAll, queryOne, textOf } from '../helpers/html.ts';
import {
  FIXTURE_PASSWORD,
  form,
  isDenied,
  makeUser,
  openLoginPage,
  sessionCookie,
} from './security-app.ts';

/** Internal links of a page (header, breadcrumbs, main and footer), without fragments. */
function linksOf(html: string): string[] {
  return queryAll(html, 'a[href]')
    .map((a) => a.getAttribute('href') ?? '')
    .filter((h) => h.startsWith('/') && !h.startsWith('//'))
    .map((h) => h.split('#')[0]!);
}

/** The links of the breadcrumb trail. */
function breadcrumbsOf(html: string): string[] {
  return queryAll(html, 'nav[aria-label="Kruimelpad"] a[href]').map(
    (a) => (a.getAttribute('href') ?? '').split('#')[0]!,
  );
}

/** Pages behind login are walked one step further; public pages only link to public pages. */
function isWorkspacePage(href: string): boolean {
  return /^\/(werkruimte|beheer|account)(\/|$|\?)/.test(href);
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`the first day of each role [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => t?.close());

    const made = new Set<Role>();
    let logins = 0;
    async function loginAs(role: Role): Promise<{ cookie: string; location: string }> {
      const code = role === 'landelijk_beheerder' ? 'NL00' : 'GM0505';
      const email = `${role}@eerste-dag.example`;
      if (!made.has(role))
        await makeUser(t.handle, email, [{ role, municipalityCode: code }], `Fixture ${role}`);
      made.add(role);
      // One address per login: the login form allows ten tries per address.
      const address = `10.18.1.${++logins}`;
      const anon = await openLoginPage(t.app, address);
      const { payload, headers } = form({
        email,
        wachtwoord: FIXTURE_PASSWORD,
        _csrf: anon.token,
      });
      const res = await t.app.inject({
        method: 'POST',
        url: '/inloggen',
        payload,
        headers: { ...headers, cookie: anon.cookie },
        remoteAddress: address,
      });
      assert.equal(res.statusCode, 303, res.body);
      return { cookie: sessionCookie(res)!, location: String(res.headers.location) };
    }

    it('lands every role on the workspace home, which names the user and their role', async () => {
      for (const role of ROLES) {
        const { cookie, location } = await loginAs(role);
        assert.equal(location, '/werkruimte', role);
        const home = await t.app.inject({ url: location, headers: { cookie } });
        assert.equal(home.statusCode, 200, `${role}: ${home.statusCode}`);
        assert.equal(textOf(queryOne(home.body, 'h1')), 'Werkruimte');
        assert.match(textOf(queryOne(home.body, 'main')), new RegExp(`Welkom, Fixture ${role}`));
        assert.match(textOf(queryOne(home.body, 'main')), /Uw rol: /, role);
        const links = linksOf(queryOne(home.body, 'main').toString());
        assert.equal(
          links.includes('/beheer/GM0505/gebruikers'),
          role === 'beheerder',
          `${role}: link naar gebruikersbeheer`,
        );
      }
    });

    it('shows the user and a logout form with CSRF in the header of public and workspace pages', async () => {
      const { cookie } = await loginAs('programmabureau');
      for (const url of [
        '/',
        '/gebieden/dordt-west',
        '/bronnen',
        '/methode',
        '/werkruimte',
        '/bestaat-niet',
        // The survey's own frame (a respondent's language) too.
        '/enquete/bewonersenquete-dordt-west',
      ]) {
        // Twice: the second answer of a cached public page must be personal too.
        for (const round of [1, 2]) {
          const res = await t.app.inject({ url, headers: { cookie } });
          const header = queryOne(res.body, 'header');
          assert.match(textOf(header), /Ingelogd als Fixture programmabureau/, `${url} ${round}`);
          const logout = queryOne(header.toString(), 'form[action="/uitloggen"]');
          assert.equal(logout.getAttribute('method'), 'post');
          assert.ok(queryOne(logout.toString(), 'input[name="_csrf"]').getAttribute('value'));
          assert.match(String(res.headers['cache-control']), /private|no-store/, url);
        }
      }
      // A visitor (no cookie) gets the cached public page: no name, no logout.
      for (const url of ['/', '/gebieden/dordt-west']) {
        const anon = await t.app.inject({ url });
        assert.doesNotMatch(anon.body, /Ingelogd als|Fixture programmabureau|uitloggen/, url);
        assert.equal(queryAll(anon.body, 'header form').length, 0);
      }
    });

    it('logs out with the header form, without JavaScript', async () => {
      const { cookie } = await loginAs('onderzoeker');
      const page = await t.app.inject({ url: '/gebieden/dordt-west', headers: { cookie } });
      const token = queryOne(page.body, 'header input[name="_csrf"]').getAttribute('value')!;
      const { payload, headers } = form({ _csrf: token });
      const out = await t.app.inject({
        method: 'POST',
        url: '/uitloggen',
        payload,
        headers: { ...headers, cookie },
      });
      assert.equal(out.statusCode, 303);
      const after = await t.app.inject({ url: '/werkruimte', headers: { cookie } });
      assert.ok(isDenied(after), 'the session is gone');
      // Without the token, logging out is refused (CSRF).
      const again = await loginAs('alliantielid');
      const refused = await t.app.inject({
        method: 'POST',
        url: '/uitloggen',
        ...form({}),
        headers: { ...form({}).headers, cookie: again.cookie },
      });
      assert.equal(refused.statusCode, 403);
    });

    it('never links a role to a page it may not open (home, and every page it links to)', async () => {
      const report: string[] = [];
      let walked = 0;
      for (const role of ROLES) {
        const { cookie } = await loginAs(role);
        const seen = new Set<string>();
        const queue: { href: string; from: string; depth: number }[] = [
          { href: '/werkruimte', from: 'login', depth: 0 },
        ];
        while (queue.length > 0) {
          const { href, from, depth } = queue.shift()!;
          if (seen.has(href)) continue;
          seen.add(href);
          // PDFs start Chromium; their permission is the route test's job.
          if (/\.pdf(\?|$)/.test(href)) continue;
          const res = await t.app.inject({ url: href, headers: { cookie } });
          walked++;
          if (isDenied(res) || res.statusCode >= 400)
            report.push(`${role}: ${href} (link op ${from}) gaf ${res.statusCode}`);
          const html = String(res.headers['content-type'] ?? '').startsWith('text/html');
          if (res.statusCode !== 200 || !html || depth >= 3) continue;
          if (depth > 0 && !isWorkspacePage(href)) continue;
          // Two steps from the home every link is followed; on the pages after that, the
          // breadcrumbs (the way back, where a refused link was found before).
          const nextLinks = depth < 2 ? linksOf(res.body) : breadcrumbsOf(res.body);
          for (const next of nextLinks)
            if (!seen.has(next)) queue.push({ href: next, from: href, depth: depth + 1 });
        }
      }
      assert.deepEqual(report, []);
      assert.ok(walked > 50, `only ${walked} pages walked`);
      console.log(`first day: ${walked} links walked for ${ROLES.length} roles`);
    });
  });
}
