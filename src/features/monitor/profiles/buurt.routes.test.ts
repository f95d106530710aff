import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';

const BUURT = 'BU05050300';

function cell(html: string, key: string, name: string): string {
  const row = new RegExp(`<tr[^>]*data-indicator="${key}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `no row for ${key}`);
  const m = new RegExp(`<td[^>]*data-cell="${name}"[^>]*>([\\s\\S]*?)</td>`).exec(row[1]!);
  assert.ok(m, `no ${name} cell for ${key}`);
  return m[1]!.replace(/<[^>]+>/g, ' ');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`buurt page [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it(`shows ${BUURT} with its wijk, municipality and the stored inhabitants figure`, async () => {
      const db = t.handle.db;
      const year = Math.max(
        ...(await db.selectFrom('areas').select('indeling_year').distinct().execute()).map((r) =>
          Number(r.indeling_year),
        ),
      );
      const area = await db
        .selectFrom('areas')
        .selectAll()
        .where('indeling_year', '=', year)
        .where('code', '=', BUURT)
        .executeTakeFirstOrThrow();
      const wijk = await db
        .selectFrom('areas')
        .select('name')
        .where('indeling_year', '=', year)
        .where('code', '=', area.parent_code ?? '')
        .executeTakeFirstOrThrow();
      const obs = await db
        .selectFrom('observations')
        .select(['period', 'value'])
        .where('variable', '=', 'AantalInwoners')
        .where('indeling_year', '=', year)
        .where('area_code', '=', BUURT)
        .where('value', 'is not', null)
        .orderBy('period', 'desc')
        .executeTakeFirstOrThrow();

      const res = await t.app.inject(`/buurten/${BUURT}`);
      assert.equal(res.statusCode, 200);
      const html = res.body;
      const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      assert.match(html, new RegExp(`<h1[^>]*>${esc(area.name)}</h1>`));
      assert.match(html, new RegExp(`wijk ${esc(wijk.name)}`));
      assert.match(html, /gemeente Dordrecht/);
      const latest = cell(html, 'aantal-inwoners', 'laatste');
      const shown = /([\d.]+)/.exec(latest)?.[1]?.replaceAll('.', '');
      assert.equal(Number(shown), Number(obs.value));
      assert.match(latest, new RegExp(String(obs.period).slice(0, 4)));
      // The wijk, municipality and NL columns carry figures, larger than the buurt's own.
      for (const ref of ['wijk', 'gemeente', 'nederland']) {
        const n = Number(
          /([\d.]+)/.exec(cell(html, 'aantal-inwoners', ref))?.[1]?.replaceAll('.', ''),
        );
        assert.ok(n > Number(obs.value), `${ref}: ${n}`);
      }
      assert.match(html, /Nog niet geladen \(/);
      assert.match(html, /Bron: CBS/);
    });

    it('gives a Dutch 404 for an unknown or malformed code', async () => {
      for (const url of ['/buurten/BU99999999', '/buurten/xyz', '/buurten/WK050503']) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(res.body, /lang="nl"/);
      }
    });
  });
}
