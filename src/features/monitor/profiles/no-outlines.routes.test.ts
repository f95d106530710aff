import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';
import { upsertAreas } from '../../areas/index.ts';

/**
 * An indeling whose areas have no outline (haal-op derives them from a KWB table before 2023,
 * ADR 0043 amendment): the profile, buurt and indicator pages still answer, with their tables and
 * figures, and draw no area on a map.
 */
for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`pages of an indeling without outlines [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
      const db = t.handle.db;
      // Every indeling loses its outlines, whichever year a page draws.
      const areas = await db.selectFrom('areas').selectAll().execute();
      assert.ok(
        areas.some((a) => a.geometry !== null),
        'the seed has outlines to take away',
      );
      // Through the repository, so the data version moves and no cached page survives.
      await upsertAreas(
        db,
        areas.map((a) => ({ ...a, geometry: null })),
      );
    });
    after(async () => {
      await t?.close();
    });

    for (const url of [
      '/gebieden/dordt-west',
      '/gebieden/dordt-west/indicatoren/aantal-inwoners',
      '/buurten/BU05050300',
    ]) {
      it(`${url} answers 200 with its figures and draws no area`, async () => {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 200, res.body.slice(0, 400));
        assert.match(res.body, /<h1[^>]*>[^<]+<\/h1>/);
        assert.match(res.body, /<table/, 'the figures are still there in a table');
        assert.doesNotMatch(res.body, /<path[^>]*data-code="BU\d{8}"/, 'no buurt drawn');
      });
    }
  });
}
