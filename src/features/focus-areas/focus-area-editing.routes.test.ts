import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { login, makeUser } from '../../../test/security/security-app.ts';
import { listAreas } from '../areas/area.repository.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { findVersion, listFocusAreas, listMembers, listVersions } from './focus-area.repository.ts';
import { fieldError, formFields, postForm } from '../../../test/helpers/forms.ts';

const HOME = 'GM0505';
const SLUG = 'dordt-west';
const EDIT = `/werkruimte/${HOME}/focusgebieden/${SLUG}`;
/** The five southern buurten the seed marks "te bevestigen" (shipped Dordt West list). */
const DOUBTFUL = ['BU05050707', 'BU05050708', 'BU05050709', 'BU05050710', 'BU05050711'];

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`workspace: focus-area editing [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let cookie: string;
    let otherCookie: string;
    let otherSlug: string;

    const latest = async () => (await findVersion(t.handle.db, SLUG))!.version;
    const editPage = async () => {
      const res = await t.app.inject({ url: EDIT, headers: { cookie } });
      assert.equal(res.statusCode, 200);
      return res.body;
    };

    before(async () => {
      t = await buildTestApp(dialect);
      await makeUser(t.handle, 'bureau@fixture.example', [
        { role: 'programmabureau', municipalityCode: HOME },
      ]);
      await makeUser(t.handle, 'groningen@fixture.example', [
        { role: 'beheerder', municipalityCode: 'GM0014' },
      ]);
      cookie = (await login(t.app, 'bureau@fixture.example', undefined, '10.9.0.1')).cookie;
      otherCookie = (await login(t.app, 'groningen@fixture.example', undefined, '10.9.0.2')).cookie;
      const other = (await listFocusAreas(t.handle.db)).find((a) => a.municipality_code !== HOME);
      assert.ok(other, 'the seed has focus areas of other municipalities');
      otherSlug = other.slug;
    });
    after(async () => {
      await t?.close();
    });

    it('lists the municipality with its workspace links on /werkruimte', async () => {
      const res = await t.app.inject({ url: '/werkruimte', headers: { cookie } });
      assert.equal(res.statusCode, 200);
      for (const href of [
        `/werkruimte/${HOME}/focusgebieden`,
        `/werkruimte/${HOME}/doelen/${SLUG}`,
        `/werkruimte/${HOME}/data`,
        '/werkruimte/catalogus',
      ]) {
        assert.ok(res.body.includes(`href="${href}"`), `no link to ${href}`);
      }
      assert.match(res.body, /Gemeente Dordrecht/);
      assert.doesNotMatch(res.body, /GM0014/);
      const anon = await t.app.inject({ url: '/werkruimte' });
      assert.equal(anon.statusCode, 303);
      assert.match(String(anon.headers.location), /^\/inloggen\?terug=/);
    });

    it('shows the current version with map, every buurt of the municipality and history', async () => {
      const html = await editPage();
      const version = await latest();
      assert.match(html, new RegExp(`Nieuwste versie: ${version}`));
      assert.match(html, /<svg[^>]*class="wk-map"/);
      const buurten = await listAreas(t.handle.db, {
        indelingYear: 2023,
        municipalityCode: HOME,
        kind: 'buurt',
      });
      assert.ok(buurten.length > 100);
      const selects = [...html.matchAll(/<select[^>]*name="status-(BU\d{8})"/g)].map((m) => m[1]);
      assert.deepEqual(selects.sort(), buurten.map((b) => b.code).sort());
      const fields = formFields(html, EDIT);
      const members = await listMembers(t.handle.db, SLUG, version);
      for (const m of members) assert.equal(fields[`status-${m.buurt_code}`], m.status);
      const nonMember = buurten.find((b) => !members.some((m) => m.buurt_code === b.code));
      assert.equal(fields[`status-${nonMember!.code}`], 'geen');
      assert.match(html, /<legend[^>]*>Wijk [^<]+<\/legend>/);
      assert.match(html, /data-versie="1"/);
      const quick = [...html.matchAll(/data-te-bevestigen="(BU\d{8})"/g)].map((m) => m[1]);
      assert.deepEqual(quick.sort(), DOUBTFUL);
    });

    it('saves the form as a new version, keeps the old one readable and audits both lists', async () => {
      const before = await latest();
      const oldMembers = await listMembers(t.handle.db, SLUG, before);
      const fields = formFields(await editPage(), EDIT);
      fields['status-BU05050707'] = 'lid';
      fields.notitie = 'Dordtse Hout hoort erbij (testwijziging, fixture).';
      const res = await postForm(t.app, EDIT, cookie, fields);
      assert.equal(res.statusCode, 303, res.body.slice(0, 400));
      assert.equal(res.headers.location, `${EDIT}?opgeslagen=${before + 1}`);
      assert.equal(await latest(), before + 1);

      const now = await listMembers(t.handle.db, SLUG, before + 1);
      assert.equal(now.find((m) => m.buurt_code === 'BU05050707')?.status, 'lid');
      assert.equal(now.length, oldMembers.length);
      // The old version is untouched.
      assert.deepEqual(await listMembers(t.handle.db, SLUG, before), oldMembers);
      const old = await t.app.inject(`/gebieden/${SLUG}?versie=${before}`);
      assert.equal(old.statusCode, 200);
      assert.match(
        old.body,
        new RegExp(`U bekijkt versie ${before} van [^;]+; de nieuwste is versie ${before + 1}`),
      );
      assert.equal((await t.app.inject(`/gebieden/${SLUG}?versie=abc`)).statusCode, 400);
      assert.equal((await t.app.inject(`/gebieden/${SLUG}?versie=999`)).statusCode, 404);

      const audit = (await listAudit(t.handle.db, { municipalityCode: HOME })).find(
        (a) => a.entity === 'focusgebied' && a.action === 'focusgebied.nieuwe-versie',
      );
      assert.ok(audit, 'no audit entry');
      assert.match(audit.actor, /^gebruiker:\S+ /);
      const b = JSON.parse(audit.before!) as {
        versie: number;
        leden: { buurt: string; status: string }[];
      };
      const a = JSON.parse(audit.after!) as {
        versie: number;
        notitie: string;
        leden: { buurt: string; status: string }[];
      };
      assert.equal(b.versie, before);
      assert.equal(a.versie, before + 1);
      assert.equal(b.leden.find((l) => l.buurt === 'BU05050707')?.status, 'te_bevestigen');
      assert.equal(a.leden.find((l) => l.buurt === 'BU05050707')?.status, 'lid');
      assert.match(a.notitie, /Dordtse Hout/);

      const page = await t.app.inject({ url: res.headers.location as string, headers: { cookie } });
      assert.match(page.body, new RegExp(`Versie ${before + 1} is opgeslagen`));
      assert.match(page.body, /Dordtse Hout hoort erbij \(testwijziging, fixture\)/);
    });

    it('confirms and rejects a te-bevestigen buurt, each as a new version', async () => {
      const html = await editPage();
      const confirmForm = formFields(html, `${EDIT}/bevestigen`);
      // The first quick form is for the first doubtful buurt still open; post for 0708.
      const v0 = await latest();
      const ok = await postForm(t.app, `${EDIT}/bevestigen`, cookie, {
        ...confirmForm,
        buurt: 'BU05050708',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal(await latest(), v0 + 1);
      const m1 = await listMembers(t.handle.db, SLUG, v0 + 1);
      assert.equal(m1.find((m) => m.buurt_code === 'BU05050708')?.status, 'lid');

      // Rejecting without a reason is refused, by the field, and writes nothing.
      const noReason = await postForm(t.app, `${EDIT}/afwijzen`, cookie, {
        ...formFields(await editPage(), `${EDIT}/afwijzen`),
        buurt: 'BU05050709',
        reden: '',
      });
      assert.equal(noReason.statusCode, 422);
      assert.match(fieldError(noReason.body, 'afwijzen-BU05050709') ?? '', /waarom/);
      assert.equal(await latest(), v0 + 1);

      const rejected = await postForm(t.app, `${EDIT}/afwijzen`, cookie, {
        ...formFields(await editPage(), `${EDIT}/afwijzen`),
        buurt: 'BU05050709',
        reden: 'Ligt ten zuiden van de Reeweg Zuid (testreden, fixture).',
      });
      assert.equal(rejected.statusCode, 303);
      assert.equal(await latest(), v0 + 2);
      const m2 = await listMembers(t.handle.db, SLUG, v0 + 2);
      const row = m2.find((m) => m.buurt_code === 'BU05050709');
      assert.equal(row?.status, 'uitgesloten');
      assert.match(row?.reason ?? '', /Reeweg Zuid/);
      const actions = (await listAudit(t.handle.db, { municipalityCode: HOME }))
        .filter((a) => a.entity === 'focusgebied')
        .map((a) => a.action);
      assert.ok(actions.includes('focusgebied.buurt-bevestigd'));
      assert.ok(actions.includes('focusgebied.buurt-afgewezen'));

      // A stale form (an older base version) is refused and changes nothing.
      const stale = await postForm(t.app, `${EDIT}/bevestigen`, cookie, {
        ...confirmForm,
        buurt: 'BU05050710',
      });
      assert.equal(stale.statusCode, 409);
      assert.match(stale.body, /intussen versie/);
      assert.equal(await latest(), v0 + 2);
    });

    it('shows validation errors by the field and writes nothing', async () => {
      const before = await latest();
      const auditBefore = (await listAudit(t.handle.db, { municipalityCode: HOME })).length;
      const fields = formFields(await editPage(), EDIT);
      fields['status-BU05050710'] = 'uitgesloten';
      fields['reden-BU05050710'] = '';
      fields['status-BU05050711'] = 'onzin';
      fields.notitie = '';
      fields.toelichting = '';
      const res = await postForm(t.app, EDIT, cookie, fields);
      assert.equal(res.statusCode, 422);
      assert.match(
        fieldError(res.body, 'reden-BU05050710') ?? '',
        /waarom deze buurt is uitgesloten/,
      );
      assert.match(fieldError(res.body, 'status-BU05050711') ?? '', /kies een status/);
      assert.match(fieldError(res.body, 'notitie') ?? '', /Schrijf kort op/);
      assert.match(fieldError(res.body, 'toelichting') ?? '', /Schrijf op waarom/);
      assert.match(res.body, /id="foutoverzicht"/);
      // What the user typed is kept in the form.
      assert.equal(formFields(res.body, EDIT)['status-BU05050710'], 'uitgesloten');
      assert.equal(await latest(), before);
      assert.equal((await listAudit(t.handle.db, { municipalityCode: HOME })).length, auditBefore);

      const unchanged = formFields(await editPage(), EDIT);
      unchanged.notitie = 'Niets veranderd (fixture).';
      const same = await postForm(t.app, EDIT, cookie, unchanged);
      assert.equal(same.statusCode, 422);
      assert.match(same.body, /Er is niets veranderd/);
      assert.equal(await latest(), before);
    });

    it('escapes a script payload in the rationale, reason and note', async () => {
      const payload = '<script>alert("x")</script><img src=x onerror=alert(1)>';
      const fields = formFields(await editPage(), EDIT);
      fields.toelichting = `Toelichting ${payload}`;
      fields['status-BU05050710'] = 'uitgesloten';
      fields['reden-BU05050710'] = payload;
      fields.notitie = payload;
      const res = await postForm(t.app, EDIT, cookie, fields);
      assert.equal(res.statusCode, 303);
      for (const url of [EDIT, `/gebieden/${SLUG}`]) {
        const page = await t.app.inject({ url, headers: { cookie } });
        assert.equal(page.statusCode, 200);
        assert.doesNotMatch(page.body, /<script>alert/);
        assert.doesNotMatch(page.body, /<img src=x/);
        // preact escapes < and quotes; a lone > cannot open a tag, so it may stay.
        assert.match(page.body, /&lt;script>alert\(&quot;x&quot;\)&lt;\/script>/);
        assert.match(page.body, /&lt;img src=x onerror=alert\(1\)>/);
      }
    });

    it('refuses a form without CSRF token with 403 and writes nothing', async () => {
      const before = await latest();
      const fields = formFields(await editPage(), EDIT);
      delete fields._csrf;
      fields['status-BU05050711'] = 'lid';
      fields.notitie = 'Zonder token (fixture).';
      const res = await postForm(t.app, EDIT, cookie, fields);
      assert.equal(res.statusCode, 403);
      const quick = await postForm(t.app, `${EDIT}/bevestigen`, cookie, {
        buurt: 'BU05050711',
        versie: String(before),
      });
      assert.equal(quick.statusCode, 403);
      assert.equal(await latest(), before);
    });

    it('refuses another municipality: by :gemeente and by a slug of another municipality', async () => {
      const before = await latest();
      const versionsBefore = (await listVersions(t.handle.db, otherSlug)).length;
      // A Groningen administrator on Dordrecht's pages.
      for (const url of [EDIT, `/werkruimte/${HOME}/focusgebieden`]) {
        const res = await t.app.inject({ url, headers: { cookie: otherCookie } });
        assert.equal(res.statusCode, 403, url);
      }
      const post = await postForm(t.app, EDIT, otherCookie, {
        'status-BU05050711': 'lid',
        notitie: 'x',
      });
      assert.equal(post.statusCode, 403);
      // A Dordrecht user who changes the address to another municipality or its area.
      const other = await listFocusAreas(t.handle.db);
      const area = other.find((a) => a.slug === otherSlug)!;
      for (const url of [
        `/werkruimte/${area.municipality_code}/focusgebieden/${otherSlug}`,
        `/werkruimte/${HOME}/focusgebieden/${otherSlug}`,
      ]) {
        const res = await t.app.inject({ url, headers: { cookie } });
        assert.equal(res.statusCode, 403, url);
      }
      const html = await editPage();
      const token = formFields(html, EDIT)._csrf!;
      const cross = await postForm(
        t.app,
        `/werkruimte/${HOME}/focusgebieden/${otherSlug}`,
        cookie,
        {
          _csrf: token,
          notitie: 'Overname (fixture).',
          toelichting: 'x',
        },
      );
      assert.equal(cross.statusCode, 403);
      assert.equal((await listVersions(t.handle.db, otherSlug)).length, versionsBefore);
      assert.equal(await latest(), before);
    });
  });
}
