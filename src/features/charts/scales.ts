/** Pure helpers for axes and map classes; no rendering here so they are easy to test. */

/** The "nice" step (1, 2 or 5 times a power of ten) that is at least `raw`. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * power;
}

/** Decimals needed to write multiples of `step` exactly (step 0.05 → 2). */
function stepDecimals(step: number): number {
  return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/**
 * Axis ticks for a value range: evenly spaced by 1, 2 or 5 × 10^k, the first at or below `min`,
 * the last at or above `max`, about `count` intervals. A zero-width range is widened (by 10% of
 * the value, or to 0–1 for zero) so a single value still gets an axis. Empty for non-finite input.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  let lo = Math.min(min, max);
  let hi = Math.max(min, max);
  if (lo === hi) {
    if (lo === 0) hi = 1;
    else {
      const pad = Math.abs(lo) * 0.1;
      lo -= pad;
      hi += pad;
    }
  }
  const intervals = Math.max(1, Math.round(count));
  const step = niceStep((hi - lo) / intervals);
  const decimals = stepDecimals(step);
  // The small tolerance keeps 0.30000000000000004 / 0.1 from adding a tick beyond the data.
  const first = Math.floor(lo / step + 1e-9);
  const last = Math.ceil(hi / step - 1e-9);
  const ticks: number[] = [];
  for (let i = first; i <= last; i++) {
    const tick = Number((i * step).toFixed(decimals));
    ticks.push(Object.is(tick, -0) ? 0 : tick);
  }
  return ticks;
}

export type ClassMethod = 'kwantielen' | 'gelijke intervallen';

export interface Classification {
  method: ClassMethod;
  /**
   * Ascending class bounds: class i runs from breaks[i] up to breaks[i + 1]; the last class
   * includes its upper bound. The first is the lowest value, the last the highest. Empty when
   * there are no values; [v, v] (one class) when every value is the same.
   */
  breaks: number[];
  /**
   * Set when one or a few buurten lie far above the rest (above Q3 + 3 × IQR): the last class
   * holds exactly the values from here up, the class before it ends (inclusive) at the highest
   * other value. Without it one class would stretch from the ordinary to the extreme and hide
   * the spread of all the others.
   */
  outlierFrom?: number;
}

/** Linear interpolation between order statistics (R type 7, as spreadsheets do). */
function quantile(sorted: readonly number[], p: number): number {
  const position = (sorted.length - 1) * p;
  const below = Math.floor(position);
  const a = sorted[below]!;
  const b = sorted[Math.min(below + 1, sorted.length - 1)]!;
  return a + (b - a) * (position - below);
}

/** The fence above which a value is an outlier: Q3 + 3 × IQR (a "far out" value in Tukey's terms). */
export function outlierFence(sorted: readonly number[]): number {
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  return q3 + 3 * (q3 - q1);
}

function plainClassify(sorted: readonly number[], wanted: number): Classification {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const distinct = new Set(sorted).size;
  if (distinct === 1) return { method: 'gelijke intervallen', breaks: [min, max] };
  if (distinct < 5) {
    const k = Math.min(wanted, distinct);
    const breaks = Array.from({ length: k + 1 }, (_, i) =>
      i === k ? max : min + ((max - min) * i) / k,
    );
    return { method: 'gelijke intervallen', breaks };
  }
  const k = Math.min(wanted, distinct);
  const breaks = [min];
  for (let i = 1; i < k; i++) {
    const q = quantile(sorted, i / k);
    // Ties can put two quantiles on one value; a class without width would always stay empty.
    if (q > breaks[breaks.length - 1]!) breaks.push(q);
  }
  if (max > breaks[breaks.length - 1]!) breaks.push(max);
  return { method: 'kwantielen', breaks };
}

/**
 * Map classes for a set of values: quantiles (about as many areas in each class), or equal
 * intervals when there are fewer than five distinct values, where quantiles would split equal
 * values or collapse. Never more classes than distinct values; non-finite values are ignored.
 * When values lie above Q3 + 3 × IQR they get a top class of their own and the other classes
 * are computed over the rest, so one dominating buurt does not flatten the map.
 */
export function classify(values: readonly number[], n: number): Classification {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const wanted = Math.max(1, Math.min(9, Math.round(n)));
  if (sorted.length === 0) return { method: 'gelijke intervallen', breaks: [] };
  if (wanted >= 3 && new Set(sorted).size >= 5) {
    const fence = outlierFence(sorted);
    const rest = sorted.filter((v) => v <= fence);
    const outliers = sorted.length - rest.length;
    // Only a few values may be outliers, and the rest must still have a spread to show.
    if (outliers > 0 && outliers <= sorted.length / 4 && new Set(rest).size >= 2) {
      const inner = plainClassify(rest, wanted - 1);
      return {
        method: inner.method,
        breaks: [...inner.breaks, sorted[sorted.length - 1]!],
        outlierFrom: sorted[rest.length]!,
      };
    }
  }
  return plainClassify(sorted, wanted);
}

/** Number of classes in a classification. */
export function classCount(c: Classification): number {
  return Math.max(0, c.breaks.length - 1);
}

/** The class a value falls in (0-based); values outside the range go to the nearest end class. */
export function classIndex(c: Classification, value: number): number {
  const count = classCount(c);
  if (c.outlierFrom !== undefined) {
    if (value >= c.outlierFrom) return count - 1;
    // The class before the outlier class includes its upper bound (the highest other value).
    for (let i = count - 2; i > 0; i--) if (value >= c.breaks[i]!) return i;
    return 0;
  }
  for (let i = count - 1; i > 0; i--) {
    if (value >= c.breaks[i]!) return i;
  }
  return 0;
}

/** Decimals that show every tick of an axis exactly (ticks 0, 0.5, 1 → 1). */
export function tickDecimals(ticks: readonly number[]): number {
  if (ticks.length < 2) return 0;
  return stepDecimals(Math.abs(ticks[1]! - ticks[0]!));
}

/** Measure types of counts and rates: their y axis starts at zero (catalogue.schema.ts). */
const ZERO_BASED_MEASURES = new Set(['count', 'ratio', 'share_published', 'survey_proportion']);

/** Whether a chart of this measure type must have a y axis from zero. */
export function zeroBasedMeasure(measureType: string): boolean {
  return ZERO_BASED_MEASURES.has(measureType);
}

/**
 * Value-axis ticks for a chart. With `fromZero` the axis includes 0 (for counts and rates a cut
 * axis exaggerates differences); otherwise it fits the data, and the chart must say so.
 */
export function valueTicks(values: readonly number[], fromZero: boolean, count = 5): number[] {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return [];
  let lo = Math.min(...finite);
  let hi = Math.max(...finite);
  if (fromZero) {
    lo = Math.min(lo, 0);
    hi = Math.max(hi, 0);
  }
  return niceTicks(lo, hi, count);
}
