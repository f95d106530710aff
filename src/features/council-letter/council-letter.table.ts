import type { Selectable } from 'kysely';

/** concept → ter-beoordeling → gepubliceerd; back from review to concept, never from published. */
export type LetterStatus = 'concept' | 'ter-beoordeling' | 'gepubliceerd';

export interface CouncilLetterTable {
  id: string;
  focus_area_slug: string;
  municipality_code: string;
  status: LetterStatus;
  title: string;
  /** JSON object: section key → the editable text of that part. */
  texts: string;
  /** Sequence number per focus area, set on publication. */
  number: number | null;
  published_at: string | null;
  published_by: string | null;
  /** Canonical JSON of the frozen letter (ADR 0032), set on publication. */
  snapshot: string | null;
  /** SHA-256 (hex) of `snapshot`. */
  content_hash: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}
export type CouncilLetter = Selectable<CouncilLetterTable>;

export interface CouncilMomentTable {
  id: string;
  focus_area_slug: string;
  municipality_code: string;
  /** YYYY-MM-DD. */
  date: string;
  subject: string;
  /** Who gets the reminder mail; null: no reminder. */
  contact_email: string | null;
  /** The date a reminder was sent for (a changed date is a new reminder); null: none yet. */
  reminded_for: string | null;
  created_at: string;
  created_by: string;
}
export type CouncilMoment = Selectable<CouncilMomentTable>;
