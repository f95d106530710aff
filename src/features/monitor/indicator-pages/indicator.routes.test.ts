import { findTarget, upsertTarget } from '../../targets/target.repository.ts';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';
import { hasRowStartingWith, queryAll, queryOne, textOf } from '../../../../test/helpers/html.ts';
import { loadCatalogue } from '../../indicators/catalogue.ts';

const PAGE = '/gebieden/dordt-west/indicatoren/aantal-inwoners';

interface JsonBody {
  rijen: { periode: string; gebied: string; soort: string; waarde: number | null }[];
  doel: unknown;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`indicator page on the shipped data [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('shows the chart, the table with the real population and the source', async () => {
      const res = await t.app.inject({ method: 'GET', url: PAGE });
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/html/);
      assert.ok(res.headers.etag, 'ETag present');
      const html = res.body;
      assert.equal(
        textOf(queryOne(html, 'h1')),
        'Inwoners in Dordt West',
        'h1 names indicator and area',
      );
      assert.ok(queryAll(html, 'svg[role="img"]').length > 0, 'page shows a chart (svg role=img)');
      assert.ok(queryAll(html, 'table').length > 0, 'page shows a table');
      assert.ok(/Bron: CBS/.test(html), 'page shows /Bron: CBS/');
      // The series table: Dordt West's inhabitants on 1 January (real CBS figures).
      assert.ok(
        hasRowStartingWith(html, ['2023', 'Dordt West', 'gebied', '28.740']),
        '2023 row of Dordt West with 28.740',
      );
      assert.ok(
        hasRowStartingWith(html, ['2024', 'Dordt West', 'gebied', '28.970']),
        '2024 row of Dordt West with 28.970',
      );
      assert.ok(/Download:/.test(html), 'page shows /Download:/');
      assert.ok(/\?formaat=csv-excel/.test(html), 'link to the Excel CSV');
      assert.ok(/\?formaat=geojson/.test(html), 'link to the GeoJSON');
      assert.ok(/Zo tellen we buurten op/.test(html), 'page shows /Zo tellen we buurten op/');
    });

    it('draws a count for the area alone, a rate with its references', async () => {
      const chartKeys = (html: string): string[] => {
        // The line chart, or the dot comparison that replaces it for a single period (issue 17).
        const svg = queryAll(html, 'svg.wk-chart--tijdreeks')[0];
        if (!svg) return [];
        return queryAll(svg, '[class*="wk-chart__series"][data-key]').map((e) =>
          e.getAttribute('data-key')!,
        );
      };
      // A count: Nederland (18 million) on one axis with Dordt West (29 thousand) flattens it.
      const count = (await t.app.inject(PAGE)).body;
      assert.deepEqual(chartKeys(count), ['gebied']);
      assert.match(count, /Dit is een aantal\./);
      assert.ok(hasRowStartingWith(count, ['2024', 'Nederland']), 'NL still in the table');
      // A share: the references are drawn.
      // Registered crimes per 1.000 inhabitants: only 2023 has figures (ouderen-65-plus, used
      // here before, now also has the municipality's series 2014–2020).
      const rate = (await t.app.inject('/gebieden/dordt-west/indicatoren/misdrijven-per-1000'))
        .body;
      const keys = chartKeys(rate);
      assert.ok(keys.includes('gebied') && keys.includes('gemeente'), keys.join(','));
      assert.doesNotMatch(rate, /Dit is een aantal\./);
    });

    it('shows the shipped single year as labelled dots on an axis from 0, not as a line', async () => {
      // Registered crimes per 1.000 inhabitants: only 2023 has figures (ouderen-65-plus, used
      // here before, now also has the municipality's series 2014–2020).
      const rate = (await t.app.inject('/gebieden/dordt-west/indicatoren/misdrijven-per-1000'))
        .body;
      const svg = queryAll(rate, 'svg.wk-chart--stippen')[0];
      assert.ok(svg, 'a dot comparison');
      assert.equal(queryAll(rate, 'path.wk-chart__line').length, 0);
      assert.equal(textOf(queryAll(svg, '.wk-chart__x-axis text')[0]), '0');
      const values = queryAll(svg, '.wk-chart__value').map((e) => textOf(e));
      assert.ok(
        values.length >= 2 && values.every((v) => /^\d+(,\d+)?$/.test(v)),
        values.join('|'),
      );
      assert.equal(queryAll(rate, '.wk-chart__axis-note').length, 0);
      // One period shows no development: the heading and the description say what it is.
      assert.ok(queryAll(rate, 'h2').some((h) => textOf(h) === 'Vergelijking met andere gebieden'));
      assert.ok(!queryAll(rate, 'h2').some((h) => textOf(h) === 'Ontwikkeling door de tijd'));
      assert.doesNotMatch(rate, /Lijngrafiek van/);
      // Two periods do: inhabitants 2023 and 2024.
      const count = (await t.app.inject(PAGE)).body;
      assert.ok(queryAll(count, 'h2').some((h) => textOf(h) === 'Ontwikkeling door de tijd'));
      // The map's legend: darker is more, and the polarity in words.
      assert.match(textOf(queryOne(rate, '.wk-choropleth-legend__note')), /^Donkerder = meer\./);
    });

    it('serves the same rows as CSV (both dialects) and JSON', async () => {
      const csv = await t.app.inject({ method: 'GET', url: `${PAGE}?formaat=csv` });
      assert.equal(csv.statusCode, 200);
      assert.match(String(csv.headers['content-type']), /^text\/csv/);
      assert.ok(csv.headers.etag);
      assert.match(csv.body, /^2023,Dordt West,gebied,28740,/m);
      assert.match(csv.body, /^2024,Dordt West,gebied,28970,/m);

      const excel = await t.app.inject({ method: 'GET', url: `${PAGE}?formaat=csv-excel` });
      assert.equal(excel.statusCode, 200);
      assert.match(excel.body, /^2023;Dordt West;gebied;28740;/m);

      const json = await t.app.inject({ method: 'GET', url: `${PAGE}?formaat=json` });
      assert.equal(json.statusCode, 200);
      const rows = json.json<JsonBody>().rijen.filter((r) => r.soort === 'gebied');
      assert.deepEqual(
        rows.map((r) => [r.periode, r.waarde]),
        [
          // 2014–2020: only the municipality's budget series is loaded, so the area says so.
          ...['2014', '2015', '2016', '2017', '2018', '2019', '2020'].map((p) => [p, null]),
          ['2023', 28740],
          ['2024', 28970],
        ],
      );
    });

    it('serves the buurt map as GeoJSON with one feature per buurt', async () => {
      const res = await t.app.inject({ method: 'GET', url: `${PAGE}?formaat=geojson` });
      assert.equal(res.statusCode, 200);
      const body = res.json<{
        features: { geometry: unknown; properties: Record<string, unknown> }[];
      }>();
      const codes = body.features.map((f) => f.properties.buurtcode);
      assert.ok(codes.length > 20, `many buurten of Dordrecht, got ${codes.length}`);
      assert.equal(new Set(codes).size, codes.length, 'one feature per buurt');
      assert.ok(codes.every((c) => typeof c === 'string' && /^BU0505/.test(c)));
      assert.ok(body.features.every((f) => f.geometry !== null));
      const members = body.features.filter((f) => f.properties.in_focusgebied === 'ja');
      assert.ok(members.length > 0 && members.length < codes.length);
      // The member buurten add up to the focus area's total.
      const sum = members.reduce((a, f) => a + Number(f.properties.waarde ?? 0), 0);
      assert.equal(sum, 28970);
    });

    it('answers the API with the series and the target', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/gebieden/dordt-west/indicatoren/aantal-inwoners',
      });
      assert.equal(res.statusCode, 200);
      assert.ok(res.headers.etag);
      const body = res.json<JsonBody>();
      const v2023 = body.rijen.find((r) => r.periode === '2023' && r.soort === 'gebied');
      assert.equal(v2023?.waarde, 28740);
      assert.ok('doel' in body);
    });

    it('renders every catalogue indicator without a server error', async () => {
      for (const indicator of loadCatalogue().indicators) {
        const url = `/gebieden/dordt-west/indicatoren/${indicator.key}`;
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 200, url);
        assert.ok(res.body.includes('Bron: '), `${url} credits its source`);
      }
    });

    it('shows a target with its trajectory and status once it is set; an example stays in the workspace', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/gebieden/dordt-west/indicatoren/bijstand-per-1000',
      });
      assert.equal(res.statusCode, 200);
      const body = res.json<{ doel: { doeljaar: number; oordeel: string; voorbeeld: boolean } }>();
      assert.equal(body.doel.voorbeeld, true);
      assert.ok(body.doel.doeljaar > 2024);
      assert.ok(
        ['op koers', 'deels op koers', 'niet op koers', 'onvoldoende data'].includes(
          body.doel.oordeel,
        ),
      );
      const url = '/gebieden/dordt-west/indicatoren/bijstand-per-1000';
      // Issue 17 point 5: the shipped targets are examples, not on the public page.
      const page = await t.app.inject({ method: 'GET', url });
      assert.ok(!page.body.includes('(voorbeeld)'), 'no example target on the public page');
      assert.ok(!page.body.includes(`Doel: ${body.doel.oordeel}`));
      // Once the Alliance sets it (a test fixture: the same target, no longer an example), it shows.
      const example = await findTarget(t.handle.db, 'dordt-west', 'bijstand-per-1000');
      assert.ok(example?.isExample);
      await upsertTarget(
        t.handle.db,
        { ...example, isExample: false, note: 'Vastgesteld (testfixture)' },
        'test',
      );
      try {
        const set = await t.app.inject({ method: 'GET', url });
        assert.ok(set.body.includes(`Doel: ${body.doel.oordeel}`), 'the set target on the page');
      } finally {
        await upsertTarget(t.handle.db, example, 'test');
      }
    });

    it('says that the figure for the Netherlands is not loaded, not that CBS does not publish it', async () => {
      // The shipped KWB 2024 files have bijstand for the municipality, not for the Netherlands:
      // CBS does publish it, Wijkkompas does not have it (issue 13 point 5).
      const res = await t.app.inject({
        method: 'GET',
        url: '/gebieden/dordt-west/indicatoren/bijstand-per-1000?formaat=json',
      });
      const rows = (JSON.parse(res.body) as { rijen: Record<string, unknown>[] }).rijen;
      const nl = rows.find((r) => r.gebied === 'Nederland' && r.periode === '2024');
      assert.equal(nl?.waarde, null);
      assert.equal(
        nl?.toelichting,
        'Nog niet geladen: Wijkkompas heeft dit cijfer voor Nederland nog niet.',
      );
      assert.deepEqual(nl?.status, ['niet geladen']);
      const buurten = rows.find((r) => r.gebied === 'Rest van de gemeente');
      assert.match(String(buurten?.toelichting), /^Nog niet geladen/);
    });

    it('gives a Dutch 404 for an unknown indicator or focus area', async () => {
      for (const url of [
        '/gebieden/dordt-west/indicatoren/bestaat-niet',
        '/gebieden/bestaat-niet/indicatoren/aantal-inwoners',
        '/api/gebieden/dordt-west/indicatoren/bestaat-niet',
      ]) {
        const res = await t.app.inject({ method: 'GET', url });
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /bestaat niet|niet gevonden/i, url);
      }
    });

    it('gives a 400 that says what is wrong for a bad formaat or versie', async () => {
      const bad = await t.app.inject({ method: 'GET', url: `${PAGE}?formaat=xls` });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Onbekend formaat/);
      const version = await t.app.inject({ method: 'GET', url: `${PAGE}?versie=nul` });
      assert.equal(version.statusCode, 400);
      assert.match(version.body, /versie/);
    });
  });
}
