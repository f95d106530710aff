import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { suppressProportionTable, suppressSmallCells } from './suppression.ts';

/* Fixture cells (made-up figures). */
const cells = [
  { label: 'a', n: 25, share: 0.4 },
  { label: 'b', n: 7, share: 0.1 },
  { label: 'c', n: 30, share: 0.5 },
];

describe('suppressSmallCells', () => {
  it('nulls value and n of a cell below 10 and flags it onderdrukt', () => {
    const out = suppressSmallCells(cells, { valueKeys: ['share'] });
    assert.deepEqual(out[1], {
      label: 'b',
      n: null,
      share: null,
      onderdrukt: true,
      reden: 'kleine_n',
    });
    assert.deepEqual(out[0], { label: 'a', n: 25, share: 0.4, onderdrukt: false, reden: null });
  });

  it('also suppresses the next smallest cell when the total is shown', () => {
    const out = suppressSmallCells(cells, { valueKeys: ['share'], totalShown: true });
    assert.deepEqual(
      out.map((c) => [c.label, c.onderdrukt, c.reden, c.share]),
      [
        ['a', true, 'aanvullend', null],
        ['b', true, 'kleine_n', null],
        ['c', false, null, 0.5],
      ],
    );
  });

  it('takes another minimum', () => {
    const out = suppressSmallCells(cells, { valueKeys: ['share'], minimum: 26 });
    assert.deepEqual(
      out.map((c) => c.onderdrukt),
      [true, true, false],
    );
  });
});

describe('suppressProportionTable', () => {
  const category = (category: string, n: number) => ({
    category,
    n,
    weighted: { estimate: 0.5 },
    unweighted: { estimate: 0.5 },
  });

  it('suppresses the whole table when fewer than 10 answered', () => {
    const out = suppressProportionTable({
      nValid: 9,
      nMissing: 1,
      categories: [category('ja', 5), category('nee', 4)],
    });
    assert.equal(out.onderdrukt, true);
    assert.equal(out.nValid, null);
    assert.ok(out.categories.every((c) => c.onderdrukt && c.weighted === null && c.n === null));
  });

  it('keeps large cells of a large table', () => {
    const out = suppressProportionTable({
      nValid: 40,
      nMissing: 0,
      categories: [category('ja', 12), category('nee', 20), category('weet niet', 8)],
    });
    assert.deepEqual(
      out.categories.map((c) => c.onderdrukt),
      [true, false, true],
    );
    assert.deepEqual(out.categories[1]!.weighted, { estimate: 0.5 });
  });
});
