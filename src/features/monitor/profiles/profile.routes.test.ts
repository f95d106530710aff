import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { buildTestApp, type TestApp } from '../../../../test/helpers/app.ts';
import { queryAll, queryOne, textOf, type HTMLElement } from '../../../../test/helpers/html.ts';
import { dialects, dialectUnavailable } from '../../../../test/helpers/db.ts';
import { strongEtag } from '../../../plugins/etag.ts';
import { setDatasetStatus } from '../../datasets/dataset.repository.ts';
import { loadCatalogue } from '../../indicators/catalogue.ts';
import { STATUS_RULE_NL, TARGET_KINDS_NL } from '../../targets/target-rules.ts';
import { AGGREGATION_RULES_NL } from '../methode.routes.tsx';

/** The <tr> of one indicator in the profile tables (exactly one). */
function indicatorRow(html: string, key: string): HTMLElement {
  return queryOne(html, `tr[data-indicator="${key}"]`);
}

/**
 * A cell's text with the notes it refers to: on the profile a note is written once under the
 * tables and the cell links to it (issue 17 point 5), so "what the cell says" includes it.
 */
function cell(row: HTMLElement, name: string, html?: string): string {
  const td = row.querySelector(`td[data-cell="${name}"]`);
  assert.ok(td, `no ${name} cell`);
  const notes = td.querySelectorAll('a.wk-note-ref').map((a) => {
    assert.ok(html, 'pass the page to read the notes of a cell');
    return textOf(queryOne(html, `li${a.getAttribute('href')!}`));
  });
  return [textOf(td), ...notes].join(' ');
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`profile, home and methode pages [${dialect}]`, skip ? { skip } : {}, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(dialect);
    });
    after(async () => {
      await t?.close();
    });

    it('profile: latest inhabitants, change since the baseline, references and a target', async () => {
      const res = await t.app.inject('/gebieden/dordt-west');
      assert.equal(res.statusCode, 200);
      const html = res.body;
      assert.equal(textOf(queryOne(html, 'h1')), 'Dordt West');
      const row = indicatorRow(html, 'aantal-inwoners');
      assert.ok(row.querySelector('a[href="/gebieden/dordt-west/indicatoren/aantal-inwoners"]'));
      // Real CBS figures: 28,970 inhabitants in 2024, 28,740 in the 2023 baseline.
      assert.match(cell(row, 'laatste'), /28\.970[\s\S]*2024/);
      assert.match(cell(row, 'verandering'), /\+230[\s\S]*sinds 2023/);
      assert.match(cell(row, 'gemeente'), /\d{2,3}\.\d{3}/);
      assert.match(cell(row, 'nederland'), /\d+\.\d{3}\.\d{3}/);
      // An NPLV average of counts means nothing: said, not a sum or mean of twenty areas.
      assert.match(cell(row, 'nplv', html), /–[\s\S]*Niet van toepassing/);
      // For a ratio it is Σ teller / Σ noemer over the areas, with the plain mean beside it.
      const schiedam = (await t.app.inject('/gebieden/schiedam-nieuwland-oost')).body;
      const density = indicatorRow(schiedam, 'bevolkingsdichtheid');
      assert.match(cell(density, 'nplv', schiedam), /Σ teller \/ Σ noemer over \d+ focusgebieden/);
      assert.match(cell(density, 'nplv', schiedam), /Gewoon gemiddelde van de gebieden/);
      // The shipped targets are examples: they stay in the workspace until the Alliance sets
      // them (issue 17 point 5), so the public profile has no target column.
      assert.equal(queryAll(html, 'td[data-cell="doel"]').length, 0);
      assert.doesNotMatch(html, /\(voorbeeld\)/);
      // The delineation stays below the profile, under its own heading.
      assert.ok(
        html.indexOf('>Afbakening</h2>') > html.indexOf('data-indicator="aantal-inwoners"'),
      );
      assert.equal(textOf(queryOne(html, '[data-total="2023"]')), '28.740');
      assert.match(html, /Bron: CBS/);
    });

    it('profile: a health indicator not yet loaded is listed with its reason, never a zero', async () => {
      const html = (await t.app.inject('/gebieden/dordt-west')).body;
      const health = loadCatalogue().indicators.filter((i) => i.theme === 'gezond-leven');
      const notLoaded = queryAll(html, 'li[data-not-loaded]');
      const keyOf = (li: HTMLElement) => li.getAttribute('data-not-loaded')!;
      // The item's own words, before the small print.
      const ownText = (li: HTMLElement) =>
        li.childNodes
          .filter((n) => n.nodeType === 3)
          .map((n) => n.text)
          .join('');
      const listed = notLoaded.filter((li) => health.some((i) => i.key === keyOf(li)));
      assert.ok(listed.length > 0, 'no health indicator under "Nog niet geladen"');
      for (const li of listed) {
        assert.match(ownText(li), /nog niet geladen\. \S/);
        assert.equal(queryAll(html, `[data-indicator="${keyOf(li)}"]`).length, 0);
      }
      // In plain words who publishes it; the CBS variable names only in the small print.
      const health0 = health.find((i) => listed.some((li) => keyOf(li) === i.key))!;
      const item = listed.find((li) => keyOf(li) === health0.key)!;
      const smallPrint = item.querySelector('span.wk-cell-note');
      assert.ok(smallPrint, 'item with small print');
      assert.match(
        ownText(item),
        /nog niet geladen\. Dit cijfer komt van \S.* staan nog niet in Wijkkompas\./,
      );
      // No variable code on the page, not even in small print: the source table instead.
      assert.doesNotMatch(html, new RegExp(health0.source.variables[0]!));
      assert.match(smallPrint.text, /^Bron: .*tabel/);
      assert.ok(queryAll(html, 'h3').some((h) => textOf(h).startsWith('Nog niet geladen (')));
    });

    it('profile: the cached page is the same bytes and ETag for everyone, under a nonce-free CSP', async () => {
      const a = await t.app.inject('/gebieden/dordt-west');
      const b = await t.app.inject('/gebieden/dordt-west');
      const csp = String(a.headers['content-security-policy']);
      assert.match(csp, /script-src 'self'(;|$)/);
      assert.match(csp, /style-src 'self'(;|$)/);
      assert.doesNotMatch(csp, /nonce-|unsafe-inline/);
      assert.ok(a.rawPayload.equals(b.rawPayload));
      assert.equal(a.headers.etag, b.headers.etag);
      // The preset ETag is the hash of the bytes sent, as the ETag plugin would compute it.
      assert.equal(a.headers.etag, strongEtag(a.rawPayload));
      const again = await t.app.inject({
        url: '/gebieden/dordt-west',
        headers: { 'if-none-match': String(a.headers.etag) },
      });
      assert.equal(again.statusCode, 304);
      assert.equal(again.body, '');
    });

    it('profile, /methode, /bronnen and NL Design System CSS: gzip for clients that take it, the same bytes', async () => {
      for (const url of [
        '/gebieden/dordt-west',
        '/methode',
        '/bronnen',
        '/assets/vendor/component-library.css',
      ]) {
        const plain = await t.app.inject(url);
        assert.equal(plain.statusCode, 200, url);
        assert.equal(plain.headers['content-encoding'], undefined, url);
        // A page is compressed in the background after its render; wait for it.
        let zipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
        for (let i = 0; i < 100 && zipped.headers['content-encoding'] !== 'gzip'; i++) {
          await new Promise((resolve) => setTimeout(resolve, 10));
          zipped = await t.app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
        }
        assert.equal(zipped.headers['content-encoding'], 'gzip', url);
        assert.equal(zipped.headers.vary, 'accept-encoding', url);
        assert.ok(gunzipSync(zipped.rawPayload).equals(plain.rawPayload), url);
        assert.ok(zipped.rawPayload.length < plain.rawPayload.length / 3, url);
        // Each form has its own ETag, and a repeat visit gets a 304.
        assert.notEqual(zipped.headers.etag, plain.headers.etag, url);
        const again = await t.app.inject({
          url,
          headers: { 'if-none-match': String(plain.headers.etag) },
        });
        assert.equal(again.statusCode, 304, url);
      }
    });

    it('/bronnen follows the data version: a withdrawn file is marked at once', async () => {
      const before = await t.app.inject('/bronnen');
      assert.doesNotMatch(before.body, /data-status="ingetrokken"/);
      const { db } = t.handle;
      const dataset = await db
        .selectFrom('datasets')
        .select('id')
        .where('status', '=', 'actief')
        .orderBy('id')
        .executeTakeFirstOrThrow();
      await setDatasetStatus(db, dataset.id, 'ingetrokken');
      try {
        const after = await t.app.inject('/bronnen');
        assert.equal([...after.body.matchAll(/data-status="ingetrokken"/g)].length, 1);
        assert.notEqual(after.headers.etag, before.headers.etag);
      } finally {
        await setDatasetStatus(db, dataset.id, 'actief');
      }
      assert.equal((await t.app.inject('/bronnen')).headers.etag, before.headers.etag);
    });

    it('profile: bad version is a 400, unknown area a 404', async () => {
      assert.equal((await t.app.inject('/gebieden/dordt-west?versie=nul')).statusCode, 400);
      assert.equal((await t.app.inject('/gebieden/bestaat-niet')).statusCode, 404);
      assert.equal((await t.app.inject('/gebieden/dordt-west?versie=1')).statusCode, 200);
    });

    it('home: focus areas grouped by municipality with what data each has', async () => {
      const res = await t.app.inject('/');
      assert.equal(res.statusCode, 200);
      const groups = [
        ...res.body.matchAll(/<tbody[^>]*data-gemeente="([^"]+)"[^>]*>([\s\S]*?)<\/tbody>/g),
      ];
      assert.ok(groups.length > 1, `only ${groups.length} municipality groups`);
      const names = groups.map((g) => g[1]!);
      assert.equal(new Set(names).size, names.length, 'a municipality appears twice');
      const dordrecht = groups.find((g) => g[1] === 'Dordrecht');
      assert.ok(dordrecht, 'no Dordrecht group');
      const total = loadCatalogue().indicators.length;
      const m = new RegExp(
        `Dordt West[\\s\\S]*?(\\d+) van ${total} indicatoren met een cijfer`,
      ).exec(dordrecht[2]!);
      assert.ok(m, 'Dordt West has no data line');
      assert.ok(Number(m[1]) > 0 && Number(m[1]) < total);
      // Every area has at least a provisional delineation now, with how sure it is.
      assert.doesNotMatch(res.body, /Buurten nog niet bekend/);
      assert.match(res.body, /voorlopig, betrouwbaarheid/);
    });

    it('methode: every aggregation rule, reference, target kind and status rule', async () => {
      const res = await t.app.inject('/methode');
      assert.equal(res.statusCode, 200);
      const text = res.body.replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      const terms = [...text.matchAll(/<dt>([^<]+)<\/dt>/g)].map((m) => m[1]);
      for (const r of AGGREGATION_RULES_NL) assert.ok(terms.includes(r.name), r.name);
      for (const k of TARGET_KINDS_NL) assert.ok(terms.includes(k.name), k.name);
      for (const s of STATUS_RULE_NL) {
        assert.ok(terms.includes(s.status), s.status);
        assert.ok(text.includes(s.rule), `rule for ${s.status}`);
      }
      for (const word of ['Rest van de gemeente', 'Nederland', 'NPLV', 'meetonzekerheid']) {
        assert.match(text, new RegExp(word));
      }
      assert.equal(AGGREGATION_RULES_NL.length, 8);
      // Densities follow the ratio rule (issue 13 point 4), and the page says so.
      assert.match(text, /alle inwoners samen gedeeld door alle landoppervlakte samen/);
      assert.match(text, /href="\/bronnen"/);
      assert.match(text, /href="\/methode"/, 'nav link');
    });
  });
}
