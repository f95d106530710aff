import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../test/helpers/db.ts';
import { csrfToken, login, makeUser } from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';

const HOME = 'GM0505';
const BASE = `/werkruimte/${HOME}/bijeenkomsten`;

function decode(s: string): string {
  return s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

function fieldError(html: string, name: string): string | undefined {
  const m = new RegExp(`id="veld-${name}-fout"[^>]*>([^<]*)<`).exec(html);
  return m ? decode(m[1]!) : undefined;
}

function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----fixtureboundary7MA4YWxkTrZu0gW';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="${fileName}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  return {
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

/** Flip-over notes of a fixture session, filled into the downloaded template. */
async function filledTemplate(template: Buffer, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Inbreng')!;
  rows.forEach((r, i) => {
    sheet.getRow(i + 2).values = r as ExcelJS.CellValue[];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Unfolds an iCalendar text after checking that every line ends in CRLF (RFC 5545 §3.1). */
function icsLines(body: string): string[] {
  assert.ok(body.endsWith('\r\n'), 'the last line ends in CRLF');
  const raw = body.slice(0, -2).split('\r\n');
  for (const line of raw) {
    assert.doesNotMatch(line, /[\r\n]/, 'a bare CR or LF inside a line');
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  }
  const out: string[] = [];
  for (const line of raw) {
    if (line.startsWith(' ')) out[out.length - 1] += line.slice(1);
    else out.push(line);
  }
  return out;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`participation: sessions, inputs and Doe mee [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    const cookies: Record<string, string> = {};
    let sessionId = '';

    const get = (url: string, who = 'bureau') =>
      t.app.inject({ url, headers: { cookie: cookies[who]! } });
    const post = (url: string, fields: Record<string, string | string[]>, who = 'bureau') => {
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
    const token = async (url: string, who = 'bureau') => csrfToken((await get(url, who)).body);

    const plan = async (overrides: Record<string, string | string[]> = {}) => {
      const res = await post(BASE, {
        _csrf: await token(`${BASE}/nieuw`),
        titel: 'Fixture-kennissessie Wonen, en meer',
        gebied: 'dordt-west',
        themas: ['wonen', 'onderwijs'],
        datum: '2099-03-12',
        begintijd: '19:30',
        eindtijd: '21:30',
        plaats: 'Fixture-buurthuis; Voorbeeldstraat 1',
        organisator: 'Programmabureau (fixture)',
        doelgroep: 'gemengd',
        openbaar: 'ja',
        ...overrides,
      });
      assert.equal(res.statusCode, 303, res.body);
      return String(res.headers.location).split('/').pop()!.split('?')[0]!;
    };

    before(async () => {
      t = await buildTestApp(dialect);
      const users: [string, string, string][] = [
        ['bureau', 'programmabureau', HOME],
        ['onderzoeker', 'onderzoeker', HOME],
        ['alliantie', 'alliantielid', HOME],
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
      sessionId = await plan();
    });
    after(async () => {
      await t?.close();
    });

    it('plans a session through the form, shows it, and writes the audit log', async () => {
      const page = await get(`${BASE}/${sessionId}?melding=gepland`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /De bijeenkomst is gepland\./);
      assert.match(page.body, /Fixture-kennissessie Wonen, en meer/);
      assert.match(page.body, /donderdag 12 maart 2099, 19\.30 tot 21\.30 uur/);
      const list = await get(BASE);
      assert.match(list.body, new RegExp(`href="${BASE}/${sessionId}"`));
      const audit = await listAudit(t.handle.db, { municipalityCode: HOME });
      assert.ok(audit.some((r) => r.action === 'bijeenkomst.gepland' && r.entityId === sessionId));
    });

    it('answers a bad form with Dutch messages by each field, and stores nothing', async () => {
      const before = (await get(BASE)).body.match(/<tr class="utrecht-table__row">/g)?.length;
      const res = await post(BASE, {
        _csrf: await token(`${BASE}/nieuw`),
        titel: '',
        gebied: 'dordt-west',
        datum: '12-03-2099',
        begintijd: '19:30',
        eindtijd: '21:30',
      });
      assert.equal(res.statusCode, 400);
      assert.equal(fieldError(res.body, 'titel'), 'Vul de titel in.');
      assert.equal(fieldError(res.body, 'themas'), 'Kies minstens één thema.');
      assert.equal(
        fieldError(res.body, 'datum'),
        'Vul de datum in als jjjj-mm-dd, bijvoorbeeld 2027-01-14.',
      );
      assert.match(res.body, /href="#veld-titel"/);
      const after = (await get(BASE)).body.match(/<tr class="utrecht-table__row">/g)?.length;
      assert.equal(after, before);
    });

    it('refuses a post without a valid CSRF token', async () => {
      const res = await post(`${BASE}/${sessionId}/inbreng`, {
        thema: 'wonen',
        soort: 'idee',
        tekst: 'Zonder token',
      });
      assert.equal(res.statusCode, 403);
      assert.doesNotMatch((await get(`${BASE}/${sessionId}`)).body, /Zonder token/);
    });

    it('lets the researcher record inputs; the alliance member sees counts only, never names', async () => {
      const url = `${BASE}/${sessionId}`;
      const added = await post(
        `${url}/inbreng`,
        {
          _csrf: await token(url, 'onderzoeker'),
          thema: 'wonen',
          subthema: 'Onderhoud',
          soort: 'knelpunt',
          tekst: 'Fixture: schimmel in de portiekflats',
          tafel: 'Tafel 2',
          stemmen: '6',
          citeren: 'ja',
        },
        'onderzoeker',
      );
      assert.equal(added.statusCode, 303);
      const bad = await post(
        `${url}/inbreng`,
        { _csrf: await token(url, 'onderzoeker'), thema: 'wonen', soort: 'klacht', tekst: '' },
        'onderzoeker',
      );
      assert.equal(bad.statusCode, 400);
      assert.equal(fieldError(bad.body, 'soort'), 'Kies de soort: knelpunt, kans, idee of vraag.');
      const named = await post(`${url}/deelnemers`, {
        _csrf: await token(url),
        naam: 'Fixture Deelnemer',
        toestemming: 'ja',
      });
      assert.equal(named.statusCode, 303);
      const attendance = await post(`${url}/aanwezigheid`, {
        _csrf: await token(url),
        groep: 'Bewoners',
        aantal: '17',
      });
      assert.equal(attendance.statusCode, 303);

      const bureau = (await get(url)).body;
      assert.match(bureau, /Fixture: schimmel in de portiekflats/);
      assert.match(bureau, /Fixture Deelnemer/);
      const researcher = (await get(url, 'onderzoeker')).body;
      assert.match(researcher, /Fixture: schimmel in de portiekflats/);
      assert.doesNotMatch(researcher, /Fixture Deelnemer/);
      const alliance = await get(url, 'alliantie');
      assert.equal(alliance.statusCode, 200);
      assert.doesNotMatch(alliance.body, /schimmel/);
      assert.doesNotMatch(alliance.body, /Fixture Deelnemer/);
      assert.match(alliance.body, /Inbreng per thema en soort/);
      assert.match(alliance.body, /totaal 17/);
      // The alliance member cannot write, the researcher cannot plan or see names.
      assert.equal(
        (await post(`${url}/inbreng`, { _csrf: await token('/account', 'alliantie') }, 'alliantie'))
          .statusCode,
        403,
      );
      assert.equal((await get(`${url}/bewerken`, 'onderzoeker')).statusCode, 403);
      assert.equal(
        (await post(`${url}/deelnemers`, { _csrf: await token(url, 'onderzoeker') }, 'onderzoeker'))
          .statusCode,
        403,
      );
      const actions = (await listAudit(t.handle.db, { municipalityCode: HOME })).map(
        (r) => r.action,
      );
      for (const a of [
        'inbreng.toegevoegd',
        'bijeenkomst.deelnemer-toegevoegd',
        'bijeenkomst.aanwezigheid-vastgelegd',
      ])
        assert.ok(actions.includes(a), a);
    });

    it("another municipality can neither open nor change this municipality's session", async () => {
      const url = `${BASE}/${sessionId}`;
      const own = await get(`/werkruimte/GM0014/bijeenkomsten`, 'groningen');
      assert.equal(own.statusCode, 200);
      const tokenOther = csrfToken(
        own.body.includes('_csrf') ? own.body : (await get('/account', 'groningen')).body,
      );
      const direct = await post(
        `${url}/inbreng`,
        { _csrf: tokenOther, thema: 'wonen', soort: 'idee', tekst: 'Aanval' },
        'groningen',
      );
      assert.equal(direct.statusCode, 403);
      const viaOwnScope = await post(
        `/werkruimte/GM0014/bijeenkomsten/${sessionId}/inbreng`,
        { _csrf: tokenOther, thema: 'wonen', soort: 'idee', tekst: 'Aanval' },
        'groningen',
      );
      assert.equal(viaOwnScope.statusCode, 404);
      assert.equal(
        (await get(`/werkruimte/GM0014/bijeenkomsten/${sessionId}`, 'groningen')).statusCode,
        404,
      );
      assert.doesNotMatch((await get(url)).body, /Aanval/);
    });

    it('bulk entry: template → upload → preview → confirm; the same file again adds nothing', async () => {
      const url = `${BASE}/${sessionId}`;
      const template = await get(`${url}/inbreng-sjabloon.xlsx`);
      assert.equal(template.statusCode, 200);
      assert.match(String(template.headers['content-type']), /spreadsheetml/);
      const upload = async (bytes: Buffer) => {
        const page = (await get(url)).body;
        const m = /action="([^"]*inbreng\/bestand\?_csrf=[^"]+)"/.exec(page);
        assert.ok(m, 'no upload form');
        const body = multipart('flip-over.xlsx', bytes);
        return t.app.inject({
          method: 'POST',
          url: decode(m[1]!),
          payload: body.payload,
          headers: { 'content-type': body.contentType, cookie: cookies.bureau! },
        });
      };
      const count = async () =>
        ((await get(url)).body.match(/<td class="utrecht-table__cell">Fixture-briefje/g) ?? [])
          .length;

      const bad = await upload(
        await filledTemplate(template.rawPayload, [
          ['Wonen', '', 'kans', 'Fixture-briefje goed', 'Tafel 1', 1, 'nee'],
          ['Wonen', '', 'klacht', 'Fixture-briefje fout', 'Tafel 1', 2, ''],
        ]),
      );
      assert.equal(bad.statusCode, 400);
      assert.match(
        decode(bad.body),
        /blad "Inbreng", rij 3, kolom C \(Soort\): "klacht" is geen soort/,
      );
      assert.equal(await count(), 0);

      const good = await filledTemplate(template.rawPayload, [
        ['Wonen', 'Onderhoud', 'knelpunt', 'Fixture-briefje lekkage', 'Tafel 1', 4, 'ja'],
        ['Onderwijs', '', 'idee', 'Fixture-briefje huiswerkklas', 'Tafel 2', '', ''],
        ['Gezond leven', '', 'vraag', 'Fixture-briefje sport', 'Tafel 3', 1, 'nee'],
      ]);
      const staged = await upload(good);
      assert.equal(staged.statusCode, 303, staged.body);
      const previewUrl = String(staged.headers.location);
      const preview = await get(previewUrl);
      assert.match(preview.body, /In flip-over\.xlsx staan 3 briefjes/);
      assert.equal(await count(), 0, 'the preview stores no input');
      const confirm = await post(`${previewUrl}/bevestigen`, { _csrf: csrfToken(preview.body) });
      assert.equal(confirm.statusCode, 303);
      assert.match(String(confirm.headers.location), /geladen=3/);
      assert.equal(await count(), 3);

      const again = await upload(good);
      assert.equal(again.statusCode, 303);
      const secondPreview = await get(String(again.headers.location));
      assert.match(secondPreview.body, /al geladen bij deze bijeenkomst/);
      const reconfirm = await post(`${previewUrl}/bevestigen`, { _csrf: csrfToken(preview.body) });
      assert.match(String(reconfirm.headers.location), /melding=al-geladen/);
      assert.equal(await count(), 3);
    });

    it('the public Doe mee page: surveys with every way in, public sessions, honest feedback', async () => {
      await plan({ titel: 'Fixture besloten overleg', openbaar: 'nee' });
      const res = await t.app.inject('/gebieden/dordt-west/doe-mee');
      assert.equal(res.statusCode, 200);
      const body = decode(res.body);
      assert.match(body, /<h1[^>]*>Doe mee in Dordt West<\/h1>/);
      assert.match(body, /href="\/enquete\/bewonersenquete-dordt-west"/);
      assert.match(body, /href="\/enquete\/bewonersenquete-dordt-west\/papier"/);
      assert.match(body, /Telefoonnummer: nog niet ingevuld/);
      // The number of ways said is the number listed: per questionnaire, with or without a code.
      const sections = body.split(/<section aria-labelledby="enquete-/).slice(1);
      assert.ok(sections.length >= 2, 'both questionnaires of Dordt West');
      for (const section of sections) {
        const said = /U kunt op (\w+) manieren meedoen/.exec(section)?.[1];
        const listed = section.split('</ul>')[0]!.match(/<li /g)?.length;
        assert.equal(said, { 3: 'drie', 4: 'vier' }[listed ?? 0], section.slice(0, 80));
      }
      assert.doesNotMatch(body, /\b0\d{1,3}[- ]?\d{6,8}\b/, 'no invented phone number');
      assert.match(body, /Fixture-kennissessie Wonen, en meer/);
      assert.doesNotMatch(body, /Fixture besloten overleg/);
      assert.match(body, /href="\/gebieden\/dordt-west\/inbreng"/);
      assert.match(body, /href="\/gebieden\/dordt-west\/inbreng\/folder\.pdf"/);
      assert.match(body, /href="\/gebieden\/dordt-west\/doe-mee\/bijeenkomsten\.ics"/);
      assert.doesNotMatch(body, /schimmel|Fixture Deelnemer/);
      assert.equal((await t.app.inject('/gebieden/bestaat-niet/doe-mee')).statusCode, 404);
      // Linked from the profile and the start page.
      assert.match(
        (await t.app.inject('/gebieden/dordt-west')).body,
        /href="\/gebieden\/dordt-west\/doe-mee"/,
      );
      assert.match((await t.app.inject('/')).body, /href="\/gebieden\/dordt-west\/doe-mee"/);
    });

    it('edits and cancels a session through its forms; the public page and feed follow', async () => {
      const id = await plan({ titel: 'Fixture te wijzigen' });
      const url = `${BASE}/${id}`;
      const form = await get(`${url}/bewerken`);
      assert.equal(form.statusCode, 200);
      assert.match(form.body, /value="2099-03-12"/);
      assert.match(form.body, /value="19:30"/);
      const edited = await post(url, {
        _csrf: csrfToken(form.body),
        titel: 'Fixture gewijzigd',
        gebied: 'dordt-west',
        themas: 'gezond-leven',
        datum: '2099-07-02',
        begintijd: '10:00',
        eindtijd: '12:00',
        plaats: 'Fixture-school',
        organisator: 'Fixture',
        doelgroep: 'bewoners',
        openbaar: 'ja',
      });
      assert.equal(edited.statusCode, 303);
      const noReason = await post(`${url}/annuleren`, { _csrf: await token(url), reden: '' });
      assert.equal(noReason.statusCode, 400);
      assert.equal(fieldError(noReason.body, 'reden'), 'Vul de reden in.');
      const cancelled = await post(`${url}/annuleren`, {
        _csrf: await token(url),
        reden: 'Fixture: zaal niet beschikbaar',
      });
      assert.equal(cancelled.statusCode, 303);
      const page = decode((await t.app.inject('/gebieden/dordt-west/doe-mee')).body);
      assert.match(page, /Afgelast: <\/strong><strong>Fixture gewijzigd<\/strong>/);
      assert.match(page, /Reden: Fixture: zaal niet beschikbaar/);
      const ics = icsLines(
        (await t.app.inject('/gebieden/dordt-west/doe-mee/bijeenkomsten.ics')).body,
      );
      const start = ics.indexOf(`UID:bijeenkomst-${id}@localhost`);
      const event = ics.slice(start, ics.indexOf('END:VEVENT', start));
      assert.ok(event.includes('DTSTART:20990702T080000Z'), 'CEST: 10:00 is 08:00 UTC');
      assert.ok(event.includes('STATUS:CANCELLED'));
      const actions = (await listAudit(t.handle.db, { municipalityCode: HOME }))
        .filter((r) => r.entityId === id)
        .map((r) => r.action);
      assert.deepEqual(actions.sort(), [
        'bijeenkomst.geannuleerd',
        'bijeenkomst.gepland',
        'bijeenkomst.gewijzigd',
      ]);
    });

    it('the iCal feed is RFC 5545: CRLF, folded, escaped, a stable UID and a DTSTAMP', async () => {
      const res = await t.app.inject('/gebieden/dordt-west/doe-mee/bijeenkomsten.ics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/calendar; charset=utf-8/);
      const lines = icsLines(res.body);
      assert.equal(lines[0], 'BEGIN:VCALENDAR');
      assert.equal(lines.at(-1), 'END:VCALENDAR');
      assert.ok(lines.includes('VERSION:2.0'));
      assert.ok(lines.some((l) => l.startsWith('PRODID:')));
      const events = lines.filter((l) => l === 'BEGIN:VEVENT').length;
      assert.equal(events, lines.filter((l) => l === 'END:VEVENT').length);
      assert.ok(events >= 1);
      assert.ok(lines.includes(`UID:bijeenkomst-${sessionId}@localhost`));
      assert.ok(lines.some((l) => /^DTSTAMP:\d{8}T\d{6}Z$/.test(l)));
      assert.ok(lines.includes('DTSTART:20990312T183000Z'), 'CET: 19:30 in Amsterdam is 18:30 UTC');
      assert.ok(lines.includes('SUMMARY:Fixture-kennissessie Wonen\\, en meer'));
      assert.ok(lines.includes('LOCATION:Fixture-buurthuis\\; Voorbeeldstraat 1'));
      assert.ok(!res.body.includes('Fixture besloten overleg'));
      const second = await t.app.inject('/gebieden/dordt-west/doe-mee/bijeenkomsten.ics');
      assert.ok(icsLines(second.body).includes(`UID:bijeenkomst-${sessionId}@localhost`));
    });
  });
}
