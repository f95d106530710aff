import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, datasetsDir, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { aggregateIndicator } from '../aggregation/aggregation.service.ts';
import { getFocusArea } from '../focus-areas/focus-area.service.ts';
import { loadCatalogue } from '../indicators/catalogue.ts';
import { KENGETALLEN_FILE, seedShippedData } from './seed.service.ts';

/**
 * Issue 13.6: the shipped files that were loaded but not shown become figures. Every expected
 * number is worked out by hand from the file and row named beside it.
 */
const catalogue = loadCatalogue();
const textOf = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`shipped municipality figures and series [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });
    const municipality = (indicatorKey: string, period: string) =>
      aggregateIndicator(t.handle.db, catalogue, {
        indicatorKey,
        buurtCodes: ['GM0505'],
        indelingYear: 2024,
        period,
      });
    const close = (actual: number | null, expected: number) =>
      assert.ok(
        actual !== null && Math.abs(actual - expected) < 1e-9,
        `expected ${expected}, got ${actual}`,
      );

    it('municipality 2024 shares of age groups and households from their counts (kwb-2024-dordrecht-gemeente.csv, row GM0505)', async () => {
      // datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv, the one data row (GM0505):
      // inhabitants 122070; 0–15: 18611; 15–25: 13999; 65+: 24419; households 57353, of which
      // one-person 23399 and with children 18573.
      const expected: [string, number][] = [
        ['kinderen-0-15', (18611 / 122070) * 100],
        ['jongeren-15-25', (13999 / 122070) * 100],
        ['ouderen-65-plus', (24419 / 122070) * 100],
        ['eenpersoonshuishoudens', (23399 / 57353) * 100],
        ['huishoudens-met-kinderen', (18573 / 57353) * 100],
      ];
      for (const [key, value] of expected) {
        const r = await municipality(key, '2024');
        assert.equal(r.status, 'berekend', key);
        close(r.value, value);
        assert.deepEqual(r.flags, [], `${key}: from counts, nothing reconstructed`);
      }
      const res = await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/kinderen-0-15' });
      assert.equal(res.statusCode, 200);
      const text = textOf(res.body);
      // 15.246… shown with 0 decimals; the buurten have no 2024 age counts, and the page says so.
      assert.match(text, /2024 Gemeente referentie 15 /);
      assert.match(text, /2024 Dordt West gebied – Nog niet geladen/);
    });

    it('Dordt West herkomst buiten Europa 2023 from the PDOK percentages (buurten_2023_drechtsteden_kerncijfers.csv)', async () => {
      // cbs-wijkenbuurten-2023/buurten_2023_drechtsteden_kerncijfers.csv, the 24 member buurten
      // (dordt-west/dordt_west_buurten_2023.csv, in_dordt_west = ja): Σ(percentage × inwoners)
      // = 1,077,565 over 28,695 inhabitants = 37.552…%; BU05050406 (45 inhabitants, secret) and
      // BU05050706 (0 inhabitants, no percentage) are left out.
      const area = await getFocusArea(t.handle.db, 'dordt-west');
      const members = area.members.filter((m) => m.status === 'lid').map((m) => m.buurt_code);
      assert.equal(members.length, 24);
      const r = await aggregateIndicator(t.handle.db, catalogue, {
        indicatorKey: 'herkomst-buiten-europa',
        buurtCodes: members,
        indelingYear: 2023,
        period: '2023',
      });
      close(r.value, 1077565 / 28695);
      assert.equal(r.denominator, 28695);
      assert.deepEqual(r.flags, ['herberekend']);
      assert.deepEqual(r.excluded.map((e) => e.code).sort(), ['BU05050406', 'BU05050706']);

      const res = await t.app.inject({
        url: '/gebieden/dordt-west/indicatoren/herkomst-buiten-europa',
      });
      const text = textOf(res.body);
      assert.match(
        text,
        /2023 Dordt West gebied 38 excl\. 2 buurten, ca\. 45 inwoners herberekend/,
      );
      // 2024 still from the KWB 2024 counts, unchanged.
      assert.match(text, /2024 Dordt West gebied 38 /);
    });

    it('the municipality series 2014–2020 from the budgets where CBS defines alike (dordrecht_kengetallen_begroting_2014_2020.csv)', async () => {
      // Line 14: 2014 inwoners_totaal 118669 (Begroting 2018); lines 59/102: 2017 118703
      // (Begroting 2020/2021) wins over line 17's 118284 (Begroting 2018).
      assert.equal((await municipality('aantal-inwoners', '2014')).value, 118669);
      assert.equal((await municipality('aantal-inwoners', '2017')).value, 118703);
      // Line 133: 2020 woningen_totaal 55091.
      assert.equal((await municipality('woningvoorraad', '2020')).value, 55091);
      // Lines 101 and 105: 2020 inwoners_65plus 22973 of inwoners_totaal 119284 = 19.259…%.
      const old = await municipality('ouderen-65-plus', '2020');
      close(old.value, (22973 / 119284) * 100);
      assert.deepEqual(old.flags, []);

      const res = await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/aantal-inwoners' });
      const text = textOf(res.body);
      assert.match(text, /2014 Gemeente referentie 118\.669 /);
      assert.match(text, /2017 Gemeente referentie 118\.703 /);
      assert.match(text, /Over de reeks 2014 tot en met 2020: alleen de gemeente Dordrecht/);
      assert.match(text, /Gemeente Dordrecht, begrotingen 2018, 2020 en 2021/);

      // Where the definitions differ, the page says so and shows no budget figure.
      const bijstand = textOf(
        (await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/bijstand' })).body,
      );
      assert.match(bijstand, /Over de reeks De begrotingen van de gemeente Dordrecht geven/);
      assert.match(bijstand, /de begroting telt uitkeringen, CBS telt personen/);
      assert.doesNotMatch(bijstand, /2019 Gemeente referentie/);
      assert.equal((await municipality('bijstand', '2019')).status, 'nog niet geladen');

      // Crimes per 1.000 inhabitants: the municipality's inhabitants 2014–2020 and the
      // Netherlands' crimes 2012–2023 never meet in one area, so those years are not rows.
      const rate = textOf(
        (await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/misdrijven-per-1000' })).body,
      );
      assert.match(rate, /2023 Dordt West gebied 60,1 /);
      assert.doesNotMatch(rate, /20(1\d|2[0-2]) (Dordt West|Gemeente|Nederland) /);
    });

    it('the budget file is one dataset with its provenance, and loading it again changes nothing', async () => {
      const res = await t.app.inject({ url: '/bronnen' });
      const text = textOf(res.body);
      assert.match(
        text,
        /Kengetallen uit de begrotingen van de gemeente Dordrecht dordrecht-kengetallen\/dordrecht_kengetallen_begroting_2014_2020\.csv Gemeente Dordrecht \(begroting, kengetallen\)/,
      );
      assert.equal(text.match(/dordrecht_kengetallen_begroting_2014_2020\.csv/g)?.length, 1);
      const again = await seedShippedData(t.handle.db, datasetsDir, { importedBy: 'test' });
      assert.ok(again.unchanged.includes(KENGETALLEN_FILE));
      assert.ok(!again.imported.includes(KENGETALLEN_FILE));
    });
  });
}
