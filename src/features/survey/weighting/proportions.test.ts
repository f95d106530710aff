import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionProportions } from './proportions.ts';
import type { WeightedDesign } from './rake.ts';
import { unweightedDesign, Z_95 } from './variance.ts';
import { summariseWeights } from './weight-summary.ts';

const near = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-12, `${a} ≠ ${b}`);

describe('questionProportions', () => {
  it('gives the textbook unweighted proportion and SE when nobody skipped the question', () => {
    const result = questionProportions(unweightedDesign(4), ['ja', 'ja', 'ja', 'nee']);
    const ja = result.categories.find((c) => c.category === 'ja')!;
    near(ja.unweighted.estimate, 0.75);
    near(ja.unweighted.se, Math.sqrt((0.75 * 0.25) / 3));
    near(ja.unweighted.lower, 0.75 - Z_95 * ja.unweighted.se);
    near(ja.unweighted.upper, 0.75 + Z_95 * ja.unweighted.se);
    assert.equal(ja.n, 3);
  });

  it('weights the proportion and leaves missing answers out of it', () => {
    const design: WeightedDesign = { weights: Float64Array.from([1, 3, 2, 10]), calibration: [] };
    const result = questionProportions(design, ['ja', 'nee', 'ja', null]);
    assert.equal(result.nValid, 3);
    assert.equal(result.nMissing, 1);
    const ja = result.categories.find((c) => c.category === 'ja')!;
    near(ja.weighted.estimate, 3 / 6);
    near(ja.unweighted.estimate, 2 / 3);
  });

  it('keeps the order asked for and lists answers nobody gave with share 0', () => {
    const result = questionProportions(unweightedDesign(3), ['b', 'a', 'b'], ['c', 'b', 'a']);
    assert.deepEqual(
      result.categories.map((c) => [c.category, c.n, c.unweighted.estimate]),
      [
        ['c', 0, 0],
        ['b', 2, 2 / 3],
        ['a', 1, 1 / 3],
      ],
    );
  });
});

describe('summariseWeights', () => {
  it('gives effective n = n and design effect 1 for equal weights', () => {
    const s = summariseWeights([2, 2, 2, 2]);
    near(s.effectiveN, 4);
    near(s.designEffect, 1);
    assert.equal(s.sumOfWeights, 8);
  });

  it('gives Kish effective n and 1 + CV² for unequal weights', () => {
    const s = summariseWeights([1, 3]);
    near(s.effectiveN, 16 / 10);
    near(s.designEffect, 1.25);
    near(s.designEffect, s.n / s.effectiveN);
    assert.deepEqual([s.minWeight, s.maxWeight], [1, 3]);
  });
});
