import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { browserUnavailable, startBrowserApp, type BrowserApp } from '../helpers/browser.ts';

const skip = browserUnavailable();

/**
 * Issue 17 point 1: the profile tells the story at a glance. Heights of /gebieden/dordt-west
 * measured in Chromium on main before the summary (commit 07f5db6), with the same shipped data:
 * the page must be at most half as tall, and the first real figure must be above the fold.
 */
const BEFORE = { 1280: 14053, 375: 20565 } as const;
const VIEWPORTS = [
  { width: 1280, height: 800 },
  { width: 375, height: 667 },
] as const;

describe('the focus-area profile at a glance (Chromium)', skip ? { skip } : {}, () => {
  let env: BrowserApp;
  before(async () => {
    env = await startBrowserApp('sqlite');
  });
  after(async () => {
    await env?.close();
  });

  for (const viewport of VIEWPORTS) {
    it(`at ${viewport.width} px: the first figure above the fold, the page at most half as tall`, async () => {
      const context = await env.browser.newContext({ viewport, javaScriptEnabled: false });
      try {
        const page = await context.newPage();
        await page.goto(`${env.baseUrl}/gebieden/dordt-west`);
        const first = page.locator('[data-summary-value]').first();
        const box = await first.boundingBox();
        assert.ok(box, 'the summary shows a figure');
        assert.match((await first.textContent()) ?? '', /\d/);
        assert.ok(
          box.y + box.height <= viewport.height,
          `first figure ends at ${Math.round(box.y + box.height)} px, fold at ${viewport.height}`,
        );
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        const limit = BEFORE[viewport.width] / 2;
        assert.ok(
          height <= limit,
          `page ${height} px high, at most ${limit} (was ${BEFORE[viewport.width]})`,
        );
        // Not-loaded indicators sit in one closed section at the end, not between the figures.
        const details = page.locator('details#nog-niet-geladen');
        assert.equal(await details.getAttribute('open'), null);
        assert.ok((await details.locator('li[data-not-loaded]').count()) > 0);
        // The boundary map is part of the top of the page.
        const map = await page.locator('#kaart').boundingBox();
        const firstTheme = await page.locator('#thema-gezond-leven').boundingBox();
        assert.ok(map && firstTheme && map.y < firstTheme.y, 'the map comes before the themes');
      } finally {
        await context.close();
      }
    });
  }
});
