import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  signIn,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';
import { createUser } from '../../src/features/accounts/account.service.ts';
import { ParticipationRepository } from '../../src/features/participation/index.ts';

/**
 * Issue 14 point 8: the whole participation chain in Chromium, without JavaScript. FIXTURE
 * answers to the shipped resident survey and one FIXTURE session's inputs are coded on the coding
 * screen, read on the themakaart, drafted into contours with evidence, submitted and set; then the
 * contours .docx and the public feedback page (Dutch and English) must tell the same story.
 */
const run = promisify(execFile);
const inCi = process.env.CI === 'true' || process.env.CI === '1';
const skip = browserUnavailable();
const PASSWORD = 'fixture-wachtwoord-keten';
const RESEARCHER = 'keten-onderzoeker@fixture.example';
const BUREAU = 'keten-bureau@fixture.example';
const CODING = '/werkruimte/GM0505/coderen/dordt-west';
const THEMAKAART = '/werkruimte/GM0505/themakaart/dordt-west';
const CONTOURS = '/werkruimte/GM0505/contouren/dordt-west';
const FEEDBACK_NL = '/gebieden/dordt-west/inbreng';
const FEEDBACK_EN = '/en/areas/dordt-west/input';
const SESSION = '00000000-0000-4000-8000-0000000c4a10';

/** Every FIXTURE text to code and the code label (as on the coding screen) it gets. */
const TO_CODE: Record<string, string> = {
  'FIXTURE-keten: schimmel in de portiekflat': 'wonen: Onderhoud',
  'FIXTURE-keten: lekkend dak bij de buren': 'wonen: Onderhoud',
  'FIXTURE-keten: donkere steeg achter de school': 'veiligheid-en-leefbaarheid: Verlichting',
  'FIXTURE-keten-antwoord: meer lantaarns in het park': 'veiligheid-en-leefbaarheid: Verlichting',
  'FIXTURE-keten-antwoord: de galerij wordt nooit geschilderd': 'wonen: Onderhoud',
  'FIXTURE-keten-antwoord: de voordeur sluit niet': 'wonen: Onderhoud',
  'FIXTURE-keten-professional: huiswerkklas in de bibliotheek': 'onderwijs: Huiswerk',
};
const SESSION_TEXTS = Object.keys(TO_CODE).filter((t) => t.startsWith('FIXTURE-keten: '));
const ANSWER_TEXTS = Object.keys(TO_CODE).filter((t) => t.includes('antwoord'));
const PROFESSIONAL_TEXT = 'FIXTURE-keten-professional: huiswerkklas in de bibliotheek';

/** The main themes the bureau drafts: theme key, link text, title, ambition. */
const MAIN_THEMES = [
  {
    key: 'wonen',
    name: 'Wonen',
    title: 'FIXTURE-keten: woningen op orde',
    ambition: 'Iedereen woont droog en veilig.',
  },
  {
    key: 'veiligheid-en-leefbaarheid',
    name: 'Veiligheid en leefbaarheid van de openbare ruimte',
    title: 'FIXTURE-keten: licht in de wijk',
    ambition: 'Bewoners lopen ’s avonds zonder zorgen naar huis.',
  },
];

const SOURCE_COLUMNS = ['enquete', 'professionals', 'bijeenkomst'] as const;
/** The themakaart's words for a code source (see themakaart.page.tsx). */
const THEMAKAART_SOURCES: Record<string, (typeof SOURCE_COLUMNS)[number]> = {
  bijeenkomsten: 'bijeenkomst',
  'open antwoorden enquête': 'enquete',
  'open antwoorden professionals': 'professionals',
};

type Counts = Record<string, Record<(typeof SOURCE_COLUMNS)[number], number>>;

function emptyCounts(): Record<(typeof SOURCE_COLUMNS)[number], number> {
  return { enquete: 0, professionals: 0, bijeenkomst: 0 };
}

