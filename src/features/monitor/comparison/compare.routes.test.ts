import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';

function cell(html: string, key: string, name: string): string {
  const row = new RegExp(`<tr[^>]*data-indicator="${key}"[^>]*>([\\s\\S]*?)</tr>`).exec(html);
  assert.ok(row, `no row for ${key}`);
  const m = new RegExp(`<td[^>]*data-cell="${name}"[^>]*>([\\s\\S]*?)</td>`).exec(row[1]!);
  assert.ok(m, `no ${name} cell for ${key}`);
  return m[1]!.replace(/<[^>]+>/g, ' ');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`compare page [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('without a and b: a GET form with focus areas, wijken and buurten', async () => {
      const res = await t.app.inject('/vergelijk');
      assert.equal(res.statusCode, 200);
      const html = res.body;
      assert.match(html, /<form[^>]*method="get"[^>]*action="\/vergelijk"/);
      assert.match(html, /<select[^>]*name="a"/);
      assert.match(html, /<select[^>]*name="b"/);
      for (const group of ['Focusgebieden', 'Wijken van Dordrecht', 'Buurten van Dordrecht']) {
        assert.match(html, new RegExp(`<optgroup label="${group}">\\s*<option`));
      }
      assert.match(html, /<option value="fg:dordt-west"/);
      assert.match(html, /<option value="bu:BU05050300"/);
      assert.doesNotMatch(html, /data-indicator=/);
    });

    it('compares Dordt West with a wijk: both inhabitants figures with their period', async () => {
      const db = t.handle.db;
      const wijk = await db
        .selectFrom('areas')
        .select(['code', 'name', 'indeling_year'])
        .where('kind', '=', 'wijk')
        .where('municipality_code', '=', 'GM0505')
        .where('is_water', '=', 0)
        .orderBy('indeling_year', 'desc')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      const obs = await db
        .selectFrom('observations')
        .select(['period', 'value'])
        .where('variable', '=', 'AantalInwoners')
        .where('indeling_year', '=', Number(wijk.indeling_year))
        .where('area_code', '=', wijk.code)
        .where('value', 'is not', null)
        .orderBy('period', 'desc')
        .executeTakeFirstOrThrow();
      const res = await t.app.inject(`/vergelijk?a=fg:dordt-west&b=wk:${wijk.code}`);
      assert.equal(res.statusCode, 200);
      const html = res.body;
      assert.ok(html.includes('Dordt West'));
      assert.ok(html.includes(wijk.name));
      const a = cell(html, 'aantal-inwoners', 'a');
      const b = cell(html, 'aantal-inwoners', 'b');
      // Dordt West: 28,970 inhabitants in 2024 (real CBS, as on the profile page).
      assert.match(a, /28\.970[\s\S]*2024/);
      assert.equal(Number(/([\d.]+)/.exec(b)?.[1]?.replaceAll('.', '')), Number(obs.value));
      assert.ok(b.includes(String(obs.period).slice(0, 4)));
      // The form stays on the page with both choices selected.
      assert.match(html, /<option value="fg:dordt-west" selected/);
      assert.match(html, new RegExp(`<option value="wk:${wijk.code}" selected`));
      assert.match(html, /Bron: CBS/);
    });

    it('gathers the figures without data in one closed list at the end, not under every theme', async () => {
      // On a phone, a list of missing figures under each theme made the page ten screens long.
      const html = (await t.app.inject('/vergelijk?a=fg:dordt-west&b=bu:BU05050300')).body;
      const details =
        /<details class="wk-not-loaded" id="nog-niet-geladen">([\s\S]*?)<\/details>/.exec(html);
      assert.ok(details, 'one closed section "Nog niet geladen"');
      const inside = details[1]!.match(/data-not-loaded=/g)?.length ?? 0;
      assert.ok(inside > 0);
      assert.equal(html.match(/data-not-loaded=/g)?.length, inside, 'no missing figure outside it');
      assert.ok(html.indexOf('id="nog-niet-geladen"') > html.lastIndexOf('data-indicator='));
      // Every theme shows either its table or one line pointing to that list.
      const sections = html.split('aria-labelledby="thema-').slice(1);
      assert.ok(sections.length >= 5);
      for (const section of sections) {
        const body = section.split('</section>')[0]!;
        assert.ok(/<table/.test(body) || /data-empty-theme/.test(body), body.slice(0, 80));
      }
    });

    it('answers 400 naming the parameter for a bad value', async () => {
      const cases: [string, RegExp][] = [
        ['/vergelijk?a=xx:1&b=fg:dordt-west', /Parameter a/],
        ['/vergelijk?a=fg:dordt-west&b=bu:BU99999999', /Parameter b/],
        ['/vergelijk?a=wk:nee', /Parameter a/],
        ['/vergelijk?a=fg:dordt-west&a=fg:dordt-west', /Parameter a/],
      ];
      for (const [url, message] of cases) {
        const res = await t.app.inject(url);
        assert.equal(res.statusCode, 400, url);
        assert.match(res.body, message, url);
      }
    });
  });
}
