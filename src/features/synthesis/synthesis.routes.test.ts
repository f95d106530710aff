import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { parseHtml, queryAll, queryOne, textOf } from '../../../test/helpers/html.ts';
import { csrfToken, login, makeUser } from '../../../test/security/security-app.ts';
import { evidenceAnchor } from '../../shared/evidence.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { THEMES } from '../budget/themes.ts';
import { buildSynthesisTestApp, FIXTURE_SESSION_ID } from './test-fixtures.ts';

const HOME = 'GM0505';
const PAGE = `/werkruimte/${HOME}/themakaart/dordt-west`;

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`themakaart of Dordt West [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    const get = (url: string, who: string) =>
      t.app.inject({ url, headers: { cookie: cookies[who]! } });
    const post = (url: string, fields: Record<string, string>, who: string) =>
      t.app.inject({
        method: 'POST',
        url,
        payload: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies[who]! },
      });

    before(async () => {
      t = await buildSynthesisTestApp(dialect);
      const users: [string, string, string][] = [
        ['bureau', 'programmabureau', HOME],
        ['onderzoeker', 'onderzoeker', HOME],
        ['alliantie', 'alliantielid', HOME],
        ['interviewer', 'interviewer', HOME],
        ['groningen', 'beheerder', 'GM0014'],
      ];
      let n = 0;
      for (const [who, role, code] of users) {
        await makeUser(t.handle, `${who}@fixture.example`, [
          { role: role as 'beheerder', municipalityCode: code },
        ]);
        cookies[who] = (
          await login(t.app, `${who}@fixture.example`, undefined, `10.8.0.${++n}`)
        ).cookie;
      }
    });
    after(async () => {
      await t?.close();
    });

    it('shows the five themes side by side, each item with its evidence anchor and link', async () => {
      const res = await get(PAGE, 'onderzoeker');
      assert.equal(res.statusCode, 200, res.body);
      const doc = parseHtml(res.body);
      for (const theme of THEMES) queryOne(doc, `section#thema-${theme.key}`);
      // The monitor: the seeded CBS figures of Dordt West, with a direction against the city.
      const crime = queryOne(
        doc,
        `#${evidenceAnchor({ kind: 'indicator', id: 'misdrijven-per-1000' })}`,
      );
      assert.match(textOf(crime), /(hoger|lager) dan in de gemeente \([^;]+; verschil [+-]?\d/);
      assert.match(textOf(queryOne(crime, '[data-richting]')), /gunstiger dan de gemeente/);
      assert.equal(
        queryOne(crime, 'a').getAttribute('href'),
        '/gebieden/dordt-west/indicatoren/misdrijven-per-1000',
      );
      assert.ok(crime.closest('section#thema-veiligheid-en-leefbaarheid'));
      // A count is not compared with the whole city, and says why.
      const residents = queryOne(
        doc,
        `#${evidenceAnchor({ kind: 'indicator', id: 'aantal-inwoners' })}`,
      );
      assert.match(textOf(residents), /een aantal: niet te vergelijken/);
      // Residents: weighted, with margins.
      const unsafe = queryOne(
        doc,
        `#${evidenceAnchor({ kind: 'survey', id: 'fixture-themakaart-bewoners:onveilig_buurt' })}`,
      );
      assert.match(textOf(unsafe), /ja: \d+% \(\d+% tot \d+%\)/);
      assert.match(textOf(unsafe), /gewogen/);
      // Professionals: the small question is shown with its warning, not hidden.
      const school = queryOne(
        doc,
        `#${evidenceAnchor({ kind: 'professionals', id: 'fixture-themakaart-professionals:school_samenwerking' })}`,
      );
      assert.match(textOf(school), /te onzeker.*minder dan 30/);
      assert.ok(school.closest('section#thema-onderwijs'));
      // Sessions: counts per kind, votes, top inputs with text for a researcher.
      const wonen = queryOne(doc, 'section#thema-wonen');
      assert.match(textOf(queryOne(wonen, '[data-inbreng-telling]')), /2 keer inbreng, 10 stemmen/);
      const top = queryOne(
        wonen,
        `#${evidenceAnchor({ kind: 'input', id: '00000000-0000-4000-8000-00000000b001' })}`,
      );
      assert.match(textOf(top), /schimmel in de portiekflats/);
      assert.equal(
        queryOne(top, 'a').getAttribute('href'),
        `/werkruimte/${HOME}/bijeenkomsten/${FIXTURE_SESSION_ID}`,
      );
      const code = queryOne(wonen, `#${evidenceAnchor({ kind: 'code', id: 'wonen-onderhoud' })}`);
      assert.match(textOf(code), /2 uit bijeenkomsten/);
    });

    it('ranks the themes with the score, the rules in words and the weights shown', async () => {
      const doc = parseHtml((await get(PAGE, 'onderzoeker')).body);
      const rows = queryAll(doc, '[data-rangorde] tbody tr');
      assert.equal(rows.length, 5);
      // Highest score first. Housing leads: most votes (10 of 15) and coded mentions (2 of 3).
      const scores = rows.map((r) => Number(textOf(queryOne(r, '[data-score]')).replace(',', '.')));
      assert.deepEqual(
        scores,
        [...scores].sort((a, b) => b - a),
      );
      assert.equal(rows[0]!.getAttribute('data-thema'), 'wonen');
      // No housing indicator has a direction: no monitor urgency for that theme (not a zero).
      assert.match(textOf(rows[0]!), /geen cijfer/);
      for (const s of ['monitor', 'bewoners', 'professionals', 'bijeenkomsten', 'codes'])
        assert.match(textOf(queryOne(doc, `[data-regels] [data-bron="${s}"]`)), /gewicht 20/);
      assert.equal(queryAll(doc, '[data-weggelaten]').length, 0);
      // A researcher reads but does not change the weights.
      assert.equal(queryAll(doc, 'form[action$="/gewichten"]').length, 0);
    });

    it('lets the alliance read the synthesis, but no input text and no weights form', async () => {
      const res = await get(PAGE, 'alliantie');
      assert.equal(res.statusCode, 200);
      assert.doesNotMatch(res.body, /schimmel in de portiekflats|donkere speelplaats/);
      assert.match(res.body, /De tekst van inbreng ziet u niet met uw rol/);
      // The figures are there, but no link to the survey results the alliance may not open.
      assert.match(res.body, /FIXTURE: voelt u zich weleens onveilig/);
      assert.doesNotMatch(res.body, /\/enquetes\/[^"]+\/resultaten/);
      assert.match((await get(PAGE, 'onderzoeker')).body, /\/enquetes\/[^"]+\/resultaten/);
      assert.doesNotMatch(res.body, /name="gewicht_monitor"/);
      const denied = await post(`${PAGE}/gewichten`, { gewicht_monitor: '99' }, 'alliantie');
      assert.equal(denied.statusCode, 403);
      assert.equal((await get(PAGE, 'interviewer')).statusCode, 403);
      assert.equal((await get(PAGE, 'groningen')).statusCode, 403);
      assert.equal(
        (await get(`/werkruimte/${HOME}/themakaart/bestaat-niet`, 'bureau')).statusCode,
        404,
      );
    });

    it('refuses bad weights naming the field and a post without CSRF; saves good ones, audited', async () => {
      const page = await get(PAGE, 'bureau');
      const token = csrfToken(page.body);
      const fields = {
        gewicht_monitor: '20',
        gewicht_bewoners: '20',
        gewicht_professionals: '20',
        gewicht_bijeenkomsten: '20',
        gewicht_codes: '20',
      };
      const noToken = await post(
        `${PAGE}/gewichten`,
        { ...fields, gewicht_monitor: '90' },
        'bureau',
      );
      assert.equal(noToken.statusCode, 403);
      const bad = await post(
        `${PAGE}/gewichten`,
        { _csrf: token, ...fields, gewicht_monitor: '120' },
        'bureau',
      );
      assert.equal(bad.statusCode, 400);
      assert.match(
        bad.body,
        /Gewicht Monitor \(cijfers\): vul een heel getal van 0 tot en met 100 in\./,
      );
      assert.match(
        bad.body,
        /id="veld-gewicht_monitor"[^>]*value="120"|value="120"[^>]*id="veld-gewicht_monitor"/,
      );
      assert.equal(
        (await listAudit(t.handle.db, { municipalityCode: HOME })).filter(
          (r) => r.action === 'themakaart.gewichten_gewijzigd',
        ).length,
        0,
      );
      const ok = await post(
        `${PAGE}/gewichten`,
        { _csrf: token, ...fields, gewicht_bewoners: '0', gewicht_monitor: '40' },
        'bureau',
      );
      assert.equal(ok.statusCode, 303, ok.body);
      const after = parseHtml((await get(PAGE, 'onderzoeker')).body);
      assert.match(
        textOf(queryOne(after, '[data-bron="monitor"]')),
        /gewicht 40, telt mee voor 40%/,
      );
      assert.match(textOf(queryOne(after, '[data-bron="bewoners"]')), /gewicht 0/);
      assert.match(
        textOf(after),
        /Gewichten het laatst gewijzigd op \d{4}-\d\d-\d\d door Fixture Gebruiker/,
      );
      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      const entry = audit.find((r) => r.action === 'themakaart.gewichten_gewijzigd');
      assert.ok(entry);
      assert.match(String(entry.after), /"Monitor \(cijfers\)":40/);
    });

    it('links the themakaart from the workspace home of the roles that may open it', async () => {
      for (const [who, shown] of [
        ['bureau', true],
        ['alliantie', true],
        ['interviewer', false],
      ] as const) {
        const home = await get('/werkruimte', who);
        assert.equal(home.body.includes(`href="${PAGE}"`), shown, who);
      }
    });
  });
}
