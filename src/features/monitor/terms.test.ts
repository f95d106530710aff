import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { dialectUnavailable } from '../../../test/helpers/db.ts';
import {
  parseHtml,
  queryAll,
  queryOne,
  textOf,
  type HTMLElement,
} from '../../../test/helpers/html.ts';
import { MISSING_WORDS } from './missing-figure.ts';
import { AVERAGE_UNDEFINED } from './nplv-average.ts';
import { TERM_KEYS, TERMS, type TermKey } from './terms.ts';

/** The words explained in a page's "Woorden bij de cijfers", each checked against TERMS. */
function explainedTerms(page: HTMLElement): TermKey[] {
  const dts = queryAll(page, 'section.wk-terms dt[data-term]');
  return dts.map((dt) => {
    const key = dt.getAttribute('data-term') as TermKey;
    assert.ok(TERM_KEYS.includes(key), `unknown term ${key}`);
    assert.equal(dt.id, `uitleg-${TERMS[key].anchor}`);
    assert.equal(textOf(dt), TERMS[key].word);
    const dd = dt.nextElementSibling;
    assert.ok(dd && dd.tagName === 'DD');
    // The same text as on /methode, with a link to it there.
    assert.ok(textOf(dd).startsWith(TERMS[key].text), textOf(dd));
    assert.equal(dd.querySelector('a')?.getAttribute('href'), `/methode#${TERMS[key].anchor}`);
    return key;
  });
}

/** Every in-page link of a note to a word's explanation lands on an element of the page. */
function checkTermLinks(page: HTMLElement): string[] {
  const links = queryAll(page, '.wk-footnotes a[data-term-link]');
  for (const a of links) {
    const target = a.getAttribute('href')?.slice(1) ?? '';
    assert.ok(page.querySelector(`[id="${target}"]`), `note links to #${target}, not on the page`);
  }
  return links.map((a) => a.getAttribute('data-term-link') ?? '');
}

