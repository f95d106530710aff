import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  openWithoutJavaScript,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../../../test/helpers/browser.ts';
import { createUser } from '../accounts/account.service.ts';

const skip = browserUnavailable();
const EMAIL = 'bijeenkomsten@fixture.example';
const PASSWORD = 'fixture-wachtwoord-bijeenkomsten';
const LIST = '/werkruimte/GM0505/bijeenkomsten';
const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
];

async function notesFile(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Inbreng');
  ws.addRow(['Thema', 'Subthema', 'Soort', 'Tekst', 'Tafel of groep', 'Stemmen', 'Citeren mag']);
  ws.addRow(['Wonen', 'Onderhoud', 'knelpunt', 'Fixture-briefje portiek', 'Tafel 1', 3, 'ja']);
  ws.addRow(['Onderwijs', '', 'idee', 'Fixture-briefje huiswerk', 'Tafel 2', 1, 'nee']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('participation pages in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  let sessionUrl = '';
  let previewUrl = '';
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

  async function signedIn(javaScriptEnabled: boolean, viewport = VIEWPORTS[1]!) {
    const context = await ctx.browser.newContext({ javaScriptEnabled, viewport });
    const page = await context.newPage();
    await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD });
    return { context, page };
  }

  it('plans a session, records an input and loads a notes file, all without JavaScript', async () => {
    const { context, page } = await signedIn(false);
    try {
      await page.getByRole('link', { name: 'Bijeenkomsten' }).first().click();
      await page.getByRole('link', { name: 'Nieuwe bijeenkomst plannen' }).click();
      await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
      assert.match(await page.locator('#foutoverzicht').innerText(), /Vul de titel in\./);
      await page.getByLabel('Titel').fill('Fixture-kennissessie Wonen');
      await page.getByLabel('Wonen', { exact: true }).check();
      await page.getByLabel('Datum').fill('2099-03-12');
      await page.getByLabel('Begintijd').fill('19:30');
      await page.getByLabel('Eindtijd').fill('21:30');
      await page.getByLabel('Plaats (naam en adres)').fill('Fixture-buurthuis');
      await page.getByLabel('Organisator').fill('Programmabureau (fixture)');
      await page.getByLabel('Bewoners en professionals (gemengd)').check();
      await page.getByLabel('Ja, openbaar').check();
      await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
      await page.waitForURL(/melding=gepland/);
      sessionUrl = page.url().split('?')[0]!;
      assert.match(await page.getByRole('status').innerText(), /De bijeenkomst is gepland/);

      await page.getByLabel('Tekst', { exact: true }).fill('Fixture: te weinig groen');
      await page.getByLabel('Kans').check();
      await page.getByRole('button', { name: 'Inbreng opslaan' }).click();
      await page.waitForURL(/melding=inbreng/);
      assert.match(await page.locator('body').innerText(), /Fixture: te weinig groen/);

      await page.getByLabel('Ingevuld sjabloon').setInputFiles({
        name: 'flip-over.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: await notesFile(),
      });
      await page.getByRole('button', { name: 'Bestand bekijken' }).click();
      await page.waitForURL(/inbreng\/bestand\//);
      previewUrl = page.url();
      await page.getByRole('button', { name: '2 briefjes laden' }).click();
      await page.waitForURL(/geladen=2/);
      assert.match(await page.locator('body').innerText(), /Fixture-briefje portiek/);
    } finally {
      await context.close();
    }
  });

  it('the public Doe mee page works without JavaScript and lists the session', async () => {
    const { context, page } = await openWithoutJavaScript(
      ctx.browser,
      `${ctx.baseUrl}/gebieden/dordt-west`,
    );
    try {
      await page.getByRole('link', { name: /Doe mee/ }).click();
      await page.waitForURL(/\/gebieden\/dordt-west\/doe-mee$/);
      assert.equal(
        await page.getByRole('heading', { level: 1 }).innerText(),
        'Doe mee in Dordt West',
      );
      assert.match(await page.locator('body').innerText(), /Fixture-kennissessie Wonen/);
      const ics = await page.request.get(
        `${ctx.baseUrl}/gebieden/dordt-west/doe-mee/bijeenkomsten.ics`,
      );
      assert.match(await ics.text(), /SUMMARY:Fixture-kennissessie Wonen\r\n/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the new pages, at 375 and 1280 pixels, also with errors', async () => {
    assert.ok(sessionUrl && previewUrl, 'the first test made a session and a preview');
    for (const viewport of VIEWPORTS) {
      // axe runs as a script in the page, so this context has JavaScript on.
      const { context, page } = await signedIn(true, viewport);
      try {
        for (const url of [
          `${ctx.baseUrl}${LIST}`,
          `${ctx.baseUrl}${LIST}/nieuw`,
          sessionUrl,
          `${sessionUrl}/bewerken`,
          previewUrl,
          `${ctx.baseUrl}/gebieden/dordt-west/doe-mee`,
        ]) {
          await page.goto(url);
          assert.equal(
            describeViolations(await axeViolations(page)),
            '',
            `${url} at ${viewport.width}`,
          );
        }
        await page.goto(`${ctx.baseUrl}${LIST}/nieuw`);
        await page.getByRole('button', { name: 'Bijeenkomst plannen' }).click();
        await page.locator('#foutoverzicht').waitFor();
        assert.equal(describeViolations(await axeViolations(page)), '', 'new session with errors');
        await page.goto(sessionUrl);
        await page.getByRole('button', { name: 'Inbreng opslaan' }).click();
        await page.locator('#foutoverzicht').waitFor();
        assert.equal(describeViolations(await axeViolations(page)), '', 'input with errors');
      } finally {
        await context.close();
      }
    }
  });
});
