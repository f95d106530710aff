/**
 * The transparent ranking of the themakaart (ADR 0033): per source an "urgency" from 0 to 1 per
 * theme, combined with weights per source. Pure functions, so the page can say exactly how.
 */

export const SOURCES = ['monitor', 'bewoners', 'professionals', 'bijeenkomsten', 'codes'] as const;
export type SourceKey = (typeof SOURCES)[number];

export const SOURCE_NAMES: Readonly<Record<SourceKey, string>> = {
  monitor: 'Monitor (cijfers)',
  bewoners: 'Bewonersenquête',
  professionals: 'Vragenlijst professionals',
  bijeenkomsten: 'Kennissessies',
  codes: 'Gecodeerde open antwoorden',
};

/** How each source's urgency is made, in words for the page (B1). */
export const SOURCE_RULES: Readonly<Record<SourceKey, string>> = {
  monitor:
    'Het deel van de indicatoren van het thema dat ongunstiger is dan in de hele gemeente. Alleen indicatoren die met de gemeente te vergelijken zijn en een richting hebben (hoger is beter of hoger is slechter) tellen mee.',
  bewoners:
    'Het deel van de bewoners dat dit thema op de eerste plaats zet in de vraag naar de volgorde van de thema’s (gewogen, als de weging lukt).',
  professionals:
    'Het deel van de professionals dat dit thema op de eerste plaats zet in de vraag naar de volgorde van de thema’s.',
  bijeenkomsten:
    'Het deel van alle stemmen (stippen) op inbreng uit kennissessies dat bij dit thema hoort. Is er nergens gestemd, dan het deel van alle inbreng.',
  codes:
    'Het deel van alle gecodeerde items (inbreng en open antwoorden) met een code van dit thema.',
};

/** Default weights: equal. Stored weights are whole numbers 0–100, relative to each other. */
export const DEFAULT_WEIGHTS: Readonly<Record<SourceKey, number>> = {
  monitor: 20,
  bewoners: 20,
  professionals: 20,
  bijeenkomsten: 20,
  codes: 20,
};

/** Per source: null when the source has no data for the area; otherwise urgency per theme. */
export type SourceUrgency = Partial<Record<string, number | null>> | null;

export interface ThemeScore {
  theme: string;
  /** 0–1; null when no source with weight has a value for this theme. */
  score: number | null;
  /** The part each source adds to the score (its renormalised weight × urgency). */
  parts: Partial<Record<SourceKey, number>>;
  rank: number | null;
}

export interface Ranking {
  themes: ThemeScore[];
  /** Sources left out because they have no data for the area. */
  leftOut: SourceKey[];
  /** The weights actually used (renormalised over the sources with data), summing to 1. */
  used: Partial<Record<SourceKey, number>>;
}

/** A share a / total, or 0 when the total is 0 (the caller decides whether that means "no data"). */
export function share(part: number, total: number): number {
  return total > 0 ? part / total : 0;
}

/**
 * score(theme) = Σ w_s · u_s(theme) / Σ w_s, over the sources s that have data for the area and
 * a value for the theme; w_s the stored weights. A source without data is left out and the
 * other weights are renormalised; ties share a rank (1, 1, 3).
 */
export function rankThemes(
  themes: readonly string[],
  urgency: Readonly<Record<SourceKey, SourceUrgency>>,
  weights: Readonly<Record<SourceKey, number>>,
): Ranking {
  const leftOut = SOURCES.filter((s) => urgency[s] === null);
  const present = SOURCES.filter((s) => urgency[s] !== null && weights[s] > 0);
  const total = present.reduce((a, s) => a + weights[s], 0);
  const used: Partial<Record<SourceKey, number>> = {};
  for (const s of present) used[s] = weights[s] / total;
  const scored: ThemeScore[] = themes.map((theme) => {
    const withValue = present.filter((s) => typeof urgency[s]?.[theme] === 'number');
    const sum = withValue.reduce((a, s) => a + weights[s], 0);
    if (sum === 0) return { theme, score: null, parts: {}, rank: null };
    const parts: Partial<Record<SourceKey, number>> = {};
    let score = 0;
    for (const s of withValue) {
      const part = (weights[s] / sum) * (urgency[s]![theme] as number);
      parts[s] = part;
      score += part;
    }
    return { theme, score, parts, rank: null };
  });
  const values = scored.flatMap((t) => (t.score === null ? [] : [t.score]));
  for (const t of scored) {
    if (t.score === null) continue;
    // Equal as shown (three decimals) is equal: a rank must not hang on rounding noise.
    const mine = Math.round(t.score * 1000);
    t.rank = 1 + values.filter((v) => Math.round(v * 1000) > mine).length;
  }
  const order = [...scored].sort(
    (a, b) =>
      (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
      themes.indexOf(a.theme) - themes.indexOf(b.theme),
  );
  return { themes: order, leftOut, used };
}
