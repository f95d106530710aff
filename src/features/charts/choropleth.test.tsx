import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import {
  Choropleth,
  ChoroplethLegend,
  EMPTY_MAP_TEXT,
  MISSING_LABEL,
  SECRET_LABEL,
  choroplethScale,
  ZOOMED_MAP_WIDTH,
  type ChoroplethArea,
} from './choropleth.tsx';
import type { Polarity } from '../indicators/catalogue.schema.ts';
import { SEQUENTIAL_RAMP } from './palette.ts';
import { fixtureAreas, fixtureSeries, fixtureSquare } from './test-fixtures.ts';
import { TimeSeriesChart } from './time-series-chart.tsx';
import { queryOne, textOf } from '../../../test/helpers/html.ts';

const DARKEST = SEQUENTIAL_RAMP.at(-1)!;
const LIGHTEST = SEQUENTIAL_RAMP[0]!;

function map(polarity: Polarity, areas: ChoroplethArea[] = fixtureAreas(), outline = false) {
  return render(
    <Choropleth
      id="kaart"
      title="Fixturekaart"
      description="Waarden per fixturebuurt."
      unit="% van de woningen"
      decimals={1}
      polarity={polarity}
      areas={areas}
      outline={outline ? fixtureSquare(4.64, 51.79, 0.02) : undefined}
    />,
  );
}

/** The fill of one area's path. */
function fillOf(html: string, code: string): string {
  const m = new RegExp(`<path [^>]*fill="([^"]+)"[^>]*data-code="${code}"`).exec(html);
  assert.ok(m, `no path for ${code}`);
  return m[1]!;
}

/** Legend items as plain text, in order, with the colour of their swatch. */
function legendItems(html: string) {
  return [...html.matchAll(/<li class="wk-choropleth-legend__item[^"]*"[^>]*>(.*?)<\/li>/gs)].map(
    (m) => ({
      // The swatch's own rect comes after any pattern it defines.
      fill: [...m[1]!.matchAll(/<rect [^>]*fill="([^"]+)"/g)].at(-1)?.[1],
      text: m[1]!.replace(/<[^>]+>/g, '').trim(),
    }),
  );
}

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
    status: 'waarde', // a value status without a number still counts as missing
  },
];

