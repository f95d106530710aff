/**
 * Disclosure control for every survey table, page and export (issue 12, point 2; ADR 0019).
 * One rule, in one place:
 *
 * 1. Primary suppression: a count of 1 to 9 respondents is not shown (nor any figure computed
 *    from it). A count of 0 is no risk to anyone and is shown.
 * 2. Complementary suppression: a hidden count must not follow from what is shown. Every table
 *    declares the sums it publishes (a row's "n", the page's total, the column totals of a
 *    breakdown). When a hidden count follows from the shown counts and those sums (by
 *    subtraction, or any combination of the sums), one more cell is hidden: the smallest shown
 *    cell above 0 in a sum with the derivable cell (a cell fixed by an earlier, already
 *    published table is never chosen). This repeats until no hidden count can be derived.
 * 3. A count of respondents without an answer (not asked, skipped) says nothing about anyone's
 *    answer: it is never hidden for being small, and it is the first choice as a complement
 *    (also when 0), so a small "weet niet" does not cost the whole table. A percentage base is
 *    the last choice, since hiding it hides every share of its table.
 * 4. Group sizes are counts like any other: a group (buurt, wijk, channel) with 1 to 9
 *    respondents is hidden, and so is a second group when the first follows from the total.
 */

/** Default minimum number of respondents behind a published count (issue 5, point 6). */
export const MINIMUM_CELL_N = 10;

/** `kleine_n`: 1 to 9 respondents; `aanvullend`: hidden so a small count cannot be derived. */
export type SuppressionReason = 'kleine_n' | 'aanvullend';

/** A published sum: `total` (an index, or a figure known to everyone) = Σ parts. */
export interface SumConstraint {
  total: number | { known: number };
  parts: readonly number[];
  /** The total is a percentage base: when it is hidden, no part is shown either. */
  base?: boolean;
}

export interface CountTable {
  /** Unweighted counts of respondents. */
  counts: readonly number[];
  /** The sums a reader can see or knows. */
  sums: readonly SumConstraint[];
  /** Cells already published elsewhere: their visibility cannot change here. */
  fixed?: readonly (boolean | 'hidden')[];
  /**
   * Per cell, how much it costs to hide it as a complement (lower is chosen first; default 1).
   * A count of respondents without an answer costs 0: it says nothing about anyone's answer.
   * A percentage base costs 2: hiding it hides the whole table.
   */
  cost?: readonly number[];
  /** Cells that are never hidden for being small (counts without an answer), default none. */
  exempt?: readonly boolean[];
  minimum?: number;
}

/**
 * The rule on a set of counts and the sums between them. Returns per cell the reason it is
 * hidden, or null when it is shown. Deterministic: ties go to the earlier cell.
 */
export function protectCounts(table: CountTable): (SuppressionReason | null)[] {
  const minimum = table.minimum ?? MINIMUM_CELL_N;
  const { counts, sums } = table;
  const fixed = table.fixed ?? [];
  const reasons: (SuppressionReason | null)[] = counts.map((n, i) => {
    if (fixed[i] === true) return null;
    if (fixed[i] === 'hidden') return 'kleine_n';
    if (table.exempt?.[i]) return null;
    return n >= 1 && n < minimum ? 'kleine_n' : null;
  });
  const hidden = (i: number) => reasons[i] !== null;
  const cascade = () => {
    for (const sum of sums) {
      if (!sum.base || typeof sum.total !== 'number' || !hidden(sum.total)) continue;
      for (const i of sum.parts) if (fixed[i] === undefined) reasons[i] ??= 'aanvullend';
    }
  };
  for (let guard = 0; guard <= counts.length; guard++) {
    cascade();
    const leak = firstDerivable(counts.length, sums, hidden);
    if (leak === undefined) return reasons;
    const around = sums.filter((s) => termsOf(s).includes(leak));
    const candidates = [...new Set(around.flatMap(termsOf))].filter(
      (i) => !hidden(i) && fixed[i] === undefined,
    );
    // Cheapest first; then a count above 0 (a hidden 0 next to a small count protects it only
    // as long as nobody knows it is 0, which holds for a count without an answer); then smallest.
    const cost = (i: number) => table.cost?.[i] ?? 1;
    const rank = (i: number): [number, number, number] => [
      cost(i),
      counts[i]! > 0 || cost(i) === 0 ? 0 : 1,
      counts[i]!,
    ];
    const better = (a: number, b: number) => {
      const [x, y] = [rank(a), rank(b)];
      for (let k = 0; k < 3; k++) if (x[k] !== y[k]) return x[k]! < y[k]!;
      return false;
    };
    let pick = -1;
    for (const i of candidates) if (pick < 0 || better(i, pick)) pick = i;
    if (pick < 0) {
      // Every other term is fixed by a published table: hide the whole neighbourhood instead.
      const free = [...new Set(sums.flatMap(termsOf))].filter(
        (i) => !hidden(i) && fixed[i] === undefined && counts[i]! > 0,
      );
      if (free.length === 0) return reasons;
      pick = free.reduce((a, b) => (counts[b]! < counts[a]! ? b : a));
    }
    reasons[pick] = 'aanvullend';
  }
  return reasons;
}

