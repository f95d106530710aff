import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect, type TestDb } from '../../../test/helpers/db.ts';
import {
  buildSecurityApp,
  csrfToken,
  form,
  isDenied,
  login,
  makeUser,
} from '../../../test/security/security-app.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';

const BASE = '/werkruimte/GM0505/begroting/dordt-west';

async function setup(handle: TestDb) {
  await upsertFocusArea(handle.db, {
    slug: 'dordt-west',
    name: 'Dordt West',
    municipality_code: 'GM0505',
    municipality_name: 'Dordrecht',
    composition_status: 'bekend',
    source_note: '',
  });
  const app = await buildSecurityApp(handle);
  await makeUser(handle, 'pb@fixture.example', [
    { role: 'programmabureau', municipalityCode: 'GM0505' },
  ]);
  await makeUser(handle, 'lid@fixture.example', [
    { role: 'alliantielid', municipalityCode: 'GM0505' },
  ]);
  await makeUser(handle, 'ander@fixture.example', [
    { role: 'beheerder', municipalityCode: 'GM0014' },
  ]);
  return app;
}

async function post(
  app: FastifyInstance,
  cookie: string,
  url: string,
  fields: Record<string, string>,
) {
  const page = await app.inject({ url: BASE, headers: { cookie } });
  const body = form({ _csrf: csrfToken(page.body), ...fields });
  return app.inject({
    method: 'POST',
    url,
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
}

function multipart(name: string, bytes: Buffer) {
  const boundary = '----wkbudgettest';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="bestand"; filename="${name}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Boekingen');
  sheet.addRow(['Regelcode', 'Soort', 'Datum', 'Bedrag', 'Omschrijving', 'Kenmerk']);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Upload → preview; returns the preview page and its confirm form's fields. */
async function upload(app: FastifyInstance, cookie: string, bytes: Buffer) {
  const page = await app.inject({ url: `${BASE}/importeren`, headers: { cookie } });
  const token = decodeURIComponent(/\?_csrf=([^"&]+)/.exec(page.body)?.[1] ?? '');
  assert.ok(token, 'the upload form carries its CSRF token in its address');
  const body = multipart('boekingen.xlsx', bytes);
  const res = await app.inject({
    method: 'POST',
    url: `${BASE}/importeren?_csrf=${encodeURIComponent(token)}`,
    payload: body.payload,
    headers: { ...body.headers, cookie },
  });
  const file = /name="file" value="([^"]+)"/.exec(res.body)?.[1];
  return { res, file };
}

describeEachDialect('budget routes', (getDb) => {
  it('the €500.000 BZK contribution, a line and spending: plan against realisation', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const page = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Bijdrage Rijk voor het programmabureau/);
      assert.match(page.body, /€ 500\.000,00 vanaf 2023/);
      assert.match(page.body, /Eigen budgetten gemeente[\s\S]*?nog niet ingevuld/);

      const refused = await post(app, pb.cookie, `${BASE}/regels`, {
        code: 'PB-2025',
        year: '2025',
        theme: '',
        project: '',
        funding_source_id: 'dordt-west-bzk',
        description: 'Programmabureau 2025',
        planned: '500000.00',
        negative_reason: '',
      });
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /komma voor de centen/);

      const saved = await post(app, pb.cookie, `${BASE}/regels`, {
        code: 'PB-2025',
        year: '2025',
        theme: '',
        project: '',
        funding_source_id: 'dordt-west-bzk',
        description: 'Programmabureau 2025',
        planned: '€ 500.000,00',
        negative_reason: '',
      });
      assert.equal(saved.statusCode, 303);
      const own = await post(app, pb.cookie, `${BASE}/regels`, {
        code: 'GEM-2025',
        year: '2025',
        theme: 'wonen',
        project: 'Portiekaanpak',
        funding_source_id: 'dordt-west-gemeente',
        description: 'Eigen inzet wonen',
        planned: '10.000,00',
        negative_reason: '',
      });
      assert.equal(own.statusCode, 303);

      const overview = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      const lineId = /regels\/([0-9a-f-]{36})">PB-2025/.exec(overview.body)?.[1];
      assert.ok(lineId);
      const spent = await post(app, pb.cookie, `${BASE}/boekingen`, {
        budget_line_id: lineId,
        kind: 'uitgave',
        entry_date: '2025-03-31',
        amount: '1.234,56',
        description: 'Huur kantoor Q1',
        reference: 'F-001',
      });
      assert.equal(spent.statusCode, 303);
      const after = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      // Available = 500.000,00 − 1.234,56; the own contribution (10.000) stands apart.
      assert.match(after.body, /€ 498\.765,44/);
      assert.match(after.body, /Eigen bijdrage gemeente[^<]*<\/th><td[^>]*>€ 10\.000,00/);
      assert.match(after.body, /<svg[^>]*role="img"/);

      const audit = await listAudit(handle.db, { municipalityCode: 'GM0505' });
      assert.deepEqual(
        audit.map((a) => a.action).filter((a) => a.startsWith('begroting.')),
        ['begroting.uitgave-geboekt', 'begroting.regel-aangemaakt', 'begroting.regel-aangemaakt'],
      );

      const xlsx = await app.inject({
        url: `${BASE}/begroting.xlsx`,
        headers: { cookie: pb.cookie },
      });
      assert.equal(xlsx.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.rawPayload as unknown as ExcelJS.Buffer);
      const sheet = wb.getWorksheet('Plan en realisatie')!;
      const pbRow = [...Array(sheet.rowCount).keys()]
        .map((i) => sheet.getRow(i + 1))
        .find((r) => r.getCell(1).value === 'PB-2025')!;
      assert.equal(pbRow.getCell(8).value, 500000);
      assert.equal(pbRow.getCell(10).value, 1234.56);
    } finally {
      await app.close();
    }
  });

  it('Alliance members read without forms and cannot post; another municipality is refused', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const lid = await login(app, 'lid@fixture.example');
      const page = await app.inject({ url: BASE, headers: { cookie: lid.cookie } });
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Boeking opslaan/);
      const body = form({ _csrf: lid.token, location: 'Wielwijk' });
      const res = await app.inject({
        method: 'POST',
        url: `${BASE}/locatie`,
        payload: body.payload,
        headers: { ...body.headers, cookie: lid.cookie },
      });
      assert.ok(isDenied(res), String(res.statusCode));
      const other = await login(app, 'ander@fixture.example');
      assert.ok(isDenied(await app.inject({ url: BASE, headers: { cookie: other.cookie } })));
      const anon = await app.inject({ url: BASE });
      assert.ok(isDenied(anon));
    } finally {
      await app.close();
    }
  });

  it('imports an XLSX: errors name sheet, row and column; the same file twice adds nothing', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      await post(app, pb.cookie, `${BASE}/regels`, {
        code: 'PB-2025',
        year: '2025',
        funding_source_id: 'dordt-west-bzk',
        description: 'Programmabureau',
        planned: '500.000',
      });
      const bad = await upload(
        app,
        pb.cookie,
        await workbook([
          ['PB-2025', 'uitgave', '2025-01-15', 100.5, 'Drukwerk', 'F-1'],
          ['PB-9999', 'uitgave', '2025-01-16', '12,00', 'Koffie', ''],
          ['PB-2025', 'betaling', '2025-13-01', '12.5', '', ''],
        ]),
      );
      assert.equal(bad.res.statusCode, 422);
      assert.match(
        bad.res.body,
        /Blad &quot;Boekingen&quot;, rij 3, kolom A \(Regelcode\): regelcode &quot;PB-9999&quot; bestaat niet/,
      );
      assert.match(bad.res.body, /rij 4, kolom B \(Soort\)/);
      assert.match(bad.res.body, /rij 4, kolom C \(Datum\)/);
      assert.match(bad.res.body, /rij 4, kolom D \(Bedrag\): .*komma voor de centen/);
      assert.match(bad.res.body, /rij 4, kolom E \(Omschrijving\)/);
      assert.equal(bad.file, undefined, 'no confirm form for a refused file');

      const good = await workbook([
        ['PB-2025', 'uitgave', new Date('2025-01-15T00:00:00Z'), 100.5, 'Drukwerk', 'F-1'],
        ['PB-2025', 'verplichting', '2025-02-01', '€ 2.000,00', 'Opdracht training', 'O-7'],
        ['PB-2025', 'uitgave', '2025-01-15', 100.5, 'Drukwerk', 'F-1'],
      ]);
      for (const round of [1, 2]) {
        const preview = await upload(app, pb.cookie, good);
        assert.equal(preview.res.statusCode, 200, preview.res.body.slice(0, 400));
        assert.ok(preview.file);
        const confirm = await post(app, pb.cookie, `${BASE}/importeren/bevestigen`, {
          file_name: 'boekingen.xlsx',
          file: preview.file,
        });
        assert.equal(confirm.statusCode, 303);
        assert.match(
          String(confirm.headers.location),
          round === 1 ? /toegevoegd=3&overgeslagen=0/ : /toegevoegd=0&overgeslagen=3/,
        );
      }
      const count = await handle.db
        .selectFrom('budget_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 3, 'two identical rows in one file are two bookings, once');
      const page = await app.inject({ url: BASE, headers: { cookie: pb.cookie } });
      // 500.000 − 2.000 committed − 201 spent
      assert.match(page.body, /€ 497\.799,00/);
    } finally {
      await app.close();
    }
  });

  it('an application with a deadline: status by HTTP, the iCal feed, Alliance members read only', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const SUB = '/werkruimte/GM0505/subsidies/dordt-west';
      const created = await post(app, pb.cookie, `${SUB}/aanvragen`, {
        scheme_id: 'preventie-met-gezag',
        title: 'Jongerenwerk, Wielwijk; 2026',
        submission_deadline: '2026-03-31',
        accountability_deadline: '2027-06-30',
        requested: '75.000',
      });
      assert.equal(created.statusCode, 303);
      const detailUrl = String(created.headers.location).replace(/\?.*$/, '');
      const skipped = await post(app, pb.cookie, `${detailUrl}/status`, {
        status: 'toegekend',
        granted: '1',
      });
      assert.equal(skipped.statusCode, 422);
      assert.match(skipped.body, /kan de status alleen naar: In voorbereiding/);
      assert.equal(
        (await post(app, pb.cookie, `${detailUrl}/status`, { status: 'in-voorbereiding' }))
          .statusCode,
        303,
      );

      const lid = await login(app, 'lid@fixture.example');
      const ics = await app.inject({
        url: `${SUB}/deadlines.ics`,
        headers: { cookie: lid.cookie },
      });
      assert.equal(ics.statusCode, 200);
      assert.match(String(ics.headers['content-type']), /^text\/calendar/);
      assert.match(
        ics.body,
        /SUMMARY:Indienen: Jongerenwerk\\, Wielwijk\\; 2026 \(Preventie met Gezag\)\r\n/,
      );
      assert.match(ics.body, /DTSTART;VALUE=DATE:20270630/);
      const page = await app.inject({ url: detailUrl, headers: { cookie: lid.cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /In voorbereiding/);
      assert.doesNotMatch(page.body, /Status opslaan/);
      const body = form({ _csrf: lid.token, status: 'ingediend' });
      const denied = await app.inject({
        method: 'POST',
        url: `${detailUrl}/status`,
        payload: body.payload,
        headers: { ...body.headers, cookie: lid.cookie },
      });
      assert.ok(isDenied(denied));
    } finally {
      await app.close();
    }
  });
  it('corrects an application: a moved deadline reaches the feed, a bad date changes nothing, audited', async () => {
    const handle = getDb();
    const app = await setup(handle);
    try {
      const pb = await login(app, 'pb@fixture.example');
      const SUB = '/werkruimte/GM0505/subsidies/dordt-west';
      const created = await post(app, pb.cookie, `${SUB}/aanvragen`, {
        scheme_id: 'preventie-met-gezag',
        title: 'Jongrenwerk Wielwijk',
        submission_deadline: '2026-03-31',
        requested: '75.000',
      });
      assert.equal(created.statusCode, 303);
      const detailUrl = String(created.headers.location).replace(/\?.*$/, '');
      const page = await app.inject({ url: detailUrl, headers: { cookie: pb.cookie } });
      // The edit form starts from what is stored.
      assert.match(page.body, /id="veld-gegevens-title"[^>]*value="Jongrenwerk Wielwijk"/);
      assert.match(page.body, /id="veld-gegevens-requested"[^>]*value="75000,00"/);

      const bad = await post(app, pb.cookie, detailUrl, {
        scheme_id: 'preventie-met-gezag',
        title: 'Jongerenwerk Wielwijk',
        submission_deadline: '2026-02-30',
        requested: '75.000',
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /href="#veld-gegevens-submission_deadline"/);
      assert.match(bad.body, /Vul een datum in als jjjj-mm-dd/);
      let stored = await app.inject({ url: detailUrl, headers: { cookie: pb.cookie } });
      assert.match(stored.body, /Jongrenwerk Wielwijk/, 'nothing changed');

      const ok = await post(app, pb.cookie, detailUrl, {
        scheme_id: 'preventie-met-gezag',
        title: 'Jongerenwerk Wielwijk',
        submission_deadline: '2026-04-15',
        requested: '80.000',
        contact_email: 'pb@gemeente.example',
      });
      assert.equal(ok.statusCode, 303);
      stored = await app.inject({
        url: String(ok.headers.location),
        headers: { cookie: pb.cookie },
      });
      assert.match(stored.body, /De gegevens van de aanvraag zijn gewijzigd\./);
      assert.match(stored.body, /<h1[^>]*>Jongerenwerk Wielwijk<\/h1>/);
      assert.match(stored.body, /€ 80\.000,00/);
      const ics = await app.inject({ url: `${SUB}/deadlines.ics`, headers: { cookie: pb.cookie } });
      assert.match(ics.body, /DTSTART;VALUE=DATE:20260415/);
      assert.doesNotMatch(ics.body, /20260331/);

      const audit = (await listAudit(handle.db, { municipalityCode: 'GM0505' })).filter(
        (a) => a.action === 'subsidie.aanvraag-gewijzigd',
      );
      assert.equal(audit.length, 1, 'one entry for the one correction, none for the refused one');
      const entry = audit[0]!;
      assert.match(JSON.stringify(entry), /Jongrenwerk Wielwijk/);
      assert.match(JSON.stringify(entry), /2026-04-15/);

      const lid = await login(app, 'lid@fixture.example');
      const asMember = await app.inject({ url: detailUrl, headers: { cookie: lid.cookie } });
      assert.doesNotMatch(asMember.body, /Gegevens opslaan/);
      const body = form({ _csrf: lid.token, scheme_id: 'preventie-met-gezag', title: 'X' });
      const denied = await app.inject({
        method: 'POST',
        url: detailUrl,
        payload: body.payload,
        headers: { ...body.headers, cookie: lid.cookie },
      });
      assert.ok(isDenied(denied));
    } finally {
      await app.close();
    }
  });
});
