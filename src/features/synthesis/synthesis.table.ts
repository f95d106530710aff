import type { Selectable } from 'kysely';

/**
 * The weights of the themakaart's ranking for one focus area (ADR 0033): whole numbers 0–100 per
 * source, relative to each other. No row: equal weights. Times are ISO-8601 UTC text.
 */
export interface SynthesisWeightsTable {
  focus_area_slug: string;
  municipality_code: string;
  weight_monitor: number;
  weight_bewoners: number;
  weight_professionals: number;
  weight_bijeenkomsten: number;
  weight_codes: number;
  updated_at: string;
  updated_by: string;
}
export type SynthesisWeightsRow = Selectable<SynthesisWeightsTable>;
