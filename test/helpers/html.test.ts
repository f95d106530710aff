import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hasRowStartingWith, parseHtml, queryAll, queryOne, tableRows, textOf } from './html.ts';

const page = `<!doctype html><html><body>
  <h1 class="x">Inwoners in
    Dordt&nbsp;West</h1>
  <table><tr><th scope="row">2023</th><td>Dordt West</td><td data-cell="waarde">28.740</td></tr>
  <tr><td>2024</td><td>Dordt West</td><td>28.970 <span>(voorlopig)</span></td></tr></table>
  <p>Dordt West 2023 28.740 staat hier ook, maar niet in een tabel</p>
</body></html>`;

describe('html query helper', () => {
  it('finds one element and its text, whitespace collapsed and entities decoded', () => {
    assert.equal(textOf(queryOne(page, 'h1')), 'Inwoners in Dordt West'); // nbsp counts as space
    assert.equal(queryOne(page, 'td[data-cell="waarde"]').textContent, '28.740');
  });

  it('queryOne fails on none and on several', () => {
    assert.throws(() => queryOne(page, 'h2'), /0 elementen voor "h2"/);
    assert.throws(() => queryOne(page, 'tr'), /2 elementen voor "tr"/);
  });

  it('reads table rows as cell texts; text outside a table is not a row', () => {
    const table = queryOne(parseHtml(page), 'table');
    assert.deepEqual(tableRows(table), [
      ['2023', 'Dordt West', '28.740'],
      ['2024', 'Dordt West', '28.970 (voorlopig)'],
    ]);
    assert.ok(hasRowStartingWith(page, ['2023', 'Dordt West', '28.740']));
    assert.ok(!hasRowStartingWith(page, ['Dordt West', '2023']));
    assert.equal(queryAll(page, 'p').length, 1);
  });
});