/** soffice on PATH; in CI its absence fails the test instead of skipping it. */
async function sofficeUnavailable(): Promise<string | undefined> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 });
    return undefined;
  } catch (error) {
    if (inCi)
      throw new Error('CI: LibreOffice (soffice) is verplicht, maar niet geïnstalleerd', {
        cause: error,
      });
    return 'LibreOffice (soffice) niet geïnstalleerd';
  }
}

/** The coded counts per theme and source as the themakaart shows them. */
async function themakaartCounts(page: Page): Promise<Counts> {
  const out: Counts = {};
  for (const li of await page.locator('section[id^="thema-"] li[data-bewijs^="code:"]').all()) {
    const theme = (await li.evaluate((el) => el.closest('section')!.id)).replace(/^thema-/, '');
    const text = await li.innerText();
    const per = (out[theme] ??= emptyCounts());
    for (const m of text.matchAll(/(\d+) uit ([^,]+?)(?=,|\s+codering|\s*$)/g)) {
      const source = THEMAKAART_SOURCES[m[2]!.trim()];
      assert.ok(source, `unknown source "${m[2]}" in "${text}"`);
      per[source] += Number(m[1]);
    }
  }
  return out;
}

/** The coded counts per theme and source in the table on the public feedback page. */
async function feedbackCounts(page: Page): Promise<Counts> {
  const out: Counts = {};
  for (const row of await page.locator('#onderwerpen tbody tr[data-thema]').all()) {
    const theme = (await row.getAttribute('data-thema'))!;
    const cells = (await row.locator('td').allInnerTexts()).map((c) => Number(c.trim()));
    assert.equal(cells.length, 4);
    const per = emptyCounts();
    SOURCE_COLUMNS.forEach((s, i) => (per[s] = cells[i]!));
    assert.equal(cells[3], cells[0]! + cells[1]! + cells[2]!, `total of ${theme}`);
    if (cells[3]! > 0) out[theme] = per;
  }
  return out;
}

