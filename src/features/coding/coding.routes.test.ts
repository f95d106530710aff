import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { csrfToken, login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';

const HOME = 'GM0505';
const SESSIONS = `/werkruimte/${HOME}/bijeenkomsten`;
const BASE = `/werkruimte/${HOME}/coderen/dordt-west`;

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`coding: codebook, coding screen, agreement [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};

    const get = (url: string, who: string) =>
      t.app.inject({ url, headers: { cookie: cookies[who]! } });
    const post = (url: string, fields: Record<string, string | string[]>, who: string) => {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(fields))
        for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
      return t.app.inject({
        method: 'POST',
        url,
        payload: params.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies[who]! },
      });
    };
    const token = async (url: string, who: string) => csrfToken((await get(url, who)).body);

    before(async () => {
      t = await buildTestApp(dialect);
      const users: [string, string, string][] = [
        ['bureau', 'programmabureau', HOME],
        ['a', 'onderzoeker', HOME],
        ['b', 'onderzoeker', HOME],
        ['c', 'onderzoeker', HOME],
        ['alliantie', 'alliantielid', HOME],
        ['groningen', 'beheerder', 'GM0014'],
      ];
      let n = 0;
      for (const [who, role, code] of users) {
        await makeUser(t.handle, `${who}@fixture.example`, [
          { role: role as 'beheerder', municipalityCode: code },
        ]);
        cookies[who] = (
          await login(t.app, `${who}@fixture.example`, undefined, `10.9.0.${++n}`)
        ).cookie;
      }
      const planned = await post(
        SESSIONS,
        {
          _csrf: await token(`${SESSIONS}/nieuw`, 'bureau'),
          titel: 'Fixture-sessie',
          gebied: 'dordt-west',
          themas: ['wonen'],
          datum: '2099-03-12',
          begintijd: '19:30',
          eindtijd: '21:30',
          plaats: 'Fixture-buurthuis',
          organisator: 'Fixture',
          doelgroep: 'gemengd',
          openbaar: 'ja',
        },
        'bureau',
      );
      assert.equal(planned.statusCode, 303, planned.body);
      const session = String(planned.headers.location).split('/').pop()!.split('?')[0]!;
      for (const text of ['Fixture: <script>alert(1)</script> schimmel', 'Fixture: huur te hoog']) {
        const res = await post(
          `${SESSIONS}/${session}/inbreng`,
          {
            _csrf: await token(`${SESSIONS}/${session}`, 'a'),
            thema: 'wonen',
            soort: 'knelpunt',
            tekst: text,
          },
          'a',
        );
        assert.equal(res.statusCode, 303, res.body);
      }
    });
    after(async () => {
      await t?.close();
    });

    it('refuses a post without a valid CSRF token and saves nothing', async () => {
      const res = await post(`${BASE}/codeboek`, { codes: 'wonen; Zonder token' }, 'a');
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch((await get(`${BASE}/codeboek`, 'a')).body, /Zonder token/);
    });

    it('answers a wrong codebook with a Dutch message naming the line, and keeps no version', async () => {
      const res = await post(
        `${BASE}/codeboek`,
        { _csrf: await token(`${BASE}/codeboek`, 'a'), codes: 'wonen; Schimmel\nsport; Veld' },
        'a',
      );
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Regel 2: thema "sport" staat niet in de catalogus\./);
      assert.match(res.body, /Er is nog geen codeboek/);
    });

    it('two researchers code the sample; kappa and counts show; every change is audited', async () => {
      const saved = await post(
        `${BASE}/codeboek`,
        {
          _csrf: await token(`${BASE}/codeboek`, 'a'),
          codes: 'wonen; Schimmel\nwonen; Huur',
          toelichting: 'Eerste versie',
        },
        'a',
      );
      assert.equal(saved.statusCode, 303, saved.body);
      const drawn = await post(
        `${BASE}/steekproef`,
        { _csrf: await token(BASE, 'a'), aantal: '2', zaad: 'fixture' },
        'a',
      );
      assert.equal(drawn.statusCode, 303, drawn.body);
      for (const who of ['a', 'b']) {
        for (let i = 0; i < 2; i += 1) {
          const screen = await get(`${BASE}/item`, who);
          assert.equal(screen.statusCode, 200);
          assert.doesNotMatch(screen.body, /<script>alert/);
          const item = /name="item" value="([^"]+)"/.exec(screen.body)![1]!;
          const code = screen.body.includes('schimmel</p>') ? 'wonen-schimmel' : 'wonen-huur';
          const res = await post(
            `${BASE}/item`,
            { _csrf: csrfToken(screen.body), bron: 'bijeenkomst', item, code },
            who,
          );
          assert.equal(res.statusCode, 303, res.body);
        }
        assert.match((await get(`${BASE}/item`, who)).body, /alle items gecodeerd/);
      }
      const overview = await get(BASE, 'alliantie');
      assert.equal(overview.statusCode, 200);
      assert.match(overview.body, /Door twee\s+codeurs gecodeerd: 2\./);
      assert.match(overview.body, /Cohens kappa: 1,00/);
      assert.doesNotMatch(overview.body, /Fixture: huur/, 'the alliance never sees texts');
      assert.doesNotMatch(overview.body, /Steekproef trekken/);
      assert.match(overview.body, />Schimmel<\/td>\s*<td[^>]*>1<\/td>/);
      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      const actions = audit.map((r) => r.action);
      assert.ok(actions.includes('codeboek.nieuwe_versie'));
      assert.ok(actions.includes('steekproef.getrokken'));
      assert.equal(actions.filter((a) => a === 'codering.toegekend').length, 4);
    });

    it('refuses a code that is not in the codebook with a Dutch message, and an unknown item', async () => {
      // Every item is coded (twice, in the sample): nothing left to offer, but a named item opens.
      assert.match((await get(`${BASE}/item`, 'c')).body, /alle items gecodeerd/);
      const { id: item } = await t.handle.db
        .selectFrom('participation_inputs')
        .select('id')
        .executeTakeFirstOrThrow();
      const screen = await get(`${BASE}/item?bron=bijeenkomst&id=${item}`, 'c');
      assert.equal(screen.statusCode, 200);
      assert.match(screen.body, new RegExp(`name="item" value="${item}"`));
      const res = await post(
        `${BASE}/item`,
        { _csrf: csrfToken(screen.body), bron: 'bijeenkomst', item, code: 'wonen-onbekend' },
        'c',
      );
      assert.equal(res.statusCode, 400);
      assert.match(decode(res.body), /Code: kies één van de codes uit het codeboek\./);
      assert.match(res.body, /id="veld-code"/);
      const unknown = await post(
        `${BASE}/item`,
        { _csrf: csrfToken(screen.body), bron: 'bijeenkomst', item: 'x', code: 'wonen-huur' },
        'c',
      );
      assert.equal(unknown.statusCode, 404);
      assert.equal((await get(`${BASE}/item?bron=bijeenkomst&id=x`, 'c')).statusCode, 404);
      assert.match((await get(BASE, 'c')).body, /U hebt|Verder met coderen/);
      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      assert.equal(audit.filter((r) => r.action === 'codering.toegekend').length, 4);
    });

    it('lets the alliance and the bureau read counts only, and keeps other municipalities out', async () => {
      for (const who of ['alliantie', 'bureau']) {
        assert.equal((await get(BASE, who)).statusCode, 200);
        assert.equal((await get(`${BASE}/item`, who)).statusCode, 403);
        assert.equal((await get(`${BASE}/codeboek`, who)).statusCode, 403);
      }
      assert.equal((await get(BASE, 'groningen')).statusCode, 403);
      assert.equal((await get(`/werkruimte/${HOME}/coderen/bestaat-niet`, 'a')).statusCode, 404);
    });
  });
}
