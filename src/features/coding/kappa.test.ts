import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohensKappa, type CodedPair } from './kappa.ts';

function table(cells: Record<string, number>): CodedPair[] {
  const pairs: CodedPair[] = [];
  for (const [key, count] of Object.entries(cells)) {
    const [first, second] = key.split('/') as [string, string];
    for (let i = 0; i < count; i += 1) pairs.push({ first, second });
  }
  return pairs;
}

describe('cohensKappa', () => {
  it('matches a hand-computed 2×2 table', () => {
    // 50 items. Coder A: ja 25, nee 25. Coder B: ja 30, nee 20.
    //            B ja  B nee
    //   A ja      20     5
    //   A nee     10    15
    // p_o = (20 + 15) / 50 = 0.70
    // p_e = (25/50)(30/50) + (25/50)(20/50) = 0.30 + 0.20 = 0.50
    // kappa = (0.70 − 0.50) / (1 − 0.50) = 0.40
    const result = cohensKappa(table({ 'ja/ja': 20, 'ja/nee': 5, 'nee/ja': 10, 'nee/nee': 15 }));
    assert.ok('kappa' in result);
    assert.ok(Math.abs(result.observed - 0.7) < 1e-12);
    assert.ok(Math.abs(result.expected - 0.5) < 1e-12);
    assert.ok(Math.abs(result.kappa - 0.4) < 1e-12);
    assert.equal(result.items, 50);
  });

  it('matches a hand-computed 3-category table', () => {
    // 10 items, codes w(onen), z(org), v(eiligheid).
    //            B w  B z  B v
    //   A w       3    1    0     A: w 4
    //   A z       0    3    0     A: z 3
    //   A v       0    1    2     A: v 3
    //   B totals: w 3, z 5, v 2
    // p_o = (3 + 3 + 2) / 10 = 0.8
    // p_e = 0.4·0.3 + 0.3·0.5 + 0.3·0.2 = 0.12 + 0.15 + 0.06 = 0.33
    // kappa = (0.8 − 0.33) / 0.67 = 0.47 / 0.67 = 0.70149…
    const result = cohensKappa(table({ 'w/w': 3, 'w/z': 1, 'z/z': 3, 'v/z': 1, 'v/v': 2 }));
    assert.ok('kappa' in result);
    assert.ok(Math.abs(result.kappa - 0.47 / 0.67) < 1e-12);
  });

  it('gives 1 for perfect agreement', () => {
    const result = cohensKappa(table({ 'a/a': 4, 'b/b': 3, 'c/c': 2 }));
    assert.ok('kappa' in result);
    assert.equal(result.kappa, 1);
  });

  it('gives 1 when both coders put everything in one category (p_e = 1)', () => {
    const result = cohensKappa(table({ 'a/a': 5 }));
    assert.ok('kappa' in result);
    assert.equal(result.kappa, 1);
    assert.equal(result.expected, 1);
  });

  it('gives 0 when one coder uses one category and agreement equals chance', () => {
    // A: a 2, b 2; B: a 4. p_o = 2/4 = 0.5; p_e = 0.5·1 + 0.5·0 = 0.5; kappa = 0.
    const result = cohensKappa(table({ 'a/a': 2, 'b/a': 2 }));
    assert.ok('kappa' in result);
    assert.equal(result.kappa, 0);
  });

  it('reports a typed absence for no items', () => {
    assert.deepEqual(cohensKappa([]), { absent: 'geen-items' });
  });
});
