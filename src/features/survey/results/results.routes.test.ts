import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import { browserUnavailable } from '../../../../test/helpers/browser.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { isDenied, login, makeUser } from '../../../../test/security/security-app.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { fixtureResidentSurvey as q, submitFixtureRespondents } from '../test-fixtures.ts';

const BASE = `/werkruimte/GM0505/enquetes/${q.key}`;
const noBrowser = browserUnavailable();

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`survey results, exports and paper form [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let app: FastifyInstance;
    let researcher: string;
    let interviewer: string;
    let keyer: string;
    before(async () => {
      handle = await createTestDb(dialect);
      await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
      await submitFixtureRespondents(handle.db, q, new Date('2027-03-01T10:00:00Z'));
      app = await buildApp({
        services: createServices(handle, { datasetsDir, questionnaires: [q] }),
        sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
      });
      await app.ready();
      await makeUser(handle, 'onderzoek@fixture.example', [
        { role: 'onderzoeker', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'interview@fixture.example', [
        { role: 'interviewer', municipalityCode: 'GM0505' },
      ]);
      await makeUser(handle, 'invoer@fixture.example', [
        { role: 'invoerder', municipalityCode: 'GM0505' },
      ]);
      researcher = (await login(app, 'onderzoek@fixture.example', undefined, '10.7.0.1')).cookie;
      keyer = (await login(app, 'invoer@fixture.example', undefined, '10.7.0.3')).cookie;
      interviewer = (await login(app, 'interview@fixture.example', undefined, '10.7.0.2')).cookie;
    });
    after(async () => {
      await app?.close();
      await handle?.drop();
    });

    it('shows unweighted and weighted shares side by side with the weighting summary', async () => {
      const res = await app.inject({ url: `${BASE}/resultaten`, headers: { cookie: researcher } });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /400 antwoorden tellen mee/);
      assert.match(res.body, /data-weighting="gewogen"/);
      assert.match(res.body, /Effectief aantal \(Kish\)/);
      const table = /<div[^>]*data-result="onveilig_buurt"[^>]*>([\s\S]*?)<\/table>/.exec(res.body);
      assert.ok(table);
      assert.match(table[1]!, /data-cell="ongewogen">\d+,\d% \(/);
      assert.match(table[1]!, /data-cell="gewogen">\d+,\d% \(/);
      // "weet niet" was never given: a 0 is no risk to anyone, so it is shown (issue 12).
      assert.match(table[1]!, /data-category="weet_niet"[\s\S]*?data-cell="aantal">0</);
    });

    it('gives a 500 when the margins cannot be read, not "niet gewogen"', async () => {
      // The same database, but every read of the observations (where the margins come from)
      // fails as a broken connection would: that error must reach the error handler.
      const broken = handle.db.withPlugin({
        transformQuery(args) {
          if (JSON.stringify(args.node).includes('"observations"')) {
            throw new Error('verbinding verbroken (test)');
          }
          return args.node;
        },
        transformResult: async (args) => args.result,
      });
      const brokenApp = await buildApp({
        services: createServices({ ...handle, db: broken }, { datasetsDir, questionnaires: [q] }),
        sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
      });
      try {
        await brokenApp.ready();
        const cookie = (await login(brokenApp, 'onderzoek@fixture.example', undefined, '10.7.0.9'))
          .cookie;
        const res = await brokenApp.inject({ url: `${BASE}/resultaten`, headers: { cookie } });
        assert.equal(res.statusCode, 500);
        assert.doesNotMatch(res.body, /data-weighting="niet gewogen"/);
        assert.doesNotMatch(res.body, /verbinding verbroken/);
      } finally {
        await brokenApp.close();
      }
    });

    it('breaks a question down per channel and per buurt, and names a wrong one', async () => {
      const byBuurt = await app.inject({
        url: `${BASE}/resultaten?vraag=onveilig_buurt&naar=buurt`,
        headers: { cookie: researcher },
      });
      assert.equal(byBuurt.statusCode, 200);
      assert.match(byBuurt.body, /data-domain="buurt"/);
      assert.match(byBuurt.body, /Crabbehof-Zuid \(BU05050800\)/);
      const byWijk = await app.inject({
        url: `${BASE}/resultaten?vraag=onveilig_buurt&naar=wijk`,
        headers: { cookie: researcher },
      });
      assert.equal(byWijk.statusCode, 200);
      assert.match(byWijk.body, /data-domain="wijk"/);
      assert.match(byWijk.body, /WK050508/);
      // The weighting section says the level, how many weights were trimmed and how far each
      // margin ends from its target (issue 12, points 6 and 7).
      assert.match(byWijk.body, /data-level[^>]*>buurt</);
      assert.match(
        byWijk.body,
        /data-trimmed="\d+"[^>]*>0,3 tot 3 × het gemiddelde: \d+ van de 400/,
      );
      assert.equal((byWijk.body.match(/data-margin="/g) ?? []).length, 3);
      const bad = await app.inject({
        url: `${BASE}/resultaten?vraag=bestaat_niet&naar=buurt`,
        headers: { cookie: researcher },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Parameter vraag/);
    });

    it('exports CSV, SPSS and XLSX with the weight, and refuses an unknown format', async () => {
      const csv = await app.inject({
        url: `${BASE}/export?formaat=csv`,
        headers: { cookie: researcher },
      });
      assert.equal(csv.statusCode, 200);
      const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<
        string,
        string
      >[];
      assert.equal(rows.length, 400);
      // Three weights (issue 12): gewicht at sample scale (mean 1), gewicht_populatie summing
      // to the population, gewicht_ongetrimd before trimming.
      const weighted = rows.filter((r) => r.gewicht !== '');
      assert.ok(weighted.length > 0);
      const sum = (k: string) => weighted.reduce((a, r) => a + Number(r[k]), 0);
      assert.ok(Math.abs(sum('gewicht') - weighted.length) < 1e-6, `gewicht: ${sum('gewicht')}`);
      assert.ok(sum('gewicht_populatie') > 20_000, `population: ${sum('gewicht_populatie')}`);
      assert.ok(
        Math.abs(sum('gewicht_ongetrimd') - sum('gewicht_populatie')) <
          1e-6 * sum('gewicht_populatie'),
      );
      const sav = await app.inject({
        url: `${BASE}/export?formaat=sav`,
        headers: { cookie: researcher },
      });
      assert.equal(sav.statusCode, 200);
      assert.equal(sav.rawPayload.subarray(0, 4).toString('latin1'), '$FL2');
      const xlsx = await app.inject({
        url: `${BASE}/export?formaat=xlsx`,
        headers: { cookie: researcher },
      });
      assert.equal(xlsx.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      const bad = await app.inject({
        url: `${BASE}/export?formaat=doc`,
        headers: { cookie: researcher },
      });
      assert.equal(bad.statusCode, 400);
    });

    it('keeps results and exports from interviewers and visitors', async () => {
      for (const url of [`${BASE}/resultaten`, `${BASE}/export?formaat=csv`]) {
        assert.ok(isDenied(await app.inject({ url, headers: { cookie: interviewer } })), url);
        assert.ok(isDenied(await app.inject({ url })), url);
      }
    });

    it('prints numbered paper forms with routing, and refuses a too large batch', async () => {
      // Numbered forms are a print run: only for the programme bureau and keyers (issue 11.7).
      assert.ok(isDenied(await app.inject(`/enquete/${q.key}/papier?van=7&tot=9`)));
      const res = await app.inject({
        url: `/enquete/${q.key}/papier?van=7&tot=9`,
        headers: { cookie: keyer },
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(
        [...res.body.matchAll(/data-form-number="(\d+)"/g)].map((m) => m[1]),
        ['000007', '000008', '000009'],
      );
      assert.match(res.body, /Crabbehof-Zuid/);
      const tooMany = await app.inject({
        url: `/enquete/${q.key}/papier?van=1&tot=101`,
        headers: { cookie: keyer },
      });
      assert.equal(tooMany.statusCode, 400);
      assert.match(tooMany.body, /hoogstens 100/);
      assert.equal((await app.inject(`/enquete/${q.key}/papier?taal=xx`)).statusCode, 400);
      assert.equal((await app.inject('/enquete/bestaat-niet/papier')).statusCode, 404);
    });

    it(
      'renders the paper form as a PDF in Chromium',
      noBrowser ? { skip: noBrowser } : {},
      async () => {
        const res = await app.inject({
          url: `/enquete/${q.key}/papier.pdf?van=1&tot=2`,
          headers: { cookie: keyer },
        });
        assert.equal(res.statusCode, 200);
        assert.equal(res.headers['content-type'], 'application/pdf');
        assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      },
    );

    it('lists the questionnaire on the survey overview with links by role', async () => {
      const mine = await app.inject({
        url: '/werkruimte/GM0505/enquetes',
        headers: { cookie: researcher },
      });
      assert.equal(mine.statusCode, 200);
      assert.match(mine.body, /Resultaten en downloads/);
      assert.match(mine.body, /400 verstuurd/);
      const theirs = await app.inject({
        url: '/werkruimte/GM0505/enquetes',
        headers: { cookie: interviewer },
      });
      assert.equal(theirs.statusCode, 200);
      assert.match(theirs.body, /Interview afnemen/);
      assert.doesNotMatch(theirs.body, /Resultaten en downloads/);
      // The workspace home, where the login lands, leads the interviewer to the surveys.
      const home = await app.inject({ url: '/werkruimte', headers: { cookie: interviewer } });
      assert.match(home.body, /href="\/werkruimte\/GM0505\/enquetes"/);
      assert.ok(
        isDenied(
          await app.inject({
            url: '/werkruimte/GM0014/enquetes',
            headers: { cookie: interviewer },
          }),
        ),
      );
    });
  });
}