describe('Choropleth', () => {
  it('is one image with a title, a description and a tooltip per area', () => {
    const html = map('hoger-is-beter');
    assert.match(html, /<svg [^>]*role="img"/);
    assert.match(html, /aria-labelledby="kaart-titel"/);
    assert.match(html, /aria-describedby="kaart-beschrijving"/);
    assert.match(html, /<title id="kaart-titel">Fixturekaart<\/title>/);
    assert.match(
      html,
      /<desc id="kaart-beschrijving">Waarden per fixturebuurt\. 10 gebieden\. Laagste waarde: Fixturebuurt 1, 10,0% van de woningen\. Hoogste waarde: Fixturebuurt 10, 100,0%/,
    );
    assert.equal((html.match(/class="wk-choropleth__area /g) ?? []).length, 10);
    assert.match(html, /<title>Fixturebuurt 3: 30,0% van de woningen<\/title>/);
  });

  it('keeps darker = more for every polarity and says the favourable end in words', () => {
    const higher = map('hoger-is-beter');
    const lower = map('lager-is-beter');
    // Darker is always the higher value, also for "lager is beter" (issue 17).
    for (const html of [higher, lower]) {
      assert.equal(fillOf(html, 'BU-FIXTURE-10'), DARKEST);
      assert.equal(fillOf(html, 'BU-FIXTURE-1'), LIGHTEST);
    }
    for (const [html, favourable, unfavourable, sentence] of [
      [higher, DARKEST, LIGHTEST, 'Donkerder = meer. Hoger is gunstiger.'],
      [lower, LIGHTEST, DARKEST, 'Donkerder = meer. Lager is gunstiger.'],
    ] as const) {
      const items = legendItems(html);
      assert.equal(items.length, 5);
      assert.match(items.find((i) => i.fill === favourable)!.text, /\(gunstiger\)$/);
      assert.match(items.find((i) => i.fill === unfavourable)!.text, /\(ongunstiger\)$/);
      assert.equal(textOf(queryOne(html, '.wk-choropleth-legend__note')), sentence);
      assert.ok(textOf(queryOne(html, 'desc')).includes(sentence));
    }
    assert.match(legendItems(lower)[0]!.text, /^10,0 tot .*\(gunstiger\)$/);
    assert.match(legendItems(higher)[4]!.text, /tot en met 100,0 \(gunstiger\)$/);
  });

  it('passes no judgement for a neutral indicator', () => {
    const html = map('neutraal');
    assert.doesNotMatch(html, /gunstiger/);
    assert.equal(fillOf(html, 'BU-FIXTURE-10'), DARKEST);
    assert.equal(textOf(queryOne(html, '.wk-choropleth-legend__note')), 'Donkerder = meer.');
  });

  it('gives a dominating buurt its own top class and prints Dutch ranges', () => {
    const values = [78.6, 80.2, 81, 83.5, 85, 86.1, 88, 90.4, 92, 95.5, 499];
    const areas = values.map((value, i) => ({
      code: `BU-X-${i}`,
      name: `Buurt ${i}`,
      geometry: fixtureSquare(4 + i * 0.01, 51.8),
      value,
      status: 'waarde' as const,
    }));
    const html = map('lager-is-beter', areas);
    const items = legendItems(html);
    assert.equal(items.length, 5);
    assert.equal(items.at(-1)!.text, '499,0 (uitschieter) (ongunstiger)');
    // The other buurten spread over four classes instead of sharing one with the outlier.
    assert.match(items[3]!.text, /^\d+,\d tot en met 95,5$/);
    assert.equal(items[0]!.text, '78,6 tot 81,6 (gunstiger)');
    assert.equal(fillOf(html, 'BU-X-10'), DARKEST);
    assert.notEqual(fillOf(html, 'BU-X-9'), DARKEST);
    assert.equal(new Set(areas.map((a) => fillOf(html, a.code))).size, 5);
  });

  it('hatches secret areas, dots missing ones, and names both in the legend', () => {
    const html = map('hoger-is-beter', fixtureAreas(extra));
    assert.equal(fillOf(html, 'BU-FIXTURE-G'), 'url(#kaart-geheim)');
    assert.equal(fillOf(html, 'BU-FIXTURE-O'), 'url(#kaart-ontbreekt)');
    assert.match(html, /<pattern id="kaart-geheim"/);
    assert.match(html, /<pattern id="kaart-ontbreekt"/);
    assert.match(html, /<title>Geheime fixturebuurt: geheim \(CBS\)<\/title>/);
    assert.match(html, /<title>Lege fixturebuurt: geen gegevens<\/title>/);
    const items = legendItems(html);
    assert.equal(items.find((i) => i.text === SECRET_LABEL)?.fill, 'url(#kaart-legenda-geheim)');
    assert.equal(
      items.find((i) => i.text === MISSING_LABEL)?.fill,
      'url(#kaart-legenda-ontbreekt)',
    );
    assert.match(html, /<pattern id="kaart-legenda-geheim"/, 'the legend carries its own pattern');
    assert.match(html, /Geheim \(CBS\), gearceerd: Geheime fixturebuurt\./);

    const plain = map('hoger-is-beter');
    assert.ok(!legendItems(plain).some((i) => i.text === SECRET_LABEL || i.text === MISSING_LABEL));
  });

  it('draws the focus-area outline bold and lists it in the legend', () => {
    const html = map('hoger-is-beter', fixtureAreas(), true);
    assert.match(html, /<g class="wk-choropleth__outline"[^>]*>.*stroke-width="3"/s);
    assert.ok(legendItems(html).some((i) => i.text === 'Grens focusgebied'));
    assert.match(html, /De dikke zwarte lijn is de grens focusgebied\./);
    assert.ok(!legendItems(map('hoger-is-beter')).some((i) => i.text === 'Grens focusgebied'));
  });

  it('uses equal intervals when few values differ, and shows a sentence without areas', () => {
    const twoValues = fixtureAreas().map((a, i) => ({ ...a, value: i < 5 ? 1 : 3 }));
    const scale = choroplethScale(twoValues, 'hoger-is-beter', 0);
    assert.equal(scale.classification.method, 'gelijke intervallen');
    assert.deepEqual(
      scale.classes.map((c) => c.label),
      ['1 tot 2', '2 tot en met 3'],
    );
    const empty = map('hoger-is-beter', []);
    assert.doesNotMatch(empty, /<svg/);
    assert.ok(empty.includes(EMPTY_MAP_TEXT));
  });

  it('renders the legend on its own, and leaves it out of the map when asked', () => {
    const legend = render(
      <ChoroplethLegend
        id="los"
        unit="%"
        decimals={0}
        polarity="lager-is-beter"
        areas={[
          { value: 1, status: 'waarde' },
          { value: 9, status: 'waarde' },
          { value: null, status: 'geheim' },
        ]}
        outline
      />,
    );
    assert.match(legend, /^<div class="wk-choropleth-legend" id="los-legenda">/);
    assert.ok(legend.includes('1 tot 5 (gunstiger)'));
    assert.ok(legend.includes(SECRET_LABEL));
    const bare = render(
      <Choropleth
        id="kaal"
        title="t"
        description="d"
        unit="%"
        decimals={0}
        polarity="neutraal"
        areas={fixtureAreas()}
        showLegend={false}
      />,
    );
    assert.match(bare, /^<svg /);
    assert.doesNotMatch(bare, /wk-choropleth-legend/);
  });

  it('gives every id on a page with a chart and two maps a unique value', () => {
    const page = render(
      <div>
        <TimeSeriesChart
          id="grafiek"
          title="g"
          description="d"
          unit="%"
          decimals={1}
          series={fixtureSeries}
        />
        <Choropleth
          id="kaart-a"
          title="a"
          description="d"
          unit="%"
          decimals={1}
          polarity="hoger-is-beter"
          areas={fixtureAreas(extra)}
          outline={fixtureSquare(4.64, 51.79, 0.02)}
        />
        <Choropleth
          id="kaart-b"
          title="b"
          description="d"
          unit="%"
          decimals={1}
          polarity="lager-is-beter"
          areas={fixtureAreas(extra)}
        />
      </div>,
    );
    const ids = [...page.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(ids.length >= 12, `found ${ids.length} ids`);
    assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(', ')}`);
    for (const ref of page.matchAll(
      /(?:aria-labelledby|aria-describedby)="([^"]+)"|url\(#([^)]+)\)/g,
    )) {
      assert.ok(ids.includes((ref[1] ?? ref[2])!), `reference to a missing id ${ref[0]}`);
    }
  });

  it('zoomed to the outline: draws the area and its neighbours only, with labels, colours from all areas', () => {
    const areas = fixtureAreas();
    const props = {
      id: 'kaart',
      title: 'Fixturekaart',
      description: 'Waarden per fixturebuurt.',
      unit: '% van de woningen',
      decimals: 1,
      polarity: 'hoger-is-beter' as const,
      areas,
      outline: fixtureSquare(4.64, 51.79, 0.01),
    };
    const whole = render(<Choropleth {...props} />);
    const zoomed = render(
      <Choropleth
        {...props}
        zoomToOutline
        width={ZOOMED_MAP_WIDTH}
        labels={[{ text: 'Fixturewijk', geometry: fixtureSquare(4.64, 51.79, 0.01) }]}
      />,
    );
    const drawn = (html: string) =>
      [...html.matchAll(/data-code="(BU-FIXTURE-\d+)"/g)].map((m) => m[1]);
    assert.equal(drawn(whole).length, 10);
    const near = drawn(zoomed);
    assert.ok(near.includes('BU-FIXTURE-1') && near.includes('BU-FIXTURE-2'), near.join());
    assert.ok(!near.includes('BU-FIXTURE-5'), 'a buurt far from the outline is drawn');
    assert.match(zoomed, new RegExp(`viewBox="0 0 ${ZOOMED_MAP_WIDTH} `));
    assert.match(
      zoomed,
      /<text class="wk-choropleth__label"[^>]*font-size="15"[^>]*>Fixturewijk<\/text>/,
    );
    // The colour of a buurt is that of the whole map: the classes come from every area.
    assert.equal(fillOf(zoomed, 'BU-FIXTURE-2'), fillOf(whole, 'BU-FIXTURE-2'));
  });
});
