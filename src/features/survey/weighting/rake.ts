import { BadRequestError } from '../../../shared/errors.ts';
import {
  parseWeightingInput,
  rakeInputSchema,
  type PopulationMargin,
  type RakeInput,
} from './weighting.schema.ts';

/**
 * What the variance needs to know about one margin after raking: which population category each
 * respondent is in, and the weights right after this margin was post-stratified in the last
 * sweep. R's survey package keeps the same two things (`attr(index, "weights")`) and uses them in
 * `svyrecvar` to take the raking residuals; see variance.ts.
 */
export interface CalibratedMargin {
  variable: string;
  categories: readonly string[];
  /** Index into `categories`, per respondent. */
  groups: Int32Array;
  weights: Float64Array;
}

/** A weighted sample as the estimators read it. */
export interface WeightedDesign {
  weights: Float64Array;
  /** Empty for a design that was not calibrated (e.g. the unweighted sample). */
  calibration: readonly CalibratedMargin[];
}

export interface RakeResult extends WeightedDesign {
  /** Full sweeps done, the last one included (`maxIter` when it did not converge). */
  iterations: number;
  converged: boolean;
  /** Largest change in a cell of the cross-table in the last sweep. */
  lastChange: number;
}

const label = (margin: PopulationMargin): string => `kenmerk "${margin.variable}"`;

function fail(message: string): never {
  throw new BadRequestError(`Weging niet mogelijk: ${message}`);
}

/**
 * Checks that every category with inhabitants has respondents and the reverse, as R's
 * `postStratify` does, and returns the categories that take part (with their index per
 * respondent). A category with neither inhabitants nor respondents is left out silently.
 */
function groupsOf(
  margin: PopulationMargin,
  values: readonly (string | null | undefined)[],
  ids: readonly string[],
): { categories: string[]; groups: Int32Array } {
  const counts = new Map<string, number>();
  values.forEach((value, i) => {
    if (value === null || value === undefined || value === '') {
      fail(`respondent ${ids[i]} heeft geen waarde voor ${label(margin)}.`);
    }
    counts.set(value, (counts.get(value) ?? 0) + 1);
  });
  for (const [category, n] of counts) {
    if (!Object.hasOwn(margin.totals, category) || !(margin.totals[category]! > 0)) {
      const inPopulation = Object.hasOwn(margin.totals, category)
        ? 'heeft 0 inwoners'
        : 'staat niet';
      fail(
        `in ${label(margin)} ${n === 1 ? 'heeft 1 respondent' : `hebben ${n} respondenten`} ` +
          `categorie "${category}", maar die ${inPopulation} in de bevolkingscijfers.`,
      );
    }
  }
  const empty = Object.entries(margin.totals).filter(([c, total]) => total > 0 && !counts.has(c));
  if (empty.length > 0) {
    const list = empty.map(([c, total]) => `"${c}" (${total} inwoners)`).join(', ');
    fail(
      `in ${label(margin)} ${empty.length === 1 ? 'heeft categorie' : 'hebben de categorieën'} ` +
        `${list} geen respondenten. Voeg categorieën samen of laat ze weg uit de bevolkingscijfers.`,
    );
  }
  const categories = Object.keys(margin.totals).filter((c) => counts.has(c));
  const index = new Map(categories.map((c, i) => [c, i]));
  return { categories, groups: Int32Array.from(values, (v) => index.get(v!)!) };
}

function checkTotals(margins: readonly PopulationMargin[]): void {
  const sums = margins.map((m) => Object.values(m.totals).reduce((a, b) => a + b, 0));
  const first = sums[0]!;
  sums.forEach((sum, i) => {
    // Margins with different totals cannot all be met: raking would swing between them.
    if (Math.abs(sum - first) > 1e-9 * Math.max(1, first)) {
      fail(
        `de bevolkingscijfers tellen niet op tot hetzelfde totaal: ${label(margins[0]!)} ` +
          `telt ${first}, ${label(margins[i]!)} telt ${sum}.`,
      );
    }
  });
}

/** Weighted count per cell of the cross-classification of all margin variables. */
function crossTable(weights: Float64Array, cells: Int32Array, cellCount: number): Float64Array {
  const table = new Float64Array(cellCount);
  for (let i = 0; i < weights.length; i++) table[cells[i]!]! += weights[i]!;
  return table;
}

/**
 * Raking (iterative proportional fitting) of respondents to population margins, the algorithm of
 * R's `survey::rake()`: each sweep post-stratifies on every margin in turn; it stops when no cell
 * of the cross-table of all margin variables changes more than `epsilon`. Not converging is
 * reported in the result, as R warns, so the caller decides whether the weights are usable.
 */
export function rake(input: RakeInput): RakeResult {
  const { respondents, margins, options } = parseWeightingInput(
    rakeInputSchema,
    input,
    'de invoer voor de weging',
  );
  const variables = margins.map((m) => m.variable);
  const duplicate = variables.find((v, i) => variables.indexOf(v) !== i);
  if (duplicate) fail(`kenmerk "${duplicate}" staat twee keer in de bevolkingscijfers.`);
  checkTotals(margins);

  const ids = respondents.map((r, i) => r.id ?? String(i + 1));
  const grouped = margins.map((m) =>
    groupsOf(
      m,
      respondents.map((r) => r.categories[m.variable]),
      ids,
    ),
  );

  const n = respondents.length;
  const weights = Float64Array.from(respondents, (r) => r.weight ?? 1);
  const startSum = weights.reduce((a, b) => a + b, 0);
  const epsilon = options.epsilon < 1 ? options.epsilon * startSum : options.epsilon;

  const cellOf = new Map<string, number>();
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = grouped.map((g) => g.groups[i]).join(',');
    let cell = cellOf.get(key);
    if (cell === undefined) cellOf.set(key, (cell = cellOf.size));
    cells[i] = cell;
  }

  const calibration: CalibratedMargin[] = grouped.map((g, m) => ({
    variable: margins[m]!.variable,
    categories: g.categories,
    groups: g.groups,
    weights: new Float64Array(n),
  }));

  let old = crossTable(weights, cells, cellOf.size);
  let iterations = 0;
  let converged = false;
  let lastChange = Infinity;
  while (iterations < options.maxIter) {
    calibration.forEach((margin, m) => {
      const sums = new Float64Array(margin.categories.length);
      for (let i = 0; i < n; i++) sums[margin.groups[i]!]! += weights[i]!;
      const factor = margin.categories.map((c, k) => margins[m]!.totals[c]! / sums[k]!);
      for (let i = 0; i < n; i++) weights[i]! *= factor[margin.groups[i]!]!;
      margin.weights.set(weights);
    });
    const next = crossTable(weights, cells, cellOf.size);
    lastChange = 0;
    for (let c = 0; c < next.length; c++) {
      lastChange = Math.max(lastChange, Math.abs(next[c]! - old[c]!));
    }
    iterations++;
    if (lastChange < epsilon) {
      converged = true;
      break;
    }
    old = next;
  }
  return { weights, calibration, iterations, converged, lastChange };
}
