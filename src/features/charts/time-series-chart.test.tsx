import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { queryAll, queryOne, textOf } from '../../../test/helpers/html.ts';
import { REFERENCE_STYLES, TRAJECTORY_STYLE } from './palette.ts';
import { fixtureSeries } from './test-fixtures.ts';
import {
  EMPTY_CHART_TEXT,
  TimeSeriesChart,
  lineSegments,
  spreadLabels,
  type ChartSeries,
} from './time-series-chart.tsx';

function chart(
  series: ChartSeries[],
  extra: {
    target?: { year: number; value: number; label: string };
    fromZero?: boolean;
    axisNote?: string;
  } = {},
) {
  return render(
    <TimeSeriesChart
      id="ts"
      title="Fixture-indicator"
      description="Verloop van de fixture-indicator."
      unit="% van de huishoudens"
      decimals={1}
      series={series}
      {...extra}
    />,
  );
}

/** The markup of one series' group. */
function group(html: string, key: string): string {
  const m = new RegExp(`<g class="wk-chart__series[^"]*" data-key="${key}">(.*?)</g>`, 's').exec(
    html,
  );
  assert.ok(m, `no group for ${key}`);
  return m[1]!;
}

const count = (html: string, re: RegExp) => (html.match(re) ?? []).length;

