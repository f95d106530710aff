import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { TestApp } from '../../../test/helpers/app.ts';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  launchChromium,
  signIn,
} from '../../../test/helpers/browser.ts';
import { FIXTURE_PASSWORD, makeUser } from '../../../test/security/security-app.ts';
import { evidenceAnchor } from '../../shared/evidence.ts';
import { buildSynthesisTestApp } from './test-fixtures.ts';

const skip = browserUnavailable();
const PASSWORD = FIXTURE_PASSWORD;
const PAGE = '/werkruimte/GM0505/themakaart/dordt-west';
const VIEWPORTS = [
  { width: 375, height: 800 },
  { width: 1280, height: 900 },
];

describe('the themakaart in Chromium', skip ? { skip } : {}, () => {
  let t: TestApp;
  let browser: Browser;
  let baseUrl = '';
  before(async () => {
    t = await buildSynthesisTestApp('sqlite');
    for (const [email, role] of [
      ['themakaart-bureau@fixture.example', 'programmabureau'],
      ['themakaart-alliantie@fixture.example', 'alliantielid'],
    ] as const) {
      await makeUser(t.handle, email, [{ role, municipalityCode: 'GM0505' }]);
    }
    baseUrl = (await t.app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signedIn(email: string, javaScriptEnabled: boolean, viewport = VIEWPORTS[1]!) {
    const context = await browser.newContext({ javaScriptEnabled, viewport });
    const page = await context.newPage();
    await signIn(page, baseUrl, { email, password: PASSWORD });
    return { context, page };
  }

  it('opens from the workspace home and changes the weights without JavaScript', async () => {
    const { context, page } = await signedIn('themakaart-bureau@fixture.example', false);
    try {
      await page.getByRole('link', { name: 'Themakaart Dordt West' }).click();
      await page.waitForURL(new RegExp(`${PAGE}$`));
      assert.equal(
        await page.getByRole('heading', { level: 1 }).innerText(),
        'Themakaart Dordt West',
      );
      assert.match(await page.locator('[data-rangorde] tbody tr').first().innerText(), /Wonen/);
      await page.getByLabel('Gewicht Monitor (cijfers)').fill('200');
      await page.getByRole('button', { name: 'Gewichten opslaan' }).click();
      assert.match(
        await page.locator('#foutoverzicht').innerText(),
        /Gewicht Monitor \(cijfers\): vul een heel getal van 0 tot en met 100 in\./,
      );
      await page.getByLabel('Gewicht Monitor (cijfers)').fill('100');
      await page.getByLabel('Gewicht Kennissessies').fill('0');
      await page.getByLabel('Gewicht Gecodeerde open antwoorden').fill('0');
      await page.getByRole('button', { name: 'Gewichten opslaan' }).click();
      await page.waitForURL(/melding=gewichten/);
      assert.match(await page.getByRole('status').innerText(), /De gewichten zijn opgeslagen/);
      assert.match(
        await page.locator('[data-bron="monitor"]').innerText(),
        /gewicht 100, telt mee voor 71%/,
      );
      // With sessions and codes at 0 and the monitor heavy, safety (the only theme with an
      // unfavourable figure against the city in the seeded data) now leads.
      assert.match(
        await page.locator('[data-rangorde] tbody tr').first().innerText(),
        /Veiligheid/,
      );
    } finally {
      await context.close();
    }
  });

  it('lands on an evidence item through its anchor, as other features link to it', async () => {
    const { context, page } = await signedIn('themakaart-alliantie@fixture.example', false);
    try {
      const anchor = evidenceAnchor({ kind: 'code', id: 'wonen-onderhoud' });
      await page.goto(`${baseUrl}${PAGE}#${anchor}`);
      assert.match(await page.locator(`#${anchor}`).innerText(), /Onderhoud/);
      assert.equal(await page.locator('form[action$="/gewichten"]').count(), 0);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations at 375 and 1280 pixels, also with an error in the form', async () => {
    for (const viewport of VIEWPORTS) {
      const { context, page } = await signedIn('themakaart-bureau@fixture.example', true, viewport);
      try {
        await page.goto(`${baseUrl}${PAGE}`);
        assert.equal(
          describeViolations(await axeViolations(page)),
          '',
          `page at ${viewport.width}`,
        );
        await page.getByLabel('Gewicht Bewonersenquête').fill('veel');
        await page.getByRole('button', { name: 'Gewichten opslaan' }).click();
        await page.locator('#foutoverzicht').waitFor();
        assert.equal(
          describeViolations(await axeViolations(page)),
          '',
          `errors at ${viewport.width}`,
        );
      } finally {
        await context.close();
      }
    }
  });
});
