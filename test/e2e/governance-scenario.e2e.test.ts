import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { createServices } from '../../src/composition.ts';
import { projectRoot } from '../../src/config.ts';
import { createUser } from '../../src/features/accounts/account.service.ts';
import { loadMailConfig } from '../../src/features/accounts/mail/mail.config.ts';
import { AllianceRepository } from '../../src/features/alliance/alliance.repository.ts';
import { listAudit } from '../../src/features/audit/audit.repository.ts';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';

/**
 * Issue 15, point 9: the whole governance scenario in one run, in Chromium, the forms with
 * JavaScript off: an Alliance with members, a meeting with two decisions and an action, a
 * budget with the ministry's €500.000 and spending, an application with a deadline that reaches
 * the iCal feed and a reminder mail (through an SMTP server in this test), corrections of a
 * member and the application; then an Alliance member reads it all and can change nothing; and
 * axe on every page of the Alliance, budget, subsidy and project features.
 */

const skip = browserUnavailable();
const GM = 'GM0505';
const ALLIANCE = `/werkruimte/${GM}/alliantie/dordt-west`;
const BUDGET = `/werkruimte/${GM}/begroting/dordt-west`;
const SUBSIDIES = `/werkruimte/${GM}/subsidies/dordt-west`;
const PROJECTS = `/werkruimte/${GM}/projecten`;
const BUREAU = { email: 'scenario-pb@fixture.example', password: 'fixture-wachtwoord-pb-1' };
const MEMBER = { email: 'scenario-lid@fixture.example', password: 'fixture-wachtwoord-lid-1' };

function isoDay(offsetDays: number): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + offsetDays);
  return d.toISOString().slice(0, 10);
}

