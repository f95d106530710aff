import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { projectRoot } from '../../config.ts';
import { describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import { buildSecurityApp, form, login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { seedFocusAreas } from '../seed/focus-areas.seed.ts';
import { seedAlliance } from '../alliance/index.ts';
import { ParticipationRepository } from '../participation/index.ts';
import { CouncilLetterRepository } from './council-letter.repository.ts';

const datasetsDir = path.join(projectRoot, 'datasets');
const BASE = '/werkruimte/GM0505/raadsbrieven/dordt-west';
const PUBLIC = '/gebieden/dordt-west/raadsbrieven';

async function setUp(handle: TestDb) {
  await seedFocusAreas(handle.db, datasetsDir);
  const app = await buildSecurityApp(handle);
  await makeUser(handle, 'pb@fixture.example', [
    { role: 'programmabureau', municipalityCode: 'GM0505' },
  ]);
  await makeUser(handle, 'lid@fixture.example', [
    { role: 'alliantielid', municipalityCode: 'GM0505' },
  ]);
  return {
    app,
    pb: await login(app, 'pb@fixture.example', undefined, '10.9.0.1'),
    lid: await login(app, 'lid@fixture.example', undefined, '10.9.0.2'),
    repo: new CouncilLetterRepository(handle.db),
  };
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

const get = (app: FastifyInstance, url: string, cookie = '') =>
  app.inject({ method: 'GET', url, headers: { cookie } });

describeEachDialect('council letter routes', (getDb) => {
  it('writes, reviews and publishes a letter; then refuses every change and serves only the snapshot', async () => {
    const { app, pb, lid, repo } = await setUp(getDb());
    try {
      const started = await post(app, pb, BASE, { titel: 'Stand van zaken Dordt West' });
      assert.equal(started.statusCode, 303);
      const url = started.headers.location as string;
      const id = url.split('/').at(-1)!;

      // A draft: live blocks with source and version, "nog niet geladen" without monitor data.
      const draft = await get(app, url, pb.cookie);
      assert.equal(draft.statusCode, 200);
      assert.match(draft.body, /Kerncijfers uit de monitor/);
      assert.match(draft.body, /Deze cijfers zijn nog niet geladen/);
      assert.match(draft.body, /Gegevensversie /);
      // Not public while it is a draft; the Alliance member reads it in the workspace.
      assert.equal((await get(app, `${PUBLIC}/1`)).statusCode, 404);
      assert.equal((await get(app, url, lid.cookie)).statusCode, 200);

      const saved = await post(app, pb, url, {
        aanleiding: '<script>alert(1)</script>\n\nTweede alinea',
        kernboodschap: 'Afspraken met het Rijk.',
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await post(app, pb, `${url}/publiceren`, {})).statusCode, 409);
      assert.equal(
        (await post(app, pb, `${url}/status`, { naar: 'ter-beoordeling' })).statusCode,
        303,
      );
      const review = await post(app, pb, url, { aanleiding: 'Tijdens beoordeling' });
      assert.equal(review.statusCode, 400);
      assert.match(review.body, /ter beoordeling/);
      assert.equal((await post(app, pb, `${url}/publiceren`, {})).statusCode, 303);

      const published = await get(app, `${PUBLIC}/1`);
      assert.equal(published.statusCode, 200);
      assert.ok(!published.body.includes('<script>alert(1)</script>'));
      assert.match(published.body, /&lt;script>alert\(1\)&lt;\/script>/);
      const row = (await repo.findLetter(id))!;
      assert.ok(published.body.includes(row.content_hash!));
      const archive = await get(app, PUBLIC);
      assert.match(archive.body, /Stand van zaken Dordt West/);

      // Frozen: the service says so (409), nothing changes, and the audit log has each step.
      for (const [path, fields] of [
        [url, { aanleiding: 'Veranderd' }],
        [`${url}/status`, { naar: 'concept' }],
        [`${url}/publiceren`, {}],
      ] as const) {
        const res = await post(app, pb, path, fields);
        assert.equal(res.statusCode, 409, path);
      }
      assert.deepEqual(await repo.findLetter(id), row);
      const actions = (await listAudit(getDb().db, { municipalityCode: 'GM0505' })).map(
        (a) => a.action,
      );
      for (const a of [
        'raadsbrief.concept-gestart',
        'raadsbrief.tekst-opgeslagen',
        'raadsbrief.ter-beoordeling',
        'raadsbrief.gepubliceerd',
      ])
        assert.ok(actions.includes(a), a);

      // Alliance members may read but not write.
      assert.equal((await post(app, lid, BASE, {})).statusCode, 403);
    } finally {
      await app.close();
    }
  });

  it('plans council moments, refuses a bad date by its field, and offers them as iCal', async () => {
    const { app, pb } = await setUp(getDb());
    try {
      const bad = await post(app, pb, `${BASE}/momenten`, { datum: '15-03-2027', onderwerp: '' });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Datum: vul een datum in als jjjj-mm-dd/);
      assert.match(bad.body, /Onderwerp: schrijf waarover/);
      const ok = await post(app, pb, `${BASE}/momenten`, {
        datum: '2099-03-15',
        onderwerp: "De contouren en belangrijkste thema's",
      });
      assert.equal(ok.statusCode, 303);
      const ics = await get(app, `${PUBLIC}/momenten.ics`);
      assert.equal(ics.statusCode, 200);
      assert.match(String(ics.headers['content-type']), /^text\/calendar/);
      assert.match(ics.body, /DTSTART;VALUE=DATE:20990315/);
      const archive = await get(app, PUBLIC);
      assert.match(
        archive.body,
        /15 maart 2099: De contouren en belangrijkste thema&#39;s|15 maart 2099: De contouren en belangrijkste thema's/,
      );
    } finally {
      await app.close();
    }
  });

  it('fills the live blocks of a draft from the real participation, Alliance and budget services', async () => {
    const handle = getDb();
    const { app, pb } = await setUp(handle);
    try {
      await seedAlliance(handle.db, 'seed');
      const participation = new ParticipationRepository(handle.db);
      const session = {
        municipality_code: 'GM0505',
        focus_area_slug: 'dordt-west',
        description: null,
        location: 'Buurthuis',
        organiser: 'Programmabureau',
        audience: 'gemengd' as const,
        is_public: 1,
        cancel_reason: null,
        created_at: 't',
        created_by: 'test',
        updated_at: 't',
        updated_by: 'test',
      };
      await participation.insertSession(
        {
          ...session,
          id: '00000000-0000-4000-8000-000000000101',
          title: 'Eerste brede kennissessie',
          starts_at: '2026-10-01T17:00:00.000Z',
          ends_at: '2026-10-01T19:00:00.000Z',
          status: 'gepland',
        },
        ['wonen'],
      );
      await participation.insertSession(
        {
          ...session,
          id: '00000000-0000-4000-8000-000000000102',
          title: 'Later',
          starts_at: '2099-10-01T17:00:00.000Z',
          ends_at: '2099-10-01T19:00:00.000Z',
          status: 'gepland',
        },
        ['wonen'],
      );
      const input = {
        municipality_code: 'GM0505',
        focus_area_slug: 'dordt-west',
        source: 'bijeenkomst' as const,
        session_id: '00000000-0000-4000-8000-000000000101',
        sub_theme: null,
        kind: 'knelpunt' as const,
        table_group: null,
        votes: 0,
        quote_allowed: 0,
        quote_review: 'niet_toegestaan' as const,
        import_id: null,
        import_row: null,
        created_at: 't',
        created_by: 'test',
      };
      await participation.insertInputs([
        { ...input, id: 'i1', theme_key: 'wonen', text: 'Tocht' },
        { ...input, id: 'i2', theme_key: 'wonen', text: 'Schimmel' },
        { ...input, id: 'i3', theme_key: 'onderwijs', text: 'Huiswerkklas' },
      ]);
      // The Dordt West seed already holds BZK's contribution as a funding source.
      const started = await post(app, pb, BASE, {});
      const draft = await get(app, started.headers.location as string, pb.cookie);
      const cell = (key: string) =>
        new RegExp(
          `data-figuur="${key}"[^>]*>[\\s\\S]*?<td class="utrecht-table__cell">([^<]*)</td>`,
        ).exec(draft.body)?.[1];
      assert.equal(cell('participatie:gehouden'), '1');
      assert.equal(cell('participatie:gepland'), '1');
      assert.equal(cell('participatie:inbreng'), '3');
      assert.equal(cell('participatie:inbreng:Wonen'), '2');
      assert.equal(cell('alliantie:zetel:Politie'), 'nog niet ingevuld');
      assert.equal(
        cell('financien:rijk:Bijdrage Rijk voor het programmabureau'),
        '€ 500.000,00 per jaar',
      );
      assert.equal(cell('financien:begroot'), '€ 0,00');
      // The monitor has no data in this database: said, not invented.
      assert.match(
        draft.body,
        /Kerncijfers uit de monitor[\s\S]*?Deze cijfers zijn nog niet geladen/,
      );
    } finally {
      await app.close();
    }
  });
});
