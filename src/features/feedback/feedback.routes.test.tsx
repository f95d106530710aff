import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { browserUnavailable } from '../../../test/helpers/browser.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { csrfToken, login, makeUser } from '../../../test/security/security-app.ts';
import { renderPage } from '../../views/render.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { SurveyThanksPage } from '../survey/web/views/survey-thanks.page.tsx';

const HOME = 'GM0505';
const SESSIONS = `/werkruimte/${HOME}/bijeenkomsten`;
const CODING = `/werkruimte/${HOME}/coderen/dordt-west`;
const QUOTES = `/werkruimte/${HOME}/inbreng/dordt-west/citaten`;
const NL = '/gebieden/dordt-west/inbreng';
const EN = '/en/areas/dordt-west/input';
const RESPONSE_ID = '00000000-0000-4000-8000-00000000f00d';

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/** The number of pages of a PDF, from its page objects (Chromium writes them uncompressed). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)\b/g)?.length ?? 0;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `feedback: coded counts, quote review, public page [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      const cookies: Record<string, string> = {};
      const get = (url: string, who?: string) =>
        t.app.inject({ url, headers: who ? { cookie: cookies[who]! } : {} });
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
        const users: [string, string][] = [
          ['bureau', 'programmabureau'],
          ['a', 'onderzoeker'],
          ['alliantie', 'alliantielid'],
        ];
        let n = 0;
        for (const [who, role] of users) {
          await makeUser(t.handle, `${who}@fixture.example`, [
            { role: role as 'beheerder', municipalityCode: HOME },
          ]);
          cookies[who] = (
            await login(t.app, `${who}@fixture.example`, undefined, `10.9.1.${++n}`)
          ).cookie;
        }
        const planned = await post(
          SESSIONS,
          {
            _csrf: await token(`${SESSIONS}/nieuw`, 'bureau'),
            titel: 'Fixture-sessie inbreng',
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
        const input = await post(
          `${SESSIONS}/${session}/inbreng`,
          {
            _csrf: await token(`${SESSIONS}/${session}`, 'a'),
            thema: 'wonen',
            soort: 'knelpunt',
            tekst: 'Fixture: de portiek is <b>vies</b>',
            citeren: 'ja',
          },
          'a',
        );
        assert.equal(input.statusCode, 303, input.body);
        // A sent resident response with an open answer (the shipped survey has no consent question).
        const db = t.handle.db;
        await db
          .insertInto('survey_responses')
          .values({
            id: RESPONSE_ID,
            questionnaire_key: 'bewonersenquete-dordt-west',
            version: 1,
            channel: 'web',
            source: 'uitnodiging',
            language: 'nl',
            status: 'ingediend',
            interviewer_id: null,
            keyer_id: null,
            form_number: null,
            resume_hash: null,
            idempotency_key: 'fixture-feedback',
            created_at: '2027-01-14',
            submitted_at: '2027-01-14',
            reviewed_by: null,
            reviewed_at: null,
          })
          .execute();
        await db
          .insertInto('survey_answers')
          .values({
            response_id: RESPONSE_ID,
            variable: 'eerst_verbeteren',
            value_text: 'Fixture-antwoord: meer speelplekken',
            value_number: null,
          })
          .execute();
      });
      after(async () => {
        await t?.close();
      });

      it('says in Dutch and in English that nothing is coded or decided yet, each linking to the other', async () => {
        const nl = await get(NL);
        assert.equal(nl.statusCode, 200);
        assert.match(nl.body, /<html lang="nl"/);
        assert.match(nl.body, /Wat we met uw inbreng deden in Dordt West/);
        assert.match(nl.body, /nog niet gelezen en ingedeeld/);
        assert.match(nl.body, /Er is nog geen besluit\./);
        assert.match(nl.body, new RegExp(`href="${EN}" hreflang="en" lang="en"`));
        assert.match(nl.body, /Fixture-sessie inbreng/);
        assert.doesNotMatch(nl.body, /<table/, 'no figures before anything is coded');
        const en = await get(EN);
        assert.equal(en.statusCode, 200);
        assert.match(en.body, /<html lang="en"/);
        assert.match(en.body, /What we did with your input in Dordt West/);
        assert.match(en.body, /Nothing has been decided yet\./);
        assert.match(en.body, new RegExp(`href="${NL}" hreflang="nl" lang="nl"`));
        assert.equal((await get('/gebieden/bestaat-niet/inbreng')).statusCode, 404);
        assert.equal((await get('/en/areas/bestaat-niet/input')).statusCode, 404);
      });

      it('codes the session input and the open survey answer in one screen, without the response id', async () => {
        const saved = await post(
          `${CODING}/codeboek`,
          {
            _csrf: await token(`${CODING}/codeboek`, 'a'),
            codes: 'wonen; Onderhoud\nonderwijs; Spelen',
          },
          'a',
        );
        assert.equal(saved.statusCode, 303, saved.body);
        const seen: string[] = [];
        for (let n = 0; n < 2; n += 1) {
          const screen = await get(`${CODING}/item`, 'a');
          assert.doesNotMatch(screen.body, new RegExp(RESPONSE_ID));
          const source = /name="bron" value="([^"]+)"/.exec(screen.body)?.[1] ?? '';
          const item = /name="item" value="([^"]+)"/.exec(screen.body)?.[1] ?? '';
          seen.push(source);
          const res = await post(
            `${CODING}/item`,
            {
              _csrf: csrfToken(screen.body),
              bron: source,
              item,
              code: source === 'enquete' ? 'onderwijs-spelen' : 'wonen-onderhoud',
            },
            'a',
          );
          assert.equal(res.statusCode, 303, res.body);
        }
        assert.deepEqual(seen.sort(), ['bijeenkomst', 'enquete']);
        const overview = decode((await get(CODING, 'alliantie')).body);
        assert.match(overview, /Bewonersenquête \(open antwoord\)/);
        assert.doesNotMatch(overview, /meer speelplekken/, 'the alliance never sees raw answers');
      });

      it('shows the coded counts per theme and source on the public page, and no text yet', async () => {
        const body = decode((await get(NL)).body);
        const row = (theme: string) =>
          new RegExp(`data-thema="${theme}"[\\s\\S]*?</tr>`).exec(body)?.[0] ?? '';
        // Columns: residents, professionals, sessions, together.
        assert.deepEqual(row('wonen').match(/>(\d+)</g), ['>0<', '>0<', '>1<', '>1<']);
        assert.deepEqual(row('onderwijs').match(/>(\d+)</g), ['>1<', '>0<', '>0<', '>1<']);
        assert.doesNotMatch(body, /portiek|speelplekken/);
      });

      it('lets only the programme bureau approve quotes the source allowed; audited; then public', async () => {
        for (const who of ['a', 'alliantie'])
          assert.equal((await get(QUOTES, who)).statusCode, 403);
        const page = await get(QUOTES, 'bureau');
        assert.equal(page.statusCode, 200);
        const html = decode(page.body);
        assert.match(html, /Fixture: de portiek is &lt;b(&gt;|>)vies&lt;\/b/);
        assert.doesNotMatch(html, /speelplekken/, 'no consent question: the answer is no quote');
        const item = /name="item" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
        const noToken = await post(
          QUOTES,
          { bron: 'bijeenkomst', item, besluit: 'goedgekeurd' },
          'bureau',
        );
        assert.equal(noToken.statusCode, 403);
        const wrong = await post(
          QUOTES,
          { _csrf: csrfToken(page.body), bron: 'bijeenkomst', item, besluit: 'later' },
          'bureau',
        );
        assert.equal(wrong.statusCode, 400);
        assert.match(decode(wrong.body), /Besluit: kies goedkeuren of afwijzen\./);
        assert.doesNotMatch((await get(NL)).body, /portiek/);
        const ok = await post(
          QUOTES,
          { _csrf: csrfToken(page.body), bron: 'bijeenkomst', item, besluit: 'goedgekeurd' },
          'bureau',
        );
        assert.equal(ok.statusCode, 303, ok.body);
        assert.match(
          decode((await get(NL)).body),
          /<q lang="nl">Fixture: de portiek is &lt;b(&gt;|>)vies&lt;\/b(&gt;|>)<\/q>/,
        );
        assert.match((await get(EN)).body, /portiek/);
        const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
        const entry = audit.find((e) => e.action === 'citaat.goedgekeurd');
        assert.ok(entry, 'approval audited');
        assert.doesNotMatch(JSON.stringify(entry), /portiek/);
      });

      it('renders the flyer as one A4 page', async (ctx) => {
        const flyer = await get(`${NL}/folder`);
        assert.equal(flyer.statusCode, 200);
        assert.match(flyer.body, /css\/flyer\.css/);
        assert.match(
          flyer.body,
          /Op internet: http:\/\/localhost:3000\/gebieden\/dordt-west\/inbreng/,
        );
        const reason = browserUnavailable();
        if (reason) return ctx.skip(reason);
        for (const url of [`${NL}/folder.pdf`, `${EN}/folder.pdf`]) {
          const res = await get(url);
          assert.equal(res.statusCode, 200, url);
          assert.equal(res.headers['content-type'], 'application/pdf');
          assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
          assert.equal(pdfPageCount(res.rawPayload), 1, url);
        }
      });
    },
  );
}

describe('the survey thank-you page', () => {
  it('links to what was done with the input, in the respondent’s language', async () => {
    const { loadQuestionnaires } = await import('../survey/definition/load.ts');
    const { loadXlsForm } = await import('../survey/definition/xlsform.ts');
    const path = await import('node:path');
    const list = await loadQuestionnaires(path.resolve('questionnaires'), loadXlsForm);
    const q = list.find((x) => x.key === 'bewonersenquete-dordt-west')!;
    assert.match(
      renderPage(<SurveyThanksPage q={q} language="nl" />),
      /href="\/gebieden\/dordt-west\/inbreng"/,
    );
    assert.match(
      renderPage(<SurveyThanksPage q={q} language="en" />),
      /href="\/en\/areas\/dordt-west\/input"/,
    );
  });
});
