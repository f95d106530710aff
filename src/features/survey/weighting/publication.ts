import type { MeanEstimate } from './variance.ts';

/**
 * Intervals for proportions and the guards before a survey figure is published (issue 12,
 * point 8; ADR 0019).
 */

/** Regularised incomplete beta I_x(a, b) (continued fraction, Lentz). */
function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = a * Math.log(x) + b * Math.log(1 - x) - logBeta(a, b);
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 10000; m++) {
    for (const even of [true, false]) {
      const num = even
        ? (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m))
        : -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
      d = 1 + num * d;
      if (Math.abs(d) < tiny) d = tiny;
      c = 1 + num / c;
      if (Math.abs(c) < tiny) c = tiny;
      d = 1 / d;
      f *= d * c;
      if (!even && Math.abs(d * c - 1) < 1e-16) return (Math.exp(lnFront) * f) / a;
    }
  }
  return (Math.exp(lnFront) * f) / a;
}

/** ln Γ (Lanczos, g = 7), accurate to ~1e-15 for positive arguments. */
function logGamma(z: number): number {
  const g = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const x = z - 1;
  let sum = g[0]!;
  for (let i = 1; i < 9; i++) sum += g[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const logBeta = (a: number, b: number) => logGamma(a) + logGamma(b) - logGamma(a + b);

/** P(T ≤ t) for Student's t with `df` degrees of freedom (R's `pt`). */
export function studentCdf(t: number, df: number): number {
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** R's `qt(p, df)` for 0.5 < p < 1, by bisection to machine precision; `Infinity` df: normal. */
export function studentQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1)) throw new Error(`quantile ${p} outside (0.5, 1)`);
  let lo = 0;
  let hi = 1;
  while (studentCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

/**
 * The 95% interval of a proportion on the logit scale, as R's
 * `svyciprop(~I(q == "ja"), design, method = "logit")`: a Wald interval for logit(p) with
 * SE(p) / (p(1 − p)) (the intercept of the quasibinomial `svyglm`, whose linearised variance is
 * the same as `svymean`'s), with Student's t on the design's degrees of freedom (the number of
 * respondents in the base minus 1), transformed back. It always lies within 0–1. For p = 0 or 1
 * the interval is that point (R gives no finite logit there).
 */
export function logitInterval(e: MeanEstimate, df = e.n - 1): ProportionInterval {
  const p = e.estimate;
  if (!(p > 0 && p < 1) || !(df > 0) || !Number.isFinite(e.se)) {
    return { estimate: p, lower: p, upper: p };
  }
  const t = studentQuantile(0.975, df);
  const centre = Math.log(p / (1 - p));
  const spread = (t * e.se) / (p * (1 - p));
  const expit = (x: number) => 1 / (1 + Math.exp(-x));
  return { estimate: p, lower: expit(centre - spread), upper: expit(centre + spread) };
}

/** What a public estimate needs (issue 12, point 8). */
export const PUBLICATION_RULES = { minEffectiveN: 30, maxHalfWidthPoints: 15 } as const;

export type PublicationCheck = { publish: true } | { publish: false; reason: string };

const nl = (v: number, digits = 1) =>
  v.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/**
 * Whether a weighted share may be shown in public: the raking converged, Kish's effective n is at
 * least 30 and the interval's half-width (half of upper − lower) is at most 15 percentage
 * points. Otherwise the reason, in Dutch, to print after "te onzeker om te tonen".
 */
export function publicationCheck(input: {
  converged: boolean;
  effectiveN: number;
  /** Interval bounds as fractions (0–1). */
  lower: number;
  upper: number;
}): PublicationCheck {
  if (!input.converged) {
    return {
      publish: false,
      reason: 'de weging kwam niet uit (de weegfactoren convergeerden niet)',
    };
  }
  if (!(input.effectiveN >= PUBLICATION_RULES.minEffectiveN)) {
    return {
      publish: false,
      reason: `het effectieve aantal antwoorden is ${nl(input.effectiveN)}, minder dan ${PUBLICATION_RULES.minEffectiveN}`,
    };
  }
  const halfWidth = ((input.upper - input.lower) / 2) * 100;
  if (!(halfWidth <= PUBLICATION_RULES.maxHalfWidthPoints)) {
    return {
      publish: false,
      reason: `de marge is ${nl(halfWidth)} procentpunt naar elke kant, meer dan ${PUBLICATION_RULES.maxHalfWidthPoints}`,
    };
  }
  return { publish: true };
}

/** The text shown instead of a figure that does not pass publicationCheck. */
export const TOO_UNCERTAIN = 'te onzeker om te tonen';
