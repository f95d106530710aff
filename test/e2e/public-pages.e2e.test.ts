import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

/** One of each public page type, with the status it must answer. */
const PAGES = [
  ['/', 200],
  ['/gebieden/dordt-west', 200],
  ['/gebieden/dordt-west/factsheet', 200],
  ['/gebieden/dordt-west/alliantie', 200],
  ['/gebieden/dordt-west/indicatoren/aantal-inwoners', 200],
  ['/gebieden/dordt-west/indicatoren/bijstand-per-1000', 200],
  ['/bronnen', 200],
  ['/methode', 200],
  ['/buurten/BU05050300', 200],
  ['/vergelijk', 200],
  ['/vergelijk?a=fg:dordt-west&b=bu:BU05050300', 200],
  ['/gebieden', 200],
  ['/gebieden?indicator=bevolkingsdichtheid', 200],
  ['/gebieden/schiedam-nieuwland-oost', 200],
  ['/vergelijk?a=fg:schiedam-nieuwland-oost&b=wk:WK060603', 200],
  ['/eigen-gebied?gemeente=GM0606&buurt=WK060601&buurt=WK060603', 200],
  ['/deze-pagina-bestaat-niet', 404],
] as const;

describe('public pages in Chromium', skip ? { skip } : {}, () => {
  let env: BrowserApp;

  before(async () => {
    env = await startBrowserApp('sqlite');
  });
  after(async () => {
    await env?.close();
  });

  // A laptop and a phone: on the phone the wide tables scroll in their box, which must then be
  // reachable by keyboard (axe scrollable-region-focusable).
  for (const [url, status] of PAGES)
    for (const width of [1280, 375]) {
      it(`axe finds no WCAG 2.2 A/AA or best-practice violations on ${url} at ${width}px, and the browser no error`, async () => {
        const context = await env.browser.newContext({
          viewport: { width, height: width === 375 ? 812 : 800 },
        });
        try {
          const page = await context.newPage();
          // What the browser itself reports: a script or style the CSP blocks, a failed asset
          // (the favicon included), a script error.
          const errors: string[] = [];
          page.on('console', (m) => {
            if (m.type() === 'error') errors.push(m.text());
          });
          page.on('pageerror', (e) => errors.push(e.message));
          const response = await page.goto(env.baseUrl + url, { waitUntil: 'networkidle' });
          assert.equal(response?.status(), status);
          assert.equal(await page.getAttribute('html', 'lang'), 'nl');
          const violations = await axeViolations(page);
          assert.equal(violations.length, 0, describeViolations(violations));
          // A 404 page reports its own status once; nothing else may fail.
          const expected = status === 404 ? 1 : 0;
          assert.equal(errors.length, expected, errors.join('\n'));
        } finally {
          await context.close();
        }
      });
    }

  it('fits every page on a 320px phone without JavaScript: tables scroll in their box, the page does not', async () => {
    const { context, page } = await openWithoutJavaScript(env.browser, `${env.baseUrl}/`, {
      width: 320,
      height: 640,
    });
    try {
      const tooWide: string[] = [];
      for (const [url] of PAGES) {
        await page.goto(env.baseUrl + url);
        const width = await page.evaluate('document.documentElement.scrollWidth');
        if (Number(width) > 320) tooWide.push(`${url}: ${String(width)}px`);
      }
      assert.deepEqual(tooWide, []);
    } finally {
      await context.close();
    }
  });

  it('shows the map and the tables of Dordt West with JavaScript switched off', async () => {
    const { context, page } = await openWithoutJavaScript(
      env.browser,
      `${env.baseUrl}/gebieden/dordt-west`,
    );
    try {
      assert.equal(await page.evaluate('typeof document'), 'object');
      const map = page.locator('svg.wk-map[role="img"]').first();
      assert.ok(await map.isVisible(), 'map not visible');
      const box = await map.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 150, `map is ${JSON.stringify(box)}`);
      // On the profile the buurt table is folded under a summary line (issue 17 point 1); a
      // native <details> opens without JavaScript.
      const total = page.locator('tr.wk-total');
      assert.equal(await total.isVisible(), false, 'folded at first');
      await page.locator('details.wk-fold > summary').first().click();
      assert.ok(await total.isVisible(), 'total row not visible');
      assert.match(await total.innerText(), /28\.740/);
      assert.ok(await page.getByRole('table').first().isVisible());
      const name = await map.evaluate((el) => el.getAttribute('aria-labelledby'));
      assert.ok(name && (await page.locator(`#${name}`).textContent())?.includes('Dordt West'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wijkkompas-e2e-'));
      const file = path.join(dir, 'dordt-west-zonder-js.png');
      await page.screenshot({ path: file, fullPage: true });
      assert.ok(fs.statSync(file).size > 10_000, 'screenshot is suspiciously small');
    } finally {
      await context.close();
    }
  });

  it('shows the profile tables and /methode without JavaScript', async () => {
    const { context, page } = await openWithoutJavaScript(
      env.browser,
      `${env.baseUrl}/gebieden/dordt-west`,
    );
    try {
      const row = page.locator('tr[data-indicator="aantal-inwoners"]');
      assert.ok(await row.isVisible(), 'profile row not visible');
      assert.match(await row.innerText(), /28\.970/);
      const link = row.getByRole('link', { name: 'Inwoners' });
      assert.equal(
        await link.getAttribute('href'),
        '/gebieden/dordt-west/indicatoren/aantal-inwoners',
      );
      assert.ok(await page.getByRole('heading', { name: 'Afbakening', level: 2 }).isVisible());
      await page.goto(`${env.baseUrl}/methode`);
      assert.ok(await page.getByRole('heading', { name: 'Op koers of niet' }).isVisible());
      assert.ok(await page.locator('dt', { hasText: 'Medianen' }).isVisible());
    } finally {
      await context.close();
    }
  });

  it('shows the chart, the buurt map and their tables of an indicator without JavaScript', async () => {
    const { context, page } = await openWithoutJavaScript(
      env.browser,
      `${env.baseUrl}/gebieden/dordt-west/indicatoren/aantal-inwoners`,
    );
    try {
      const chart = page.locator('svg.wk-chart[role="img"]').first();
      assert.ok(await chart.isVisible(), 'chart not visible');
      const box = await chart.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 150, `chart is ${JSON.stringify(box)}`);
      const map = page.locator('svg.wk-choropleth[role="img"]').first();
      assert.ok(await map.isVisible(), 'map not visible');
      const series = page.locator('table[data-table="dordt-west-aantal-inwoners"]');
      assert.match(await series.innerText(), /28\.740/);
      assert.ok(await page.getByRole('link', { name: 'CSV voor Excel' }).isVisible());
      assert.ok(
        await page
          .getByText(/Bron: CBS/)
          .first()
          .isVisible(),
      );
    } finally {
      await context.close();
    }
  });

  // Issue 17 point 6: the page carried the chart twice (wide and narrow, one hidden by CSS); now
  // one drawing adapts, so the checks on "the narrow one shown, the wide one hidden" became
  // checks that the single chart fits and stays legible at each width.
  it('draws one time series for every width: it fits, its legend is under the plot, its text is at least 12px', async () => {
    const url = `${env.baseUrl}/gebieden/dordt-west/indicatoren/bijstand-per-1000`;
    let legendAtWidth: string[] | null = null;
    for (const width of [320, 375, 1280]) {
      const { context, page } = await openWithoutJavaScript(env.browser, url, {
        width,
        height: 800,
      });
      try {
        const charts = page.locator('svg.wk-chart--tijdreeks');
        assert.equal(await charts.count(), 1, 'one drawing of the chart');
        const chart = charts.first();
        assert.ok(await chart.isVisible(), `${width}px`);
        const box = await chart.boundingBox();
        assert.ok(box && box.width <= width && box.width > width / 2, JSON.stringify(box));
        // Every text is drawn at 12px or more, as rendered (not as written in the markup).
        const sizes = await chart.evaluate((svg) =>
          Array.from(svg.querySelectorAll('text')).map((t) => ({
            text: t.textContent ?? '',
            computed: parseFloat(getComputedStyle(t).fontSize),
            // A capital's rendered height relative to the box: scaled text shrinks its box too.
            height: t.getBoundingClientRect().height,
            right: t.getBoundingClientRect().right,
            left: t.getBoundingClientRect().left,
          })),
        );
        assert.ok(sizes.length > 5);
        for (const s of sizes) {
          assert.ok(s.computed >= 12, `${width}px: "${s.text}" at ${s.computed}px`);
          assert.ok(s.height >= 12, `${width}px: "${s.text}" box ${s.height}px high`);
          // Nothing sticks out of the chart (a label cut off at the edge of a phone).
          assert.ok(
            s.left >= box.x - 1 && s.right <= box.x + box.width + 1,
            `${width}px: "${s.text}"`,
          );
        }
        // The legend lies under the plot and names the series of the table.
        const legend = await chart.locator('.wk-chart__legend text').allTextContents();
        assert.ok(legend.length > 0);
        const lastGrid = await chart.evaluate((svg) =>
          Math.max(
            ...Array.from(svg.querySelectorAll('.wk-chart__y-axis line')).map(
              (l) => l.getBoundingClientRect().bottom,
            ),
          ),
        );
        const firstLegend = await chart
          .locator('.wk-chart__legend text')
          .first()
          .evaluate((t) => t.getBoundingClientRect().top);
        assert.ok(firstLegend > lastGrid, `${firstLegend} > ${lastGrid}`);
        if (legendAtWidth) assert.deepEqual(legend, legendAtWidth, 'the same chart at every width');
        legendAtWidth = legend;
      } finally {
        await context.close();
      }
    }
  });

  it('shows the overview of all focus areas, its dot chart and table, without JavaScript', async () => {
    const { context, page } = await openWithoutJavaScript(
      env.browser,
      `${env.baseUrl}/gebieden?indicator=woningvoorraad`,
    );
    try {
      const chart = page.locator('svg.wk-chart--punten[role="img"]');
      assert.ok(await chart.isVisible(), 'dot chart not visible');
      const rows = page.locator('table[data-table="gebieden"] tbody tr');
      assert.equal(await rows.count(), 20);
      assert.match(await page.locator('tr[data-gebied="nederland"]').innerText(), /8\.204\.049/);
      // Choosing another indicator is a plain GET form.
      await page.selectOption('#indicator', 'aantal-inwoners');
      await Promise.all([
        page.waitForURL(/indicator=aantal-inwoners/),
        page.click('button[type=submit]'),
      ]);
      assert.match(await page.locator('h2').first().innerText(), /Inwoners/);
    } finally {
      await context.close();
    }
  });

  it('puts the skip link first in the tab order and moves focus to main', async () => {
    const context = await env.browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${env.baseUrl}/gebieden/dordt-west`);
      await page.keyboard.press('Tab');
      const first = await page.evaluate(
        '({ text: document.activeElement?.textContent?.trim(), href: document.activeElement?.getAttribute("href") })',
      );
      assert.deepEqual(first, { text: 'Ga direct naar de inhoud', href: '#inhoud' });
      const skipLink = page.locator('a.wk-skip-link');
      assert.ok(await skipLink.isVisible(), 'the focused skip link must be visible');
      await page.keyboard.press('Enter');
      await page.waitForFunction('document.activeElement?.id === "inhoud"');
      assert.equal(await page.evaluate('document.activeElement.tagName'), 'MAIN');
    } finally {
      await context.close();
    }
  });
});
