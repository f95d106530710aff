import type { IndicatorAggregate } from '../aggregation/index.ts';
import type { Indicator, Theme } from '../indicators/index.ts';
import type { MissingState } from './missing-figure.ts';

/** The areas every profile compares with, in the order the pages show them. */
export const REFERENCE_KEYS = ['rest_gemeente', 'gemeente', 'nederland', 'nplv'] as const;
export type ReferenceKey = (typeof REFERENCE_KEYS)[number];

export const REFERENCE_LABELS: Record<ReferenceKey, string> = {
  rest_gemeente: 'Rest van de gemeente',
  gemeente: 'Gemeente',
  nederland: 'Nederland',
  nplv: 'Gemiddelde NPLV-focusgebieden',
};

export type SelectionKind = 'focusgebied' | 'selectie' | 'wijk' | 'buurt';

/** Any set of buurten the monitor can describe: a focus area, a custom set, a wijk, one buurt. */
export interface AreaSelection {
  kind: SelectionKind;
  name: string;
  municipalityCode: string;
  municipalityName: string;
  indelingYear: number;
  /** The buurten that count (for a focus area: members with status 'lid' only). */
  buurtCodes: string[];
  slug?: string;
  version?: number;
  /** The CBS code for a wijk or buurt. */
  code?: string;
  /** For a wijk or buurt: the code of the wijk it lies in (buurt) for the extra comparison. */
  parentCode?: string;
}

export interface SeriesPoint {
  period: string;
  result: IndicatorAggregate;
  /** Why there is no value (set only when there is none). */
  missing?: MissingState;
}

export interface ReferenceSeries {
  key: ReferenceKey | 'wijk';
  label: string;
  points: SeriesPoint[];
  /** Why there is no series, or how it was made (e.g. "som van de buurten"). */
  note?: string;
  /** Set when the whole series cannot exist, e.g. an NPLV average of counts. */
  missing?: MissingState;
}

export interface IndicatorProfile {
  indicator: Indicator;
  /** False when none of the indicator's variables has any data: "nog niet geladen". */
  loaded: boolean;
  /** Periods with data for this indicator, oldest first. */
  periods: string[];
  area: SeriesPoint[];
  references: ReferenceSeries[];
  /** Newest period with a value for the area. */
  latest: SeriesPoint | null;
  /** Oldest period with a value for the area (the baseline unless a target names another). */
  baseline: SeriesPoint | null;
  /** latest − baseline in the indicator's unit, null without two periods. */
  change: number | null;
}

export interface ThemeProfile {
  theme: Theme;
  indicators: IndicatorProfile[];
}

export interface AreaProfile {
  selection: AreaSelection;
  themes: ThemeProfile[];
  dataVersion: string;
}
