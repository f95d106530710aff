import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { browserUnavailable } from '../../../test/helpers/browser.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { csrfToken, login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { DOCX_CONTENT_TYPE } from './contours.docx.ts';

const run = promisify(execFile);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skipPdf = browserUnavailable();
const HOME = 'GM0505';
const BASE = `/werkruimte/${HOME}/contouren/dordt-west`;

/** soffice on PATH; in CI its absence fails the test instead of skipping it. */
async function sofficeUnavailable(): Promise<string | undefined> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 });
    return undefined;
  } catch (error) {
    if (inCi)
      throw new Error('CI: LibreOffice (soffice) is verplicht, maar niet geïnstalleerd', {
        cause: error,
      });
    return 'LibreOffice (soffice) niet geïnstalleerd';
  }
}

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`contours proposal [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    let dir: string;
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
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-contouren-'));
      const users: [string, string, string][] = [
        ['bureau', 'programmabureau', HOME],
        ['onderzoek', 'onderzoeker', HOME],
        ['alliantie', 'alliantielid', HOME],
        ['groningen', 'beheerder', 'GM0014'],
      ];
      let n = 0;
      for (const [who, role, code] of users) {
        await makeUser(t.handle, `${who}@fixture.example`, [
          { role: role as 'beheerder', municipalityCode: code },
        ]);
        cookies[who] = (
          await login(t.app, `${who}@fixture.example`, undefined, `10.9.1.${++n}`)
        ).cookie;
      }
    });
    after(async () => {
      await t?.close();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it('refuses a post without a valid CSRF token and saves nothing', async () => {
      const res = await post(
        `${BASE}/thema/wonen`,
        { versie: '0', titel: 'Zonder token' },
        'bureau',
      );
      assert.equal(res.statusCode, 403);
      assert.match((await get(BASE, 'bureau')).body, /nog geen voorstel opgeslagen/);
    });

    it('drafts, links evidence to the theme card, submits, sets and freezes; every step audited', async () => {
      const form = await get(`${BASE}/thema/wonen`, 'bureau');
      assert.equal(form.statusCode, 200);
      const indicator = /name="doel-1-indicator"[\s\S]*?<option value="([^"]+)"/.exec(
        form.body,
      )?.[1];
      assert.ok(indicator, 'the goal offers the indicators of the theme');
      const bad = await post(
        `${BASE}/thema/wonen`,
        { _csrf: csrfToken(form.body), versie: '0', titel: '', ambitie: 'Zonder titel' },
        'bureau',
      );
      assert.equal(bad.statusCode, 400);
      assert.match(decode(bad.body), /Titel: geef het hoofdthema een titel/);
      assert.match(bad.body, /Zonder titel/, 'the text typed stays');
      const saved = await post(
        `${BASE}/thema/wonen`,
        {
          _csrf: csrfToken(form.body),
          versie: '0',
          titel: 'Fixture: <b>goed</b> wonen',
          ambitie: 'Iedereen woont gezond.',
          'doel-1': 'Minder schimmel',
          'doel-1-indicator': indicator,
          'actie-1': 'Woningschouw',
        },
        'bureau',
      );
      assert.equal(saved.statusCode, 303, saved.body);

      const picker = await get(`${BASE}/thema/wonen/bewijs?onderdeel=doel-1`, 'bureau');
      assert.equal(picker.statusCode, 200);
      const offered = [...picker.body.matchAll(/name="bewijs" value="([^"]+)"/g)].map((m) =>
        decode(m[1]!),
      );
      const chosen = [
        offered.find((r) => r.startsWith('indicator:')),
        offered.find((r) => r.startsWith('survey:')),
      ].filter((r): r is string => r !== undefined);
      assert.equal(chosen.length, 2, offered.join(' '));
      const picked = await post(
        `${BASE}/thema/wonen/bewijs`,
        { _csrf: csrfToken(picker.body), versie: '1', onderdeel: 'doel-1', bewijs: chosen },
        'bureau',
      );
      assert.equal(picked.statusCode, 303, picked.body);
      const foreign = await post(
        `${BASE}/thema/wonen/bewijs`,
        {
          _csrf: csrfToken(picker.body),
          versie: '2',
          onderdeel: 'doel-1',
          bewijs: 'input:bestaat-niet',
        },
        'bureau',
      );
      assert.equal(foreign.statusCode, 400);
      assert.match(decode(foreign.body), /Onderbouwing: één keuze hoort niet bij dit thema/);

      const read = await get(BASE, 'alliantie');
      assert.equal(read.statusCode, 200);
      assert.doesNotMatch(read.body, /<b>goed/);
      assert.match(read.body, /Fixture: &lt;b>goed&lt;\/b> wonen/);
      const anchor = chosen[0]!
        .replace(/^indicator:/, 'bewijs-indicator-')
        .replace(/[^A-Za-z0-9_-]/g, '-');
      assert.match(
        read.body,
        new RegExp(`href="/werkruimte/${HOME}/themakaart/dordt-west#${anchor}"`),
      );
      assert.doesNotMatch(read.body, /action="\/werkruimte\/GM0505\/contouren/, 'reading only');
      assert.doesNotMatch(read.body, /bewerken/);
      assert.equal((await get(BASE, 'onderzoek')).statusCode, 200);
      assert.equal((await get(`${BASE}/thema/wonen`, 'alliantie')).statusCode, 403);
      assert.equal((await get(BASE, 'groningen')).statusCode, 403);

      const overview = await get(BASE, 'bureau');
      const submitted = await post(
        `${BASE}/voorleggen`,
        { _csrf: csrfToken(overview.body), versie: '2' },
        'bureau',
      );
      assert.equal(submitted.statusCode, 303, submitted.body);
      const badDecision = await post(
        `${BASE}/vaststellen`,
        { _csrf: await token(BASE, 'bureau'), versie: '2', datum: '10-12-2026', kenmerk: 'A-7' },
        'bureau',
      );
      assert.equal(badDecision.statusCode, 400);
      assert.match(decode(badDecision.body), /Datum van het besluit: vul een datum in als/);
      const decided = await post(
        `${BASE}/vaststellen`,
        {
          _csrf: await token(BASE, 'bureau'),
          versie: '2',
          datum: '2026-12-10',
          kenmerk: 'Alliantie A-7',
        },
        'bureau',
      );
      assert.equal(decided.statusCode, 303, decided.body);
      const frozen = await post(
        `${BASE}/thema/wonen`,
        { _csrf: await token(BASE, 'bureau'), versie: '2', titel: 'Later anders' },
        'bureau',
      );
      assert.equal(frozen.statusCode, 409);
      assert.match(decode(frozen.body), /vastgesteld en verandert niet meer/);
      assert.equal(
        (await get(`${BASE}/thema/wonen/bewijs?onderdeel=doel-1`, 'bureau')).statusCode,
        200,
      );
      const set = await get(BASE, 'bureau');
      assert.match(set.body, /data-status="vastgesteld"/);
      assert.match(set.body, /2026-12-10, Alliantie A-7/);
      assert.match(set.body, /Nieuw concept beginnen/);
      assert.doesNotMatch(set.body, /bewerken/);

      const history = await get(`${BASE}/versies`, 'onderzoek');
      assert.equal(history.statusCode, 200);
      assert.deepEqual(
        [...history.body.matchAll(/data-version="(\d+)"/g)].map((m) => m[1]),
        ['2', '1'],
      );
      assert.match(history.body, /Vastgesteld/);

      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      const actions = audit.map((r) => r.action);
      for (const action of [
        'contouren.nieuwe_versie',
        'contouren.onderbouwing',
        'contouren.voorgelegd',
        'contouren.vastgesteld',
      ])
        assert.ok(actions.includes(action), action);

      const again = await post(
        `${BASE}/nieuw-concept`,
        { _csrf: await token(BASE, 'bureau'), versie: '2' },
        'bureau',
      );
      assert.equal(again.statusCode, 303);
      assert.match((await get(BASE, 'bureau')).body, /data-status="concept"/);
      assert.equal((await get(`${BASE}?versie=2`, 'bureau')).statusCode, 200);
      assert.match((await get(`${BASE}?versie=2`, 'bureau')).body, /data-status="vastgesteld"/);
    });

    it('print page and .docx carry the themes and the evidence annex; LibreOffice reads the .docx', async (ctx) => {
      const print = await get(`${BASE}/afdrukken?versie=2`, 'alliantie');
      assert.equal(print.statusCode, 200);
      assert.match(print.body, /<h1[^>]*>Contouren programma Dordt West<\/h1>/);
      assert.match(print.body, /Bijlage: onderbouwing/);
      assert.match(print.body, /id="bijlage-B1"/);
      assert.match(print.body, /id="bijlage-B2"/);
      const res = await get(`${BASE}/contouren.docx?versie=2`, 'alliantie');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], DOCX_CONTENT_TYPE);
      assert.equal(res.rawPayload.subarray(0, 2).toString('latin1'), 'PK');
      const file = path.join(dir, 'contouren.docx');
      fs.writeFileSync(file, res.rawPayload);
      const unavailable = await sofficeUnavailable();
      if (unavailable) {
        ctx.skip(unavailable);
        return;
      }
      const profile = path.join(os.tmpdir(), `lo-${randomBytes(8).toString('hex')}`);
      try {
        await run(
          'soffice',
          [
            `-env:UserInstallation=file://${profile}`,
            '--headless',
            '--convert-to',
            'txt:Text',
            '--outdir',
            dir,
            file,
          ],
          { timeout: 120_000 },
        );
      } finally {
        fs.rmSync(profile, { recursive: true, force: true });
      }
      const text = fs.readFileSync(path.join(dir, 'contouren.txt'), 'utf8');
      assert.match(text, /Contouren programma Dordt West/);
      assert.match(text, /Fixture: <b>goed<\/b> wonen \(Wonen\)/);
      assert.match(text, /Vastgesteld door de Alliantie op 2026-12-10 \(Alliantie A-7\)/);
      assert.match(text, /Minder schimmel \[onderbouwing: B1, B2\]/);
      assert.match(text, /Bijlage: onderbouwing/);
      assert.match(text, /B1\. Monitor \(cijfers\): /);
      assert.match(text, /B2\. Bewonersenquête: /);
    });

    it('two saves of the same version at once: one is stored, the other gets a Dutch 409 and keeps its text', async () => {
      const form = await get(`${BASE}/thema/onderwijs`, 'bureau');
      assert.equal(form.statusCode, 200);
      for (let round = 0; round < 3; round += 1) {
        const before = (await get(`${BASE}/versies`, 'bureau')).body.match(
          /data-version=/g,
        )?.length;
        const shown = /name="versie" value="(\d+)"/.exec(
          (await get(`${BASE}/thema/onderwijs`, 'bureau')).body,
        )?.[1];
        const fields = { _csrf: csrfToken(form.body), versie: shown!, ambitie: 'Samen leren.' };
        const answers = await Promise.all(
          ['Fixture: eerst', 'Fixture: tegelijk'].map((titel) =>
            post(`${BASE}/thema/onderwijs`, { ...fields, titel: `${titel} ${round}` }, 'bureau'),
          ),
        );
        const statuses = answers.map((a) => a.statusCode).sort();
        assert.deepEqual(statuses, [303, 409], answers.map((a) => a.body.slice(0, 300)).join('\n'));
        const refused = answers.find((a) => a.statusCode === 409)!;
        assert.match(
          decode(refused.body),
          /iemand anders heeft dit voorstel gewijzigd; intussen is versie \d+ opgeslagen/i,
        );
        assert.match(decode(refused.body), /Uw wijziging is niet bewaard/);
        assert.match(refused.body, /Fixture: (eerst|tegelijk)/, 'the text typed stays');
        const after = (await get(`${BASE}/versies`, 'bureau')).body.match(/data-version=/g)?.length;
        assert.equal(after, (before ?? 0) + 1, 'exactly one new version');
      }
    });

    it('a version in the address that is not a whole number from 1 is a 400 naming it, as on the monitor', async () => {
      for (const url of [
        `${BASE}?versie=abc`,
        `${BASE}?versie=0`,
        `${BASE}?versie=1&versie=2`,
        `${BASE}/afdrukken?versie=-1`,
        `${BASE}/contouren.docx?versie=1.5`,
      ]) {
        const res = await get(url, 'alliantie');
        assert.equal(res.statusCode, 400, url);
        assert.match(decode(res.body), /versie(" | in het adres )klopt niet/, url);
      }
      // A well-formed number of a version that does not exist is still a page that does not exist.
      assert.equal((await get(`${BASE}?versie=999`, 'alliantie')).statusCode, 404);
    });

    it('PDF: Chromium renders the print page of the version asked for', async (ctx) => {
      if (skipPdf) {
        ctx.skip(skipPdf);
        return;
      }
      const res = await get(`${BASE}/contouren.pdf?versie=2`, 'alliantie');
      assert.equal(res.statusCode, 200, res.body.slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.rawPayload.subarray(0, 5).toString('latin1'), '%PDF-');
      // The document title is the print page's <title>: not the login page the browser would
      // get without the reader's session.
      const strings = [...res.rawPayload.toString('latin1').matchAll(/<FEFF([0-9A-F]+)>/gi)].map(
        (m) => Buffer.from(m[1]!, 'hex').swap16().toString('utf16le'),
      );
      assert.ok(
        strings.some((s) => s.includes('Contouren programma Dordt West')),
        strings.join(' | '),
      );
      assert.equal((await get(`${BASE}/contouren.pdf?versie=9`, 'alliantie')).statusCode, 404);
    });
  });
}
