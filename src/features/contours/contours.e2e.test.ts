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
const EMAIL = 'contouren@fixture.example';
const PASSWORD = 'fixture-wachtwoord-contouren';
const BASE = '/werkruimte/GM0505/contouren/dordt-west';
const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
];

describe('contours pages in Chromium', skip ? { skip } : {}, () => {
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

  async function signedIn(javaScriptEnabled: boolean, viewport = VIEWPORTS[1]!) {
    const context = await ctx.browser.newContext({ javaScriptEnabled, viewport });
    const page = await context.newPage();
    await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD });
    return { context, page };
  }

  async function axe(page: Awaited<ReturnType<typeof signedIn>>['page'], what: string) {
    assert.equal(describeViolations(await axeViolations(page)), '', what);
  }

  it('drafts a main theme, picks its evidence and submits it, all without JavaScript', async () => {
    const { context, page } = await signedIn(false);
    try {
      await page.getByRole('link', { name: 'Contouren programma Dordt West' }).click();
      await page.waitForURL(new RegExp(`${BASE}$`));
      await page.getByRole('link', { name: 'Hoofdthema bij Wonen' }).click();
      await page.getByLabel('Ambitie').fill('Iedereen woont gezond.');
      await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
      assert.match(await page.locator('#foutoverzicht').innerText(), /Titel: geef het hoofdthema/);
      await page.getByLabel('Titel van het hoofdthema').fill('Fixture: gezond wonen');
      await page.getByLabel('Doel 1', { exact: true }).fill('Minder schimmel');
      await page.getByLabel('Actie 1', { exact: true }).fill('Woningschouw');
      await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
      await page.waitForURL(/melding=opgeslagen/);
      await page.getByRole('link', { name: 'Onderbouwing kiezen voor doel 1' }).click();
      const first = page.locator('input[name="bewijs"]').first();
      const ref = await first.getAttribute('value');
      await first.check();
      await page.getByRole('button', { name: 'Onderbouwing opslaan' }).click();
      await page.waitForURL(/melding=opgeslagen/);
      assert.equal(await page.locator(`[data-evidence="${ref}"] a`).count(), 1);
      await page.getByRole('button', { name: 'Voorleggen aan de Alliantie' }).click();
      await page.waitForURL(/melding=voorgelegd/);
      assert.match(await page.locator('[data-status]').innerText(), /Voorgelegd aan de Alliantie/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on every page and form, at 375 and 1280 pixels, also with errors', async () => {
    for (const viewport of VIEWPORTS) {
      // axe runs as a script in the page, so this context has JavaScript on.
      const { context, page } = await signedIn(true, viewport);
      try {
        for (const path of [
          BASE,
          `${BASE}/thema/wonen`,
          `${BASE}/thema/onderwijs`,
          `${BASE}/thema/wonen/bewijs?onderdeel=doel-1`,
          `${BASE}/thema/wonen/bewijs?onderdeel=ambitie`,
          `${BASE}/versies`,
          `${BASE}/afdrukken`,
        ]) {
          await page.goto(`${ctx.baseUrl}${path}`);
          await axe(page, `${path} at ${viewport.width}`);
        }
        await page.goto(`${ctx.baseUrl}${BASE}`);
        await page.getByRole('button', { name: /Vastleggen/ }).click();
        await page.locator('#foutoverzicht').waitFor();
        await axe(page, `decision with errors at ${viewport.width}`);
        await page.goto(`${ctx.baseUrl}${BASE}/thema/onderwijs`);
        await page.getByLabel('Ambitie').fill('Zonder titel');
        await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
        await page.locator('#foutoverzicht').waitFor();
        await axe(page, `theme form with errors at ${viewport.width}`);
      } finally {
        await context.close();
      }
    }
  });

  it('records the decision, freezes the version and starts a new concept, without JavaScript', async () => {
    const { context, page } = await signedIn(false);
    try {
      await page.goto(`${ctx.baseUrl}${BASE}`);
      await page.getByLabel('Datum van het besluit').fill('2026-12-10');
      await page.getByLabel('Kenmerk van het besluit').fill('Alliantie A-7');
      await page.getByRole('button', { name: /Vastleggen/ }).click();
      await page.waitForURL(/melding=vastgesteld/);
      assert.match(await page.locator('[data-status]').innerText(), /^Vastgesteld$/);
      assert.equal(await page.getByRole('link', { name: /bewerken/ }).count(), 0);
      await page.getByRole('button', { name: 'Nieuw concept beginnen' }).click();
      await page.waitForURL(/melding=concept/);
      assert.match(await page.locator('[data-status]').innerText(), /^Concept$/);
      await page.getByRole('link', { name: /Alle versies/ }).click();
      assert.match(await page.locator('tbody').innerText(), /Alliantie A-7/);
    } finally {
      await context.close();
    }
    const { context: js, page: checked } = await signedIn(true);
    try {
      await checked.goto(`${ctx.baseUrl}${BASE}?versie=2`);
      await axe(checked, 'set version');
      await checked.goto(`${ctx.baseUrl}${BASE}/versies`);
      await axe(checked, 'history with a set version');
    } finally {
      await js.close();
    }
  });
});
