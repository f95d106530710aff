import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable, dialects } from '../../../test/helpers/db.ts';

/** Issue 13.6: the shipped national crime series (47025NED) becomes the Netherlands' figures. */
for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(
    `shipped NL crime 2012–2023 on the indicator page [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let t: TestApp;
      before(async () => {
        t = await buildTestApp(dialect);
      });
      after(async () => {
        await t?.app.close();
        await t?.handle.drop();
      });

      it('shows Nederland beside Dordt West for registered crimes, 2023 marked voorlopig', async () => {
        const res = await t.app.inject({ url: '/gebieden/dordt-west/indicatoren/misdrijven' });
        assert.equal(res.statusCode, 200);
        const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        assert.match(text, /2023 Nederland referentie 802\.043 voorlopig/);
        assert.match(text, /2022 Nederland referentie 799\.895 /);
        assert.match(text, /2023 Dordt West gebied 1\.727 /);
      });

      it('issue 13.10: street robbery is in the catalogue, "nog niet geladen" until 47018NED per type is loaded', async () => {
        const res = await t.app.inject({
          url: '/gebieden/dordt-west/indicatoren/straatroof-per-1000',
        });
        assert.equal(res.statusCode, 200);
        const text = res.body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        assert.match(text, /Straatroof per 1\.000 inwoners in Dordt West/);
        assert.match(text, /2023 Dordt West gebied – Nog niet geladen/);
        assert.match(res.body, /47018NED/);
        assert.doesNotMatch(text, /GeregistreerdeMisdrijven/, 'no variable codes on public pages');
      });
    },
  );
}
