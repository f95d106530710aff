import type { Selectable } from 'kysely';

/** The three steps of a proposal (ADR 0034); a version only moves forward. */
export const CONTOUR_STATUSES = ['concept', 'voorgelegd', 'vastgesteld'] as const;
export type ContourStatus = (typeof CONTOUR_STATUSES)[number];

/**
 * One saved version of a focus area's contours proposal. `content` is the JSON of
 * `ContourContent` (contours.content.ts) and never changes after the insert; the status columns
 * change once each, and not at all after `vastgesteld`.
 */
export interface ContourVersionTable {
  id: string;
  municipality_code: string;
  focus_area_slug: string;
  version: number;
  status: ContourStatus;
  content: string;
  /** What changed in this version, in the author's words (or a default). */
  note: string;
  /** The version this one was started from, when it was a new concept after a set version. */
  based_on: number | null;
  created_at: string;
  created_by: string;
  created_by_name: string;
  submitted_at: string | null;
  submitted_by_name: string | null;
  decided_at: string | null;
  decided_by_name: string | null;
  /** The date of the Alliance's decision (YYYY-MM-DD). */
  decided_on: string | null;
  /** The decision's reference: free text, or the number and title of an Alliance decision. */
  decision_reference: string | null;
  /** The Alliance decision chosen from the list, if one was. */
  decision_id: string | null;
}
export type ContourVersionRow = Selectable<ContourVersionTable>;