describe(
  'the participation chain in Chromium: coded → themakaart → contours → docx and feedback page',
  skip ? { skip } : {},
  () => {
    let ctx: BrowserApp;
    before(async () => {
      ctx = await startBrowserApp('sqlite');
      const db = ctx.testApp.handle.db;
      for (const [email, role] of [
        [RESEARCHER, 'onderzoeker'],
        [BUREAU, 'programmabureau'],
      ] as const) {
        await createUser(
          db,
          {
            email,
            name: `Fixture ${role}`,
            password: PASSWORD,
            grants: [{ role, municipalityCode: 'GM0505' }],
          },
          'test',
        );
      }
      const at = '2026-12-04T00:00:00.000Z';
      const participation = new ParticipationRepository(db);
      await participation.insertSession(
        {
          id: SESSION,
          municipality_code: 'GM0505',
          focus_area_slug: 'dordt-west',
          title: 'FIXTURE-ketensessie',
          description: null,
          starts_at: '2026-11-14T18:30:00.000Z',
          ends_at: '2026-11-14T20:30:00.000Z',
          location: 'FIXTURE-buurthuis',
          organiser: 'FIXTURE',
          audience: 'gemengd',
          is_public: 1,
          status: 'gepland',
          cancel_reason: null,
          created_at: at,
          created_by: 'fixture',
          updated_at: at,
          updated_by: 'fixture',
        },
        ['wonen', 'veiligheid-en-leefbaarheid'],
      );
      await participation.insertInputs(
        SESSION_TEXTS.map((text, n) => ({
          id: `00000000-0000-4000-8000-0000000c4a2${n}`,
          municipality_code: 'GM0505',
          focus_area_slug: 'dordt-west',
          source: 'bijeenkomst' as const,
          session_id: SESSION,
          theme_key: TO_CODE[text]!.startsWith('wonen') ? 'wonen' : 'veiligheid-en-leefbaarheid',
          sub_theme: null,
          kind: 'knelpunt' as const,
          text,
          table_group: null,
          votes: n + 1,
          quote_allowed: 0,
          quote_review: 'niet_toegestaan' as const,
          import_id: null,
          import_row: null,
          created_at: at,
          created_by: 'fixture',
        })),
      );
      // Sent responses to the shipped resident and professionals surveys, each with an open answer.
      const answers = [
        ...ANSWER_TEXTS.map((text) => ['bewonersenquete-dordt-west', 'eerst_verbeteren', text]),
        ['professionals-dordt-west', 'idee', PROFESSIONAL_TEXT],
      ] as const;
      for (const [n, [questionnaire, variable, text]] of answers.entries()) {
        const id = `00000000-0000-4000-8000-0000000c4a3${n}`;
        await db
          .insertInto('survey_responses')
          .values({
            id,
            questionnaire_key: questionnaire,
            version: 1,
            channel: 'web',
            source: 'uitnodiging',
            language: 'nl',
            status: 'ingediend',
            interviewer_id: null,
            keyer_id: null,
            form_number: null,
            resume_hash: null,
            idempotency_key: `fixture-keten-${n}`,
            created_at: '2026-11-20',
            submitted_at: '2026-11-20',
            reviewed_by: null,
            reviewed_at: null,
          })
          .execute();
        await db
          .insertInto('survey_answers')
          .values({
            response_id: id,
            variable,
            value_text: text,
            value_number: null,
          })
          .execute();
      }
    });
    after(async () => ctx?.close());

    async function signedIn(email: string, javaScriptEnabled: boolean) {
      const context = await ctx.browser.newContext({
        javaScriptEnabled,
        viewport: { width: 1280, height: 900 },
        acceptDownloads: true,
      });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await signIn(page, ctx.baseUrl, { email, password: PASSWORD });
      return { context, page };
    }

    async function publicPage(path: string, javaScriptEnabled = false) {
      const context = await ctx.browser.newContext({ javaScriptEnabled });
      const page = await context.newPage();
      page.setDefaultTimeout(60_000);
      await page.goto(`${ctx.baseUrl}${path}`);
      return { context, page };
    }

    async function axe(page: Page, what: string) {
      assert.equal(describeViolations(await axeViolations(page)), '', what);
    }

    let themakaart: Counts = {};
    let docxText = '';

    it('codes the session inputs and the open survey answers on the coding screen, without JavaScript', async () => {
      const { context, page } = await signedIn(RESEARCHER, false);
      try {
        await page.goto(`${ctx.baseUrl}${CODING}/codeboek`);
        await page
          .getByLabel('Codes, één per regel')
          .fill('wonen; Onderhoud\nveiligheid-en-leefbaarheid; Verlichting\nonderwijs; Huiswerk');
        await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
        await page.waitForURL(/melding=codeboek/);

        await page.goto(`${ctx.baseUrl}${CODING}/item`);
        const seen: string[] = [];
        for (let n = 0; n < Object.keys(TO_CODE).length; n += 1) {
          const text = (await page.locator('blockquote').innerText()).trim();
          const code = TO_CODE[text];
          assert.ok(code, `unexpected item to code: "${text}"`);
          seen.push(text);
          await page.getByLabel(code, { exact: true }).check();
          // The page after saving has the same address each time: wait for its new answer.
          const saved = page.waitForResponse(
            (r) => r.request().method() === 'GET' && /melding=opgeslagen/.test(r.url()),
          );
          await page.getByRole('button', { name: 'Opslaan en volgende' }).click();
          await saved;
          await page.waitForLoadState('load');
        }
        assert.deepEqual(seen.sort(), Object.keys(TO_CODE).sort());
        assert.match(await page.locator('main').innerText(), /Klaar: u hebt alle items gecodeerd/);
      } finally {
        await context.close();
      }
    });

    it('the public feedback page says nothing was decided yet (NL and EN)', async () => {
      const { context, page } = await publicPage(FEEDBACK_NL);
      try {
        const section = page.locator('section[aria-labelledby="besloten"]');
        assert.match(await section.innerText(), /Er is nog geen besluit\./);
        assert.equal(await page.locator('#contouren').count(), 0);
        await page.goto(`${ctx.baseUrl}${FEEDBACK_EN}`);
        assert.match(await section.innerText(), /Nothing has been decided yet\./);
      } finally {
        await context.close();
      }
    });

    it('the themakaart shows the coded counts per theme, from all three sources', async () => {
      const { context, page } = await signedIn(BUREAU, false);
      try {
        await page.getByRole('link', { name: 'Themakaart Dordt West' }).click();
        await page.waitForURL(new RegExp(`${THEMAKAART}$`));
        themakaart = await themakaartCounts(page);
        // What the coder chose above: housing 2 + 2, lighting 1 + 1, homework 1 (professionals).
        assert.deepEqual(themakaart, {
          wonen: { enquete: 2, professionals: 0, bijeenkomst: 2 },
          'veiligheid-en-leefbaarheid': { enquete: 1, professionals: 0, bijeenkomst: 1 },
          onderwijs: { enquete: 0, professionals: 1, bijeenkomst: 0 },
        });
      } finally {
        await context.close();
      }
    });

    it('drafts two main themes with coded evidence, submits and sets them, without JavaScript', async () => {
      const { context, page } = await signedIn(BUREAU, false);
      try {
        await page.getByRole('link', { name: 'Contouren programma Dordt West' }).click();
        await page.waitForURL(new RegExp(`${CONTOURS}$`));
        for (const theme of MAIN_THEMES) {
          await page.goto(`${ctx.baseUrl}${CONTOURS}`);
          await page.getByRole('link', { name: `Hoofdthema bij ${theme.name}` }).click();
          await page.getByLabel('Titel van het hoofdthema').fill(theme.title);
          await page.getByLabel('Ambitie').fill(theme.ambition);
          await page.getByLabel('Doel 1', { exact: true }).fill(`Doel bij ${theme.name}`);
          await page.getByLabel('Actie 1', { exact: true }).fill(`Actie bij ${theme.name}`);
          await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
          await page.waitForURL(/melding=opgeslagen/);
          // After saving, the proposal lists every main theme, each with this link in its section.
          await page
            .locator(`a[href$="/thema/${theme.key}/bewijs?onderdeel=doel-1"]`)
            .getByText('Onderbouwing kiezen voor doel 1')
            .click();
          // The code the coder gave this theme is evidence the bureau can pick.
          const code = page.locator(`input[name="bewijs"][value^="code:${theme.key}"]`);
          assert.equal(await code.count(), 1, `one code of ${theme.key} to pick`);
          const ref = (await code.getAttribute('value'))!;
          await code.check();
          await page.getByRole('button', { name: 'Onderbouwing opslaan' }).click();
          await page.waitForURL(/melding=opgeslagen/);
          assert.equal(await page.locator(`[data-evidence="${ref}"] a`).count(), 1);
        }
        await page.goto(`${ctx.baseUrl}${CONTOURS}`);
        await page.getByRole('button', { name: 'Voorleggen aan de Alliantie' }).click();
        await page.waitForURL(/melding=voorgelegd/);

        // Submitted is not decided: the public page still says so.
        const { context: pub, page: before } = await publicPage(FEEDBACK_NL);
        try {
          assert.match(await before.locator('main').innerText(), /Er is nog geen besluit\./);
        } finally {
          await pub.close();
        }

        await page.getByLabel('Datum van het besluit').fill('2026-12-10');
        await page.getByLabel('Kenmerk van het besluit').fill('FIXTURE Alliantie K-8');
        await page.getByRole('button', { name: /Vastleggen/ }).click();
        await page.waitForURL(/melding=vastgesteld/);
        assert.match(await page.locator('[data-status]').innerText(), /^Vastgesteld$/);

        const docx = await context.request.get(`${ctx.baseUrl}${CONTOURS}/contouren.docx`);
        assert.equal(docx.status(), 200);
        const body = await docx.body();
        assert.equal(body.subarray(0, 2).toString('latin1'), 'PK');
        const unavailable = await sofficeUnavailable();
        assert.equal(unavailable, undefined, unavailable);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keten-'));
        const profile = path.join(os.tmpdir(), `lo-${randomBytes(8).toString('hex')}`);
        try {
          fs.writeFileSync(path.join(dir, 'contouren.docx'), body);
          await run(
            'soffice',
            [
              `-env:UserInstallation=file://${profile}`,
              '--headless',
              '--convert-to',
              'txt:Text',
              '--outdir',
              dir,
              path.join(dir, 'contouren.docx'),
            ],
            { timeout: 120_000 },
          );
          docxText = fs.readFileSync(path.join(dir, 'contouren.txt'), 'utf8');
        } finally {
          fs.rmSync(profile, { recursive: true, force: true });
          fs.rmSync(dir, { recursive: true, force: true });
        }
        assert.match(
          docxText,
          /Vastgesteld door de Alliantie op 2026-12-10 \(FIXTURE Alliantie K-8\)/,
        );
      } finally {
        await context.close();
      }
    });

    it('the docx and the feedback page (NL and EN) show the same main themes; the counts equal the themakaart', async () => {
      // The main themes in the docx: "<title> (<theme name>)", one line each.
      const names = MAIN_THEMES.map((t) => t.name.replace(/[()]/g, '\\$&')).join('|');
      const docxThemes = [
        ...new Set(
          [...docxText.matchAll(new RegExp(`^(.+) \\((?:${names})\\)\\s*$`, 'gm'))].map((m) =>
            m[1]!.trim(),
          ),
        ),
      ].sort();
      assert.deepEqual(docxThemes, MAIN_THEMES.map((t) => t.title).sort());

      for (const [path, intro, date] of [
        [FEEDBACK_NL, /koos de Alliantie/, /10 december 2026/],
        [FEEDBACK_EN, /Alliance/, /10 December 2026/],
      ] as const) {
        const { context, page } = await publicPage(path);
        try {
          const decided = await page.locator('section[aria-labelledby="besloten"]').innerText();
          assert.doesNotMatch(decided, /nog geen besluit|Nothing has been decided/);
          assert.match(decided, intro, path);
          assert.match(decided, date, path);
          assert.match(decided, /FIXTURE Alliantie K-8/, path);
          const listed = (await page.locator('#contouren li strong').allInnerTexts()).map((s) =>
            s.trim(),
          );
          assert.deepEqual([...listed].sort(), docxThemes, `${path}: same main themes as the docx`);
          for (const t of MAIN_THEMES) assert.ok(decided.includes(t.ambition), `${path}: ambition`);
          // The contours are written in Dutch: on the English page they carry lang="nl" (WCAG 3.1.2).
          if (path === FEEDBACK_EN)
            assert.equal(
              await page.locator('#contouren li [lang="nl"]').count(),
              MAIN_THEMES.length * 2,
              'title and ambition marked as Dutch',
            );
          assert.deepEqual(await feedbackCounts(page), themakaart, `${path}: same counts`);
        } finally {
          await context.close();
        }
      }
    });

    it('the pages with coded data and a decision are axe-clean', async () => {
      const { context, page } = await signedIn(BUREAU, true);
      try {
        for (const path of [
          THEMAKAART,
          CONTOURS,
          `${CONTOURS}/versies`,
          `${CONTOURS}/afdrukken`,
          FEEDBACK_NL,
          FEEDBACK_EN,
          `${FEEDBACK_NL}/folder`,
          `${FEEDBACK_EN}/folder`,
        ]) {
          await page.goto(`${ctx.baseUrl}${path}`);
          await axe(page, path);
        }
      } finally {
        await context.close();
      }
    });
  },
);
