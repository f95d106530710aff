import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  openWithoutJavaScript,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';

const skip = browserUnavailable();

/** Real Dordrecht buurten: four of Oud-Krispijn, well over 1,000 inhabitants together. */
const FOUR = ['BU05050301', 'BU05050303', 'BU05050304', 'BU05050305'];

describe(
  'monitor by keyboard, by map click and without JavaScript (Chromium)',
  skip ? { skip } : {},
  () => {
    let env: BrowserApp;
    before(async () => {
      env = await startBrowserApp('sqlite');
    });
    after(async () => {
      await env?.close();
    });

    for (const url of [
      '/eigen-gebied',
      `/eigen-gebied?${FOUR.map((c) => `buurt=${c}`).join('&')}`,
      '/eigen-gebied?buurt=BU05050300',
    ]) {
      it(`axe finds no WCAG 2.1 A/AA violations on ${url}`, async () => {
        const context = await env.browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(env.baseUrl + url);
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
        } finally {
          await context.close();
        }
      });
    }

    it('walks the Dordt West profile by keyboard: skip link, every link in order, visible focus', async () => {
      const context = await env.browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${env.baseUrl}/gebieden/dordt-west`);
        await page.keyboard.press('Tab');
        assert.equal(
          await page.evaluate(() => document.activeElement?.textContent?.trim()),
          'Ga direct naar de inhoud',
        );
        await page.keyboard.press('Enter');
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'inhoud');

        // Every focusable element inside <main>, in document order, is what Tab visits.
        // A closed <details> (the folded tables and the not-loaded list) is one stop, its summary;
        // what it holds is not reachable until it is opened.
        const expected = await page.$$eval(
          'main a[href], main button, main input, main select, main textarea, main summary, main [tabindex]:not([tabindex="-1"])',
          (els) =>
            els
              .filter((e) => {
                const closed = e.parentElement?.closest('details:not([open])');
                return !closed || (e.tagName === 'SUMMARY' && e.parentElement === closed);
              })
              .map((e) => (e as HTMLElement).outerHTML.slice(0, 120)),
        );
        assert.ok(
          expected.length > 20,
          `only ${expected.length} focusable elements in the profile`,
        );
        const visited: string[] = [];
        for (let i = 0; i < expected.length; i++) {
          await page.keyboard.press('Tab');
          const info = await page.evaluate(() => {
            const el = document.activeElement as HTMLElement | null;
            if (!el) return null;
            const style = getComputedStyle(el);
            return {
              html: el.outerHTML.slice(0, 120),
              outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
              shadow: style.boxShadow !== 'none',
            };
          });
          assert.ok(info, `nothing has focus after ${i + 1} tabs`);
          assert.ok(info.outline || info.shadow, `no visible focus on ${info.html}`);
          visited.push(info.html);
        }
        assert.deepEqual(visited, expected);

        // Enter on the first indicator link opens its page.
        await page.goto(`${env.baseUrl}/gebieden/dordt-west`);
        await page.focus('tr[data-indicator="aantal-inwoners"] a');
        await Promise.all([
          page.waitForURL(/\/indicatoren\/aantal-inwoners$/),
          page.keyboard.press('Enter'),
        ]);
      } finally {
        await context.close();
      }
    });

    it('ticks a buurt by clicking the map when JavaScript is on, and submits the set', async () => {
      const context = await env.browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${env.baseUrl}/eigen-gebied`);
        assert.equal(await page.isVisible('[data-js-hint]'), true);
        for (const code of FOUR) {
          await page.locator(`.wk-map path[data-code="${code}"]`).dispatchEvent('click');
          assert.equal(await page.isChecked(`input[name="buurt"][value="${code}"]`), true);
          assert.match(
            (await page.getAttribute(`.wk-map path[data-code="${code}"]`, 'class')) ?? '',
            /wk-map__buurt--lid/,
          );
        }
        assert.match(
          (await page.textContent('[data-picker-status]')) ?? '',
          /Gekozen: 4 buurten, samen [\d.]+ inwoners\./,
        );
        // A second click unticks.
        await page.locator(`.wk-map path[data-code="${FOUR[0]}"]`).dispatchEvent('click');
        assert.equal(await page.isChecked(`input[name="buurt"][value="${FOUR[0]}"]`), false);
        await page.locator(`.wk-map path[data-code="${FOUR[0]}"]`).dispatchEvent('click');
        await Promise.all([
          page.waitForURL(/buurt=BU05050305/),
          page.click('button[type="submit"]'),
        ]);
        assert.equal(await page.locator('tr[data-indicator="aantal-inwoners"]').count(), 1);
      } finally {
        await context.close();
      }
    });

    it('works without JavaScript: tick boxes by keyboard, submit, get the profile or the refusal', async () => {
      const { context, page } = await openWithoutJavaScript(
        env.browser,
        `${env.baseUrl}/eigen-gebied`,
      );
      try {
        assert.equal(await page.isVisible('[data-js-hint]'), false);
        for (const code of FOUR) {
          await page.focus(`input[name="buurt"][value="${code}"]`);
          await page.keyboard.press('Space');
        }
        await page.fill('#naam', 'Vier buurten');
        await Promise.all([page.waitForURL(/naam=Vier/), page.press('#naam', 'Enter')]);
        assert.equal(await page.textContent('h1'), 'Vier buurten');
        assert.equal(await page.locator('tr[data-indicator="aantal-inwoners"]').count(), 1);

        await page.goto(`${env.baseUrl}/eigen-gebied?buurt=BU05050300`);
        assert.match((await page.textContent('[role="alert"]')) ?? '', /minstens 1\.000 inwoners/);
      } finally {
        await context.close();
      }
    });
  },
);
