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
import { ParticipationRepository } from '../participation/index.ts';

const skip = browserUnavailable();
const EMAIL = 'coderen@fixture.example';
const PASSWORD = 'fixture-wachtwoord-coderen';
const BASE = '/werkruimte/GM0505/coderen/dordt-west';
const SESSION = '00000000-0000-4000-8000-00000000c0de';
const RESPONSE = '00000000-0000-4000-8000-00000000c0df';

describe('the coding screen in Chromium', skip ? { skip } : {}, () => {
  let ctx: BrowserApp;
  before(async () => {
    ctx = await startBrowserApp('sqlite');
    const db = ctx.testApp.handle.db;
    await createUser(
      db,
      {
        email: EMAIL,
        name: 'Fixture Onderzoeker',
        password: PASSWORD,
        grants: [{ role: 'onderzoeker', municipalityCode: 'GM0505' }],
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
        title: 'Fixture-kennissessie',
        description: null,
        starts_at: '2026-11-14T18:30:00.000Z',
        ends_at: '2026-11-14T20:30:00.000Z',
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
        id: '00000000-0000-4000-8000-00000000c0e0',
        municipality_code: 'GM0505',
        focus_area_slug: 'dordt-west',
        source: 'bijeenkomst',
        session_id: SESSION,
        theme_key: 'wonen',
        sub_theme: null,
        kind: 'knelpunt',
        text: 'Fixture-briefje: schimmel in de badkamer',
        table_group: null,
        votes: 0,
        quote_allowed: 0,
        quote_review: 'niet_toegestaan',
        import_id: null,
        import_row: null,
        created_at: at,
        created_by: 'fixture',
      },
    ]);
    await db
      .insertInto('survey_responses')
      .values({
        id: RESPONSE,
        questionnaire_key: 'bewonersenquete-dordt-west',
        version: 1,
        channel: 'web',
        source: 'uitnodiging',
        language: 'nl',
        status: 'ingediend',
        interviewer_id: null,
        keyer_id: null,
        form_number: null,
        resume_hash: null,
        idempotency_key: 'fixture-coding-e2e',
        created_at: '2026-11-20',
        submitted_at: '2026-11-20',
        reviewed_by: null,
        reviewed_at: null,
      })
      .execute();
    await db
      .insertInto('survey_answers')
      .values([
        {
          response_id: RESPONSE,
          variable: 'eerst_verbeteren',
          value_text: 'Fixture-antwoord: meer licht in de steeg',
          value_number: null,
        },
        {
          response_id: RESPONSE,
          variable: 'woonbuurt',
          value_text: 'wielwijk',
          value_number: null,
        },
      ])
      .execute();
  });
  after(async () => ctx?.close());

  async function signedIn(javaScriptEnabled: boolean) {
    const context = await ctx.browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await signIn(page, ctx.baseUrl, { email: EMAIL, password: PASSWORD }, BASE);
    return { context, page };
  }

  it('codes a session input and an open survey answer with the keyboard, without JavaScript', async () => {
    const { context, page } = await signedIn(false);
    try {
      await page.goto(`${ctx.baseUrl}${BASE}/codeboek`);
      await page
        .getByLabel('Codes, één per regel')
        .fill('wonen; Schimmel\nveiligheid-en-leefbaarheid; Verlichting');
      await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
      await page.waitForURL(/melding=codeboek/);

      await page.goto(`${ctx.baseUrl}${BASE}/item`);
      const coded: string[] = [];
      for (let n = 0; n < 2; n += 1) {
        const text = await page.locator('blockquote').innerText();
        coded.push(text);
        // The coder sees the text only: no response id, no other answer of the respondent.
        const body = await page.locator('main').innerText();
        assert.doesNotMatch(body, new RegExp(`${RESPONSE}|wielwijk`));
        // Keyboard only: Space picks the focused code, an arrow moves to the one that fits,
        // Tab leaves the group for the button and Enter saves.
        await page.getByRole('radio').first().focus();
        await page.keyboard.press('Space');
        if (/licht/.test(text)) await page.keyboard.press('ArrowDown');
        await page.keyboard.press('Tab');
        assert.equal((await page.locator(':focus').innerText()).trim(), 'Opslaan en volgende');
        // The page after saving has the same address each time, so wait for its new answer,
        // not for the address (which already matches after the first item).
        const saved = page.waitForResponse(
          (r) => r.request().method() === 'GET' && /melding=opgeslagen/.test(r.url()),
        );
        await page.keyboard.press('Enter');
        await saved;
        await page.waitForLoadState('load');
        assert.match(await page.getByRole('status').innerText(), /De code is opgeslagen/);
      }
      assert.deepEqual(coded.sort(), [
        'Fixture-antwoord: meer licht in de steeg',
        'Fixture-briefje: schimmel in de badkamer',
      ]);
      assert.match(await page.locator('main').innerText(), /Klaar: u hebt alle items gecodeerd/);

      await page.goto(`${ctx.baseUrl}${BASE}`);
      const overview = await page.locator('main').innerText();
      // Counts per code per source: the arrow-key choice landed on the survey answer.
      assert.match(overview, /Bijeenkomst\twonen\tSchimmel\t1/);
      assert.match(
        overview,
        /Bewonersenquête \(open antwoord\)\tveiligheid-en-leefbaarheid\tVerlichting\t1/,
      );
    } finally {
      await context.close();
    }
  });

  it('the overview, codebook and coding screen are axe-clean', async () => {
    const { context, page } = await signedIn(true);
    try {
      for (const path of [BASE, `${BASE}/codeboek`, `${BASE}/item`]) {
        await page.goto(`${ctx.baseUrl}${path}`);
        const violations = await axeViolations(page);
        assert.deepEqual(violations, [], `${path}\n${describeViolations(violations)}`);
      }
    } finally {
      await context.close();
    }
  });
});
