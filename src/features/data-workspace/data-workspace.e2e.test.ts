import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  startBrowserApp,
  type BrowserApp,
} from '../../../test/helpers/browser.ts';
import { createUser } from '../accounts/account.service.ts';
import { FIXTURES, LOCAL_FIXTURE } from './data-workspace.test-helpers.ts';

const skip = browserUnavailable();
const EMAIL = 'onderzoek@fixture.example';
const PASSWORD = 'fixture-wachtwoord-e2e-data';

describe('data workspace in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  before(async () => {
    ctx = await startBrowserApp('sqlite');
    await createUser(
      ctx.testApp.handle.db,
      {
        email: EMAIL,
        name: 'Fixture Onderzoeker',
        password: PASSWORD,
        grants: [{ role: 'onderzoeker', municipalityCode: 'GM0505' }],
      },
      'test',
    );
  });
  after(async () => ctx?.close());

  async function open(javaScriptEnabled: boolean) {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await page.goto(`${ctx.baseUrl}/werkruimte/GM0505/data`);
    await page.waitForURL(/\/inloggen\?terug=/);
    await page.getByLabel('E-mailadres').fill(EMAIL);
    await page.getByLabel('Wachtwoord').fill(PASSWORD);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/werkruimte\/GM0505\/data$/);
    return { context, page };
  }

  async function uploadLocalFixture(page: Page) {
    await page
      .getByLabel('Bestand', { exact: true })
      .setInputFiles(path.join(FIXTURES, LOCAL_FIXTURE));
    await page.getByLabel('Soort bestand').selectOption('lokaal');
    await page.getByLabel('Gebiedsindeling (jaar)').selectOption('2023');
    await page.getByRole('button', { name: 'Bekijk wat er verandert' }).click();
    await page.waitForURL(/\/voorbeeld\/[0-9a-f-]+$/);
  }

  it('has no axe violations on the data page, the form errors and the preview', async () => {
    const { context, page } = await open(true);
    try {
      assert.equal(describeViolations(await axeViolations(page)), '', 'data page');
      await page.getByRole('button', { name: 'Bekijk wat er verandert' }).click();
      assert.match(await page.locator('#foutoverzicht').innerText(), /Kies het bestand/);
      assert.equal(describeViolations(await axeViolations(page)), '', 'form errors');
      await uploadLocalFixture(page);
      assert.match(await page.locator('h1').innerText(), /Wat verandert er/);
      assert.equal(describeViolations(await axeViolations(page)), '', 'preview');
    } finally {
      await context.close();
    }
  });

  it('uploads, previews and imports through real form posts without JavaScript', async () => {
    const { context, page } = await open(false);
    try {
      await uploadLocalFixture(page);
      assert.match(await page.locator('main').innerText(), /Het bestand is goedgekeurd/);
      await page.getByRole('button', { name: 'Bevestig en laad de cijfers' }).click();
      await page.waitForURL(/\/data\/[0-9a-f-]+\?melding=geladen$/);
      assert.match(await page.locator('main').innerText(), /Het bestand is geladen/);
      assert.match(await page.locator('.wk-dataset-status').innerText(), /In gebruik/);
      await page.getByLabel('Reden van intrekken').fill('Proef zonder JavaScript');
      await page.getByRole('button', { name: 'Trek dit bestand in' }).click();
      await page.waitForURL(/melding=ingetrokken$/);
      assert.match(await page.locator('.wk-dataset-status').innerText(), /Ingetrokken/);
    } finally {
      await context.close();
    }
  });
});
