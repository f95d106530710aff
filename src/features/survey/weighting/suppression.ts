/** Default minimum number of respondents behind a published figure (issue 5, point 6). */
export const MINIMUM_CELL_N = 10;

export type SuppressionReason = 'kleine_n' | 'aanvullend';

/** A result cell after suppression: its values null when `onderdrukt`, with the reason. */
export type SuppressedCell<T extends { n: number }, K extends keyof T> = Omit<T, K | 'n'> & {
  [P in K]: T[P] | null;
} & {
  n: number | null;
  onderdrukt: boolean;
  reden: SuppressionReason | null;
};

export interface SuppressionOptions<K> {
  /** The fields that carry figures; they become null in a suppressed cell. */
  valueKeys: readonly K[];
  /** Cells with fewer respondents than this are suppressed; default 10. */
  minimum?: number;
  /**
   * The table also shows its total (e.g. "n geldig"), so one suppressed cell could be worked out
   * by subtraction. Then, if exactly one cell is suppressed, the next smallest is suppressed too.
   */
  totalShown?: boolean;
}

/**
 * Small-cell suppression for any result table: a cell based on fewer than `minimum` respondents
 * (unweighted) shows no figure and no n, only the flag `onderdrukt`. The helper is generic so
 * every table (per question, theme, buurt, channel) goes through the same rule.
 */
export function suppressSmallCells<T extends { n: number }, K extends keyof T>(
  cells: readonly T[],
  options: SuppressionOptions<K>,
): SuppressedCell<T, K>[] {
  const minimum = options.minimum ?? MINIMUM_CELL_N;
  const reasons: (SuppressionReason | null)[] = cells.map((c) =>
    c.n < minimum ? 'kleine_n' : null,
  );
  const primary = reasons.filter((r) => r !== null).length;
  if (options.totalShown && primary === 1 && cells.length > 1) {
    let smallest = -1;
    cells.forEach((c, i) => {
      if (reasons[i] === null && (smallest < 0 || c.n < cells[smallest]!.n)) smallest = i;
    });
    reasons[smallest] = 'aanvullend';
  }
  return cells.map((cell, i) => {
    const reden = reasons[i] ?? null;
    if (reden === null) return { ...cell, onderdrukt: false, reden: null };
    const out: Record<string, unknown> = { ...cell, n: null, onderdrukt: true, reden };
    for (const key of options.valueKeys) out[key as string] = null;
    return out as SuppressedCell<T, K>;
  });
}

/**
 * The rule applied to a question's proportions: the whole table when fewer than `minimum`
 * respondents answered, otherwise each answer with fewer than `minimum` respondents (plus one
 * more when needed, since the number of valid answers is shown).
 */
export function suppressProportionTable<
  T extends { n: number; weighted: unknown; unweighted: unknown },
>(table: { nValid: number; nMissing: number; categories: readonly T[] }, minimum = MINIMUM_CELL_N) {
  const valueKeys = ['weighted', 'unweighted'] as const;
  if (table.nValid < minimum) {
    return {
      nValid: null,
      nMissing: null,
      onderdrukt: true,
      categories: suppressSmallCells(table.categories, { valueKeys, minimum: Infinity }),
    };
  }
  return {
    nValid: table.nValid,
    nMissing: table.nMissing,
    onderdrukt: false,
    categories: suppressSmallCells(table.categories, { valueKeys, minimum, totalShown: true }),
  };
}