const termsOf = (s: SumConstraint): number[] =>
  typeof s.total === 'number' ? [s.total, ...s.parts] : [...s.parts];

/**
 * The first hidden count that follows from the shown counts and the published sums, by any
 * combination of the sums (not only one subtraction): Gaussian elimination on the hidden cells.
 * A hidden cell is determined when a reduced row has it as its only unknown.
 */
function firstDerivable(
  cells: number,
  sums: readonly SumConstraint[],
  hidden: (i: number) => boolean,
): number | undefined {
  const columns = Array.from({ length: cells }, (_, i) => i).filter(hidden);
  if (columns.length === 0) return undefined;
  const index = new Map(columns.map((c, k) => [c, k]));
  const rows: number[][] = [];
  for (const sum of sums) {
    const row = new Array<number>(columns.length).fill(0);
    let any = false;
    if (typeof sum.total === 'number' && index.has(sum.total)) {
      row[index.get(sum.total)!]! -= 1;
      any = true;
    }
    for (const p of sum.parts) {
      if (!index.has(p)) continue;
      row[index.get(p)!]! += 1;
      any = true;
    }
    if (any) rows.push(row);
  }
  // Reduced row echelon form; coefficients stay small integers or simple fractions.
  let lead = 0;
  for (let col = 0; col < columns.length && lead < rows.length; col++) {
    let pivot = -1;
    for (let r = lead; r < rows.length; r++) {
      if (Math.abs(rows[r]![col]!) > 1e-9) {
        pivot = r;
        break;
      }
    }
    if (pivot < 0) continue;
    [rows[lead], rows[pivot]] = [rows[pivot]!, rows[lead]!];
    const p = rows[lead]![col]!;
    rows[lead] = rows[lead]!.map((v) => v / p);
    for (let r = 0; r < rows.length; r++) {
      if (r === lead) continue;
      const f = rows[r]![col]!;
      if (Math.abs(f) > 1e-9) rows[r] = rows[r]!.map((v, k) => v - f * rows[lead]![k]!);
    }
    lead++;
  }
  for (const row of rows) {
    const nonzero = row.flatMap((v, k) => (Math.abs(v) > 1e-9 ? [k] : []));
    if (nonzero.length === 1) return columns[nonzero[0]!];
  }
  return undefined;
}

/** A cell of a frequency table after the rule: figures null when `onderdrukt`. */
export type SuppressedCell<T extends { n: number }, K extends keyof T> = Omit<T, K | 'n'> & {
  [P in K]: T[P] | null;
} & {
  n: number | null;
  onderdrukt: boolean;
  reden: SuppressionReason | null;
};

function hide<T extends { n: number }, K extends keyof T>(
  cell: T,
  reden: SuppressionReason | null,
  valueKeys: readonly K[],
): SuppressedCell<T, K> {
  if (reden === null) return { ...cell, onderdrukt: false, reden: null };
  const out: Record<string, unknown> = { ...cell, n: null, onderdrukt: true, reden };
  for (const key of valueKeys) out[key as string] = null;
  return out as SuppressedCell<T, K>;
}

/** A question's counts as a page shows them. */
export interface FrequencyCounts<T extends { n: number }> {
  /** Answers in the percentage base (valid answers). */
  categories: readonly T[];
  /** "Weet niet", "zeg ik liever niet": counted apart, outside the base. */
  missingCategories?: readonly T[];
  /** Respondents who answered (Σ categories). */
  nValid: number;
  /** Respondents not asked or without an answer. */
  nMissing: number;
}

/** Indexes of one frequency table's counts inside a larger CountTable. */
interface Layout {
  categories: number[];
  missingCategories: number[];
  nValid: number;
  nMissing: number;
}

interface Cells {
  counts: number[];
  cost: number[];
  exempt: boolean[];
}

const newCells = (): Cells => ({ counts: [], cost: [], exempt: [] });

function layOut<T extends { n: number }>(
  table: FrequencyCounts<T>,
  cells: Cells,
): Layout & { sums: SumConstraint[] } {
  const at = (n: number, cost = 1, exempt = false) => {
    cells.cost.push(cost);
    cells.exempt.push(exempt);
    return cells.counts.push(n) - 1;
  };
  const categories = table.categories.map((c) => at(c.n));
  const missingCategories = (table.missingCategories ?? []).map((c) => at(c.n));
  const nValid = at(table.nValid, 2);
  const nMissing = at(table.nMissing, 0, true);
  return {
    categories,
    missingCategories,
    nValid,
    nMissing,
    sums: [{ total: nValid, parts: categories, base: true }],
  };
}

