import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_WEIGHTS,
  rankThemes,
  type SourceKey,
  type SourceUrgency,
} from './synthesis-score.ts';

// A hand-made example (ADR 0033): two themes, professionals without data.
const urgency: Record<SourceKey, SourceUrgency> = {
  monitor: { a: 0.5, b: 1 },
  bewoners: { a: 0.2, b: 0.8 },
  professionals: null,
  bijeenkomsten: { a: 0.75, b: 0.25 },
  codes: { a: 1, b: 0 },
};

const close = (actual: number | null, expected: number) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 1e-12, `${actual} ≠ ${expected}`);

describe('the themakaart score', () => {
  it('with equal weights is the mean over the sources with data; the empty source is left out', () => {
    const r = rankThemes(['a', 'b'], urgency, DEFAULT_WEIGHTS);
    // a: (0.5 + 0.2 + 0.75 + 1) / 4 = 0.6125; b: (1 + 0.8 + 0.25 + 0) / 4 = 0.5125.
    close(r.themes.find((t) => t.theme === 'a')!.score, 0.6125);
    close(r.themes.find((t) => t.theme === 'b')!.score, 0.5125);
    assert.deepEqual(
      r.themes.map((t) => [t.theme, t.rank]),
      [
        ['a', 1],
        ['b', 2],
      ],
    );
    assert.deepEqual(r.leftOut, ['professionals']);
    // Four sources with data share the weight: each counts for a quarter.
    assert.deepEqual(r.used, { monitor: 0.25, bewoners: 0.25, bijeenkomsten: 0.25, codes: 0.25 });
  });

  it('a heavier monitor turns the order round', () => {
    const r = rankThemes(['a', 'b'], urgency, { ...DEFAULT_WEIGHTS, monitor: 40 });
    // Weights 40, 20, 20, 20 of 100: a = .4·.5 + .2·.2 + .2·.75 + .2·1 = 0.59; b = 0.61.
    close(r.themes.find((t) => t.theme === 'a')!.score, 0.59);
    close(r.themes.find((t) => t.theme === 'b')!.score, 0.61);
    assert.equal(r.themes[0]!.theme, 'b');
    assert.equal(r.used.monitor, 0.4);
  });

  it('a source without a figure for one theme is left out for that theme only', () => {
    const r = rankThemes(['a', 'b'], { ...urgency, monitor: { a: null, b: 1 } }, DEFAULT_WEIGHTS);
    // a: (0.2 + 0.75 + 1) / 3 = 0.65; b unchanged.
    close(r.themes.find((t) => t.theme === 'a')!.score, 0.65);
    close(r.themes.find((t) => t.theme === 'b')!.score, 0.5125);
  });

  it('a weight of 0 leaves a source out; equal scores share a rank; no data gives no score', () => {
    const r = rankThemes(
      ['a', 'b', 'c'],
      {
        monitor: null,
        bewoners: { a: 0.5, b: 0.5 },
        professionals: null,
        bijeenkomsten: null,
        codes: { a: 1, b: 0 },
      },
      { ...DEFAULT_WEIGHTS, codes: 0 },
    );
    assert.deepEqual(
      r.themes.map((t) => [t.theme, t.score, t.rank]),
      [
        ['a', 0.5, 1],
        ['b', 0.5, 1],
        ['c', null, null],
      ],
    );
    assert.deepEqual(r.used, { bewoners: 1 });
  });
});
