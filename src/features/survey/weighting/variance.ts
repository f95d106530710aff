import type { WeightedDesign } from './rake.ts';

/** qnorm(0.975): R's `confint()` on a `svymean` uses the normal distribution (df = Inf). */
export const Z_95 = 1.959963984540054;

/** R's `svyrecvar` repeats the raking residuals a fixed 10 times; we do the same to agree. */
const RAKING_RESIDUAL_ROUNDS = 10;

export interface MeanEstimate {
  estimate: number;
  se: number;
  lower: number;
  upper: number;
  /** Respondents with a value (unweighted). */
  n: number;
}

/**
 * Weighted mean of one variable with its linearised standard error, as R's
 * `svymean(~x, design, na.rm = TRUE)` gives for `svydesign(ids = ~1, weights = ...)` followed by
 * `rake()` (and optionally `trimWeights()`):
 *
 * 1. A missing value (null) takes weight 0 but its respondent stays in the sample, as a domain.
 *    R does the same: a calibrated design subsets by `prob = Inf`, and an uncalibrated one keeps
 *    the full sample's number of PSUs (`fpc$sampsize`) and pads the dropped rows with zeros.
 *    So with missing answers the unweighted SE is not √(p(1 − p)/(n − 1)) over the valid n.
 * 2. Influence values z = (x − mean) · w / Σw.
 * 3. Raking residuals: per margin, z ← z − w_m · mean over the category of (z / w_m), with w_m
 *    the weights right after that margin in the last raking sweep; 10 rounds over all margins.
 * 4. With-replacement variance of one-stage PSUs: n / (n − 1) · Σ (z − z̄)².
 *
 * Interval: estimate ± 1.96 · SE (Wald, not clipped to [0, 1], as R's `confint()`).
 */
export function weightedMean(
  design: WeightedDesign,
  values: readonly (number | null)[],
): MeanEstimate {
  if (values.length !== design.weights.length) {
    throw new Error(`${values.length} values for a design of ${design.weights.length} respondents`);
  }
  const valid = values.filter((v) => v !== null).length;
  if (valid === 0) return { estimate: NaN, se: NaN, lower: NaN, upper: NaN, n: 0 };

  const n = values.length;
  const w = new Float64Array(n);
  const x = new Float64Array(n);
  values.forEach((v, i) => {
    w[i] = v === null ? 0 : design.weights[i]!;
    x[i] = v ?? 0;
  });
  const total = w.reduce((a, b) => a + b, 0);
  let estimate = 0;
  for (let k = 0; k < n; k++) estimate += (x[k]! * w[k]!) / total;

  const z = new Float64Array(n);
  for (let k = 0; k < n; k++) z[k] = ((x[k]! - estimate) * w[k]!) / total;

  if (design.calibration.length > 0) {
    for (let round = 0; round < RAKING_RESIDUAL_ROUNDS; round++) {
      for (const margin of design.calibration) {
        const sums = new Float64Array(margin.categories.length);
        const counts = new Float64Array(margin.categories.length);
        for (let k = 0; k < n; k++) {
          const g = margin.groups[k]!;
          sums[g]! += z[k]! / margin.weights[k]!;
          counts[g]! += 1;
        }
        for (let k = 0; k < n; k++) {
          const g = margin.groups[k]!;
          z[k] = z[k]! - margin.weights[k]! * (sums[g]! / counts[g]!);
        }
      }
    }
  }

  let mean = 0;
  for (let k = 0; k < n; k++) mean += z[k]! / n;
  let squares = 0;
  for (let k = 0; k < n; k++) squares += (z[k]! - mean) ** 2;
  const se = n > 1 ? Math.sqrt((squares * n) / (n - 1)) : NaN;
  return { estimate, se, lower: estimate - Z_95 * se, upper: estimate + Z_95 * se, n: valid };
}

/**
 * Equal weights and no calibration: R's `svydesign(ids = ~1, weights = ~1)`. Without missing
 * answers its SE is the textbook √(p(1 − p)/(n − 1)).
 */
export function unweightedDesign(n: number): WeightedDesign {
  return { weights: new Float64Array(n).fill(1), calibration: [] };
}
