import type { Selectable } from 'kysely';

/**
 * gap: close a share of the gap to a reference; value: reach a value; change: an absolute change
 * against the baseline; guard: no deterioration beyond the noise band.
 */
export type TargetKind = 'gap' | 'value' | 'change' | 'guard';

/** What a gap target converges on. nplv: the average of the NPLV focus areas. */
export type TargetReference = 'nederland' | 'gemeente' | 'nplv';

/** One target per indicator per focus area; the audit log holds its history. */
export interface TargetTable {
  focus_area_slug: string;
  indicator_key: string;
  kind: TargetKind;
  reference: TargetReference | null;
  gap_share: number | null;
  target_value: number | null;
  change: number | null;
  baseline_period: string;
  target_year: number;
  /** 1 while the target is an example not yet set by the Alliance, else 0. */
  is_example: number;
  note: string;
  updated_at: string;
  updated_by: string;
}
export type TargetRow = Selectable<TargetTable>;