const skip = dialectUnavailable('sqlite');
describe(
  'one wording per state and note, explained once (issue 17 point 5)',
  skip ? { skip } : {},
  () => {
    let t: TestApp;
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 200, url);
      return res.body;
    };
    before(async () => {
      t = await buildTestApp('sqlite');
    });
    after(async () => {
      await t?.close();
    });

    it('/methode explains every word once, under its own anchor, in the one text', async () => {
      const page = parseHtml(await get('/methode'));
      for (const key of TERM_KEYS) {
        const { anchor, word, text } = TERMS[key];
        const dts = queryAll(page, `dt[id="${anchor}"]`);
        assert.equal(dts.length, 1, `#${anchor}`);
        const dt = dts[0]!;
        assert.ok(textOf(dt).includes(key === 'nplv' ? 'NPLV' : word), textOf(dt));
        assert.equal(textOf(dt.nextElementSibling), text);
      }
      const ids = queryAll(page, '[id]').map((e) => e.id);
      assert.equal(new Set(ids).size, ids.length, 'duplicate ids');
    });

    it('the focus-area profile explains herberekend, geheim and the NPLV average once; its notes link there', async () => {
      const html = await get('/gebieden/dordt-west');
      const page = parseHtml(html);
      const explained = explainedTerms(page);
      assert.equal(new Set(explained).size, explained.length, 'a word explained twice');
      for (const key of ['herberekend', 'geheim', 'nplv'] as const) {
        assert.ok(explained.includes(key), `${key} not explained on the page`);
      }
      // "Niet meegeteld: 1 buurt geheim." links to the explanation of geheim.
      const secretNote = queryAll(page, '.wk-footnotes li').find((li) =>
        textOf(li).startsWith('Niet meegeteld: 1 buurt geheim.'),
      );
      assert.ok(secretNote, 'no note about a secret buurt');
      assert.equal(secretNote.querySelector('a')?.getAttribute('href'), '#uitleg-geheim');
      const linked = checkTermLinks(page);
      assert.ok(linked.includes('nplv'), 'no note of the NPLV column links to its explanation');
      // The NPLV column's long sentence is written once, not on every row.
      assert.equal(html.split(AVERAGE_UNDEFINED).length - 1, 1);
      // Every word shown beside a figure is one of the explained ones, or a missing state.
      const flags = queryAll(page, '.wk-profile-table td[data-cell="laatste"] .wk-cell-note')
        .map((e) => textOf(e).split(' · ')[1])
        .filter((f): f is string => f !== undefined)
        .flatMap((f) => f.split(', '));
      for (const f of flags) {
        if (f === 'enquête' || f === 'voorlopig') continue;
        assert.ok(explained.includes(f as TermKey), `flag ${f} is not explained`);
      }
    });

    it('says in plain words why the NPLV average is missing, the same on the profile, the overview and their downloads', async () => {
      const plain =
        'Nog niet geladen. Het NPLV-gemiddelde kan pas berekend worden als van minstens 2 focusgebieden cijfers geladen zijn.';
      const profile = textOf(queryOne(parseHtml(await get('/gebieden/dordt-west')), 'main'));
      assert.ok(profile.includes(plain), 'the profile does not say why');
      const overview = textOf(
        queryOne(parseHtml(await get('/gebieden?indicator=herkomst-buiten-europa')), 'main'),
      );
      assert.ok(overview.includes(plain), 'the overview does not say why');
      for (const url of [
        '/gebieden/dordt-west?formaat=csv',
        '/gebieden?indicator=herkomst-buiten-europa&formaat=csv',
      ])
        assert.ok((await get(url)).includes(plain), `${url} does not say why`);
      for (const text of [profile, overview])
        assert.doesNotMatch(
          text,
          /met een cijfer nodig|Nog niet te berekenen|minstens 2 focusgebieden met/,
        );
    });

    it('a buurt page explains the words its table uses', async () => {
      const page = parseHtml(await get('/buurten/BU05050300'));
      const explained = explainedTerms(page);
      const cellText = queryAll(page, 'table').map(textOf).join(' ');
      if (cellText.includes('herberekend')) assert.ok(explained.includes('herberekend'));
      assert.ok(explained.length > 0);
      assert.ok(!explained.includes('nplv'), 'a buurt page has no NPLV column');
    });

    it('the indicator page says geheim in the words of every page and explains it', async () => {
      const page = parseHtml(await get('/gebieden/dordt-west/indicatoren/eenpersoonshuishoudens'));
      const body = textOf(page);
      assert.doesNotMatch(body, /CBS houdt het cijfer geheim\)/);
      const excluded = queryAll(page, 'dt').find(
        (dt) => textOf(dt) === 'Buurten die niet meetellen',
      );
      assert.ok(excluded);
      // One buurt of Dordt West is secret for this indicator.
      const text = textOf(excluded.nextElementSibling);
      assert.ok(text.includes(`(${MISSING_WORDS.geheim})`), text);
      assert.ok(explainedTerms(page).includes('geheim'));
    });

    it('a custom area has no NPLV-average and no target column, and does not explain them', async () => {
      const page = parseHtml(
        await get(
          '/eigen-gebied?gemeente=GM0505&buurt=BU05050300&buurt=BU05050301&buurt=BU05050302',
        ),
      );
      const tables = queryAll(page, 'table.wk-profile-table');
      assert.ok(tables.length > 0, 'no profile table');
      for (const table of tables) {
        const heads = queryAll(table, 'thead th').map(textOf);
        assert.deepEqual(heads, [
          'Indicator',
          'Laatste cijfer',
          'Verandering',
          'Rest van de gemeente',
          'Gemeente',
          'Nederland',
        ]);
      }
      assert.equal(queryAll(page, '[data-cell="nplv"], [data-cell="doel"]').length, 0);
      assert.ok(!explainedTerms(page).includes('nplv'));
      assert.doesNotMatch(
        textOf(queryOne(page, 'main')),
        /NPLV-focusgebieden|focusgebieden met een cijfer/,
      );
    });
  },
);
