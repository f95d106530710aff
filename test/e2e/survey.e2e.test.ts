import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  startBrowserApp,
  type BrowserApp,
} from '../helpers/browser.ts';

const skip = browserUnavailable();
const BASE = '/enquete/bewonersenquete-dordt-west';

/** WCAG 2.5.8: every link with this text is at least 24 × 24 px (axe skips links inside text). */
async function checkTargetSize(page: Page, text: string) {
  const boxes = await page.getByRole('link', { name: text, exact: true }).evaluateAll((links) =>
    links.map((l) => {
      const r = l.getBoundingClientRect();
      return { width: r.width, height: r.height };
    }),
  );
  assert.ok(boxes.length > 0, `no link "${text}"`);
  for (const b of boxes) {
    assert.ok(b.width >= 24 && b.height >= 24, `"${text}" is ${b.width} × ${b.height} px`);
  }
}

async function checkPage(page: Page, what: string) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, `${what}: ${describeViolations(violations)}`);
  // Nothing wider than a small phone: no sideways scrolling.
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 320, `${what} is ${width}px wide at 320px`);
}

describe('web survey on a 320px phone without JavaScript (Chromium)', skip ? { skip } : {}, () => {
  let env: BrowserApp;
  before(async () => {
    env = await startBrowserApp('sqlite');
  });
  after(async () => {
    await env?.close();
  });

  // axe runs as a script in the page, so these checks use a normal context; the survey pages
  // themselves have no script, and the second test walks them with JavaScript switched off.
  it('start, a page with an error, the next page and the resume page pass axe and fit', async () => {
    const context = await env.browser.newContext({ viewport: { width: 320, height: 640 } });
    try {
      const page = await context.newPage();
      await page.goto(env.baseUrl + BASE);
      await checkPage(page, 'start page');
      await checkTargetSize(page, 'Verder met een code');
      await Promise.all([page.waitForURL(/\/stap\/1$/), page.click('button[type="submit"]')]);
      await checkPage(page, 'first page');
      assert.match(
        (await page.textContent('[data-resume-code]')) ?? '',
        /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/,
      );
      // Send without the required buurt: the error is shown and named.
      await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
      assert.match((await page.textContent('[role="alert"]')) ?? '', /In welke buurt woont u\?/);
      await checkPage(page, 'first page with an error');
      await page.selectOption('select[name="woonbuurt"]', 'BU05050301');
      await page.check('input[name="rapportcijfer_buurt"][value="8"]');
      await Promise.all([page.waitForURL(/\/stap\/2$/), page.click('button[type="submit"]')]);
      await checkPage(page, 'second page (matrix)');
      await checkTargetSize(page, 'Vorige vraag');
      // With JavaScript on: "Ja" brings in the follow-up on the same page, in the same visit.
      await page.check('input[name="onveilig_buurt"][value="ja"]');
      await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
      assert.match(page.url(), /\/stap\/2$/);
      assert.ok(await page.isVisible('input[name="onveilig_waar"][value="winkels"]'));
      await checkPage(page, 'second page with the follow-up');
      await page.check('input[name="onveilig_waar"][value="winkels"]');
      await Promise.all([page.waitForURL(/\/stap\/3$/), page.click('button[type="submit"]')]);
      await page.goto(`${env.baseUrl}${BASE}/hervatten`);
      await checkPage(page, 'resume page');
      await page.goto(`${env.baseUrl}${BASE}/papier`);
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, describeViolations(violations));
    } finally {
      await context.close();
    }
  });

  it('works without JavaScript, in English with the language link, by keyboard', async () => {
    const context = await env.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 320, height: 640 },
    });
    try {
      const page = await context.newPage();
      await page.goto(env.baseUrl + BASE);
      await Promise.all([page.waitForURL(/taal=en/), page.click('a[hreflang="en"]')]);
      assert.equal(await page.getAttribute('.wk-survey', 'lang'), 'en');
      await page.focus('button[type="submit"]');
      await Promise.all([page.waitForURL(/\/stap\/1$/), page.keyboard.press('Enter')]);
      assert.match((await page.textContent('h1')) ?? '', /Your neighbourhood/);
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 320);
      assert.equal(await page.locator('script').count(), 0);
      // The whole page in English: skip link, menu, footer, and the error message.
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.match((await page.textContent('.wk-skip-link')) ?? '', /Skip to the questions/);
      assert.match((await page.textContent('footer')) ?? '', /Your answers are anonymous/);
      assert.doesNotMatch((await page.textContent('body')) ?? '', /Bron: CBS|Focusgebieden/);
      await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
      assert.match(
        (await page.textContent('[role="alert"]')) ?? '',
        /Please answer the question "Which neighbourhood do you live in\?"/,
      );
      await page.selectOption('select[name="woonbuurt"]', 'BU05050301');
      await Promise.all([page.waitForURL(/\/stap\/2$/), page.click('button[type="submit"]')]);
      // Without JavaScript: "Yes" brings in the follow-up on the same page (a round trip).
      assert.equal(await page.locator('input[name="onveilig_waar"]').count(), 0);
      await page.check('input[name="onveilig_buurt"][value="ja"]');
      await Promise.all([page.waitForLoadState('load'), page.click('button[type="submit"]')]);
      assert.match(page.url(), /\/stap\/2$/);
      assert.match((await page.textContent('#vervolgvraag')) ?? '', /Your answer added a question/);
      await page.check('input[name="onveilig_waar"][value="halte"]');
      await Promise.all([page.waitForURL(/\/stap\/3$/), page.click('button[type="submit"]')]);
    } finally {
      await context.close();
    }
  });
});
