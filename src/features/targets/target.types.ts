import type { MeasureType, Polarity } from '../indicators/index.ts';
import type { TargetKind, TargetReference } from './target.table.ts';

export type { MeasureType, Polarity, TargetKind, TargetReference };

/** One target of one indicator in one focus area. Targets are data, not code. */
export interface Target {
  focusAreaSlug: string;
  indicatorKey: string;
  kind: TargetKind;
  /** Only for gap targets. */
  reference?: TargetReference;
  /** Only for gap targets: the share of the gap to close, 0..1 (1 = on the reference's level). */
  gapShare?: number;
  /** Only for value targets, in the indicator's unit. */
  targetValue?: number;
  /** Only for change targets: absolute change against the baseline, in the indicator's unit. */
  change?: number;
  /** The period of the nulmeting, a year such as "2023". */
  baselinePeriod: string;
  targetYear: number;
  /** True until the Alliance sets the target; shown as "voorbeeld". */
  isExample: boolean;
  note: string;
}

/** A target as stored: with who changed it last, and when. */
export interface StoredTarget extends Target {
  updatedAt: string;
  updatedBy: string;
}

export type TargetStatus = 'op koers' | 'deels op koers' | 'niet op koers' | 'onvoldoende data';

export interface TrajectoryPoint {
  year: number;
  value: number;
}

export interface TargetEvaluation {
  status: TargetStatus;
  /** The value the target asks for in the target year; null when it cannot be known yet. */
  targetValue: number | null;
  /** Where the trajectory is in the current period. */
  expected: number | null;
  /** The linear trajectory, one point per year from the baseline year to the target year. */
  trajectory: TrajectoryPoint[];
  /** 1 − gap_t / gap_0, with gap = reference − area; null without reference or gap. */
  gapClosure: number | null;
  /** The reference's own movement since the baseline, to show beside the area's. */
  referenceChange: number | null;
  areaChange: number | null;
  /** One Dutch sentence (B1) that says why this status. */
  explanation: string;
}
