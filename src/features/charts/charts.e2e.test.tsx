import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { render } from 'preact-render-to-string';
import {
  axeViolations,
  browserUnavailable,
  describeViolations,
  launchChromium,
} from '../../../test/helpers/browser.ts';
import { Choropleth, type ChoroplethArea } from './choropleth.tsx';
import { fixtureAreas, fixtureSeries, fixtureSquare } from './test-fixtures.ts';
import { TimeSeriesChart } from './time-series-chart.tsx';

const skip = browserUnavailable();

const extra: ChoroplethArea[] = [
  {
    code: 'BU-FIXTURE-G',
    name: 'Geheime fixturebuurt',
    geometry: fixtureSquare(4.7, 51.79),
    value: null,
    status: 'geheim',
  },
  {
    code: 'BU-FIXTURE-O',
    name: 'Lege fixturebuurt',
    geometry: fixtureSquare(4.7, 51.8),
    value: null,
    status: 'ontbreekt',
  },
];

/** A bare page around the components: no app, no CSS, so only the charts themselves count. */
function page(): string {
  const body = render(
    <main>
      <h1>Grafieken</h1>
      <TimeSeriesChart
        id="grafiek"
        title="Fixture-indicator door de jaren"
        description="Verloop van de fixture-indicator."
        unit="% van de huishoudens"
        decimals={1}
        series={fixtureSeries}
        target={{ year: 2030, value: 39.4, label: 'Doel 2030 (voorbeeld)' }}
      />
      <TimeSeriesChart
        id="stippen"
        title="Fixture-indicator in één jaar"
        description="Vergelijking van de fixture-indicator."
        unit="% van de huishoudens"
        decimals={1}
        series={fixtureSeries
          .filter((s) => s.kind !== 'traject')
          .map((s) => ({ ...s, points: s.points.slice(-1) }))}
      />
      <Choropleth
        id="kaart"
        title="Fixture-indicator per buurt"
        description="Waarden per fixturebuurt."
        unit="% van de woningen"
        decimals={1}
        polarity="lager-is-beter"
        areas={fixtureAreas(extra)}
        outline={fixtureSquare(4.64, 51.79, 0.02)}
      />
    </main>,
  );
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Grafieken</title></head><body>${body}</body></html>`;
}

describe('charts in Chromium', skip ? { skip } : {}, () => {
  let browser: Browser;

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  it('has no axe violations and exposes each chart as a named image', async () => {
    const context = await browser.newContext();
    try {
      const p = await context.newPage();
      await p.setContent(page());
      const violations = await axeViolations(p);
      assert.equal(violations.length, 0, describeViolations(violations));
      assert.equal(
        await p.getByRole('img', { name: 'Fixture-indicator door de jaren' }).count(),
        1,
      );
      assert.equal(await p.getByRole('img', { name: 'Fixture-indicator per buurt' }).count(), 1);
      // One period: the dot comparison is a named image too, with its value labels visible.
      const dots = p.getByRole('img', { name: 'Fixture-indicator in één jaar' });
      assert.equal(await dots.count(), 1);
      assert.ok((await dots.locator('.wk-chart__value').count()) >= 2);
      const map = p.getByRole('img', { name: 'Fixture-indicator per buurt' });
      const box = await map.boundingBox();
      assert.ok(box && box.width > 200 && box.height > 50, `map is ${JSON.stringify(box)}`);
      assert.ok(await p.getByText('geheim (CBS)', { exact: true }).isVisible());
    } finally {
      await context.close();
    }
  });
});
