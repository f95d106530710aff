import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  evaluateTarget,
  expectedAt,
  noiseBand,
  periodYear,
  resolveTargetValue,
  STATUS_RULE_NL,
  TARGET_KINDS_NL,
  trajectory,
} from './target-rules.ts';
import type { Target } from './target.types.ts';

// All numbers below are made up for the arithmetic (fixture values), not CBS figures.

const base: Omit<Target, 'kind'> = {
  focusAreaSlug: 'fixture-gebied',
  indicatorKey: 'fixture-indicator',
  baselinePeriod: '2023',
  targetYear: 2043,
  isExample: false,
  note: 'fixture',
};
const gapNl: Target = { ...base, kind: 'gap', reference: 'nederland', gapShare: 1 };

function close(actual: number | null, expected: number, msg?: string): void {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < 1e-9,
    `${msg ?? ''} ${actual} ≠ ${expected}`,
  );
}

describe('noiseBand', () => {
  it('gives a count summed over n buurten a rounding band of 5·√n', () => {
    assert.equal(noiseBand({ measureType: 'count', value: 120, includedBuurten: 4 }), 10);
    assert.equal(noiseBand({ measureType: 'count', value: 35, includedBuurten: 1 }), 5);
    close(noiseBand({ measureType: 'count', value: 900, includedBuurten: 24 }), 5 * Math.sqrt(24));
  });

  it('carries the rounding of numerator and denominator into a ratio', () => {
    // 4 buurten: δN = δD = 10; (1000·10 + 50·10) / 10000 = 1.05 per 1.000.
    close(
      noiseBand({
        measureType: 'ratio',
        value: 50,
        includedBuurten: 4,
        denominator: 10000,
        scale: 1000,
      }),
      1.05,
    );
    // One buurt, a percentage: (100·5 + 20·5) / 2000 = 0.3 point.
    close(
      noiseBand({ measureType: 'ratio', value: 20, includedBuurten: 1, denominator: 2000 }),
      0.3,
    );
    // Without a denominator the rounding cannot be carried over.
    assert.equal(noiseBand({ measureType: 'ratio', value: 20, includedBuurten: 3 }), 0);
  });

  it('uses 0.5 point for published whole percentages, and the CI where it is wider', () => {
    assert.equal(
      noiseBand({ measureType: 'share_published', value: 41, includedBuurten: 24 }),
      0.5,
    );
    assert.equal(
      noiseBand({ measureType: 'share_published', value: 41, includedBuurten: 24, ciHalfWidth: 2 }),
      2,
    );
  });

  it('uses the confidence interval for survey values', () => {
    assert.equal(
      noiseBand({
        measureType: 'survey_proportion',
        value: 60,
        includedBuurten: 24,
        ciHalfWidth: 3.1,
      }),
      3.1,
    );
    assert.equal(
      noiseBand({ measureType: 'survey_proportion', value: 60, includedBuurten: 24 }),
      0,
    );
  });

  it('uses half a unit of the last published digit for means and model estimates', () => {
    close(
      noiseBand({ measureType: 'mean', value: 231.4, includedBuurten: 24, publishedDecimals: 1 }),
      0.05,
    );
    assert.equal(noiseBand({ measureType: 'mean', value: 231.4, includedBuurten: 24 }), 0);
    assert.equal(
      noiseBand({
        measureType: 'model_estimate',
        value: 17,
        includedBuurten: 1,
        publishedDecimals: 0,
      }),
      0.5,
    );
  });
});

describe('resolveTargetValue', () => {
  it('gap: closes the given share of the gap to the reference', () => {
    const half = { ...gapNl, gapShare: 0.5 };
    assert.equal(
      resolveTargetValue(half, { baseline: 60, referenceBaseline: 70, polarity: 'hoger-is-beter' }),
      65,
    );
    assert.equal(
      resolveTargetValue(gapNl, {
        baseline: 20,
        referenceBaseline: 10,
        polarity: 'lager-is-beter',
      }),
      10,
    );
  });

  it('gap: keeps the baseline when the area is already better than the reference', () => {
    assert.equal(
      resolveTargetValue(gapNl, { baseline: 8, referenceBaseline: 10, polarity: 'lager-is-beter' }),
      8,
    );
    assert.equal(
      resolveTargetValue(gapNl, {
        baseline: 75,
        referenceBaseline: 70,
        polarity: 'hoger-is-beter',
      }),
      75,
    );
  });

  it('gap: unknown without a reference value', () => {
    assert.equal(resolveTargetValue(gapNl, { baseline: 60, polarity: 'hoger-is-beter' }), null);
    assert.equal(
      resolveTargetValue(gapNl, {
        baseline: 60,
        referenceBaseline: null,
        polarity: 'hoger-is-beter',
      }),
      null,
    );
  });

  it('value, change and guard', () => {
    const ctx = { baseline: 30, polarity: 'lager-is-beter' as const };
    assert.equal(resolveTargetValue({ ...base, kind: 'value', targetValue: 12 }, ctx), 12);
    assert.equal(resolveTargetValue({ ...base, kind: 'change', change: -5 }, ctx), 25);
    assert.equal(resolveTargetValue({ ...base, kind: 'guard' }, ctx), 30);
  });
});

