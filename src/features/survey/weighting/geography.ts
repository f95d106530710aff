import type { PopulationMargin } from './weighting.schema.ts';

/**
 * The declared area hierarchy the weighting falls back on (issue 12, point 7; ADR 0019):
 * buurt → wijk → focus area. A CBS buurt code `BU` + gemeente (4) + wijk (2) + buurt (2) lies in
 * the wijk `WK` + gemeente + wijk; every wijk of the margins lies in the focus area.
 */
export function wijkOf(buurtCode: string): string | null {
  const m = /^BU(\d{6})\d{2}$/.exec(buurtCode);
  return m ? `WK${m[1]}` : null;
}

export type GeographyLevel = 'buurt' | 'buurt en wijk' | 'wijk' | 'focusgebied';

export interface CollapsedGeography {
  level: GeographyLevel;
  /** The area margin to rake to (variable `gebied`); absent at focus-area level. */
  margin?: PopulationMargin;
  /** The area category of a respondent's buurt. */
  areaOf: (buurtCode: string) => string;
  /** Wijken whose buurten were merged, each with the buurten that had no respondent. */
  collapsed: { wijk: string; emptyBuurten: string[] }[];
  /** Wijken without any respondent (only at focus-area level). */
  emptyWijken: string[];
}

/**
 * Merges buurten into their wijk when a buurt with inhabitants has no respondent, and drops the
 * area margin (focus-area level: age and sex only) when even a wijk has none. Only the wijken
 * that need it are merged, so the other buurten keep their own margin.
 */
export function collapseGeography(
  buurtMargin: PopulationMargin,
  respondentBuurten: readonly string[],
): CollapsedGeography {
  const answered = new Map<string, number>();
  for (const b of respondentBuurten) answered.set(b, (answered.get(b) ?? 0) + 1);
  const populated = Object.entries(buurtMargin.totals).filter(([, total]) => total > 0);
  const emptyByWijk = new Map<string, string[]>();
  for (const [code] of populated) {
    if (answered.has(code)) continue;
    const wijk = wijkOf(code) ?? code;
    emptyByWijk.set(wijk, [...(emptyByWijk.get(wijk) ?? []), code]);
  }
  const areaOf = (code: string) => {
    const wijk = wijkOf(code) ?? code;
    return emptyByWijk.has(wijk) ? wijk : code;
  };
  const totals: Record<string, number> = {};
  for (const [code, total] of Object.entries(buurtMargin.totals)) {
    const area = areaOf(code);
    totals[area] = (totals[area] ?? 0) + total;
  }
  const collapsed = [...emptyByWijk].map(([wijk, emptyBuurten]) => ({ wijk, emptyBuurten }));
  const byArea = new Map<string, number>();
  for (const b of respondentBuurten) byArea.set(areaOf(b), (byArea.get(areaOf(b)) ?? 0) + 1);
  const emptyWijken = Object.entries(totals)
    .filter(([area, total]) => total > 0 && !byArea.has(area))
    .map(([area]) => area);
  if (emptyWijken.length > 0) {
    return { level: 'focusgebied', areaOf: () => 'focusgebied', collapsed, emptyWijken };
  }
  const wijken = new Set(populated.map(([code]) => wijkOf(code) ?? code));
  const level: GeographyLevel =
    collapsed.length === 0 ? 'buurt' : collapsed.length === wijken.size ? 'wijk' : 'buurt en wijk';
  return { level, margin: { variable: 'gebied', totals }, areaOf, collapsed, emptyWijken };
}
