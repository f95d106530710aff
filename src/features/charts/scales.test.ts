import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  classCount,
  classIndex,
  classify,
  niceTicks,
  outlierFence,
  tickDecimals,
  valueTicks,
  zeroBasedMeasure,
} from './scales.ts';

/** The properties every tick list must have, whatever the input. */
function assertCovers(ticks: number[], min: number, max: number) {
  assert.ok(ticks.length >= 2, `at least two ticks: ${ticks.join(', ')}`);
  assert.ok(ticks[0]! <= Math.min(min, max), `first tick ${ticks[0]} not below ${min}`);
  assert.ok(ticks.at(-1)! >= Math.max(min, max), `last tick ${ticks.at(-1)} not above ${max}`);
  const step = ticks[1]! - ticks[0]!;
  for (let i = 1; i < ticks.length; i++) {
    assert.ok(Math.abs(ticks[i]! - ticks[i - 1]! - step) < 1e-9, 'evenly spaced');
  }
  const mantissa = step / 10 ** Math.floor(Math.log10(step));
  assert.ok(
    [1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-9),
    `nice step ${step}`,
  );
}

describe('niceTicks', () => {
  it('gives round steps that cover the range', () => {
    assert.deepEqual(niceTicks(0, 100, 5), [0, 20, 40, 60, 80, 100]);
    assert.deepEqual(niceTicks(3.2, 17.8, 5), [0, 5, 10, 15, 20]);
    assert.deepEqual(niceTicks(38, 47, 5), [38, 40, 42, 44, 46, 48]);
  });

  it('keeps decimal ticks exact (no 0.30000000000000004)', () => {
    const ticks = niceTicks(0.1, 0.3, 4);
    assert.deepEqual(ticks, [0.1, 0.15, 0.2, 0.25, 0.3]);
    assert.equal(tickDecimals(ticks), 2);
  });

  it('handles negative, reversed and zero-width ranges', () => {
    for (const [min, max] of [
      [-7.5, 12.25],
      [90, 10],
      [5, 5],
      [0, 0],
      [-3, -3],
      [123456, 987654],
      [0.0012, 0.0049],
    ] as const) {
      assertCovers(niceTicks(min, max, 5), min, max);
    }
    assert.deepEqual(niceTicks(0, 0, 5).slice(0, 1), [0], 'zero starts the axis');
  });

  it('returns nothing for values that are not finite', () => {
    assert.deepEqual(niceTicks(Number.NaN, 4, 5), []);
    assert.deepEqual(niceTicks(0, Number.POSITIVE_INFINITY, 5), []);
  });
});

describe('classify', () => {
  it('uses quantiles so each class holds about as many areas', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const c = classify(values, 5);
    assert.equal(c.method, 'kwantielen');
    assert.equal(classCount(c), 5);
    assert.equal(c.breaks[0], 1);
    assert.equal(c.breaks.at(-1), 10);
    const perClass = [0, 0, 0, 0, 0];
    for (const v of values) perClass[classIndex(c, v)]! += 1;
    assert.deepEqual(perClass, [2, 2, 2, 2, 2]);
  });

  it('uses equal intervals for fewer than five distinct values', () => {
    const c = classify([0, 0, 10, 10, 10], 5);
    assert.equal(c.method, 'gelijke intervallen');
    assert.deepEqual(c.breaks, [0, 5, 10]);
    assert.equal(classIndex(c, 0), 0);
    assert.equal(classIndex(c, 10), 1);
    const three = classify([1, 2, 4, 4], 5);
    assert.equal(classCount(three), 3);
    assert.deepEqual(three.breaks, [1, 2, 3, 4]);
  });

  it('never makes a class without width when values tie', () => {
    const c = classify([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], 5);
    for (let i = 1; i < c.breaks.length; i++) assert.ok(c.breaks[i]! > c.breaks[i - 1]!);
    assert.ok(classCount(c) < 5, 'tied quantiles merge');
  });

  it('has one class for one value and none for no values; ignores NaN', () => {
    assert.deepEqual(classify([7, 7, 7], 5).breaks, [7, 7]);
    assert.equal(classCount(classify([7], 5)), 1);
    assert.deepEqual(classify([], 5).breaks, []);
    assert.deepEqual(classify([Number.NaN, 3, 3], 5).breaks, [3, 3]);
  });

  it('puts the top value in the last class and values outside the range at the ends', () => {
    const c = classify([10, 20, 30, 40, 50, 60], 3);
    assert.equal(classIndex(c, 60), classCount(c) - 1);
    assert.equal(classIndex(c, 10), 0);
    assert.equal(classIndex(c, 1000), classCount(c) - 1);
    assert.equal(classIndex(c, -5), 0);
  });
});

describe('classify with an outlier', () => {
  it('gives a value above Q3 + 3 × IQR its own top class', () => {
    const values = [78.6, 80.2, 81, 83.5, 85, 86.1, 88, 90.4, 92, 95.5, 499];
    const c = classify(values, 5);
    assert.equal(c.outlierFrom, 499);
    assert.equal(classCount(c), 5);
    assert.equal(c.breaks.at(-2), 95.5);
    assert.equal(classIndex(c, 499), 4);
    assert.equal(classIndex(c, 95.5), 3);
    assert.equal(classIndex(c, 78.6), 0);
    assert.ok(outlierFence([...values].sort((a, b) => a - b)) < 499);
  });

  it('finds no outlier in an even spread', () => {
    const c = classify([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5);
    assert.equal(c.outlierFrom, undefined);
    assert.deepEqual(
      c.breaks.map((b) => Number(b.toFixed(9))),
      [10, 28, 46, 64, 82, 100],
    );
  });
});

describe('value axis', () => {
  it('starts at 0 for counts and rates, fits the data otherwise', () => {
    for (const type of ['count', 'ratio', 'share_published', 'survey_proportion']) {
      assert.ok(zeroBasedMeasure(type), type);
    }
    for (const type of ['mean', 'median', 'model_estimate']) {
      assert.ok(!zeroBasedMeasure(type), type);
    }
    assert.equal(valueTicks([51.2, 60.1], true)[0], 0);
    assert.equal(valueTicks([51.2, 60.1], false)[0], 50);
    assert.ok(valueTicks([-4, 3], true)[0]! <= -4);
    assert.deepEqual(valueTicks([], true), []);
  });
});
