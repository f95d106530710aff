import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../../shared/errors.ts';
import type { WeightedDesign } from './rake.ts';
import { trimWeights } from './trim.ts';

const design = (weights: number[]): WeightedDesign => ({
  weights: Float64Array.from(weights),
  calibration: [],
});
const sum = (w: ArrayLike<number>) => Array.from(w).reduce((a, b) => a + b, 0);

describe('trimWeights', () => {
  it('cuts to the bound and spreads the cut in equal parts over the other weights', () => {
    const result = trimWeights(design([1, 1, 1, 1, 10]), { upper: 5 });
    assert.deepEqual([...result.weights], [2.25, 2.25, 2.25, 2.25, 5]);
    assert.equal(result.trimmed, 1);
    assert.equal(result.passes, 1);
  });

  it('raises low weights to the lower bound, taking the amount from the others', () => {
    const result = trimWeights(design([0.5, 2, 2, 3.5]), { lower: 1 });
    assert.deepEqual([...result.weights], [1, 2 - 0.5 / 3, 2 - 0.5 / 3, 3.5 - 0.5 / 3]);
    assert.equal(sum(result.weights), 8);
  });

  it('without strict makes one pass, with strict repeats until all weights are inside', () => {
    const weights = [1, 1, 2, 3.5, 8];
    const once = trimWeights(design(weights), { upper: 4 });
    assert.ok(
      once.weights.some((w) => w > 4),
      'spreading pushed a weight over the bound',
    );
    const strict = trimWeights(design(weights), { upper: 4, strict: true });
    assert.ok(strict.passes > 1);
    assert.ok(strict.weights.every((w) => w <= 4));
    assert.ok(Math.abs(sum(strict.weights) - 15.5) < 1e-9);
  });

  it('changes nothing when every weight is inside the bounds', () => {
    const result = trimWeights(design([2, 3, 4]), { lower: 1, upper: 5 });
    assert.deepEqual([...result.weights], [2, 3, 4]);
    assert.equal(result.passes, 0);
  });

  it('refuses bounds that cannot keep the sum of weights, in Dutch', () => {
    assert.throws(
      () => trimWeights(design([1, 1, 10]), { upper: 3 }),
      (e: unknown) =>
        e instanceof BadRequestError &&
        /kan de som van de gewichten \(12\) niet gelijk blijven/.test(e.message),
    );
    assert.throws(
      () => trimWeights(design([1, 2]), { lower: 3, upper: 2 }),
      (e: unknown) => e instanceof BadRequestError && /ondergrens moet kleiner/.test(e.message),
    );
  });
});
