import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { InjectOptions } from 'fastify';
import {
  PERMISSIONS,
  ROLES,
  SCOPE_PARAM,
  type Grant,
  type Role,
  type RoutePermission,
} from '../../src/features/accounts/permissions.ts';
import { ParticipationRepository } from '../../src/features/participation/index.ts';
import { describeEachDialect } from '../helpers/db.ts';
import {
  buildSecurityApp,
  form,
  isDenied,
  login,
  makeUser,
  openLoginPage,
} from './security-app.ts';

const HOME = 'GM0505';
const OTHER = 'GM0014';
/** A knowledge session of HOME, so the session routes answer for the roles that may open them. */
const FIXTURE_SESSION = '00000000-0000-4000-8000-000000000014';
/** Ids that exist nowhere: the routes under a session answer 404 to those who may use them. */
const MISSING_ID = '00000000-0000-4000-8000-0000000000ff';

interface Identity {
  label: string;
  grants: Grant[];
  cookie?: string;
  token?: string;
}

/**
 * Written out here rather than calling isAllowed(), so a mistake in the enforcing code cannot
 * hide itself: public → everyone; otherwise a role listed for the permission, in the route's
 * municipality when the route has :gemeente.
 */
function expectedAllowed(
  identity: Identity,
  permission: RoutePermission,
  scoped: boolean,
): boolean {
  if (permission === 'public') return true;
  const roles: readonly Role[] = PERMISSIONS[permission];
  return identity.grants.some(
    (g) => roles.includes(g.role) && (!scoped || g.municipalityCode === HOME),
  );
}

function fillUrl(url: string, targetUserId: string): string {
  return url
    .replace(`:${SCOPE_PARAM}`, HOME)
    .replace(':id', targetUserId)
    .replace(':token', 'ongeldig-fixture-token')
    .replace(':slug', 'dordt-west')
    .replace(':sessie', FIXTURE_SESSION)
    .replace(':upload', MISSING_ID)
    .replace(':inbreng', MISSING_ID)
    .replace(':deelnemer', MISSING_ID)
    .replace(':thema', 'wonen')
    .replace(':brief', MISSING_ID)
    .replace(':nummer', '1')
    .replace(':file', 'design-tokens.css')
    .replace('*', 'css/wijkkompas.css');
}

