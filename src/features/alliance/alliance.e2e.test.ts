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
import { AllianceRepository } from './alliance.repository.ts';

const skip = browserUnavailable();
const EMAIL = 'alliantie@fixture.example';
const PASSWORD = 'fixture-wachtwoord-alliantie';
const BASE = '/werkruimte/GM0505/alliantie/dordt-west';

describe('Alliance pages in Chromium', skip ? { skip } : {}, () => {
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

  it('builds an Alliance with members, a meeting with two decisions and an action, without JavaScript', async () => {
    const repo = new AllianceRepository(ctx.testApp.handle.db);
    const { context, page } = await signedIn(false);
    try {
      await page.getByRole('link', { name: 'Alliantie Dordt West' }).click();
      await page.waitForURL(new RegExp(`${BASE}$`));

      // A member with a wrong date first: refused in Dutch by the field.
      await page.getByLabel('Zetel', { exact: true }).selectOption({ label: 'Woningcorporatie' });
      await page.getByLabel('Organisatie', { exact: true }).fill('Woonstichting Fixture');
      await page.getByLabel('Naam vertegenwoordiger').fill('Fixture Bestuurder');
      await page.getByLabel('Functie vertegenwoordiger').fill('Directeur');
      await page.getByLabel(/vindt het goed dat naam en functie/).check();
      await page.getByLabel('Netwerken en gremia').fill('Huurdersoverleg\nWijkplatform');
      await page.getByLabel('Lid vanaf').fill('2026-02-30');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      assert.match(
        await page.locator('#veld-vanaf-fout').innerText(),
        /Lid vanaf: vul een datum in/,
      );
      assert.deepEqual(await repo.listMemberships('dordt-west'), []);
      await page.getByLabel('Lid vanaf').fill('2026-01-01');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      await page.getByLabel('Zetel', { exact: true }).selectOption({ label: 'Politie' });
      await page.getByLabel('Organisatie', { exact: true }).fill('Politie Fixture');
      await page.getByLabel('Lid vanaf').fill('2026-01-01');
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      assert.equal((await repo.listMemberships('dordt-west')).length, 2);

      await page.getByRole('link', { name: 'Vergaderingen', exact: true }).click();
      await page.getByLabel('Datum', { exact: true }).fill('2026-11-10');
      await page.getByLabel('Begintijd').fill('19:30');
      await page.getByLabel('Eindtijd').fill('21:00');
      await page.getByLabel('Plaats').fill('Wijkcentrum Wielwijk');
      await page.getByLabel('Agenda').fill('Opening\nVoorstel contouren');
      await page.getByLabel('Documenten').fill('Voorstel | https://example.org/voorstel.pdf');
      await page.getByRole('button', { name: 'Vergadering plannen' }).click();
      await page.waitForURL(/\/vergaderingen\/[0-9a-f-]{36}\?opgeslagen=ja$/);

      for (const [title, visibility] of [
        ['Contouren vastgesteld (fixture)', 'openbaar'],
        ['Vertrouwelijke verkenning (fixture)', 'vertrouwelijk'],
      ] as const) {
        await page.getByLabel('Besluit', { exact: true }).fill(title);
        await page.getByLabel('Openbaarheid').selectOption(visibility);
        await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
        await page.waitForURL(/opgeslagen=ja/);
      }
      await page.getByLabel('Actie', { exact: true }).fill('Wijkschouw plannen (fixture)');
      await page.getByLabel('Eigenaar').selectOption({ label: 'Politie Fixture (Politie)' });
      await page.getByLabel('Deadline').fill('2026-01-15');
      await page
        .getByLabel('Hoort bij besluit')
        .selectOption({ label: '2026-01 Contouren vastgesteld (fixture)' });
      await page.getByRole('button', { name: 'Actie toevoegen' }).click();
      await page.waitForURL(/opgeslagen=ja/);
      const text = await page.locator('main').innerText();
      assert.match(text, /Besluit 2026-01 · Openbaar/);
      assert.match(text, /Besluit 2026-02 · Vertrouwelijk/);

      await page.getByRole('link', { name: 'Acties', exact: true }).click();
      assert.match(await page.locator('#te-laat').innerText(), /Te laat \(1\)/);
      await page
        .getByLabel(/^Status van: Wijkschouw/)
        .first()
        .selectOption('afgerond');
      await page.getByRole('button', { name: 'Status opslaan' }).first().click();
      await page.waitForURL(/opgeslagen=ja/);
      assert.match(await page.locator('#te-laat').innerText(), /Te laat \(0\)/);

      await page.goto(`${ctx.baseUrl}/gebieden/dordt-west/alliantie`);
      const publicText = await page.locator('main').innerText();
      assert.match(publicText, /Woonstichting Fixture/);
      assert.match(publicText, /Fixture Bestuurder, Directeur/);
      assert.match(publicText, /Contouren vastgesteld \(fixture\)/);
      assert.doesNotMatch(publicText, /Vertrouwelijke verkenning/);
      assert.match(publicText, /nog niet ingevuld/);
    } finally {
      await context.close();
    }
  });

  it('has no axe violations on the Alliance pages at 375 and 1280 px, also with errors shown', async () => {
    const { context, page } = await signedIn(true);
    try {
      const meetings = await new AllianceRepository(ctx.testApp.handle.db).listMeetings(
        'dordt-west',
      );
      const paths = [
        '/gebieden/dordt-west/alliantie',
        BASE,
        `${BASE}/vergaderingen`,
        `${BASE}/besluiten`,
        `${BASE}/acties`,
        `${BASE}/afspraken`,
        ...meetings.map((m) => `${BASE}/vergaderingen/${m.id}`),
      ];
      for (const width of [375, 1280]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of paths) {
          await page.goto(`${ctx.baseUrl}${path}`);
          assert.equal(describeViolations(await axeViolations(page)), '', `${path} at ${width}px`);
        }
      }
      await page.goto(`${ctx.baseUrl}${BASE}/vergaderingen`);
      await page.getByRole('button', { name: 'Vergadering plannen' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'meetings with errors');
      await page.goto(`${ctx.baseUrl}${BASE}`);
      await page.getByRole('button', { name: 'Lid toevoegen' }).click();
      await page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(page)), '', 'register with errors');
    } finally {
      await context.close();
    }
  });

  it('corrects a decision, an action, an agreement and a seat through Wijzigen, without JavaScript; the edit pages pass axe', async () => {
    const repo = new AllianceRepository(ctx.testApp.handle.db);
    const { context, page } = await signedIn(false);
    try {
      const meeting = (await repo.listMeetings('dordt-west'))[0]!;
      await page.goto(`${ctx.baseUrl}${BASE}/vergaderingen/${meeting.id}`);
      await page.getByRole('link', { name: 'Wijzigen: besluit 2026-01' }).click();
      await page.waitForURL(/\/besluiten\/[0-9a-f-]{36}\/wijzigen$/);
      const editUrl = page.url();
      assert.equal(
        await page.getByLabel('Besluit', { exact: true }).inputValue(),
        'Contouren vastgesteld (fixture)',
      );
      // Empty: refused in Dutch by the field, nothing changed.
      await page.getByLabel('Besluit', { exact: true }).fill('');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      assert.match(
        await page.locator('#veld-besluit_titel-fout').innerText(),
        /Besluit: vul in wat de Alliantie besloot/,
      );
      assert.equal(
        (await repo.listDecisions('dordt-west'))[0]!.title,
        'Contouren vastgesteld (fixture)',
      );
      await page
        .getByLabel('Besluit', { exact: true })
        .fill('Contouren vastgesteld (fixture, verbeterd)');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/\/vergaderingen\/[0-9a-f-]{36}\?opgeslagen=ja$/);
      assert.match(
        await page.locator('main').innerText(),
        /Contouren vastgesteld \(fixture, verbeterd\)\s*\(gewijzigd op \d+ \w+ 20\d\d\)/,
      );

      await page.getByRole('link', { name: 'Acties', exact: true }).click();
      await page
        .getByRole('link', { name: /^Wijzigen: actie Wijkschouw/ })
        .first()
        .click();
      await page.getByLabel('Deadline').fill('2026-12-01');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/\/acties\?opgeslagen=ja$/);
      assert.equal((await repo.listActions('dordt-west'))[0]!.due_on, '2026-12-01');

      await page.getByRole('link', { name: 'Afspraken met het Rijk', exact: true }).click();
      await page
        .getByRole('link', { name: /^Wijzigen: afspraak / })
        .first()
        .click();
      await page.getByLabel('Afspraak', { exact: true }).fill('Een verbeterde afspraak (fixture).');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/\/afspraken\?opgeslagen=ja$/);
      assert.match(
        await page.locator('main').innerText(),
        /Een verbeterde afspraak \(fixture\)\.\s*\(gewijzigd op/,
      );

      await page.getByRole('link', { name: 'Leden', exact: true }).click();
      await page.getByRole('link', { name: 'Wijzigen: zetel Ondernemers' }).click();
      await page.getByLabel('Sector').fill('Ondernemers en winkeliers');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/opgeslagen=ja$/);
      assert.match(await page.locator('main').innerText(), /Ondernemers en winkeliers/);

      // Two tabs on the same form: the second save is a Dutch 409 that keeps its text.
      const second = await context.newPage();
      await page.goto(editUrl);
      await second.goto(editUrl);
      await page.getByLabel('Toelichting').fill('Eerste tab.');
      await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await page.waitForURL(/opgeslagen=ja$/);
      await second.getByLabel('Toelichting').fill('Tweede tab.');
      const [response] = await Promise.all([
        second.waitForNavigation(),
        second.getByRole('button', { name: 'Wijzigingen opslaan' }).click(),
      ]);
      assert.equal(response?.status(), 409);
      assert.match(
        await second.locator('#foutoverzicht').innerText(),
        /Iemand anders heeft dit besluit gewijzigd/,
      );
      assert.equal(await second.getByLabel('Toelichting').inputValue(), 'Tweede tab.');
      assert.equal((await repo.listDecisions('dordt-west'))[0]!.text, 'Eerste tab.');
    } finally {
      await context.close();
    }

    // Axe on every edit page, with JavaScript, at both widths; with errors and after a conflict.
    const js = await signedIn(true);
    try {
      const decision = (await repo.listDecisions('dordt-west'))[0]!;
      const action = (await repo.listActions('dordt-west'))[0]!;
      const agreement = (await repo.listAgreements('dordt-west'))[0]!;
      const seat = (await repo.listSeats('dordt-west'))[0]!;
      const paths = [
        `${BASE}/besluiten/${decision.id}/wijzigen`,
        `${BASE}/acties/${action.id}/wijzigen`,
        `${BASE}/afspraken/${agreement.id}/wijzigen`,
        `${BASE}/zetels/${seat.id}/wijzigen`,
      ];
      for (const width of [375, 1280]) {
        await js.page.setViewportSize({ width, height: 900 });
        for (const path of paths) {
          await js.page.goto(`${ctx.baseUrl}${path}`);
          assert.equal(
            describeViolations(await axeViolations(js.page)),
            '',
            `${path} at ${width}px`,
          );
        }
      }
      await js.page.goto(`${ctx.baseUrl}${paths[2]}`);
      await js.page.getByLabel('Afspraak', { exact: true }).fill('');
      await js.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await js.page.locator('#foutoverzicht').waitFor();
      assert.equal(describeViolations(await axeViolations(js.page)), '', 'agreement with errors');
      const other = await js.context.newPage();
      await js.page.goto(`${ctx.baseUrl}${paths[1]}`);
      await other.goto(`${ctx.baseUrl}${paths[1]}`);
      await js.page.getByLabel('Deadline').fill('2026-12-02');
      await js.page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await js.page.waitForURL(/opgeslagen=ja$/);
      await other.getByLabel('Deadline').fill('2026-12-03');
      await other.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
      await other.locator('#nu-opgeslagen').waitFor();
      assert.equal(describeViolations(await axeViolations(other)), '', 'action after a conflict');
    } finally {
      await js.context.close();
    }
  });
});
