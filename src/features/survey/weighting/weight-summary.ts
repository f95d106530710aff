export interface WeightSummary {
  /** Respondents (unweighted n). */
  n: number;
  sumOfWeights: number;
  minWeight: number;
  maxWeight: number;
  /** Kish's effective sample size, (Σw)² / Σw². */
  effectiveN: number;
  /**
   * Design effect due to unequal weights, 1 + CV² (Kish), with the coefficient of variation of
   * the weights taken with divisor n; equal to n / effectiveN.
   */
  designEffect: number;
}

export function summariseWeights(weights: ArrayLike<number>): WeightSummary {
  const n = weights.length;
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    sum += w;
    sumSquares += w * w;
    min = Math.min(min, w);
    max = Math.max(max, w);
  }
  const mean = sum / n;
  const variance = sumSquares / n - mean * mean;
  return {
    n,
    sumOfWeights: sum,
    minWeight: min,
    maxWeight: max,
    effectiveN: (sum * sum) / sumSquares,
    designEffect: 1 + variance / (mean * mean),
  };
}
