import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';

/**
 * Phones and keyboards (issue 17 point 3): wide tables scroll in a named, focusable box with
 * their caption in view; the indicator map zooms to the focus area with legible labels; every
 * target is at least 24 × 24 px; axe (WCAG 2.2 AA and best practice) finds nothing on the pages
 * public-pages.e2e.test.ts does not already sweep, the survey pages among them, at 375 and 1280 px.
 */

const skip = browserUnavailable();
const PHONE = { width: 375, height: 812 };
const LAPTOP = { width: 1280, height: 800 };
const SURVEY = '/enquete/bewonersenquete-dordt-west';

/** One of each public page type with tables or targets. */
const PAGES = [
  '/',
  '/gebieden/dordt-west',
  '/gebieden/dordt-west/indicatoren/aantal-inwoners',
  '/gebieden/dordt-west/factsheet',
  '/gebieden/dordt-west/alliantie',
  '/gebieden/dordt-west/doe-mee',
  '/buurten/BU05050300',
  '/vergelijk?a=fg:dordt-west&b=bu:BU05050300',
  '/gebieden?indicator=bevolkingsdichtheid',
  '/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603',
  '/eigen-gebied',
  '/bronnen',
  '/methode',
  '/inloggen',
  SURVEY,
] as const;

async function withPage<T>(
  env: BrowserApp,
  viewport: { width: number; height: number },
  run: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await env.browser.newContext({ viewport });
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** The pages of the web survey: start, first page, the same with an error, second page, resume. */
async function walkSurvey(page: Page, base: string, visit: (what: string) => Promise<void>) {
  await page.goto(base + SURVEY);
  await visit('survey start');
  await Promise.all([page.waitForURL(/\/stap\/1$/), page.click('button[type="submit"]')]);
  await visit('survey page 1');
  await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
  assert.equal(await page.getAttribute('select[name="woonbuurt"]', 'aria-invalid'), 'true');
  await visit('survey page 1 with an error');
  await page.selectOption('select[name="woonbuurt"]', 'BU05050301');
  await Promise.all([page.waitForURL(/\/stap\/2$/), page.click('button[type="submit"]')]);
  await visit('survey page 2');
  await page.goto(`${base}${SURVEY}/hervatten`);
  await visit('survey resume page');
  await page.goto(`${base}/enquete/professionals-dordt-west`);
  await visit('professionals survey start');
}

describe('phones and keyboards in Chromium', skip ? { skip } : {}, () => {
  let env: BrowserApp;

  before(async () => {
    env = await startBrowserApp('sqlite');
  });
  after(async () => {
    await env?.close();
  });

  it('at 375 px every wide table scrolls in a focusable region named by its caption, and the caption stays in view', async () => {
    await withPage(env, PHONE, async (page) => {
      let scrolling = 0;
      for (const url of PAGES) {
        await page.goto(env.baseUrl + url);
        const boxes = await page.evaluate(() =>
          Array.from(document.querySelectorAll('table')).map((table) => {
            const box = table.closest('.wk-table-scroll') as HTMLElement | null;
            const caption = table.querySelector('caption')?.textContent?.trim() ?? '';
            if (!box) return { caption, box: false as const };
            const wide = box.scrollWidth > box.clientWidth + 1;
            box.scrollLeft = box.scrollWidth;
            const outer = box.getBoundingClientRect();
            const range = document.createRange();
            const cap = table.querySelector('caption');
            if (cap) range.selectNodeContents(cap);
            const text = range.getBoundingClientRect();
            const labelledBy = box.getAttribute('aria-labelledby');
            return {
              caption,
              box: true as const,
              wide,
              tabIndex: box.tabIndex,
              role: box.getAttribute('role'),
              name: labelledBy
                ? (document.getElementById(labelledBy)?.textContent?.trim() ?? '')
                : (box.getAttribute('aria-label') ?? ''),
              captionInView:
                cap !== null && text.left >= outer.left - 1 && text.right <= outer.right + 1,
            };
          }),
        );
        for (const b of boxes) {
          const where = `${url}: table "${b.caption}"`;
          assert.ok(b.caption, `${where} has no caption`);
          assert.ok(b.box, `${where} is not in a scroll box`);
          if (!b.box) continue;
          if (!b.wide) continue;
          scrolling++;
          assert.equal(b.tabIndex, 0, `${where}: the box cannot get focus`);
          assert.equal(b.role, 'region', where);
          assert.equal(b.name, b.caption, `${where}: the region is named "${b.name}"`);
          assert.ok(b.captionInView, `${where}: caption out of view when scrolled to the end`);
        }
      }
      // The check above is about something: on a phone many tables are wider than the screen.
      assert.ok(scrolling >= 10, `only ${scrolling} tables scroll at 375 px`);
    });
  });

  it('at 375 px the two areas of /vergelijk fit the screen: no column runs past the table box or the page', async () => {
    await withPage(env, PHONE, async (page) => {
      for (const url of [
        '/vergelijk?a=fg:dordt-west&b=bu:BU05050300',
        '/vergelijk?a=fg:schiedam-nieuwland-oost&b=wk:WK060603',
      ]) {
        await page.goto(env.baseUrl + url);
        const tables = await page.locator('.wk-table-scroll').evaluateAll((boxes) =>
          boxes.map((box) => {
            const outer = box.getBoundingClientRect();
            const cells = Array.from(box.querySelectorAll('th, td')).map((cell) => ({
              text: cell.textContent?.trim().slice(0, 40) ?? '',
              right: cell.getBoundingClientRect().right,
            }));
            return {
              caption: box.querySelector('caption')?.textContent?.trim() ?? '',
              overflow: box.scrollWidth - box.clientWidth,
              right: outer.right,
              cells,
            };
          }),
        );
        assert.ok(tables.length > 0, `${url}: no table to compare`);
        const pageWidth = await page.evaluate(() => document.documentElement.clientWidth);
        for (const t of tables) {
          const where = `${url}: table "${t.caption}"`;
          assert.ok(t.overflow <= 0, `${where} is ${t.overflow} px wider than its box`);
          const cut = t.cells.filter((c) => c.right > Math.min(t.right, pageWidth) + 0.5);
          assert.deepEqual(cut, [], `${where}: cells cut off`);
        }
      }
    });
  });

  it('a scrolling table box takes keyboard focus with a visible outline and scrolls with the arrow keys', async () => {
    await withPage(env, PHONE, async (page) => {
      await page.goto(`${env.baseUrl}/bronnen`);
      const box = page.locator('.wk-table-scroll').first();
      await box.focus();
      const outline = await box.evaluate((el) => getComputedStyle(el).outlineStyle);
      assert.notEqual(outline, 'none');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      // Arrow keys scroll smoothly: wait for it (at most 2 s).
      await page.waitForFunction(() => (document.activeElement?.scrollLeft ?? 0) > 0, undefined, {
        timeout: 2000,
      });
      assert.ok(await box.evaluate((el) => el === document.activeElement));
    });
  });

  it('the indicator map at 375 px zooms to Dordt West and names its wijken in labels of at least 12 px', async () => {
    await withPage(env, PHONE, async (page) => {
      await page.goto(`${env.baseUrl}/gebieden/dordt-west/indicatoren/aantal-inwoners`);
      const map = page.locator('svg.wk-choropleth');
      const outline = await map
        .locator('.wk-choropleth__outline path')
        .last()
        .evaluate((p) => p.getBoundingClientRect().width);
      // The whole municipality left Dordt West about 40 px wide; zoomed, it fills the map.
      assert.ok(outline >= 250, `Dordt West is ${outline.toFixed(0)} px wide`);
      const labels = await map.locator('.wk-choropleth__label').evaluateAll((texts) =>
        texts.map((t) => {
          const svgText = t as SVGTextElement;
          const scale = svgText.getScreenCTM()?.a ?? 0;
          return {
            text: t.textContent ?? '',
            px: Number.parseFloat(getComputedStyle(t).fontSize) * scale,
          };
        }),
      );
      assert.deepEqual(labels.map((l) => l.text).sort(), [
        'Crabbehof/Zuidhoven',
        'Nieuw-Krispijn',
        'Oud Krispijn',
        'Wielwijk',
      ]);
      for (const l of labels) assert.ok(l.px >= 12, `${l.text}: ${l.px.toFixed(1)} px`);
    });
  });

  it('every target on every public page type and on the survey pages is at least 24 × 24 px at 375 px (WCAG 2.5.8)', async () => {
    const SELECTOR = [
      '.wk-nav a',
      '.wk-breadcrumbs a',
      'a.wk-note-ref',
      'a.wk-target',
      'summary',
      'button',
      'select',
      'input:not([type="hidden"])',
    ].join(', ');
    await withPage(env, PHONE, async (page) => {
      const small: string[] = [];
      const check = async (what: string) => {
        const found = await page.locator(SELECTOR).evaluateAll((els) =>
          els.flatMap((el) => {
            const r = el.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return []; // not shown (folded, hidden)
            const label =
              el.getAttribute('aria-label') ?? el.textContent?.trim().slice(0, 40) ?? el.tagName;
            return [{ label: `${el.tagName.toLowerCase()} "${label}"`, w: r.width, h: r.height }];
          }),
        );
        for (const t of found)
          if (t.w < 24 || t.h < 24)
            small.push(`${what}: ${t.label} is ${t.w.toFixed(0)} × ${t.h.toFixed(0)} px`);
        return found.length;
      };
      let targets = 0;
      for (const url of PAGES) {
        await page.goto(env.baseUrl + url);
        targets += await check(url);
      }
      await walkSurvey(page, env.baseUrl, async (what) => {
        targets += await check(what);
        for (const name of ['Verder met een code', 'Vorige vraag']) {
          for (const box of await page
            .getByRole('link', { name, exact: true })
            .evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect())))
            if (box.width < 24 || box.height < 24)
              small.push(`${what}: "${name}" is ${box.width} × ${box.height} px`);
        }
      });
      assert.deepEqual(small, []);
      assert.ok(targets > 100, `only ${targets} targets seen`);
    });
  });

  for (const viewport of [PHONE, LAPTOP])
    it(`axe finds no WCAG 2.2 A/AA or best-practice violation on the survey pages, doe-mee, eigen gebied and login at ${viewport.width} px`, async () => {
      await withPage(env, viewport, async (page) => {
        const found: string[] = [];
        const visit = async (what: string) => {
          const violations = await axeViolations(page);
          if (violations.length > 0) found.push(`${what}:\n${describeViolations(violations)}`);
        };
        for (const url of ['/gebieden/dordt-west/doe-mee', '/eigen-gebied', '/inloggen']) {
          await page.goto(env.baseUrl + url);
          await visit(url);
        }
        await walkSurvey(page, env.baseUrl, visit);
        assert.deepEqual(found, []);
      });
    });

  it('a folded section is opened by keyboard and its summary shows a visible focus outline', async () => {
    await withPage(env, PHONE, async (page) => {
      await page.goto(`${env.baseUrl}/gebieden/dordt-west`);
      const summary = page.locator('details.wk-fold > summary').first();
      await summary.focus();
      await page.keyboard.press('Tab');
      await page.keyboard.press('Shift+Tab');
      assert.equal(await summary.evaluate((el) => el === document.activeElement), true);
      const style = await summary.evaluate((el) => {
        const s = getComputedStyle(el);
        return { style: s.outlineStyle, width: Number.parseFloat(s.outlineWidth) };
      });
      assert.notEqual(style.style, 'none');
      assert.ok(style.width >= 2, JSON.stringify(style));
      await page.keyboard.press('Enter');
      assert.equal(
        await summary.evaluate((el) => (el.parentElement as HTMLDetailsElement).open),
        true,
      );
    });
  });
});
