/**
 * Issue 18.1: the first day, as a new municipality has it. The first administrator is made with
 * the command line (`wijkkompas gebruiker maak`), logs in, lands on the workspace home, reaches
 * every section it lists, opens user management and makes a password link for a new colleague
 * (whose account the command line made), and logs out with the header button. The colleague sets
 * a password with the link, logs in and lands on their own home. axe checks every page visited;
 * the same walk works with JavaScript switched off.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import { createServices } from '../../src/composition.ts';
import { projectRoot } from '../../src/config.ts';
import { createDb, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedShippedData } from '../../src/features/seed/seed.service.ts';
import { loadQuestionnaires } from '../../src/features/survey/definition/load.ts';
import { loadXlsForm } from '../../src/features/survey/definition/xlsform.ts';
import { datasetsDir } from '../helpers/app.ts';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  launchChromium,
} from '../helpers/browser.ts';

const run = promisify(execFile);
const skip = browserUnavailable();
const ADMIN = { email: 'beheer@gemeente.example', name: 'Eerste Beheerder' };
const ADMIN_PASSWORD = 'fixture-eerste-beheerder-wachtwoord';
const NEW_PASSWORD = 'fixture-nieuwe-collega-wachtwoord';

describe('the first day in Chromium', skip ? { skip } : {}, () => {
  let dir: string;
  let handle: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let databaseUrl: string;

  /** `npx wijkkompas gebruiker maak …` against the same database the server uses. */
  async function cli(args: string[], password: string): Promise<string> {
    const { stdout } = await run(
      process.execPath,
      [path.join(projectRoot, 'bin', 'wijkkompas.js'), 'gebruiker', 'maak', ...args],
      {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: databaseUrl, WIJKKOMPAS_WACHTWOORD: password },
      },
    );
    return stdout;
  }

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'wk-eerste-dag-'));
    databaseUrl = `sqlite:${path.join(dir, 'wijkkompas.sqlite')}`;
    handle = createDb({ kind: 'sqlite', file: path.join(dir, 'wijkkompas.sqlite') });
    await migrateToLatest(handle.db);
    // As `npm start` loads the shipped data on its first start.
    await seedShippedData(handle.db, datasetsDir, { importedBy: 'start' });
    app = await buildApp({
      services: createServices(handle, {
        datasetsDir,
        questionnaires: await loadQuestionnaires(
          path.join(projectRoot, 'questionnaires'),
          loadXlsForm,
        ),
      }),
      sessionSecret: randomBytes(32).toString('base64url'),
    });
    baseUrl = (await app.listen({ host: '127.0.0.1', port: 0 })).replace(/\/$/, '');
    browser = await launchChromium();
    const made = await cli(
      ['--email', ADMIN.email, '--naam', ADMIN.name, '--rol', 'beheerder', '--gemeente', 'GM0505'],
      ADMIN_PASSWORD,
    );
    assert.match(made, /Account gemaakt voor Eerste Beheerder/);
  });
  after(async () => {
    await browser?.close();
    await app?.close();
    await handle?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function check(page: Page, javaScript: boolean, what: string) {
    const status = await page.evaluate(() => document.title).catch(() => '');
    assert.doesNotMatch(status, /^(Geen toegang|Niet gevonden)/, what);
    // axe runs as a script in the page: only where JavaScript is on.
    if (javaScript) assert.equal(describeViolations(await axeViolations(page)), '', what);
  }

  async function login(page: Page, javaScript: boolean, email: string, password: string) {
    await page.goto(`${baseUrl}/inloggen`);
    await check(page, javaScript, 'inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.waitForURL(/\/werkruimte$/);
    await check(page, javaScript, 'werkruimte');
  }

  async function logout(page: Page) {
    await page.locator('header').getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL(`${baseUrl}/`);
    assert.equal(await page.locator('header').getByText('Ingelogd als').count(), 0);
  }

  async function firstDay(javaScript: boolean, colleague: { email: string; name: string }) {
    await cli(
      [
        '--email',
        colleague.email,
        '--naam',
        colleague.name,
        '--rol',
        'programmabureau',
        '--gemeente',
        'GM0505',
      ],
      // A password nobody knows: the colleague chooses their own with the link.
      randomBytes(24).toString('base64url'),
    );
    const context = await browser.newContext({ javaScriptEnabled: javaScript });
    const page = await context.newPage();
    try {
      // The administrator's first login lands on the home, which says what they can do.
      await login(page, javaScript, ADMIN.email, ADMIN_PASSWORD);
      const header = page.locator('header');
      assert.match(await header.innerText(), /Ingelogd als\s+Eerste Beheerder/);
      const main = page.locator('main');
      assert.match(await main.innerText(), /Uw rol: Beheerder/);
      const sections = await main
        .locator('section a')
        .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
      for (const href of ['/beheer/GM0505/gebruikers', '/beheer/GM0505/audit']) {
        assert.ok(sections.includes(href), `${href} staat niet op de werkruimte`);
      }
      // Every section the home lists opens, and is accessible.
      for (const href of sections) {
        const res = await page.goto(`${baseUrl}${href}`);
        assert.equal(res?.status(), 200, href);
        assert.match(await header.innerText(), /Ingelogd als/, href);
        await check(page, javaScript, href);
      }

      // User management: a password link for the new colleague.
      await page.goto(`${baseUrl}/werkruimte`);
      await page.getByRole('link', { name: 'Gebruikers', exact: true }).click();
      await page.waitForURL(/\/beheer\/GM0505\/gebruikers$/);
      await check(page, javaScript, 'gebruikers');
      await page
        .getByRole('button', { name: `Link voor wachtwoord maken voor ${colleague.name}` })
        .click();
      await page.locator('#herstellink').waitFor();
      await check(page, javaScript, 'herstellink');
      const link = new URL(await page.locator('#herstellink').inputValue());
      await logout(page);

      // The colleague sets a password with the link, logs in and lands on their own home.
      await page.goto(`${baseUrl}${link.pathname}`);
      await check(page, javaScript, 'wachtwoord instellen');
      await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill(NEW_PASSWORD);
      await page.getByLabel('Herhaal het nieuwe wachtwoord').fill(NEW_PASSWORD);
      await page.getByRole('button', { name: 'Wachtwoord instellen' }).click();
      await page.getByRole('link', { name: 'Naar inloggen' }).waitFor();
      await check(page, javaScript, 'wachtwoord ingesteld');
      await login(page, javaScript, colleague.email, NEW_PASSWORD);
      assert.match(await header.innerText(), new RegExp(`Ingelogd als\\s+${colleague.name}`));
      const home = await main.innerText();
      assert.match(home, /Uw rol: Programmabureau/);
      assert.match(home, /Focusgebieden/);
      assert.doesNotMatch(home, /Gebruikers|Logboek/);
      // The header stays on a public page, and logging out works from there; on a phone too.
      await page.goto(`${baseUrl}/gebieden/dordt-west`);
      assert.match(await header.innerText(), new RegExp(`Ingelogd als\\s+${colleague.name}`));
      await check(page, javaScript, 'openbare pagina, ingelogd');
      await page.setViewportSize({ width: 375, height: 800 });
      await check(page, javaScript, 'openbare pagina, ingelogd, 375 px');
      await page.goto(`${baseUrl}/werkruimte`);
      await check(page, javaScript, 'werkruimte, 375 px');
      await logout(page);
    } finally {
      await context.close();
    }
  }

  it('walks the first day with JavaScript, axe-clean on every page', async () => {
    await firstDay(true, { email: 'collega@gemeente.example', name: 'Nieuwe Collega' });
  });

  it('walks the same first day without JavaScript', async () => {
    await firstDay(false, { email: 'collega2@gemeente.example', name: 'Tweede Collega' });
  });
});
