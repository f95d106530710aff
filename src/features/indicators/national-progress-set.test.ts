import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { findIndicator, loadCatalogue } from './catalogue.ts';

/**
 * Issue 13.10: the catalogue covers what the national progress report of the NPLV compares
 * across the focus areas, each with a named source (a CBS table, a named CBS publication, or the
 * Leefbaarometer) so an import or `haal-op` can fill it.
 */
const REQUIRED: readonly { topic: string; key: string }[] = [
  {
    topic: 'woningen in gebieden met leefbaarheid zwak of slechter',
    key: 'woningen-leefbaarheid-zwak-of-slechter',
  },
  { topic: 'mensen met werk', key: 'nettoarbeidsparticipatie' },
  { topic: 'huishoudens in armoede', key: 'huishoudens-laag-inkomen' },
  { topic: 'kinderen in armoede', key: 'kinderen-in-armoede' },
  { topic: 'verdachte jongeren', key: 'jongeren-verdacht' },
  { topic: 'risico op onderwijsachterstand', key: 'risico-onderwijsachterstand' },
  { topic: 'ervaren gezondheid', key: 'ervaren-gezondheid-goed' },
  { topic: 'slachtoffer van woninginbraak', key: 'woninginbraak-per-1000-woningen' },
  { topic: 'slachtoffer van straatroof', key: 'straatroof-per-1000' },
  { topic: 'onveiligheidsgevoel', key: 'onveilig-in-buurt-veiligheidsmonitor' },
  { topic: 'inkomen', key: 'gestandaardiseerd-inkomen' },
];

/** Added for 13.10; no shipped file has them, so they must say "nog niet geladen". */
const NOT_SHIPPED = [
  'woningen-leefbaarheid-zwak-of-slechter',
  'kinderen-in-armoede',
  'jongeren-verdacht',
  'risico-onderwijsachterstand',
  'onveilig-in-buurt-veiligheidsmonitor',
];

const catalogue = loadCatalogue();

describe('the indicator set of the national progress report', () => {
  for (const { topic, key } of REQUIRED) {
    it(`${topic}: ${key} is in the catalogue with a named source`, () => {
      const indicator = findIndicator(catalogue, key);
      assert.ok(indicator, `${key} missing from catalogue/indicators.json`);
      const { source } = indicator;
      assert.ok(source.publisher.length > 0);
      assert.ok(
        source.tableId !== null &&
          (/^\d{5}NED$/.test(source.tableId) ||
            source.tableId.startsWith('leefbaarometer') ||
            source.url !== undefined),
        `${key}: a CBS table id, the Leefbaarometer, or a named source with its address`,
      );
      assert.ok(source.variables.length > 0, `${key}: the variables an import fills`);
    });
  }
});

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `the added indicators say "nog niet geladen" until loaded [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(dialect);
      });
      after(async () => {
        await t?.close();
      });

      for (const key of NOT_SHIPPED) {
        it(`${key}: no figure on the indicator page, the source named, no variable codes`, async () => {
          const indicator = findIndicator(catalogue, key);
          const res = await t.app.inject({ url: `/gebieden/dordt-west/indicatoren/${key}` });
          assert.equal(res.statusCode, 200);
          const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
          assert.match(text, /De gegevens van deze indicator zijn nog niet geladen\./);
          assert.doesNotMatch(text, /Dordt West gebied \d/, 'never an invented figure');
          assert.ok(text.includes(indicator?.source.publisher ?? '?'), 'the source is named');
          for (const stem of indicator?.source.variables ?? []) {
            assert.ok(!text.includes(stem), `no variable code ${stem} on a public page`);
          }
        });
      }
    },
  );
}
