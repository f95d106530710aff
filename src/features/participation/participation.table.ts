import type { Insertable, Selectable } from 'kysely';

export const AUDIENCES = ['bewoners', 'professionals', 'gemengd'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const SESSION_STATUSES = ['gepland', 'geannuleerd'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const INPUT_KINDS = ['knelpunt', 'kans', 'idee', 'vraag'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

/** Where an input came from; later sources (open survey answers) get their own value. */
export const INPUT_SOURCES = ['bijeenkomst'] as const;
export type InputSource = (typeof INPUT_SOURCES)[number];

/**
 * Whether a quote may be shown publicly: `niet_toegestaan` (the source did not allow it),
 * `te_beoordelen` (allowed, not yet reviewed), `goedgekeurd` / `afgewezen` after review.
 */
export const QUOTE_REVIEWS = [
  'niet_toegestaan',
  'te_beoordelen',
  'goedgekeurd',
  'afgewezen',
] as const;
export type QuoteReview = (typeof QUOTE_REVIEWS)[number];

/** A knowledge session of one focus area (ADR 0025). Times are ISO-8601 UTC text. */
export interface ParticipationSessionTable {
  id: string;
  municipality_code: string;
  focus_area_slug: string;
  title: string;
  description: string | null;
  starts_at: string;
  ends_at: string;
  location: string;
  organiser: string;
  audience: Audience;
  /** 1: listed on the public "Doe mee" page and in its iCal feed. */
  is_public: number;
  status: SessionStatus;
  cancel_reason: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
}
export type ParticipationSession = Selectable<ParticipationSessionTable>;
export type NewParticipationSession = Insertable<ParticipationSessionTable>;

/** The catalogue themes (keys) a session is about: one or more. */
export interface ParticipationSessionThemeTable {
  session_id: string;
  theme_key: string;
}

/** Attendance as a count per sector or group ("bewoners", "zorg", "onderwijs"). */
export interface ParticipationAttendanceTable {
  session_id: string;
  group_label: string;
  count: number;
}
export type Attendance = Selectable<ParticipationAttendanceTable>;

/** A named participant: only with consent (its moment is kept), never public. */
export interface ParticipationParticipantTable {
  id: string;
  session_id: string;
  name: string;
  organisation: string | null;
  consent_at: string;
  created_by: string;
}
export type Participant = Selectable<ParticipationParticipantTable>;

/** A staged XLSX of flip-over notes: previewed, then confirmed (once per file per session). */
export interface ParticipationImportTable {
  id: string;
  session_id: string;
  file_name: string;
  /** sha256 of the file's bytes. */
  file_hash: string;
  /** The parsed rows as JSON (ParsedInputRow[]). */
  rows: string;
  created_at: string;
  created_by: string;
  confirmed_at: string | null;
  loaded_hash: string | null;
}
export type ParticipationImport = Selectable<ParticipationImportTable>;

/**
 * One statement (inbreng): the unit later coded against the codebook and counted per theme in
 * the themakaart. `quote_allowed` and `quote_review` decide whether its text may ever be quoted.
 */
export interface ParticipationInputTable {
  id: string;
  municipality_code: string;
  focus_area_slug: string;
  source: InputSource;
  session_id: string | null;
  theme_key: string;
  sub_theme: string | null;
  kind: InputKind;
  text: string;
  /** The table or group at the session it came from. */
  table_group: string | null;
  /** Priority votes (the dots a group put on it). */
  votes: number;
  quote_allowed: number;
  quote_review: QuoteReview;
  import_id: string | null;
  /** The spreadsheet row it came from, for an imported input. */
  import_row: number | null;
  created_at: string;
  created_by: string;
}
export type ParticipationInput = Selectable<ParticipationInputTable>;
export type NewParticipationInput = Insertable<ParticipationInputTable>;
