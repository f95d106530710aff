import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../../../test/helpers/browser.ts';
import { createUser } from '../accounts/account.service.ts';

const skip = browserUnavailable();
const EMAIL = 'begroting@fixture.example';
const PASSWORD = 'fixture-wachtwoord-begroting';
const BUDGET = '/werkruimte/GM0505/begroting/dordt-west';
const SUBSIDIES = '/werkruimte/GM0505/subsidies/dordt-west';

describe('budget and subsidy pages in Chromium', skip ? { skip } : {}, () => {
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

  async function signedIn(javaScriptEnabled: boolean) {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD });
    return { context, page };
  }

  it('without JavaScript: the €500.000 line, spending, and an application with a deadline', async () => {
    const { context, page } = await signedIn(false);
    try {
      // From the workspace home, by links only.
      await page.getByRole('link', { name: 'Begroting, subsidies en projecten' }).click();
      await page.getByRole('link', { name: 'begroting en programmabureau' }).click();
      await page.waitForURL(new RegExp(`${BUDGET}$`));
      await page.locator('#veld-regel-code').fill('PB-2025');
      await page.locator('#veld-regel-year').fill('2025');
      await page.locator('#veld-regel-funding_source_id').selectOption('dordt-west-bzk');
      await page.locator('#veld-regel-description').fill('Programmabureau 2025');
      await page.locator('#veld-regel-planned').fill('500.000,00');
      await page.getByRole('button', { name: 'Regel toevoegen' }).click();
      await page.getByText('De begrotingsregel is toegevoegd.').waitFor();

      await page.locator('#veld-boeking-budget_line_id').selectOption({ index: 1 });
      await page.locator('#veld-boeking-kind').selectOption('uitgave');
      await page.locator('#veld-boeking-entry_date').fill('2025-04-01');
      await page.locator('#veld-boeking-amount').fill('12.500,00');
      await page.locator('#veld-boeking-description').fill('Inrichting kantoor');
      await page.getByRole('button', { name: 'Boeking opslaan' }).click();
      await page.getByText('De boeking is opgeslagen.').waitFor();
      const body = await page.locator('main').innerText();
      assert.match(body, /€ 487\.500,00/);

      await page.goto(`${ctx.baseUrl}${SUBSIDIES}`);
      await page.locator('#veld-scheme_id').selectOption('school-en-omgeving');
      await page.locator('#veld-title').fill('Brede school Wielwijk');
      await page.locator('#veld-submission_deadline').fill('2026-03-31');
      await page.getByRole('button', { name: 'Aanvraag opslaan' }).click();
      await page.getByText('De aanvraag is opgeslagen.').waitFor();
      assert.match(await page.locator('main').innerText(), /2026-03-31/);

      // A public project aiming at an indicator appears on that indicator's monitor page.
      await page.goto(`${ctx.baseUrl}/werkruimte/GM0505/projecten`);
      await page.locator('#veld-name').fill('Buurtsportcoach Wielwijk');
      await page.locator('#veld-theme').selectOption('gezond-leven');
      await page.locator('#veld-status').selectOption('lopend');
      await page.locator('#indicator-overgewicht').check();
      await page.locator('#veld-public').check();
      await page.getByRole('button', { name: 'Project opslaan' }).click();
      await page.getByText('Het project is opgeslagen.').waitFor();
      await page.goto(`${ctx.baseUrl}/gebieden/dordt-west/indicatoren/overgewicht`);
      assert.match(
        await page.locator('main').innerText(),
        /Wat wordt eraan gedaan\s+Buurtsportcoach Wielwijk \(Lopend\)/,
      );
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the new pages, also with errors shown', async () => {
    const { context, page } = await signedIn(true);
    try {
      for (const path of [
        '/werkruimte/GM0505/programma',
        BUDGET,
        `${BUDGET}/importeren`,
        SUBSIDIES,
        '/werkruimte/GM0505/projecten',
        '/gebieden/dordt-west/indicatoren/overgewicht',
      ]) {
        await page.goto(`${ctx.baseUrl}${path}`);
        assert.equal(describeViolations(await axeViolations(page)), '', path);
      }
      await page.goto(`${ctx.baseUrl}${BUDGET}`);
      const line = page.locator('a[href*="/regels/"]').first();
      // The first test made one line and one application (node:test runs them in order).
      assert.ok((await line.count()) > 0);
      await line.click();
      assert.equal(describeViolations(await axeViolations(page)), '', 'budget line');
      await page.goto(`${ctx.baseUrl}${BUDGET}`);
      await page.locator('#veld-regel-planned').fill('-5,00');
      await page.getByRole('button', { name: 'Regel toevoegen' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'budget with errors');
      await page.goto(`${ctx.baseUrl}${SUBSIDIES}`);
      const app = page.locator('a[href*="/aanvragen/"]').first();
      assert.ok((await app.count()) > 0);
      await app.click();
      assert.equal(describeViolations(await axeViolations(page)), '', 'application');
    } finally {
      await context.close();
    }
  });

  it('without JavaScript: corrects the line, the source and a booking from their Wijzigen links', async () => {
    const { context, page } = await signedIn(false);
    try {
      await page.goto(`${ctx.baseUrl}${BUDGET}`);
      await page
        .getByRole('link', { name: 'Wijzigen Bijdrage Rijk voor het programmabureau' })
        .click();
      await page.locator('#veld-bron-annual').fill('450.000,00');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De wijziging van de geldbron is opgeslagen.').waitFor();
      assert.match(await page.locator('main').innerText(), /€ 450\.000,00 vanaf 2023/);

      await page.getByRole('link', { name: 'PB-2025' }).click();
      await page.getByRole('link', { name: 'Wijzigen begrotingsregel PB-2025' }).click();
      await page.locator('#veld-regel-planned').fill('-5,00');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      // The summary names the field; nothing is saved.
      await page
        .getByRole('link', { name: /negatief begroot bedrag mag alleen met een reden/ })
        .waitFor();
      await page.locator('#veld-regel-planned').fill('480.000,00');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De wijziging van de begrotingsregel is opgeslagen.').waitFor();

      await page.getByRole('link', { name: /^Wijzigen uitgave van € 12\.500,00/ }).click();
      await page.locator('#veld-boeking-amount').fill('12.050,00');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('De wijziging van de boeking is opgeslagen.').waitFor();
      // Available = 480.000,00 − 12.050,00.
      assert.match(await page.locator('main').innerText(), /€ 467\.950,00/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the edit forms, with errors and after a conflict', async () => {
    const { context, page } = await signedIn(true);
    try {
      await page.goto(`${ctx.baseUrl}${BUDGET}`);
      await page.getByRole('link', { name: 'PB-2025' }).click();
      const linePage = page.url();
      const editLinks = [
        `${BUDGET}/bronnen/dordt-west-bzk/wijzigen`,
        await page
          .getByRole('link', { name: 'Wijzigen begrotingsregel PB-2025' })
          .getAttribute('href'),
        await page.getByRole('link', { name: /^Wijzigen uitgave/ }).getAttribute('href'),
      ];
      for (const path of editLinks) {
        assert.ok(path);
        await page.goto(`${ctx.baseUrl}${path}`);
        assert.equal(describeViolations(await axeViolations(page)), '', path);
      }
      // With an error shown.
      await page.locator('#veld-boeking-entry_date').fill('');
      await page.locator('#veld-boeking-description').fill('');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'booking with errors');
      // After a conflict: a second tab saved the line first.
      const lineEdit = `${ctx.baseUrl}${editLinks[1]}`;
      await page.goto(lineEdit);
      const other = await context.newPage();
      await other.goto(lineEdit);
      await other.locator('#veld-regel-project').fill('Eerst opgeslagen');
      await other.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await other.waitForURL(linePage + '?klaar=regel-gewijzigd');
      await page.locator('#veld-regel-project').fill('Later opgeslagen');
      await page.getByRole('button', { name: 'Wijziging opslaan' }).click();
      await page.getByText('Zo staat het nu opgeslagen').waitFor();
      assert.match(
        await page.locator('main').innerText(),
        /Iemand anders heeft begrotingsregel PB-2025 gewijzigd/,
      );
      assert.equal(await page.locator('#veld-regel-project').inputValue(), 'Later opgeslagen');
      assert.equal(describeViolations(await axeViolations(page)), '', 'line after a conflict');
    } finally {
      await context.close();
    }
  });
});
