import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../../config.ts';
import { describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import {
  buildSecurityApp,
  csrfToken,
  form,
  login,
  makeUser,
} from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { seedFocusAreas } from '../seed/focus-areas.seed.ts';
import { AllianceRepository } from './alliance.repository.ts';
import { seedAlliance } from './alliance.seed.ts';

const datasetsDir = path.join(projectRoot, 'datasets');
const BASE = '/werkruimte/GM0505/alliantie/dordt-west';

async function setUp(handle: TestDb) {
  await seedFocusAreas(handle.db, datasetsDir);
  await seedAlliance(handle.db, 'seed');
  const app = await buildSecurityApp(handle);
  const users = {
    pb: await makeUser(handle, 'pb@fixture.example', [
      { role: 'programmabureau', municipalityCode: 'GM0505' },
    ]),
    lid: await makeUser(handle, 'lid@fixture.example', [
      { role: 'alliantielid', municipalityCode: 'GM0505' },
    ]),
    ander: await makeUser(handle, 'ander@fixture.example', [
      { role: 'beheerder', municipalityCode: 'GM0014' },
    ]),
  };
  return { app, users, repo: new AllianceRepository(handle.db) };
}

async function post(
  app: FastifyInstance,
  session: { cookie: string; token: string },
  url: string,
  fields: Record<string, string>,
) {
  const body = form({ _csrf: session.token, ...fields });
  return app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie: session.cookie },
  });
}