describe('governance scenario in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const inbox: Array<{ to: string[]; raw: string }> = [];
  /** Filled by the first test, read by the later ones (node:test runs them in order). */
  const made = { memberUrl: '', meetingUrl: '', applicationUrl: '', lineUrl: '' };

  before(async () => {
    ctx = await startBrowserApp('sqlite');
    for (const [who, role, name] of [
      [BUREAU, 'programmabureau', 'Fixture Programmabureau'],
      [MEMBER, 'alliantielid', 'Fixture Alliantielid'],
    ] as const)
      await createUser(
        ctx.testApp.handle.db,
        {
          email: who.email,
          name,
          password: who.password,
          grants: [{ role, municipalityCode: GM }],
        },
        'test',
      );
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  });
  after(async () => {
    await ctx?.close();
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  async function signedIn(who: { email: string; password: string }, javaScriptEnabled: boolean) {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    await signIn(page, ctx.baseUrl, who);
    return { context, page };
  }

  async function mainText(page: Page): Promise<string> {
    return page.locator('main').innerText();
  }

  it('the programme bureau builds it all without JavaScript; the deadline reaches the feed and the mail', async () => {
    const { context, page } = await signedIn(BUREAU, false);
    try {
      // The Alliance: two members, one with a typo corrected on its own page.
      await page.goto(`${ctx.baseUrl}${ALLIANCE}`);
      await page.getByLabel('Zetel', { exact: true }).selectOption({ label: 'Woningcorporatie' });
      await page.getByLabel('Organisatie', { exact: true }).fill('Woonstichtnig Scenario');
      await page.getByLabel('Naam vertegenwoordiger').fill('S. Bestuurder');
      await page.getByLabel('Lid vanaf').fill('2026-01-01');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      await page.getByLabel('Zetel', { exact: true }).selectOption({ label: 'Politie' });
      await page.getByLabel('Organisatie', { exact: true }).fill('Politie Scenario');
      await page.getByLabel('Lid vanaf').fill('2026-01-01');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      await page.getByRole('link', { name: 'Woonstichtnig Scenario' }).click();
      made.memberUrl = new URL(page.url()).pathname;
      await page.getByLabel('Organisatie', { exact: true }).fill('Woonstichting Scenario');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      assert.match(await mainText(page), /Opgeslagen\./);
      await page.goto(`${ctx.baseUrl}${ALLIANCE}`);
      const register = await mainText(page);
      assert.match(register, /Woonstichting Scenario/);
      assert.doesNotMatch(register, /Woonstichtnig/);

      // A meeting with two decisions, one confidential, and an action.
      await page.getByRole('link', { name: 'Vergaderingen', exact: true }).click();
      await page.getByLabel('Datum', { exact: true }).fill('2026-11-10');
      await page.getByLabel('Begintijd').fill('19:30');
      await page.getByLabel('Eindtijd').fill('21:00');
      await page.getByLabel('Plaats').fill('Wijkcentrum Wielwijk');
      await page.getByLabel('Agenda').fill('Opening\nBegroting programmabureau');
      await page.getByRole('button', { name: 'Vergadering plannen' }).click();
      await page.waitForURL(/\/vergaderingen\/[0-9a-f-]{36}\?opgeslagen=ja$/);
      made.meetingUrl = new URL(page.url()).pathname;
      for (const [title, visibility] of [
        ['Begroting 2026 vastgesteld (scenario)', 'openbaar'],
        ['Vertrouwelijke grondpositie (scenario)', 'vertrouwelijk'],
      ] as const) {
        await page.getByLabel('Besluit', { exact: true }).fill(title);
        await page.getByLabel('Openbaarheid').selectOption(visibility);
        await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
        await page.waitForURL(/opgeslagen=ja/);
      }
      await page
        .getByLabel('Actie', { exact: true })
        .fill('Subsidieaanvraag voorbereiden (scenario)');
      await page.getByLabel('Eigenaar').selectOption({ label: 'Politie Scenario (Politie)' });
      await page.getByLabel('Deadline').fill(isoDay(30));
      await page.getByRole('button', { name: 'Actie toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      const meeting = await mainText(page);
      assert.match(meeting, /Besluit 2026-01 · Openbaar/);
      assert.match(meeting, /Besluit 2026-02 · Vertrouwelijk/);

      // The budget: the ministry's €500.000 for 2026 and spending against it.
      await page.goto(`${ctx.baseUrl}${BUDGET}`);
      await page.locator('#veld-regel-code').fill('PB-2026');
      await page.locator('#veld-regel-year').fill('2026');
      await page.locator('#veld-regel-funding_source_id').selectOption('dordt-west-bzk');
      await page.locator('#veld-regel-description').fill('Programmabureau 2026');
      await page.locator('#veld-regel-planned').fill('500.000,00');
      await page.getByRole('button', { name: 'Regel toevoegen' }).click();
      await page.getByText('De begrotingsregel is toegevoegd.').waitFor();
      await page.locator('#veld-boeking-budget_line_id').selectOption({ index: 1 });
      await page.locator('#veld-boeking-kind').selectOption('uitgave');
      await page.locator('#veld-boeking-entry_date').fill('2026-04-01');
      await page.locator('#veld-boeking-amount').fill('42.000,00');
      await page.locator('#veld-boeking-description').fill('Kwartiermaker');
      await page.getByRole('button', { name: 'Boeking opslaan' }).click();
      await page.getByText('De boeking is opgeslagen.').waitFor();
      const budget = await mainText(page);
      assert.match(budget, /€ 500\.000,00/);
      assert.match(budget, /€ 458\.000,00/);
      made.lineUrl = (await page.locator('a[href*="/regels/"]').first().getAttribute('href')) ?? '';
      assert.ok(made.lineUrl);

      // An application with a deadline, linked to the line; then its deadline corrected.
      await page.goto(`${ctx.baseUrl}${SUBSIDIES}`);
      await page.locator('#veld-scheme_id').selectOption('school-en-omgeving');
      await page.locator('#veld-title').fill('Brede school Wielwijk (scenario)');
      await page.locator('#veld-submission_deadline').fill(isoDay(40));
      await page.locator('#veld-budget_line_id').selectOption({ index: 1 });
      await page.locator('#veld-contact_email').fill('programmabureau@fixture.example');
      await page.getByRole('button', { name: 'Aanvraag opslaan' }).click();
      await page.getByText('De aanvraag is opgeslagen.').waitFor();
      made.applicationUrl = new URL(page.url()).pathname;
      const deadline = isoDay(10);
      await page.locator('#veld-gegevens-submission_deadline').fill(deadline);
      await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
      await page.getByText('De gegevens van de aanvraag zijn gewijzigd.').waitFor();
      assert.match(await mainText(page), new RegExp(`Indienen vóór\\s+${deadline}`));

      // The deadline in the iCal feed, fetched with the same session.
      const ics = await page.request.get(`${ctx.baseUrl}${SUBSIDIES}/deadlines.ics`);
      assert.equal(ics.status(), 200);
      const feed = await ics.text();
      assert.match(feed, /SUMMARY:Indienen: Brede school Wielwijk \(scenario\)/);
      assert.match(feed, new RegExp(`DTSTART;VALUE=DATE:${deadline.replaceAll('-', '')}`));

      // The reminder, through the services as the server wires them, to the SMTP server here.
      const services = createServices(ctx.testApp.handle, {
        datasetsDir: path.join(projectRoot, 'datasets'),
        mail: loadMailConfig({
          SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
          MAIL_FROM: 'Wijkkompas <noreply@fixture.example>',
        }),
      });
      const report = await services.reminders.sendDue(14);
      assert.equal(report.sent, 1);
      assert.equal(inbox.length, 1);
      assert.deepEqual(inbox[0]!.to, ['programmabureau@fixture.example']);
      assert.match(inbox[0]!.raw.replace(/=\r?\n/g, ''), /Brede school Wielwijk \(scenario\)/);
      assert.equal((await services.reminders.sendDue(14)).sent, 0, 'once per deadline');

      const actions = new Set(
        (await listAudit(ctx.testApp.handle.db, { municipalityCode: GM })).map((a) => a.action),
      );
      for (const action of [
        'alliantie.lid-toegevoegd',
        'alliantie.lid-gewijzigd',
        'alliantie.vergadering-gepland',
        'alliantie.besluit-vastgelegd',
        'alliantie.actie-toegevoegd',
        'subsidie.aanvraag-aangemaakt',
        'subsidie.aanvraag-gewijzigd',
        'subsidie.herinnering-verstuurd',
      ])
        assert.ok(actions.has(action), `audited: ${action}`);
    } finally {
      await context.close();
    }
  });

  it('an Alliance member reads the register, both decisions, the actions and the budget, and changes nothing', async () => {
    assert.ok(made.meetingUrl, 'the first test made the scenario');
    const { context, page } = await signedIn(MEMBER, false);
    try {
      const reads: Array<[string, RegExp[]]> = [
        [ALLIANCE, [/Woonstichting Scenario/, /Politie Scenario/]],
        [made.memberUrl, [/Woonstichting Scenario/, /S\. Bestuurder/]],
        [
          `${ALLIANCE}/besluiten`,
          [/Begroting 2026 vastgesteld \(scenario\)/, /Vertrouwelijke grondpositie \(scenario\)/],
        ],
        [made.meetingUrl, [/Vertrouwelijke grondpositie \(scenario\)/]],
        [`${ALLIANCE}/acties`, [/Subsidieaanvraag voorbereiden \(scenario\)/]],
        [BUDGET, [/€ 500\.000,00/, /€ 458\.000,00/]],
        [made.lineUrl, [/Kwartiermaker/]],
        [made.applicationUrl, [/Brede school Wielwijk \(scenario\)/]],
      ];
      for (const [url, patterns] of reads) {
        const res = await page.goto(`${ctx.baseUrl}${url}`);
        assert.equal(res?.status(), 200, url);
        const text = await mainText(page);
        for (const p of patterns) assert.match(text, p, url);
        // The only form that posts is the logout button of the account menu.
        const posting = await page
          .locator('form[method="post"]')
          .evaluateAll((forms) => forms.map((f) => f.getAttribute('action')));
        assert.deepEqual(posting, ['/uitloggen'], `no edit form on ${url}`);
      }

      // With a valid session and CSRF token, every change is refused and nothing changes.
      const token = await page.locator('input[name="_csrf"]').first().inputValue();
      const before = await new AllianceRepository(ctx.testApp.handle.db).listMemberships(
        'dordt-west',
      );
      for (const url of [
        made.memberUrl,
        `${ALLIANCE}/leden`,
        `${made.meetingUrl}/besluiten`,
        `${made.meetingUrl}/acties`,
        `${BUDGET}/boekingen`,
        made.applicationUrl,
        `${made.applicationUrl}/status`,
        PROJECTS,
      ]) {
        const res = await page.request.post(`${ctx.baseUrl}${url}`, {
          form: { _csrf: token, organisatie: 'Mag niet', vanaf: '2026-01-01', title: 'Mag niet' },
          maxRedirects: 0,
        });
        assert.equal(res.status(), 403, url);
      }
      assert.deepEqual(
        await new AllianceRepository(ctx.testApp.handle.db).listMemberships('dordt-west'),
        before,
      );
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on any page of the Alliance, budget, subsidy and project features', async () => {
    assert.ok(made.meetingUrl, 'the first test made the scenario');
    const { context, page } = await signedIn(BUREAU, true);
    try {
      const pages = [
        '/gebieden/dordt-west/alliantie',
        ALLIANCE,
        made.memberUrl,
        `${ALLIANCE}/vergaderingen`,
        made.meetingUrl,
        `${ALLIANCE}/besluiten`,
        `${ALLIANCE}/acties`,
        `${ALLIANCE}/afspraken`,
        `/werkruimte/${GM}/programma`,
        BUDGET,
        made.lineUrl,
        `${BUDGET}/importeren`,
        SUBSIDIES,
        made.applicationUrl,
        PROJECTS,
      ];
      for (const url of pages) {
        await page.goto(`${ctx.baseUrl}${url}`);
        assert.equal(describeViolations(await axeViolations(page)), '', url);
      }

      // The new forms with their errors shown.
      await page.goto(`${ctx.baseUrl}${made.memberUrl}`);
      await page.getByLabel('Lid vanaf').fill('2026-13-01');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'member with errors');
      await page.goto(`${ctx.baseUrl}${made.applicationUrl}`);
      await page.locator('#veld-gegevens-title').fill('');
      await page.getByRole('button', { name: 'Gegevens opslaan' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'application with errors');
      await page.goto(`${ctx.baseUrl}${ALLIANCE}/afspraken`);
      await page.getByRole('button', { name: 'Afspraak toevoegen' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'agreements with errors');

      // The import preview (a page state no other test looked at with axe).
      const wb = new ExcelJS.Workbook();
      const sheet = wb.addWorksheet('Boekingen');
      sheet.addRow(['Regelcode', 'Soort', 'Datum', 'Bedrag', 'Omschrijving', 'Kenmerk']);
      sheet.addRow(['PB-2026', 'uitgave', '2026-05-01', 1250, 'Drukwerk', 'F-1']);
      await page.goto(`${ctx.baseUrl}${BUDGET}/importeren`);
      await page.locator('input[type="file"][name="bestand"]').setInputFiles({
        name: 'boekingen.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: Buffer.from(await wb.xlsx.writeBuffer()),
      });
      await page.getByRole('button', { name: 'Bekijk voorbeeld' }).click();
      await page.getByRole('button', { name: 'Boekingen opslaan' }).waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'import preview');
    } finally {
      await context.close();
    }
  });
});