export interface SuppressedFrequencyTable<T extends { n: number }, K extends keyof T> {
  nValid: number | null;
  nMissing: number | null;
  /** The percentage base is hidden: no share of this table is shown. */
  onderdrukt: boolean;
  categories: SuppressedCell<T, K>[];
  missingCategories: SuppressedCell<T, K>[];
}

function assemble<T extends { n: number }, K extends keyof T>(
  table: FrequencyCounts<T>,
  layout: Layout,
  reasons: readonly (SuppressionReason | null)[],
  valueKeys: readonly K[],
): SuppressedFrequencyTable<T, K> {
  const baseHidden = reasons[layout.nValid] !== null;
  return {
    nValid: baseHidden ? null : table.nValid,
    nMissing: reasons[layout.nMissing] !== null ? null : table.nMissing,
    onderdrukt: baseHidden,
    categories: table.categories.map((c, i) => hide(c, reasons[layout.categories[i]!]!, valueKeys)),
    missingCategories: (table.missingCategories ?? []).map((c, i) =>
      hide(c, reasons[layout.missingCategories[i]!]!, valueKeys),
    ),
  };
}

/**
 * One question's table: the valid answers sum to `nValid`, and `nValid`, the separate
 * "weet niet" counts and `nMissing` sum to `total` (the number of responses on the page).
 */
export function suppressFrequencyTable<T extends { n: number }, K extends keyof T>(
  table: FrequencyCounts<T>,
  total: number,
  valueKeys: readonly K[],
  minimum = MINIMUM_CELL_N,
): SuppressedFrequencyTable<T, K> {
  const cells = newCells();
  const layout = layOut(table, cells);
  const sums = [
    ...layout.sums,
    {
      total: { known: total },
      parts: [layout.nValid, ...layout.missingCategories, layout.nMissing],
    },
  ];
  return assemble(table, layout, protectCounts({ ...cells, sums, minimum }), valueKeys);
}

/**
 * A breakdown (per buurt, wijk or channel) of a question whose overall table is already
 * published: per group the same sums as one table, plus the group sizes summing to the page's
 * total, and every category's counts over the groups summing to the overall count. Cells of the
 * overall table keep their published visibility. Give every respondent a group (e.g. a group
 * "zonder buurt"), else the sums over the groups do not hold.
 */
export function suppressBreakdown<T extends { n: number }, K extends keyof T>(
  overall: FrequencyCounts<T>,
  overallShown: SuppressedFrequencyTable<T, K>,
  groups: readonly FrequencyCounts<T>[],
  total: number,
  valueKeys: readonly K[],
  minimum = MINIMUM_CELL_N,
): SuppressedFrequencyTable<T, K>[] {
  const cells = newCells();
  const { counts } = cells;
  const fixed: (boolean | 'hidden')[] = [];
  const top = layOut(overall, cells);
  const shownOf = (onderdrukt: boolean) => (onderdrukt ? 'hidden' : true);
  top.categories.forEach((i, k) => (fixed[i] = shownOf(overallShown.categories[k]!.onderdrukt)));
  top.missingCategories.forEach(
    (i, k) => (fixed[i] = shownOf(overallShown.missingCategories[k]!.onderdrukt)),
  );
  fixed[top.nValid] = shownOf(overallShown.nValid === null);
  fixed[top.nMissing] = shownOf(overallShown.nMissing === null);
  const layouts = groups.map((g) => layOut(g, cells));
  const sizeParts = (l: Layout) => [l.nValid, ...l.missingCategories, l.nMissing];
  const sums: SumConstraint[] = [
    ...top.sums,
    { total: { known: total }, parts: sizeParts(top) },
    ...layouts.flatMap((l) => l.sums),
    // The group sizes add up to the total; a group's size is the sum of its own terms.
    { total: { known: total }, parts: layouts.flatMap(sizeParts) },
    { total: top.nValid, parts: layouts.map((l) => l.nValid) },
    { total: top.nMissing, parts: layouts.map((l) => l.nMissing) },
    ...top.categories.map((i, k) => ({ total: i, parts: layouts.map((l) => l.categories[k]!) })),
    ...top.missingCategories.map((i, k) => ({
      total: i,
      parts: layouts.map((l) => l.missingCategories[k]!),
    })),
  ];
  // Per group: if fewer than `minimum` respondents are in it, its size and all its cells go.
  for (const [g, l] of layouts.entries()) {
    const size =
      groups[g]!.nValid +
      groups[g]!.nMissing +
      (groups[g]!.missingCategories ?? []).reduce((a, c) => a + c.n, 0);
    if (size >= 1 && size < minimum) {
      for (const i of [...l.categories, ...l.missingCategories, l.nValid, l.nMissing]) {
        if (counts[i]! > 0) fixed[i] = 'hidden';
      }
    }
  }
  const reasons = protectCounts({ ...cells, sums, fixed, minimum });
  return groups.map((g, k) => assemble(g, layouts[k]!, reasons, valueKeys));
}