describe('trajectory', () => {
  const start = { year: 2023, value: 60 };
  it('is linear from baseline to target and held at both ends', () => {
    assert.equal(expectedAt(gapNl, start, 70, 2025), 61);
    assert.equal(expectedAt(gapNl, start, 70, 2033), 65);
    assert.equal(expectedAt(gapNl, start, 70, 2043), 70);
    assert.equal(expectedAt(gapNl, start, 70, 2050), 70);
    assert.equal(expectedAt(gapNl, start, 70, 2020), 60);
  });

  it('has one point per year, baseline and target year included', () => {
    const line = trajectory(gapNl, start, 70);
    assert.equal(line.length, 21);
    assert.deepEqual(line[0], { year: 2023, value: 60 });
    assert.deepEqual(line[2], { year: 2025, value: 61 });
    assert.deepEqual(line.at(-1), { year: 2043, value: 70 });
  });

  it('reads the year from the first four digits of a period', () => {
    assert.equal(periodYear('2023'), 2023);
    assert.equal(periodYear('2024JJ00'), 2024);
    assert.equal(periodYear('jaar'), null);
  });
});

describe('evaluateTarget', () => {
  // Gap to NL, higher is better: 60 in 2023, NL 70, whole gap by 2043 → expected 61 in 2025.
  const gapCase = (value: number, noise: number) =>
    evaluateTarget({
      target: gapNl,
      polarity: 'hoger-is-beter',
      baseline: { period: '2023', value: 60 },
      current: { period: '2025', value, noise },
      reference: { baseline: 70, current: 71 },
    });

  it('gap, higher is better: op koers when at or beyond the trajectory', () => {
    const e = gapCase(61.5, 0.5);
    assert.equal(e.status, 'op koers');
    assert.equal(e.targetValue, 70);
    assert.equal(e.expected, 61);
    assert.equal(e.trajectory.length, 21);
    close(e.areaChange, 1.5);
    assert.equal(e.referenceChange, 1);
    // gap_0 = 10, gap_t = 71 − 61.5 = 9.5 → 5 % closed.
    close(e.gapClosure, 0.05);
    assert.match(e.explanation, /61,5/);
  });

  it('gap: op koers when behind the trajectory but within the noise band', () => {
    const e = gapCase(60.6, 0.5);
    assert.equal(e.status, 'op koers');
    assert.match(e.explanation, /meetonzekerheid/);
  });

  it('gap: deels op koers when better than baseline beyond noise but behind the trajectory', () => {
    assert.equal(gapCase(60.5, 0.3).status, 'deels op koers');
  });

  it('gap: a change inside the noise band is not an improvement', () => {
    assert.equal(gapCase(60.4, 0.5).status, 'niet op koers');
    // The same change with no noise would count.
    assert.equal(gapCase(60.4, 0).status, 'deels op koers');
  });

  // Value target, lower is better: 20 in 2023 to 10 in 2033 → expected 18 in 2025.
  const valueCase = (value: number, noise: number) =>
    evaluateTarget({
      target: { ...base, kind: 'value', targetValue: 10, targetYear: 2033 },
      polarity: 'lager-is-beter',
      baseline: { period: '2023', value: 20 },
      current: { period: '2025', value, noise },
    });

  it('value, lower is better: every status and the band edges', () => {
    assert.equal(valueCase(17, 0).status, 'op koers');
    assert.equal(valueCase(19, 1).status, 'op koers', 'exactly on the edge of the band');
    assert.equal(valueCase(19, 0.5).status, 'deels op koers');
    assert.equal(valueCase(19.5, 0.5).status, 'niet op koers', 'change equal to the band');
    const worse = valueCase(21, 0.5);
    assert.equal(worse.status, 'niet op koers');
    assert.match(worse.explanation, /slechter/);
    assert.equal(worse.expected, 18);
    assert.equal(worse.gapClosure, null);
    assert.equal(worse.referenceChange, null);
  });

  it('change, higher is better: expected halfway in the middle year', () => {
    const e = evaluateTarget({
      target: { ...base, kind: 'change', change: 10, targetYear: 2033 },
      polarity: 'hoger-is-beter',
      baseline: { period: '2023', value: 50 },
      current: { period: '2028', value: 56, noise: 0 },
    });
    assert.equal(e.targetValue, 60);
    assert.equal(e.expected, 55);
    assert.equal(e.status, 'op koers');
    const behind = evaluateTarget({
      target: { ...base, kind: 'change', change: 10, targetYear: 2033 },
      polarity: 'hoger-is-beter',
      baseline: { period: '2023', value: 50 },
      current: { period: '2028', value: 52, noise: 1 },
    });
    assert.equal(behind.status, 'deels op koers');
  });

  const guard = (polarity: 'hoger-is-beter' | 'lager-is-beter' | 'neutraal', value: number) =>
    evaluateTarget({
      target: { ...base, kind: 'guard' },
      polarity,
      baseline: { period: '2023', value: 30 },
      current: { period: '2024', value, noise: 1 },
    }).status;

  it('guard: op koers unless worse than the baseline beyond noise, both polarities', () => {
    assert.equal(guard('lager-is-beter', 30.8), 'op koers');
    assert.equal(guard('lager-is-beter', 31), 'op koers', 'edge: exactly the band');
    assert.equal(guard('lager-is-beter', 31.2), 'niet op koers');
    assert.equal(guard('lager-is-beter', 25), 'op koers');
    assert.equal(guard('hoger-is-beter', 28), 'niet op koers');
    assert.equal(guard('hoger-is-beter', 35), 'op koers');
  });

  it('guard on a neutral indicator: any change beyond noise leaves the target', () => {
    assert.equal(guard('neutraal', 30.9), 'op koers');
    assert.equal(guard('neutraal', 32), 'niet op koers');
    assert.equal(guard('neutraal', 28), 'niet op koers');
  });

  it('gap for an area already better than the reference works as a guard', () => {
    const run = (value: number) =>
      evaluateTarget({
        target: gapNl,
        polarity: 'lager-is-beter',
        baseline: { period: '2023', value: 8 },
        current: { period: '2025', value, noise: 0.5 },
        reference: { baseline: 10, current: 10 },
      });
    assert.equal(run(8.3).status, 'op koers');
    assert.equal(run(9).status, 'niet op koers');
    assert.equal(run(8.3).targetValue, 8);
    assert.equal(run(8.3).gapClosure, null, 'no gap to close');
  });

  it('onvoldoende data: no baseline, no current value, or no newer measurement', () => {
    const t: Target = { ...base, kind: 'value', targetValue: 10 };
    const noBaseline = evaluateTarget({
      target: t,
      polarity: 'lager-is-beter',
      baseline: null,
      current: { period: '2024', value: 12, noise: 0 },
    });
    assert.equal(noBaseline.status, 'onvoldoende data');
    assert.match(noBaseline.explanation, /nulmeting/);
    const noCurrent = evaluateTarget({
      target: t,
      polarity: 'lager-is-beter',
      baseline: { period: '2023', value: 20 },
      current: null,
    });
    assert.equal(noCurrent.status, 'onvoldoende data');
    assert.equal(noCurrent.targetValue, 10, 'the target and trajectory are still known');
    assert.equal(noCurrent.trajectory.length, 21);
    const sameYear = evaluateTarget({
      target: t,
      polarity: 'lager-is-beter',
      baseline: { period: '2023', value: 20 },
      current: { period: '2023JJ00', value: 12, noise: 0 },
    });
    assert.equal(sameYear.status, 'onvoldoende data');
    assert.equal(sameYear.expected, null);
  });

  it('onvoldoende data: a gap target without a reference value', () => {
    for (const reference of [undefined, { baseline: null, current: 71 }]) {
      const e = evaluateTarget({
        target: gapNl,
        polarity: 'hoger-is-beter',
        baseline: { period: '2023', value: 60 },
        current: { period: '2025', value: 65, noise: 0 },
        reference,
      });
      assert.equal(e.status, 'onvoldoende data');
      assert.equal(e.targetValue, null);
      assert.match(e.explanation, /Nederland/);
    }
  });

  it('explains every status in one Dutch sentence without missing numbers', () => {
    const all = [gapCase(61.5, 0.5), gapCase(60.5, 0.3), gapCase(60.4, 0.5), valueCase(21, 0.5)];
    assert.deepEqual([...new Set(all.map((e) => e.status))].sort(), [
      'deels op koers',
      'niet op koers',
      'op koers',
    ]);
    for (const e of all) {
      assert.match(e.explanation, /^[A-Z].*\.$/);
      assert.doesNotMatch(e.explanation, /NaN|undefined|null/);
    }
  });
});

describe('published rule', () => {
  it('names every status and every kind once', () => {
    assert.deepEqual(STATUS_RULE_NL.map((r) => r.status).sort(), [
      'deels op koers',
      'niet op koers',
      'onvoldoende data',
      'op koers',
    ]);
    assert.deepEqual(TARGET_KINDS_NL.map((k) => k.kind).sort(), [
      'change',
      'gap',
      'guard',
      'value',
    ]);
    assert.ok([...STATUS_RULE_NL, ...TARGET_KINDS_NL].every((r) => r.rule.length > 20));
  });
});
