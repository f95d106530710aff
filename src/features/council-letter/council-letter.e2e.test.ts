import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../../../test/helpers/browser.ts';
import { createUser } from '../accounts/account.service.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { factsheetService } from '../factsheet/factsheet.service.ts';
import { focusAreaService } from '../focus-areas/focus-areas.facade.ts';
import { commitImport, loadAreaLookup } from '../imports/import.service.ts';
import { parseLocalCsv } from '../imports/local-csv.importer.ts';
import { MonitorData } from '../monitor/monitor-data.ts';
import { activeCatalogue } from '../indicators/catalogue.store.ts';

const run = promisify(execFile);
const skip = browserUnavailable();
const EMAIL = 'raadsbrief@fixture.example';
const PASSWORD = 'fixture-wachtwoord-raadsbrief';
const BASE = '/werkruimte/GM0505/raadsbrieven/dordt-west';
const PUBLIC = '/gebieden/dordt-west/raadsbrieven';

/** LibreOffice reads the .docx and writes its text: it opens, and says what it holds. */
async function docxText(bytes: Buffer): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'raadsbrief-'));
  const profile = path.join(os.tmpdir(), `lo-${randomBytes(8).toString('hex')}`);
  try {
    const file = path.join(dir, 'brief.docx');
    fs.writeFileSync(file, bytes);
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
    return fs.readFileSync(path.join(dir, 'brief.txt'), 'utf8');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

/** Pages the first test saw; the second checks each with axe (axe needs JavaScript). */
const visited = new Set<string>();
async function expectAxeClean(page: Page) {
  visited.add(new URL(page.url()).pathname);
}

async function figure(page: Page, key: string): Promise<string> {
  return (await page.locator(`tr[data-figuur="${key}"] td`).first().innerText()).trim();
}

describe('council letters in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  before(async () => {
    ctx = await startBrowserApp('sqlite');
    await createUser(
      ctx.testApp.handle.db,
      {
        email: EMAIL,
        name: 'Fixture Programmabureau',
        password: PASSWORD,
        grants: [{ role: 'programmabureau', municipalityCode: 'GM0505' }],
      },
      'test',
    );
  });
  after(async () => ctx?.close());

  /** What the monitor says now, read the way the factsheet reads it (a separate cache). */
  async function monitorInhabitants(): Promise<string> {
    const db = ctx.testApp.handle.db;
    const monitor = new MonitorData(db, () => activeCatalogue(db));
    const sheet = await factsheetService(db, monitor, focusAreaService(db)).load('dordt-west');
    return sheet.sections.flatMap((s) => s.indicators).find((i) => i.key === 'aantal-inwoners')!
      .value.text;
  }

  async function writeAndPublish(page: Page, aanleiding: string) {
    await page.getByRole('button', { name: 'Nieuwe brief beginnen' }).click();
    await page.waitForURL(new RegExp(`${BASE}/[0-9a-f-]{36}$`));
    await expectAxeClean(page);
    await page.getByLabel(/^Tekst: Wat is de aanleiding/).fill(aanleiding);
    await page.getByRole('button', { name: 'Tekst opslaan' }).click();
    await page.waitForURL(/opgeslagen=ja/);
    await page.getByRole('button', { name: 'Ter beoordeling aanbieden' }).click();
    await page.waitForURL(/opgeslagen=ja/);
    await page.getByRole('button', { name: 'Publiceren' }).click();
    await page.waitForURL(/opgeslagen=gepubliceerd/);
    await expectAxeClean(page);
  }

  it('publishes a letter whose figures equal the monitor, and keeps it frozen after a new import', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD });
      await page.getByRole('link', { name: 'Raadsinformatie Dordt West' }).click();
      await page.waitForURL(new RegExp(`${BASE}$`));
      await expectAxeClean(page);

      // The planning: a wrong date is refused by the field, then the next moment is planned.
      await page.getByLabel('Datum').fill('2099-02-30');
      await page.getByLabel('Onderwerp').fill("Contouren en belangrijkste thema's");
      await page.getByRole('button', { name: 'Moment toevoegen' }).click();
      assert.match(await page.locator('#veld-datum-fout').innerText(), /Datum: vul een datum in/);
      await expectAxeClean(page);
      await page.getByLabel('Datum').fill('2099-03-15');
      await page.getByRole('button', { name: 'Moment toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);

      const atPublication = await monitorInhabitants();
      await writeAndPublish(page, 'Dordt West doet mee.\n\n<b>Geen opmaak</b>');

      await page.goto(`${ctx.baseUrl}${PUBLIC}`);
      await expectAxeClean(page);
      await page.getByRole('link', { name: /Raadsinformatiebrief Nationaal Programma/ }).click();
      await page.waitForURL(new RegExp(`${PUBLIC}/1$`));
      await expectAxeClean(page);
      assert.equal(await figure(page, 'monitor:aantal-inwoners'), atPublication);
      assert.match(
        await page.locator('#deel-aanleiding + p + p').innerText(),
        /<b>Geen opmaak<\/b>/,
      );
      assert.match(await figure(page, 'raadsmomenten:moment:1'), /^Contouren/);
      const hash = (await page.locator('#inhoudshash').innerText()).trim();
      assert.match(hash, /^[0-9a-f]{64}$/);
      const docx1 = Buffer.from(
        await (await context.request.get(`${ctx.baseUrl}${PUBLIC}/1/raadsbrief.docx`)).body(),
      );
      const text1 = await docxText(docx1);
      assert.ok(text1.includes(atPublication) && text1.includes(hash), text1.slice(0, 400));
      const pdf = await context.request.get(`${ctx.baseUrl}${PUBLIC}/1/raadsbrief.pdf`);
      assert.equal(pdf.status(), 200);
      assert.equal(
        Buffer.from(await pdf.body())
          .subarray(0, 5)
          .toString('latin1'),
        '%PDF-',
      );

      // New data: an existing import path moves the data version and the figure.
      const db = ctx.testApp.handle.db;
      const members = await db
        .selectFrom('focus_area_members')
        .select('buurt_code')
        .where('focus_area_slug', '=', 'dordt-west')
        .where('status', '=', 'lid')
        .execute();
      const csv =
        'gebiedscode;periode;indicator;waarde\n' +
        members.map((m) => `${m.buurt_code};2025;AantalInwoners;1000`).join('\n') +
        '\n';
      const outcome = await commitImport(
        db,
        parseLocalCsv(
          { fileName: 'inwoners-2025.csv', bytes: Buffer.from(csv) },
          await loadAreaLookup(db),
          { indelingYear: 2023, replacesCbs: true, source: 'Fixture gemeente' },
        ),
        { importedBy: 'test' },
      );
      assert.equal(outcome.status, 'geimporteerd');
      const now = await monitorInhabitants();
      assert.notEqual(now, atPublication);

      // The published letter and its docx stay as they were.
      await page.goto(`${ctx.baseUrl}${PUBLIC}/1`);
      assert.equal(await figure(page, 'monitor:aantal-inwoners'), atPublication);
      assert.equal((await page.locator('#inhoudshash').innerText()).trim(), hash);
      const text2 = await docxText(
        Buffer.from(
          await (await context.request.get(`${ctx.baseUrl}${PUBLIC}/1/raadsbrief.docx`)).body(),
        ),
      );
      assert.ok(text2.includes(atPublication) && !text2.includes(now));

      // A new draft shows the new figure; published, it names the change.
      await page.goto(`${ctx.baseUrl}${BASE}`);
      await page.getByRole('button', { name: 'Nieuwe brief beginnen' }).click();
      await page.waitForURL(new RegExp(`${BASE}/[0-9a-f-]{36}$`));
      assert.equal(await figure(page, 'monitor:aantal-inwoners'), now);
      assert.equal(
        await page.getByLabel(/^Tekst: Wat is de aanleiding/).inputValue(),
        'Dordt West doet mee.\n\n<b>Geen opmaak</b>',
        'a new letter starts from the text of the last one',
      );
      await page.goto(`${ctx.baseUrl}${BASE}`);
      await writeAndPublish(page, 'Tweede brief.');
      await page.goto(`${ctx.baseUrl}${PUBLIC}/2`);
      await expectAxeClean(page);
      const changes = await page.locator('#veranderde-cijfers').innerText();
      assert.match(
        changes,
        new RegExp(
          `Inwoners\\s+${atPublication.replace('.', '\\.')} \\(2024\\)\\s+${now.replace('.', '\\.')} \\(2025\\)`,
        ),
      );

      const audit = await listAudit(db, { municipalityCode: 'GM0505' });
      assert.equal(audit.filter((a) => a.action === 'raadsbrief.gepubliceerd').length, 2);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on every council-letter page at 375 and 1280 px, also with errors', async () => {
    assert.ok(visited.size >= 5, [...visited].join(' '));
    const context = await ctx.browser.newContext();
    const page = await context.newPage();
    try {
      await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD });
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const p of [...visited, `${PUBLIC}/2`]) {
          await page.goto(`${ctx.baseUrl}${p}`);
          assert.equal(describeViolations(await axeViolations(page)), '', `${p} at ${width}px`);
        }
      }
      await page.goto(`${ctx.baseUrl}${BASE}`);
      await page.getByRole('button', { name: 'Moment toevoegen' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'planning with errors');
    } finally {
      await context.close();
    }
  });
});