describeEachDialect('every route for every role', (getDb) => {
  it('allows and denies each route exactly as permissions.ts declares', async () => {
    const handle = getDb();
    const app = await buildSecurityApp(handle);
    try {
      // The router's own listing must match what the permission hook saw: no route slipped past.
      const printed = app.printRoutes({ commonPrefix: false });
      const methodCount = [...printed.matchAll(/\(([A-Z, ]+)\)/g)].reduce(
        (n, m) => n + m[1]!.split(',').length,
        0,
      );
      assert.equal(app.routePermissions.length, methodCount, printed);
      assert.ok(app.routePermissions.length >= 20);

      const identities: Identity[] = [{ label: 'anoniem', grants: [] }];
      for (const role of ROLES) {
        // The national role's grant is for the Netherlands (NL00), never for a municipality.
        const code = role === 'landelijk_beheerder' ? 'NL00' : HOME;
        identities.push({ label: `${role}@${code}`, grants: [{ role, municipalityCode: code }] });
      }
      identities.push({
        label: `beheerder@${OTHER}`,
        grants: [{ role: 'beheerder', municipalityCode: OTHER }],
      });
      let n = 0;
      for (const identity of identities) {
        n += 1;
        const ip = `10.0.0.${n}`;
        if (identity.grants.length === 0) {
          const anon = await openLoginPage(app, ip);
          identity.cookie = anon.cookie;
          identity.token = anon.token;
          continue;
        }
        const email = `${identity.label.replace('@', '-')}@fixture.example`.toLowerCase();
        await makeUser(handle, email, identity.grants);
        const session = await login(app, email, undefined, ip);
        identity.cookie = session.cookie;
        identity.token = session.token;
      }
      await new ParticipationRepository(handle.db).insertSession(
        {
          id: FIXTURE_SESSION,
          municipality_code: HOME,
          focus_area_slug: 'dordt-west',
          title: 'Fixture-kennissessie',
          description: null,
          starts_at: '2099-01-14T18:30:00.000Z',
          ends_at: '2099-01-14T20:30:00.000Z',
          location: 'Fixture-buurthuis',
          organiser: 'Fixture',
          audience: 'gemengd',
          is_public: 1,
          status: 'gepland',
          cancel_reason: null,
          created_at: '2026-12-04T00:00:00.000Z',
          created_by: 'fixture',
          updated_at: '2026-12-04T00:00:00.000Z',
          updated_by: 'fixture',
        },
        ['wonen'],
      );
      // The account that admin routes act on: in HOME, and none of the identities above.
      const target = await makeUser(handle, 'doel@fixture.example', [
        { role: 'interviewer', municipalityCode: HOME },
      ]);

      // Logging out ends the session, so it goes last.
      const routes = [...app.routePermissions].sort(
        (a, b) => Number(a.url === '/uitloggen') - Number(b.url === '/uitloggen'),
      );
      const failures: string[] = [];
      for (const route of routes) {
        const url = fillUrl(route.url, target.id);
        const scoped = route.url.includes(`:${SCOPE_PARAM}`);
        for (const identity of identities) {
          const options: InjectOptions = {
            method: route.method as InjectOptions['method'],
            url,
            headers: { cookie: identity.cookie ?? '' },
            remoteAddress: '10.1.0.1',
          };
          if (route.method === 'POST') {
            const body = form({ _csrf: identity.token ?? '' });
            options.payload = body.payload;
            options.headers = { ...options.headers, ...body.headers };
          }
          const res = await app.inject(options);
          const expected = expectedAllowed(identity, route.permission, scoped);
          const verdict = `${route.method} ${route.url} as ${identity.label}: ${res.statusCode}`;
          if (res.statusCode >= 500) failures.push(`${verdict} (server error)`);
          else if (isDenied(res) === expected) {
            failures.push(`${verdict}, expected ${expected ? 'allowed' : 'denied'}`);
          }
        }
      }
      assert.deepEqual(failures, []);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('paper-form PDFs in the route table', (getDb) => {
  it('need survey:print-forms, held by the programme bureau and keyers only', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const pdf = app.routePermissions.find(
        (r) => r.method === 'GET' && r.url === '/enquete/:key/papier.pdf',
      );
      assert.equal(pdf?.permission, 'survey:print-forms');
      assert.deepEqual([...PERMISSIONS['survey:print-forms']].sort(), [
        'invoerder',
        'programmabureau',
      ]);
      // One blank form stays public; numbered forms are checked in the handler.
      const html = app.routePermissions.find(
        (r) => r.method === 'GET' && r.url === '/enquete/:key/papier',
      );
      assert.equal(html?.permission, 'public');
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('knowledge sessions in the route table', (getDb) => {
  it('the alliance reads, researchers enter inputs, only the bureau plans and sees names', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const permission = (method: string, url: string) =>
        app.routePermissions.find((r) => r.method === method && r.url === url)?.permission;
      const base = '/werkruimte/:gemeente/bijeenkomsten';
      assert.equal(permission('GET', base), 'participation:read');
      assert.equal(permission('GET', `${base}/:sessie`), 'participation:read');
      assert.equal(permission('POST', base), 'participation:plan');
      assert.equal(permission('POST', `${base}/:sessie/annuleren`), 'participation:plan');
      assert.equal(permission('POST', `${base}/:sessie/inbreng`), 'participation:input');
      assert.equal(permission('POST', `${base}/:sessie/inbreng/bestand`), 'participation:input');
      assert.equal(permission('POST', `${base}/:sessie/deelnemers`), 'participation:participants');
      assert.equal(permission('GET', '/gebieden/:slug/doe-mee'), 'public');
      assert.equal(permission('GET', '/gebieden/:slug/doe-mee/bijeenkomsten.ics'), 'public');
      assert.deepEqual([...PERMISSIONS['participation:read']].sort(), [
        'alliantielid',
        'beheerder',
        'onderzoeker',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['participation:plan']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['participation:input']].sort(), [
        'beheerder',
        'onderzoeker',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['participation:participants']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('coding routes in the route table', (getDb) => {
  it('researchers and beheerder code; the bureau and the alliance read counts only', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const permission = (method: string, url: string) =>
        app.routePermissions.find((r) => r.method === method && r.url === url)?.permission;
      const base = '/werkruimte/:gemeente/coderen/:slug';
      assert.equal(permission('GET', base), 'coding:read');
      assert.equal(permission('POST', `${base}/steekproef`), 'coding:code');
      assert.equal(permission('GET', `${base}/codeboek`), 'coding:code');
      assert.equal(permission('POST', `${base}/codeboek`), 'coding:code');
      assert.equal(permission('GET', `${base}/item`), 'coding:code');
      assert.equal(permission('POST', `${base}/item`), 'coding:code');
      assert.deepEqual([...PERMISSIONS['coding:read']].sort(), [
        'alliantielid',
        'beheerder',
        'onderzoeker',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['coding:code']].sort(), ['beheerder', 'onderzoeker']);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('themakaart routes in the route table', (getDb) => {
  it('the bureau, researchers, beheerder and the alliance read; bureau and beheerder weigh', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const permission = (method: string, url: string) =>
        app.routePermissions.find((r) => r.method === method && r.url === url)?.permission;
      const base = '/werkruimte/:gemeente/themakaart/:slug';
      assert.equal(permission('GET', base), 'synthesis:read');
      assert.equal(permission('POST', `${base}/gewichten`), 'synthesis:weights');
      assert.deepEqual([...PERMISSIONS['synthesis:read']].sort(), [
        'alliantielid',
        'beheerder',
        'onderzoeker',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['synthesis:weights']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('budget, subsidy and project routes in the route table', (getDb) => {
  it('are read by Alliance members and changed only by the programme bureau and beheerder', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      assert.deepEqual([...PERMISSIONS['budget:read']].sort(), [
        'alliantielid',
        'beheerder',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['budget:edit']].sort(), ['beheerder', 'programmabureau']);
      const routes = app.routePermissions.filter((r) =>
        /^\/werkruimte\/:gemeente\/(begroting|subsidies|programma|projecten)/.test(r.url),
      );
      assert.ok(routes.length >= 15, String(routes.length));
      for (const r of routes) {
        // The edit forms of corrections (…/wijzigen) need budget:edit even to open.
        const expected =
          (r.method === 'GET' || r.method === 'HEAD') &&
          !r.url.endsWith('/importeren') &&
          !r.url.endsWith('sjabloon.xlsx') &&
          !r.url.endsWith('/wijzigen')
            ? 'budget:read'
            : 'budget:edit';
        assert.equal(r.permission, expected, `${r.method} ${r.url}`);
      }
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('budget corrections in the route table', (getDb) => {
  it('open and save the edit forms of a line, a source and a booking with budget:edit only', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const permission = (method: string, url: string) =>
        app.routePermissions.find((r) => r.method === method && r.url === url)?.permission;
      const base = '/werkruimte/:gemeente/begroting/:slug';
      for (const thing of ['regels', 'bronnen', 'boekingen']) {
        const url = `${base}/${thing}/:id/wijzigen`;
        assert.equal(permission('GET', url), 'budget:edit', `GET ${url}`);
        assert.equal(permission('POST', url), 'budget:edit', `POST ${url}`);
      }
      // Reading a line stays open to Alliance members; correcting it is not.
      assert.equal(permission('GET', `${base}/regels/:id`), 'budget:read');
      assert.ok(!PERMISSIONS['budget:edit'].includes('alliantielid' as never));
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('Alliance routes in the route table', (getDb) => {
  it('let Alliance members read, the programme bureau and beheerder edit, and the public see only the composition and feed', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const alliance = app.routePermissions.filter((r) => r.url.includes('/alliantie'));
      const byKey = new Map(alliance.map((r) => [`${r.method} ${r.url}`, r.permission]));
      assert.equal(byKey.get('GET /gebieden/:slug/alliantie'), 'public');
      assert.equal(byKey.get('GET /gebieden/:slug/alliantie/vergaderingen.ics'), 'public');
      for (const r of alliance.filter((x) => x.url.startsWith('/werkruimte/'))) {
        // Every workspace route of the Alliance is scoped to the municipality in its address.
        assert.ok(r.url.startsWith(`/werkruimte/:${SCOPE_PARAM}/alliantie/:slug`), r.url);
        // The edit forms (GET …/wijzigen) need the same permission as saving them.
        const edits = r.method === 'POST' || r.url.endsWith('/wijzigen');
        assert.equal(r.permission, edits ? 'alliance:edit' : 'alliance:read', r.url);
      }
      assert.ok(alliance.filter((r) => r.method === 'POST').length >= 7);
      // Correcting a seat, a decision, an action and an agreement: a form and its save.
      for (const record of ['zetels', 'besluiten', 'acties', 'afspraken'])
        for (const method of ['GET', 'POST'])
          assert.equal(
            byKey.get(
              `${method} /werkruimte/:${SCOPE_PARAM}/alliantie/:slug/${record}/:id/wijzigen`,
            ),
            'alliance:edit',
            `${method} ${record}`,
          );
      assert.deepEqual([...PERMISSIONS['alliance:read']].sort(), [
        'alliantielid',
        'beheerder',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['alliance:edit']].sort(), ['beheerder', 'programmabureau']);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('contours routes in the route table', (getDb) => {
  it('the bureau and beheerder draft and set; the alliance and researchers read; nothing is public', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const routes = app.routePermissions.filter((r) => r.url.includes('/contouren'));
      assert.ok(routes.length >= 11, String(routes.length));
      for (const r of routes) {
        assert.ok(r.url.startsWith(`/werkruimte/:${SCOPE_PARAM}/contouren/:slug`), r.url);
        const edits = r.method === 'POST' || r.url.includes('/thema/');
        assert.equal(r.permission, edits ? 'contours:edit' : 'contours:read', r.url);
      }
      assert.deepEqual([...PERMISSIONS['contours:read']].sort(), [
        'alliantielid',
        'beheerder',
        'onderzoeker',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['contours:edit']].sort(), ['beheerder', 'programmabureau']);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('council letter routes in the route table', (getDb) => {
  it('Alliance members read drafts, the bureau and beheerder edit and publish, the public reads published letters', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const routes = app.routePermissions.filter((r) => r.url.includes('/raadsbrieven'));
      const byKey = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.permission]));
      for (const url of [
        '/gebieden/:slug/raadsbrieven',
        '/gebieden/:slug/raadsbrieven/momenten.ics',
        '/gebieden/:slug/raadsbrieven/:nummer',
        '/gebieden/:slug/raadsbrieven/:nummer/raadsbrief.docx',
        '/gebieden/:slug/raadsbrieven/:nummer/raadsbrief.pdf',
      ])
        assert.equal(byKey.get(`GET ${url}`), 'public', url);
      const base = `/werkruimte/:${SCOPE_PARAM}/raadsbrieven/:slug`;
      assert.equal(byKey.get(`GET ${base}`), 'council-letter:read');
      assert.equal(byKey.get(`GET ${base}/:brief`), 'council-letter:read');
      assert.equal(byKey.get(`POST ${base}`), 'council-letter:edit');
      assert.equal(byKey.get(`POST ${base}/momenten`), 'council-letter:edit');
      assert.equal(byKey.get(`POST ${base}/:brief`), 'council-letter:edit');
      assert.equal(byKey.get(`POST ${base}/:brief/status`), 'council-letter:edit');
      assert.equal(byKey.get(`POST ${base}/:brief/publiceren`), 'council-letter:publish');
      assert.deepEqual([...PERMISSIONS['council-letter:read']].sort(), [
        'alliantielid',
        'beheerder',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['council-letter:edit']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
      assert.deepEqual([...PERMISSIONS['council-letter:publish']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
    } finally {
      await app.close();
    }
  });
});

describeEachDialect('feedback routes in the route table', (getDb) => {
  it('the public page, its English version and the flyer are public; only the bureau reviews quotes', async () => {
    const app = await buildSecurityApp(getDb());
    try {
      const permission = (method: string, url: string) =>
        app.routePermissions.find((r) => r.method === method && r.url === url)?.permission;
      for (const base of ['/gebieden/:slug/inbreng', '/en/areas/:slug/input'])
        for (const suffix of ['', '/folder', '/folder.pdf'])
          assert.equal(permission('GET', `${base}${suffix}`), 'public', `${base}${suffix}`);
      const quotes = '/werkruimte/:gemeente/inbreng/:slug/citaten';
      assert.equal(permission('GET', quotes), 'feedback:quotes');
      assert.equal(permission('POST', quotes), 'feedback:quotes');
      assert.deepEqual([...PERMISSIONS['feedback:quotes']].sort(), [
        'beheerder',
        'programmabureau',
      ]);
    } finally {
      await app.close();
    }
  });
});
