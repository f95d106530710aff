import { BadRequestError } from '../../../shared/errors.ts';
import type { WeightedDesign } from './rake.ts';
import { parseWeightingInput, trimOptionsSchema, type TrimOptions } from './weighting.schema.ts';

export interface TrimResult extends WeightedDesign {
  /** Passes made; more than 1 only with `strict`. */
  passes: number;
  /** Respondents whose weight was cut to a bound in the last pass. */
  trimmed: number;
}

/** A guard, not a tuning knob: with feasible bounds strict trimming settles in a few passes. */
const MAX_PASSES = 1000;

/**
 * Weight trimming as R's `survey::trimWeights()` (survey 4.x): weights outside [lower, upper]
 * are set to the bound, and the amount cut (or added) is spread in equal parts over the weights
 * that were inside, so the sum of weights stays the same. That spreading can push a weight over a
 * bound again; `strict` repeats until none is, as R does. The calibration of the raked design is
 * kept unchanged, as R keeps `postStrata`: the variance still takes the raking residuals, while
 * the margins are then met only approximately.
 */
export function trimWeights(design: WeightedDesign, options: TrimOptions): TrimResult {
  const {
    lower = -Infinity,
    upper = Infinity,
    strict,
  } = parseWeightingInput(trimOptionsSchema, options, 'de grenzen voor het afkappen van gewichten');
  const n = design.weights.length;
  const total = design.weights.reduce((a, b) => a + b, 0);
  if (upper * n < total || lower * n > total) {
    throw new BadRequestError(
      `Gewichten afkappen niet mogelijk: met ${n} respondenten en grenzen ${lower} tot ${upper} ` +
        `kan de som van de gewichten (${total}) niet gelijk blijven. Kies ruimere grenzen.`,
    );
  }

  let weights = Float64Array.from(design.weights);
  let passes = 0;
  let trimmed = 0;
  while (passes < MAX_PASSES) {
    const outside = weights.map((w) => (w < lower || w > upper ? 1 : 0));
    const count = outside.reduce((a, b) => a + b, 0);
    if (count === 0) break;
    if (count === n) {
      throw new BadRequestError(
        `Gewichten afkappen niet mogelijk: alle ${n} gewichten vallen buiten de grenzen ` +
          `${lower} tot ${upper}.`,
      );
    }
    const next = weights.map((w) => Math.max(lower, Math.min(w, upper)));
    let cut = 0;
    for (let i = 0; i < n; i++) cut += weights[i]! - next[i]!;
    const share = cut / (n - count);
    for (let i = 0; i < n; i++) if (!outside[i]) next[i] = next[i]! + share;
    weights = next;
    trimmed = count;
    passes++;
    if (!strict) break;
  }
  if (passes === MAX_PASSES) {
    throw new BadRequestError(
      `Gewichten afkappen niet gelukt: na ${MAX_PASSES} rondes vallen nog gewichten buiten de ` +
        `grenzen ${lower} tot ${upper}. Kies ruimere grenzen.`,
    );
  }
  return { weights, calibration: design.calibration, passes, trimmed };
}
