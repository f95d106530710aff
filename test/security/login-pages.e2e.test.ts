import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createUser } from '../../src/features/accounts/account.service.ts';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';

const skip = browserUnavailable();

describe('login and account pages in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  before(async () => {
    ctx = await startBrowserApp('sqlite');
    await createUser(
      ctx.testApp.handle.db,
      {
        email: 'beheer@fixture.example',
        name: 'Fixture Beheerder',
        password: 'fixture-wachtwoord-e2e',
        grants: [{ role: 'beheerder', municipalityCode: 'GM0505' }],
      },
      'test',
    );
  });
  after(async () => ctx?.close());

  async function signIn(javaScriptEnabled: boolean) {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/inloggen`);
    return { context, page };
  }

  it('logs in and out without JavaScript, naming errors at the top and by the field', async () => {
    const { context, page } = await signIn(false);
    try {
      await page.getByRole('button', { name: 'Inloggen' }).click();
      assert.match(await page.locator('#foutoverzicht').innerText(), /Vul uw e-mailadres in/);
      assert.match(await page.locator('#veld-email-fout').innerText(), /Vul uw e-mailadres in/);
      await page.getByLabel('E-mailadres').fill('beheer@fixture.example');
      await page.getByLabel('Wachtwoord').fill('fixture-wachtwoord-e2e');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL(/\/werkruimte$/);
      assert.match(await page.locator('h1').innerText(), /Werkruimte/);
      await page.getByRole('button', { name: 'Uitloggen' }).click();
      await page.goto(`${ctx.baseUrl}/account`);
      await page.waitForURL(/\/inloggen\?terug=/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the login, account, users and audit pages', async () => {
    // axe runs as a script in the page, so this context has JavaScript on.
    const { context, page } = await signIn(true);
    try {
      assert.equal(describeViolations(await axeViolations(page)), '');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      assert.equal(describeViolations(await axeViolations(page)), '', 'login with errors');
      await page.getByLabel('E-mailadres').fill('beheer@fixture.example');
      await page.getByLabel('Wachtwoord').fill('fixture-wachtwoord-e2e');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await page.waitForURL(/\/werkruimte$/);
      for (const path of [
        '/werkruimte',
        '/account',
        '/beheer/GM0505/gebruikers',
        '/beheer/GM0505/audit',
      ]) {
        await page.goto(`${ctx.baseUrl}${path}`);
        assert.equal(describeViolations(await axeViolations(page)), '', path);
      }
    } finally {
      await context.close();
    }
  });
});
