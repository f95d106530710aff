import type { Selectable } from 'kysely';
import type { TargetKind, TargetReference } from './target.types.ts';

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