describe('TimeSeriesChart', () => {
  it('is one image with a title and a description that reads out the values', () => {
    const html = chart(fixtureSeries);
    assert.match(html, /^<svg [^>]*role="img"/);
    assert.match(html, /aria-labelledby="ts-titel"/);
    assert.match(html, /aria-describedby="ts-beschrijving"/);
    assert.match(html, /<title id="ts-titel">Fixture-indicator<\/title>/);
    const desc = /<desc id="ts-beschrijving">(.*?)<\/desc>/s.exec(html)?.[1] ?? '';
    assert.match(desc, /^Verloop van de fixture-indicator\. /);
    assert.match(desc, /Fixturegebied: van 44,1% van de huishoudens in 2019 naar 1\u202f047,3%/);
    assert.match(desc, /geen waarde voor 2021/);
    assert.match(desc, /Nederland: van 38,0% .* in 2019 naar 39,4% .* in 2023/);
  });

  it('breaks the line at a missing value instead of drawing across the gap', () => {
    const html = chart(fixtureSeries);
    assert.equal(count(group(html, 'gebied'), /class="wk-chart__line"/g), 2);
    assert.equal(count(group(html, 'nederland'), /class="wk-chart__line"/g), 1);
    assert.equal(count(group(html, 'gebied'), /class="wk-chart__marker"/g), 4);
    const runs = lineSegments(fixtureSeries[0]!.points);
    assert.deepEqual(
      runs.map((r) => r.map((p) => p.period)),
      [
        ['2019', '2020'],
        ['2022', '2023'],
      ],
    );
  });

  it('draws a lone value as a marker without a line', () => {
    const html = chart([
      {
        key: 'los',
        label: 'Los punt',
        kind: 'gebied',
        points: [
          { period: '2021', value: null },
          { period: '2022', value: 12 },
          { period: '2023', value: null },
        ],
      },
    ]);
    const g = group(html, 'los');
    assert.equal(count(g, /class="wk-chart__line"/g), 0);
    assert.equal(count(g, /class="wk-chart__marker"/g), 1);
  });

  it('dashes the trajectory, marks the target and names every line in the legend', () => {
    const html = chart(fixtureSeries, {
      target: { year: 2030, value: 39.4, label: 'Doel 2030 (voorbeeld)' },
    });
    const trajectory = group(html, 'traject');
    assert.match(trajectory, new RegExp(`stroke-dasharray="${TRAJECTORY_STYLE.dash}"`));
    assert.equal(count(trajectory, /class="wk-chart__marker"/g), 0, 'no data markers on a plan');
    assert.match(html, /<g class="wk-chart__target">/);
    assert.match(html, />Doel 2030 \(voorbeeld\): 39,4<\/text>/);
    assert.match(
      group(html, 'nederland'),
      new RegExp(`stroke-dasharray="${REFERENCE_STYLES[0]!.dash}"`),
    );
    const legend = /<g class="wk-chart__legend">(.*)<\/g><\/svg>$/s.exec(html)?.[1] ?? '';
    for (const s of fixtureSeries) assert.ok(legend.includes(`>${s.label}</text>`), s.label);
    assert.match(html, />2030<\/text>/, 'the x axis reaches the target year');
  });

  it('is one drawing for every width: no viewBox, x in % of the width, text in CSS pixels', () => {
    const html = chart(fixtureSeries);
    const svg = /^<svg [^>]*>/.exec(html)?.[0] ?? '';
    assert.match(svg, /class="wk-chart wk-chart--tijdreeks"/);
    assert.match(svg, / width="100%"/);
    assert.match(svg, / height="\d+"/);
    assert.match(svg, / font-size="13"/);
    // Only the stretched plot inside has a viewBox; text never sits in it, so it is not scaled.
    assert.doesNotMatch(svg, /viewBox/);
    for (const plot of html.matchAll(/<svg [^>]*viewBox[^>]*>(.*?)<\/svg>/gs)) {
      assert.match(plot[0], /preserveAspectRatio="none"/);
      assert.doesNotMatch(plot[1]!, /<text/);
      for (const line of plot[1]!.matchAll(/<path [^>]*>/g))
        assert.match(line[0], /vector-effect="non-scaling-stroke"/);
    }
    const xAxis = /<g class="wk-chart__x-axis">(.*?)<\/g><g class="wk-chart__series/s.exec(
      html,
    )?.[1];
    const years = [...(xAxis ?? '').matchAll(/<text x="([\d.]+)%"/g)].map((m) => Number(m[1]));
    assert.ok(years.length > 1 && years.every((x) => x > 0 && x < 100), `${years}`);
    // The legend lies under the plot: below every tick line of the y axis.
    const legend = /<g class="wk-chart__legend">(.*)<\/g><\/svg>$/s.exec(html)?.[1] ?? '';
    for (const s of fixtureSeries) assert.ok(legend.includes(`>${s.label}</text>`), s.label);
    const height = Number(/^<svg [^>]* height="(\d+)"/.exec(html)?.[1]);
    const legendYs = [...legend.matchAll(/<text [^>]*y="([\d.]+)"/g)].map((m) => Number(m[1]));
    const yAxis = /<g class="wk-chart__y-axis">(.*?)<g class="wk-chart__x-axis">/s.exec(html)?.[1];
    const gridYs = [...(yAxis ?? '').matchAll(/ y1="([\d.]+)"/g)].map((m) => Number(m[1]));
    assert.ok(gridYs.length > 1);
    assert.ok(Math.min(...legendYs) > Math.max(...gridYs), `${legendYs} vs ${gridYs}`);
    assert.ok(Math.max(...legendYs) < height);
  });

  it('breaks a long axis note into lines that fit a phone', () => {
    const html = chart(rate(58.3, 60.1), {
      fromZero: false,
      axisNote: 'Dit is een gemiddelde of schatting: zo blijven de verschillen zichtbaar.',
    });
    const lines = queryAll(html, '.wk-chart__axis-note tspan').map((t) => textOf(t).trim());
    assert.ok(lines.length > 1, `${lines.length} lines`);
    assert.ok(
      lines.every((l) => l.length <= 46),
      lines.join(' | '),
    );
    assert.equal(lines.join(' '), textOf(queryOne(html, '.wk-chart__axis-note')));
  });

  it('writes axis numbers with a decimal comma', () => {
    const html = chart(
      [
        {
          key: 'klein',
          label: 'Klein',
          kind: 'gebied',
          points: [
            { period: '2022', value: 0.12 },
            { period: '2023', value: 0.31 },
          ],
        },
        // A fitted axis (not from 0), so the ticks need two decimals.
      ],
      { fromZero: false },
    );
    assert.match(html, />0,15<\/text>/);
    assert.doesNotMatch(html, />0\.\d+<\/text>/);
  });

  it('shows a Dutch sentence instead of an empty chart', () => {
    for (const series of [
      [],
      [
        {
          key: 'x',
          label: 'Leeg',
          kind: 'gebied' as const,
          points: [{ period: '2023', value: null }],
        },
      ],
    ]) {
      const html = chart(series, { target: { year: 2030, value: 1, label: 'Doel' } });
      assert.doesNotMatch(html, /<svg/);
      assert.ok(html.includes(EMPTY_CHART_TEXT), html);
    }
  });

  it('keeps direct labels apart and inside the plot', () => {
    const placed = spreadLabels([100, 101, 102, 300], 16, 20, 310);
    const sorted = [...placed].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i]! - sorted[i - 1]! >= 16);
    assert.equal(placed[3], 300, 'a label with room stays where its line ends');
    const crowded = spreadLabels([305, 306, 307], 16, 20, 310);
    assert.ok(crowded.every((y) => y <= 310 && y >= 20));
  });

  const rate = (first: number, second: number): ChartSeries[] => [
    {
      key: 'gebied',
      label: 'Dordt West',
      kind: 'gebied',
      points: [
        { period: '2022', value: first },
        { period: '2023', value: second },
      ],
    },
    {
      key: 'nederland',
      label: 'Nederland',
      kind: 'referentie',
      points: [
        { period: '2022', value: 51.2 },
        { period: '2023', value: 52 },
      ],
    },
  ];
  const yLabels = (html: string) => queryAll(html, '.wk-chart__y-axis text').map((t) => textOf(t));

  it('starts the y axis of a rate at 0, without a note', () => {
    const html = chart(rate(58.3, 60.1));
    assert.equal(yLabels(html)[0], '0');
    assert.equal(queryAll(html, '.wk-chart__axis-note').length, 0);
  });

  it('says visibly and in the description why an axis does not start at 0', () => {
    const html = chart(rate(58.3, 60.1), {
      fromZero: false,
      axisNote: 'Dit is een gemiddelde.',
    });
    assert.notEqual(yLabels(html)[0], '0');
    const note = textOf(queryOne(html, '.wk-chart__axis-note'));
    assert.equal(
      note,
      `Let op: de as begint bij ${yLabels(html)[0]},0, niet bij 0. Dit is een gemiddelde.`,
    );
    assert.ok(textOf(queryOne(html, 'desc')).includes(note));
  });

  it('one period: labelled dots on an axis from 0, no line', () => {
    const series: ChartSeries[] = [
      {
        key: 'gebied',
        label: 'Dordt West',
        kind: 'gebied',
        points: [{ period: '2023', value: 60.1 }],
      },
      {
        key: 'nederland',
        label: 'Nederland',
        kind: 'referentie',
        points: [{ period: '2023', value: 51.2 }],
      },
    ];
    {
      const html = chart(series);
      queryOne(html, 'svg.wk-chart--stippen');
      assert.equal(queryAll(html, 'path.wk-chart__line').length, 0);
      assert.equal(queryAll(html, '.wk-chart__marker').length, 2);
      const values = queryAll(html, '.wk-chart__value').map((t) => textOf(t));
      assert.deepEqual(values, ['60,1', '51,2']);
      assert.equal(textOf(queryAll(html, '.wk-chart__x-axis text')[0]), '0');
      // Row names in the same group as the line chart's legend.
      const names = queryAll(html, '.wk-chart__legend text');
      assert.deepEqual(
        names.map((t) => textOf(t)),
        ['Dordt West', 'Nederland'],
      );
      assert.match(
        textOf(queryOne(html, 'desc')),
        /Alleen 2023: een vergelijking, geen ontwikkeling/,
      );
    }
  });
});
