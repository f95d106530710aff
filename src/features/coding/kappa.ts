/** One item coded by two coders: the code each gave. */
export interface CodedPair {
  first: string;
  second: string;
}

export interface KappaResult {
  kappa: number;
  /** Observed agreement p_o (share of items with the same code). */
  observed: number;
  /** Agreement expected by chance p_e from the two coders' marginals. */
  expected: number;
  items: number;
}

/** Why kappa has no value; a typed absence, not an error. */
export type KappaAbsence = { absent: 'geen-items' };

/**
 * Cohen's kappa for two coders over the same items: (p_o − p_e) / (1 − p_e).
 * When both coders put every item in one and the same category, p_e = 1 and the formula is
 * 0/0; the agreement is then perfect and kappa is reported as 1 (the usual convention).
 */
export function cohensKappa(pairs: readonly CodedPair[]): KappaResult | KappaAbsence {
  const n = pairs.length;
  if (n === 0) return { absent: 'geen-items' };
  const firstCounts = new Map<string, number>();
  const secondCounts = new Map<string, number>();
  let agree = 0;
  for (const { first, second } of pairs) {
    if (first === second) agree += 1;
    firstCounts.set(first, (firstCounts.get(first) ?? 0) + 1);
    secondCounts.set(second, (secondCounts.get(second) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [code, count] of firstCounts) {
    expected += (count / n) * ((secondCounts.get(code) ?? 0) / n);
  }
  if (expected === 1) return { kappa: 1, observed, expected, items: n };
  return { kappa: (observed - expected) / (1 - expected), observed, expected, items: n };
}

export function isKappa(value: KappaResult | KappaAbsence): value is KappaResult {
  return 'kappa' in value;
}
