import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';
import { HEALTH_TABLES } from '../imports/cbs-sources.ts';
import { loadCatalogue } from './catalogue.ts';

/**
 * Issue 13.8/13.10 (ADR 0042): the health indicators name the table `haal-op --wat gezondheid`
 * fetches, and say "nog niet geladen" until it has, without showing a variable code.
 */
const catalogue = loadCatalogue();
const health = catalogue.indicators.filter((i) =>
  Object.values(HEALTH_TABLES).includes(i.source.tableId ?? ''),
);

describe('the health indicators name the table haal-op fetches', () => {
  it('experienced health and the other estimates name 50150NED with their variables', () => {
    assert.deepEqual(
      health.map((i) => i.key),
      [
        'ervaren-gezondheid-goed',
        'risico-angst-depressie',
        'ernstig-eenzaam',
        'overgewicht',
        'voldoet-aan-beweegrichtlijn',
        'rookt',
        'moeite-met-rondkomen',
      ],
    );
    for (const indicator of health) {
      assert.equal(indicator.source.tableId, '50150NED');
      assert.equal(indicator.source.variables.length, 1);
    }
  });
});

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `the health indicators say "nog niet geladen" until fetched [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(dialect);
      });
      after(async () => {
        await t?.close();
      });

      for (const indicator of health) {
        it(`${indicator.key}: no figure, the source named, no variable code`, async () => {
          const res = await t.app.inject({
            url: `/gebieden/dordt-west/indicatoren/${indicator.key}`,
          });
          assert.equal(res.statusCode, 200);
          const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
          assert.match(text, /De gegevens van deze indicator zijn nog niet geladen\./);
          assert.ok(text.includes(indicator.source.publisher), 'the source is named');
          // A code is CamelCase (ErvarenGezondheidGoedZeerGoed); "Overgewicht" is also the
          // indicator's own Dutch name, so a one-word stem is not looked for.
          for (const stem of indicator.source.variables.filter((v) => /[a-z][A-Z]/.test(v))) {
            assert.ok(!text.includes(stem), `no variable code ${stem} on a public page`);
          }
        });
      }
    },
  );
}