describeEachDialect('Alliance routes', (getDb) => {
  it('shows the seeded Alliance publicly, with empty seats as "nog niet ingevuld"', async () => {
    const { app } = await setUp(getDb());
    try {
      const res = await app.inject({ method: 'GET', url: '/gebieden/dordt-west/alliantie' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /<html lang="nl"/);
      for (const sector of [
        'Burgemeester (voorzitter)',
        'Woningcorporatie',
        'Ministerie van Justitie en Veiligheid',
        'Bewoners',
      ])
        assert.ok(res.body.includes(sector), sector);
      assert.equal(res.body.match(/nog niet ingevuld/g)?.length, 20);
      const missing = await app.inject({ method: 'GET', url: '/gebieden/bestaat-niet/alliantie' });
      assert.equal(missing.statusCode, 404);
    } finally {
      await app.close();
    }
  });

  it('lets the programme bureau fill the register, plan a meeting, decide twice and add an action', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({ method: 'GET', url: BASE, headers: { cookie: pb.cookie } });
      assert.equal(page.statusCode, 200);
      const token = csrfToken(page.body);
      const session = { cookie: pb.cookie, token };
      const seats = await repo.listSeats('dordt-west');
      const police = seats.find((s) => s.sector === 'Politie')!;

      // Without a CSRF token: refused, nothing written.
      const noToken = await post(app, { cookie: pb.cookie, token: '' }, `${BASE}/leden`, {
        zetel: police.id,
        organisatie: 'Politie',
        vanaf: '2026-01-01',
      });
      assert.equal(noToken.statusCode, 403);
      // A bad date: a Dutch message naming the field, nothing written.
      const bad = await post(app, session, `${BASE}/leden`, {
        zetel: police.id,
        organisatie: 'Politie',
        vanaf: '1-1-2026',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Lid vanaf: vul een datum in als jjjj-mm-dd/);
      assert.match(bad.body, /value="Politie"/, 'the form keeps what was typed');
      assert.deepEqual(await repo.listMemberships('dordt-west'), []);

      const added = await post(app, session, `${BASE}/leden`, {
        zetel: police.id,
        organisatie: 'Politie Zuid-Holland-Zuid',
        vertegenwoordiger: 'Niet Openbaar',
        functie: 'Teamchef',
        vanaf: '2026-01-01',
      });
      assert.equal(added.statusCode, 303);
      const schools = seats.find((s) => s.sector === 'Primair onderwijs')!;
      await post(app, session, `${BASE}/leden`, {
        zetel: schools.id,
        organisatie: 'Stichting Basisscholen',
        vertegenwoordiger: 'Wel Openbaar',
        functie: 'Bestuurder',
        naam_openbaar: 'ja',
        vanaf: '2026-01-01',
      });

      const planned = await post(app, session, `${BASE}/vergaderingen`, {
        datum: '2026-12-15',
        begintijd: '19:30',
        eindtijd: '21:00',
        plaats: 'Wijkcentrum Crabbehof',
        agenda: 'Opening\nContouren en hoofdthema’s',
        documenten: 'Voorstel contouren | https://example.org/voorstel.pdf',
      });
      assert.equal(planned.statusCode, 303);
      const meetingUrl = String(planned.headers.location).replace(/\?.*$/, '');
      assert.match(meetingUrl, /\/vergaderingen\/[0-9a-f-]{36}$/);
      const one = await post(app, session, `${meetingUrl}/besluiten`, {
        besluit_titel: 'De Alliantie stelt de contouren vast',
        openbaarheid: 'openbaar',
      });
      const two = await post(app, session, `${meetingUrl}/besluiten`, {
        besluit_titel: 'Grondpositie Wielwijk verkennen',
        besluit_tekst: 'Onderhandelingsruimte tot een bedrag X',
        openbaarheid: 'vertrouwelijk',
      });
      assert.deepEqual([one.statusCode, two.statusCode], [303, 303]);
      const action = await post(app, session, `${meetingUrl}/acties`, {
        actie: 'Wijkschouw organiseren',
        eigenaar: police.id,
        deadline: '2026-01-31',
      });
      assert.equal(action.statusCode, 303);

      const docs = await post(app, session, `${meetingUrl}/documenten`, {
        documenten: 'Verslag (fixture) | https://example.org/verslag.pdf',
      });
      assert.equal(docs.statusCode, 303);
      const meeting = await app.inject({
        method: 'GET',
        url: meetingUrl,
        headers: { cookie: pb.cookie },
      });
      assert.match(meeting.body, /Verslag \(fixture\)/);
      assert.match(meeting.body, /Besluit 2026-01/);
      assert.match(meeting.body, /Besluit 2026-02 · Vertrouwelijk/);
      assert.match(meeting.body, /href="https:\/\/example.org\/voorstel.pdf"/);

      const overdue = await app.inject({
        method: 'GET',
        url: `${BASE}/acties`,
        headers: { cookie: pb.cookie },
      });
      assert.match(overdue.body, /Te laat \(1\)/);
      assert.match(overdue.body, /Politie Zuid-Holland-Zuid \(Politie\)/);

      // Public: consented names only, public decisions only, also in the feed.
      const pub = await app.inject({ method: 'GET', url: '/gebieden/dordt-west/alliantie' });
      assert.match(pub.body, /Wel Openbaar, Bestuurder/);
      assert.doesNotMatch(pub.body, /Niet Openbaar/);
      assert.match(pub.body, /De Alliantie stelt de contouren vast/);
      assert.doesNotMatch(pub.body, /Grondpositie|Onderhandelingsruimte/);
      const ics = await app.inject({
        method: 'GET',
        url: '/gebieden/dordt-west/alliantie/vergaderingen.ics',
      });
      assert.equal(ics.statusCode, 200);
      assert.match(String(ics.headers['content-type']), /^text\/calendar/);
      assert.match(ics.body, /^BEGIN:VCALENDAR\r\n/);
      assert.match(ics.body, /DTSTART:20261215T183000Z\r\n/);
      assert.doesNotMatch(ics.body.replace(/\r\n /g, ''), /Grondpositie|Onderhandelingsruimte/);

      // Consent withdrawn: the name leaves the public page.
      const schoolMember = (await repo.listMemberships('dordt-west')).find(
        (m) => m.organisation === 'Stichting Basisscholen',
      )!;
      const withdrawn = await post(app, session, `${BASE}/leden/${schoolMember.id}/openbaar`, {
        naam_openbaar: 'nee',
      });
      assert.equal(withdrawn.statusCode, 303);
      const pubAfter = await app.inject({ method: 'GET', url: '/gebieden/dordt-west/alliantie' });
      assert.doesNotMatch(pubAfter.body, /Wel Openbaar/);

      const actions = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).map(
        (a) => a.action,
      );
      for (const label of [
        'alliantie.lid-toegevoegd',
        'alliantie.vergadering-gepland',
        'alliantie.besluit-vastgelegd',
        'alliantie.actie-toegevoegd',
        'alliantie.toestemming-naam-gewijzigd',
      ])
        assert.ok(actions.includes(label), label);
    } finally {
      await app.close();
    }
  });

  it('lets an Alliance member read confidential decisions but change nothing; another municipality reads nothing', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({
        method: 'GET',
        url: `${BASE}/vergaderingen`,
        headers: { cookie: pb.cookie },
      });
      const session = { cookie: pb.cookie, token: csrfToken(page.body) };
      const planned = await post(app, session, `${BASE}/vergaderingen`, {
        datum: '2026-02-10',
        begintijd: '10:00',
        eindtijd: '12:00',
        plaats: 'Stadskantoor',
        agenda: 'Opening',
      });
      const meetingUrl = String(planned.headers.location).replace(/\?.*$/, '');
      await post(app, session, `${meetingUrl}/besluiten`, {
        besluit_titel: 'Vertrouwelijk punt',
        openbaarheid: 'vertrouwelijk',
      });

      const lid = await login(app, 'lid@fixture.example');
      const list = await app.inject({
        method: 'GET',
        url: `${BASE}/besluiten`,
        headers: { cookie: lid.cookie },
      });
      assert.equal(list.statusCode, 200);
      assert.match(list.body, /Vertrouwelijk punt/);
      assert.doesNotMatch(list.body, /<form method="post"/, 'no edit forms for a member');
      const denied = await post(app, lid, `${meetingUrl}/besluiten`, {
        besluit_titel: 'Mag niet',
        openbaarheid: 'openbaar',
      });
      assert.equal(denied.statusCode, 403);

      const ander = await login(app, 'ander@fixture.example');
      const foreign = await app.inject({
        method: 'GET',
        url: `${BASE}/besluiten`,
        headers: { cookie: ander.cookie },
      });
      assert.equal(foreign.statusCode, 403);
      // Its own municipality's address with Dordt West in it: no such focus area there.
      const own = `/werkruimte/GM0014/alliantie/dordt-west`;
      const ownList = await app.inject({
        method: 'GET',
        url: `${own}/besluiten`,
        headers: { cookie: ander.cookie },
      });
      assert.equal(ownList.statusCode, 404);
      assert.doesNotMatch(ownList.body, /Vertrouwelijk punt/);
      const seat = (await repo.listSeats('dordt-west'))[1]!;
      const write = await post(app, ander, `${own}/leden`, {
        zetel: seat.id,
        organisatie: 'Kaper',
        vanaf: '2026-01-01',
      });
      assert.equal(write.statusCode, 404);
      assert.deepEqual(await repo.listMemberships('dordt-west'), []);
      assert.equal((await repo.listDecisions('dordt-west')).length, 1);
    } finally {
      await app.close();
    }
  });

  it('updates an agreement and shows where Wijkkompas shows it', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({
        method: 'GET',
        url: `${BASE}/afspraken`,
        headers: { cookie: pb.cookie },
      });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Afbakening van het gebied/);
      assert.match(page.body, /href="\/gebieden\/dordt-west"/);
      assert.match(page.body, /500\.000 per jaar/);
      const agreement = (await repo.listAgreements('dordt-west')).find(
        (a) => a.subject === 'monitoring' && a.party === 'gemeente',
      )!;
      const session = { cookie: pb.cookie, token: csrfToken(page.body) };
      const bad = await post(app, session, `${BASE}/afspraken/${agreement.id}`, {
        status: 'gerealiseerd',
        onderbouwing: '',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Onderbouwing: schrijf op waaruit blijkt/);
      const ok = await post(app, session, `${BASE}/afspraken/${agreement.id}`, {
        status: 'in-uitvoering',
        onderbouwing: 'De brede monitor staat in Wijkkompas',
      });
      assert.equal(ok.statusCode, 303);
      assert.equal((await repo.findAgreement(agreement.id))!.status, 'in-uitvoering');

      const addBad = await post(app, session, `${BASE}/afspraken`, {
        onderwerp: 'monitoring',
        partij: 'gemeente',
        afspraak: '',
        bron: 'Besluit (fixture)',
      });
      assert.equal(addBad.statusCode, 400);
      assert.match(addBad.body, /Afspraak: schrijf op wat is afgesproken/);
      assert.equal((await repo.listAgreements('dordt-west')).length, 11);
      const added = await post(app, session, `${BASE}/afspraken`, {
        onderwerp: 'monitoring',
        partij: 'rijk-en-gemeente',
        afspraak: 'Samen een jaarlijkse voortgangsrapportage (fixture)',
        bron: 'Besluit (fixture)',
        link: '/gebieden/dordt-west',
      });
      assert.equal(added.statusCode, 303);
      const after = await app.inject({
        method: 'GET',
        url: `${BASE}/afspraken`,
        headers: { cookie: pb.cookie },
      });
      assert.match(after.body, /Samen een jaarlijkse voortgangsrapportage \(fixture\)/);
    } finally {
      await app.close();
    }
  });
  it("corrects a member's details, keeps who was a member when, refuses an overlapping start date", async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({ method: 'GET', url: BASE, headers: { cookie: pb.cookie } });
      const session = { cookie: pb.cookie, token: csrfToken(page.body) };
      const seat = (await repo.listSeats('dordt-west')).find((s) => s.kind === 'partner')!;
      await post(app, session, `${BASE}/leden`, {
        zetel: seat.id,
        organisatie: 'Eerste Organisatie',
        vanaf: '2026-01-01',
      });
      const first = (await repo.listMemberships('dordt-west'))[0]!;
      await post(app, session, `${BASE}/leden/${first.id}/einde`, { tot: '2026-03-31' });
      await post(app, session, `${BASE}/leden`, {
        zetel: seat.id,
        organisatie: 'Woonstichtnig Fixture',
        vertegenwoordiger: 'F. Bestuurdr',
        vanaf: '2026-04-01',
      });
      const second = (await repo.listMemberships('dordt-west')).find((m) => m.id !== first.id)!;
      const memberUrl = `${BASE}/leden/${second.id}`;

      // The register links to the member's page; its form starts from what is stored.
      const register = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      assert.match(register.body, new RegExp(`href="${memberUrl}"`));
      const before = await app.inject({ url: memberUrl, headers: { cookie: pb.cookie } });
      assert.equal(before.statusCode, 200);
      assert.match(before.body, /id="veld-organisatie"[^>]*value="Woonstichtnig Fixture"/);

      const overlap = await post(app, session, memberUrl, {
        organisatie: 'Woonstichting Fixture',
        vertegenwoordiger: 'F. Bestuurder',
        vanaf: '2026-03-01',
      });
      assert.equal(overlap.statusCode, 400);
      assert.match(overlap.body, /href="#veld-vanaf"/);
      assert.match(overlap.body, /nog een ander lid \(Eerste Organisatie, tot en met 2026-03-31\)/);
      assert.equal((await repo.findMembership(second.id))!.organisation, 'Woonstichtnig Fixture');

      const ok = await post(app, session, memberUrl, {
        organisatie: 'Woonstichting Fixture',
        vertegenwoordiger: 'F. Bestuurder',
        functie: 'Directeur',
        naam_openbaar: 'ja',
        gremia: 'Huurdersoverleg\r\n\r\nWijkplatform',
        vanaf: '2026-04-01',
      });
      assert.equal(ok.statusCode, 303);
      const after = (await repo.findMembership(second.id))!;
      assert.equal(after.organisation, 'Woonstichting Fixture');
      assert.equal(after.networks, 'Huurdersoverleg\nWijkplatform');
      assert.equal(after.seat_id, seat.id);
      assert.equal(after.ends_on, null);
      // The history still has both memberships, each with its own period.
      const history = await repo.listMemberships('dordt-west');
      assert.deepEqual(
        history.map((m) => [m.organisation, m.starts_on, m.ends_on]),
        [
          ['Eerste Organisatie', '2026-01-01', '2026-03-31'],
          ['Woonstichting Fixture', '2026-04-01', null],
        ],
      );
      const publicPage = await app.inject({ url: '/gebieden/dordt-west/alliantie' });
      assert.match(publicPage.body, /F\. Bestuurder/);

      const audit = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).filter(
        (a) => a.action === 'alliantie.lid-gewijzigd',
      );
      assert.equal(audit.length, 1, 'the refused correction wrote nothing');
      const entry = JSON.stringify(audit[0]);
      assert.match(entry, /Woonstichtnig Fixture/);
      assert.match(entry, /Woonstichting Fixture/);
      assert.doesNotMatch(entry, /vanaf/, 'only changed fields');

      const lid = await login(app, 'lid@fixture.example');
      const asMember = await app.inject({ url: memberUrl, headers: { cookie: lid.cookie } });
      assert.equal(asMember.statusCode, 200);
      assert.match(asMember.body, /Woonstichting Fixture/);
      assert.doesNotMatch(asMember.body, /<form method="post"/);
      const denied = await post(app, lid, memberUrl, {
        organisatie: 'Mag niet',
        vanaf: '2026-04-01',
      });
      assert.equal(denied.statusCode, 403);
      assert.equal((await repo.findMembership(second.id))!.organisation, 'Woonstichting Fixture');
    } finally {
      await app.close();
    }
  });
  it('moves a meeting until its first decision; the public feed follows; audited', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({
        url: `${BASE}/vergaderingen`,
        headers: { cookie: pb.cookie },
      });
      const session = { cookie: pb.cookie, token: csrfToken(page.body) };
      const planned = await post(app, session, `${BASE}/vergaderingen`, {
        datum: '2026-02-10',
        begintijd: '10:00',
        eindtijd: '12:00',
        plaats: 'Stadskantor',
        agenda: 'Opening',
      });
      const meetingUrl = String(planned.headers.location).replace(/\?.*$/, '');
      const id = meetingUrl.split('/').at(-1)!;
      const form = await app.inject({ url: meetingUrl, headers: { cookie: pb.cookie } });
      assert.match(form.body, /id="veld-plaats"[^>]*value="Stadskantor"/);
      assert.match(form.body, /id="veld-datum"[^>]*value="2026-02-10"/);

      const moved = await post(app, session, meetingUrl, {
        titel: 'Alliantie Dordt West',
        datum: '2026-02-17',
        begintijd: '19:30',
        eindtijd: '21:00',
        plaats: 'Stadskantoor',
        agenda: 'Opening\nBegroting',
      });
      assert.equal(moved.statusCode, 303);
      const after = (await repo.findMeeting(id))!;
      assert.equal(after.starts_at, '2026-02-17T18:30:00.000Z');
      assert.equal(after.place, 'Stadskantoor');
      const feed = await app.inject({ url: '/gebieden/dordt-west/alliantie/vergaderingen.ics' });
      assert.match(feed.body, /LOCATION:Stadskantoor\r\n/);
      assert.match(feed.body, /DTSTART:20260217T183000Z/);

      await post(app, session, `${meetingUrl}/besluiten`, {
        besluit_titel: 'Begroting vastgesteld',
        openbaarheid: 'openbaar',
      });
      const refused = await post(app, session, meetingUrl, {
        titel: 'Alliantie Dordt West',
        datum: '2026-03-03',
        begintijd: '19:30',
        eindtijd: '21:00',
        plaats: 'Stadskantoor',
        agenda: 'Opening',
      });
      assert.equal(refused.statusCode, 400);
      assert.match(refused.body, /href="#veld-datum"/);
      assert.match(refused.body, /heeft al besluiten \(2026-01\)/);
      assert.equal((await repo.findMeeting(id))!.starts_at, '2026-02-17T18:30:00.000Z');
      assert.equal(JSON.parse((await repo.findMeeting(id))!.agenda).length, 2, 'nothing changed');

      const audit = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).filter(
        (a) => a.action === 'alliantie.vergadering-gewijzigd',
      );
      assert.equal(audit.length, 1);
      assert.match(JSON.stringify(audit[0]), /Stadskantor\\+"/);
      assert.match(JSON.stringify(audit[0]), /2026-02-17T18:30:00.000Z/);

      const lid = await login(app, 'lid@fixture.example');
      const asMember = await app.inject({ url: meetingUrl, headers: { cookie: lid.cookie } });
      assert.doesNotMatch(asMember.body, /Vergadering opslaan/);
      const denied = await post(app, lid, meetingUrl, {
        titel: 'X',
        datum: '2026-02-17',
        begintijd: '19:30',
        eindtijd: '21:00',
        plaats: 'Elders',
        agenda: 'X',
      });
      assert.equal(denied.statusCode, 403);
      assert.equal((await repo.findMeeting(id))!.place, 'Stadskantoor');
    } finally {
      await app.close();
    }
  });

  it('corrects a seat, a decision, an action and an agreement through their edit forms', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const register = await app.inject({
        method: 'GET',
        url: BASE,
        headers: { cookie: pb.cookie },
      });
      const session = { cookie: pb.cookie, token: csrfToken(register.body) };
      const police = (await repo.listSeats('dordt-west')).find((s) => s.sector === 'Politie')!;
      // The register links to the seat's edit form.
      assert.ok(register.body.includes(`href="${BASE}/zetels/${police.id}/wijzigen"`));
      const planned = await post(app, session, `${BASE}/vergaderingen`, {
        datum: '2026-01-20',
        begintijd: '19:30',
        eindtijd: '21:00',
        plaats: 'Wijkcentrum',
        agenda: 'Opening',
      });
      const meetingUrl = String(planned.headers.location).replace(/\?.*$/, '');
      await post(app, session, `${meetingUrl}/besluiten`, {
        besluit_titel: 'De Aliantie stelt de contouren vast',
        openbaarheid: 'openbaar',
      });
      const decision = (await repo.listDecisions('dordt-west'))[0]!;
      await post(app, session, `${meetingUrl}/acties`, {
        actie: 'Wijkschouw planen',
        eigenaar: police.id,
        deadline: '2026-02-01',
      });
      const action = (await repo.listActions('dordt-west'))[0]!;
      const agreement = (await repo.listAgreements('dordt-west'))[0]!;
      const meetingPage = await app.inject({
        method: 'GET',
        url: meetingUrl,
        headers: { cookie: pb.cookie },
      });
      assert.ok(meetingPage.body.includes(`href="${BASE}/besluiten/${decision.id}/wijzigen"`));
      assert.ok(meetingPage.body.includes(`href="${BASE}/acties/${action.id}/wijzigen"`));
      for (const [url, id] of [
        [`${BASE}/besluiten`, decision.id],
        [`${BASE}/acties`, action.id],
        [`${BASE}/afspraken`, agreement.id],
      ] as const) {
        const list = await app.inject({ method: 'GET', url, headers: { cookie: pb.cookie } });
        assert.ok(list.body.includes(`${url}/${id}/wijzigen"`), url);
      }

      // Each edit form: prefilled, with CSRF and the "as loaded" value.
      const forms = {
        seat: `${BASE}/zetels/${police.id}/wijzigen`,
        decision: `${BASE}/besluiten/${decision.id}/wijzigen`,
        action: `${BASE}/acties/${action.id}/wijzigen`,
        agreement: `${BASE}/afspraken/${agreement.id}/wijzigen`,
      };
      const loaded: Record<string, string> = {};
      for (const [key, url] of Object.entries(forms)) {
        const page = await app.inject({ method: 'GET', url, headers: { cookie: pb.cookie } });
        assert.equal(page.statusCode, 200, url);
        assert.match(page.body, /name="_csrf"/);
        loaded[key] = /name="geladen" value="([^"]+)"/.exec(page.body)![1]!;
      }
      const decisionForm = await app.inject({
        method: 'GET',
        url: forms.decision,
        headers: { cookie: pb.cookie },
      });
      assert.match(decisionForm.body, /value="De Aliantie stelt de contouren vast"/);

      // Bad input: a Dutch message naming the field, nothing changed, nothing audited.
      const auditBefore = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).length;
      const bad = await post(app, session, forms.decision, {
        geladen: loaded.decision!,
        besluit_titel: '',
        besluit_tekst: 'Iets',
        openbaarheid: 'openbaar',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Besluit: vul in wat de Alliantie besloot, in één zin\./);
      assert.match(bad.body, /href="#veld-besluit_titel"/);
      const badAction = await post(app, session, forms.action, {
        geladen: loaded.action!,
        actie: 'Wijkschouw plannen',
        eigenaar: police.id,
        deadline: '1 april',
      });
      assert.equal(badAction.statusCode, 400);
      assert.match(badAction.body, /Deadline: vul een datum in als jjjj-mm-dd\./);
      assert.match(badAction.body, /Wijkschouw plannen/, 'the typed text stays');
      assert.equal((await repo.listDecisions('dordt-west'))[0]!.title, decision.title);
      assert.equal((await repo.findAction(action.id))!.due_on, '2026-02-01');
      assert.equal(
        (await listAudit(handle.db, { municipalityCode: 'GM0505' })).length,
        auditBefore,
      );

      // Without a CSRF token: refused, nothing written.
      const noToken = await post(app, { cookie: pb.cookie, token: '' }, forms.seat, {
        geladen: loaded.seat!,
        sector: 'Gekaapt',
        soort: 'partner',
      });
      assert.equal(noToken.statusCode, 403);

      // The corrections.
      const saves = [
        await post(app, session, forms.seat, {
          geladen: loaded.seat!,
          sector: 'Politie en handhaving',
          soort: 'partner',
          toelichting: police.note,
        }),
        await post(app, session, forms.decision, {
          geladen: loaded.decision!,
          besluit_titel: 'De Alliantie stelt de contouren vast',
          openbaarheid: 'openbaar',
        }),
        await post(app, session, forms.action, {
          geladen: loaded.action!,
          actie: 'Wijkschouw plannen',
          eigenaar: police.id,
          deadline: '2026-04-01',
        }),
        await post(app, session, forms.agreement, {
          geladen: loaded.agreement!,
          onderwerp: agreement.subject,
          partij: agreement.party,
          afspraak: 'Een verbeterde afspraak.',
          bron: agreement.source,
          link: agreement.link_path ?? '',
          link_tekst: agreement.link_label ?? '',
        }),
      ];
      assert.deepEqual(
        saves.map((r) => r.statusCode),
        [303, 303, 303, 303],
      );
      assert.equal(
        (await repo.listSeats('dordt-west')).find((s) => s.id === police.id)!.sector,
        'Politie en handhaving',
      );
      assert.equal((await repo.findAction(action.id))!.due_on, '2026-04-01');
      const decisions = await app.inject({
        method: 'GET',
        url: `${BASE}/besluiten`,
        headers: { cookie: pb.cookie },
      });
      assert.match(decisions.body, /De Alliantie stelt de contouren vast/);
      assert.match(decisions.body, /gewijzigd op \d+ [a-z]+ 20\d\d/);
      const publicPage = await app.inject({ method: 'GET', url: '/gebieden/dordt-west/alliantie' });
      assert.match(publicPage.body, /De Alliantie stelt de contouren vast/);
      assert.match(publicPage.body, /gewijzigd op/);
      const agreements = await app.inject({
        method: 'GET',
        url: `${BASE}/afspraken`,
        headers: { cookie: pb.cookie },
      });
      assert.match(agreements.body, /Een verbeterde afspraak\.[\s\S]{0,200}gewijzigd op/);
      const audit = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).filter((a) =>
        [
          'alliantie.zetel-gewijzigd',
          'alliantie.besluit-gewijzigd',
          'alliantie.actie-gewijzigd',
          'alliantie.afspraak-gewijzigd',
        ].includes(a.action),
      );
      assert.equal(audit.length, 4);
      const decisionEntry = audit.find((a) => a.action === 'alliantie.besluit-gewijzigd')!;
      assert.deepEqual(JSON.parse(String(decisionEntry.before)), {
        besluit: 'De Aliantie stelt de contouren vast',
      });
      assert.deepEqual(JSON.parse(String(decisionEntry.after)), {
        besluit: 'De Alliantie stelt de contouren vast',
      });

      // A form loaded before that save: a Dutch 409 that keeps the typed text, nothing changed.
      const late = await post(app, session, forms.agreement, {
        geladen: loaded.agreement!,
        onderwerp: agreement.subject,
        partij: agreement.party,
        afspraak: 'Mijn eigen tekst van tegelijk.',
        bron: agreement.source,
      });
      assert.equal(late.statusCode, 409);
      assert.match(late.body, /Iemand anders heeft deze afspraak gewijzigd/);
      assert.match(late.body, /Uw wijziging is niet bewaard/);
      assert.match(late.body, /Mijn eigen tekst van tegelijk\./);
      assert.match(late.body, /Nu opgeslagen[\s\S]*Een verbeterde afspraak\./);
      assert.equal(
        (await repo.findAgreement(agreement.id))!.commitment,
        'Een verbeterde afspraak.',
      );
      // The form now carries the stored version: saving again is a deliberate overwrite.
      const again = /name="geladen" value="([^"]+)"/.exec(late.body)![1]!;
      assert.equal(again, (await repo.findAgreement(agreement.id))!.updated_at);
    } finally {
      await app.close();
    }
  });

  it('keeps the edit forms from Alliance members and from another municipality', async () => {
    const handle = getDb();
    const { app, repo } = await setUp(handle);
    try {
      const seat = (await repo.listSeats('dordt-west'))[1]!;
      const agreement = (await repo.listAgreements('dordt-west'))[0]!;
      const paths = [`zetels/${seat.id}`, `afspraken/${agreement.id}`];
      const lid = await login(app, 'lid@fixture.example');
      for (const p of paths) {
        const denied = await app.inject({
          method: 'GET',
          url: `${BASE}/${p}/wijzigen`,
          headers: { cookie: lid.cookie },
        });
        assert.equal(denied.statusCode, 403, p);
      }
      // Alliance members see no Wijzigen links.
      const list = await app.inject({
        method: 'GET',
        url: `${BASE}/afspraken`,
        headers: { cookie: lid.cookie },
      });
      assert.doesNotMatch(list.body, /\/wijzigen"/);

      // Another municipality's beheerder, in its own municipality's address: no such record.
      const ander = await login(app, 'ander@fixture.example');
      const own = '/werkruimte/GM0014/alliantie/dordt-west';
      for (const p of paths) {
        const page = await app.inject({
          method: 'GET',
          url: `${own}/${p}/wijzigen`,
          headers: { cookie: ander.cookie },
        });
        assert.equal(page.statusCode, 404, p);
      }
      const write = await post(app, ander, `${own}/zetels/${seat.id}/wijzigen`, {
        geladen: seat.updated_at,
        sector: 'Gekaapt',
        soort: 'partner',
      });
      assert.equal(write.statusCode, 404);
      // A record id that is not in this focus area: 404 for the programme bureau too.
      const pb = await login(app, 'pb@fixture.example');
      const missing = await app.inject({
        method: 'GET',
        url: `${BASE}/besluiten/${seat.id}/wijzigen`,
        headers: { cookie: pb.cookie },
      });
      assert.equal(missing.statusCode, 404);
      assert.equal(
        (await repo.listSeats('dordt-west')).find((s) => s.id === seat.id)!.sector,
        seat.sector,
      );
    } finally {
      await app.close();
    }
  });
});
