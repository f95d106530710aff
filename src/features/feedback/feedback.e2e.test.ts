import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
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
import { ParticipationRepository } from '../participation/index.ts';

const skip = browserUnavailable();
const EMAIL = 'citaten@fixture.example';
const PASSWORD = 'fixture-wachtwoord-citaten';
const QUOTES = '/werkruimte/GM0505/inbreng/dordt-west/citaten';
const SESSION = '00000000-0000-4000-8000-00000000fb01';

describe('the feedback pages in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  before(async () => {
    ctx = await startBrowserApp('sqlite');
    const db = ctx.testApp.handle.db;
    await createUser(
      db,
      {
        email: EMAIL,
        name: 'Fixture Programmabureau',
        password: PASSWORD,
        grants: [{ role: 'programmabureau', municipalityCode: 'GM0505' }],
      },
      'test',
    );
    const at = '2026-12-04T00:00:00.000Z';
    const repo = new ParticipationRepository(db);
    await repo.insertSession(
      {
        id: SESSION,
        municipality_code: 'GM0505',
        focus_area_slug: 'dordt-west',
        title: 'Fixture-kennissessie Wonen',
        description: null,
        starts_at: '2099-03-12T18:30:00.000Z',
        ends_at: '2099-03-12T20:30:00.000Z',
        location: 'Fixture-buurthuis',
        organiser: 'Fixture',
        audience: 'gemengd',
        is_public: 1,
        status: 'gepland',
        cancel_reason: null,
        created_at: at,
        created_by: 'fixture',
        updated_at: at,
        updated_by: 'fixture',
      },
      ['wonen'],
    );
    await repo.insertInputs([
      {
        id: '00000000-0000-4000-8000-00000000fb02',
        municipality_code: 'GM0505',
        focus_area_slug: 'dordt-west',
        source: 'bijeenkomst',
        session_id: SESSION,
        theme_key: 'wonen',
        sub_theme: null,
        kind: 'knelpunt',
        text: 'Fixture-citaat: de galerij is te donker',
        table_group: null,
        votes: 0,
        quote_allowed: 1,
        quote_review: 'te_beoordelen',
        import_id: null,
        import_row: null,
        created_at: at,
        created_by: 'fixture',
      },
    ]);
  });
  after(async () => ctx?.close());

  it('reviews a quote without JavaScript; the public pages in Dutch and English are axe-clean and show it', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    try {
      await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD }, QUOTES);
      await page.getByRole('button', { name: 'Goedkeuren' }).first().click();
      await page.waitForURL(/melding=ok/);
      assert.match(
        await page.locator('main').innerText(),
        /Goedgekeurd: staat op de openbare pagina/,
      );
    } finally {
      await context.close();
    }

    const { context: pub, page: nl } = await openWithoutJavaScript(
      ctx.browser,
      `${ctx.baseUrl}/gebieden/dordt-west/doe-mee`,
    );
    try {
      await nl.getByRole('link', { name: 'Lees wat we met uw inbreng deden' }).click();
      await nl.waitForURL(/\/gebieden\/dordt-west\/inbreng$/);
      assert.equal(await nl.locator('html').getAttribute('lang'), 'nl');
      assert.equal(
        await nl.getByRole('heading', { level: 1 }).innerText(),
        'Wat we met uw inbreng deden in Dordt West',
      );
      const text = await nl.locator('main').innerText();
      assert.match(text, /Fixture-citaat: de galerij is te donker/);
      assert.match(text, /Er is nog geen besluit\./);
      assert.match(text, /Fixture-kennissessie Wonen/);

      await nl.getByRole('link', { name: 'Read this page in English' }).click();
      await nl.waitForURL(/\/en\/areas\/dordt-west\/input$/);
      assert.equal(await nl.locator('html').getAttribute('lang'), 'en');
      assert.match(await nl.locator('main').innerText(), /Nothing has been decided yet\./);
    } finally {
      await pub.close();
    }
  });

  it('the review page, both public pages and the flyer are axe-clean', async () => {
    const context = await ctx.browser.newContext({ javaScriptEnabled: true });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    try {
      await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD }, QUOTES);
      for (const path of [
        QUOTES,
        '/gebieden/dordt-west/inbreng',
        '/en/areas/dordt-west/input',
        '/gebieden/dordt-west/inbreng/folder',
        '/en/areas/dordt-west/input/folder',
      ]) {
        await page.goto(`${ctx.baseUrl}${path}`);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${path}\n${describeViolations(violations)}`);
      }
    } finally {
      await context.close();
    }
  });
});
