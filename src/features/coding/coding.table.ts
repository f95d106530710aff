import type { Insertable, Selectable } from 'kysely';

/**
 * Where a coded item comes from: a session input, an open answer of a resident survey
 * (`enquete`), or an open answer of a questionnaire for professionals (`professionals`).
 */
export const CODING_SOURCES = ['bijeenkomst', 'enquete', 'professionals'] as const;
export type CodingSource = (typeof CODING_SOURCES)[number];

/** One version of a focus area's codebook (ADR 0031); a change makes a new version. */
export interface CodingCodebookVersionTable {
  id: string;
  municipality_code: string;
  focus_area_slug: string;
  version: number;
  note: string;
  created_at: string;
  created_by: string;
}
export type CodebookVersion = Selectable<CodingCodebookVersionTable>;

/** A code of one codebook version: a catalogue theme and a sub-code. */
export interface CodingCodeTable {
  version_id: string;
  code_key: string;
  theme_key: string;
  label: string;
  description: string;
  position: number;
}
export type CodingCode = Selectable<CodingCodeTable>;

/** The code one coder gave one item. */
export interface CodingAssignmentTable {
  focus_area_slug: string;
  source: CodingSource;
  item_id: string;
  coder: string;
  code_key: string;
  codebook_version: number;
  coded_at: string;
}
export type CodingAssignment = Selectable<CodingAssignmentTable>;
export type NewCodingAssignment = Insertable<CodingAssignmentTable>;

/** A drawn sample; each item is coded by two different coders for the agreement. */
export interface CodingSampleTable {
  id: string;
  focus_area_slug: string;
  seed: string;
  size: number;
  created_at: string;
  created_by: string;
}
export type CodingSample = Selectable<CodingSampleTable>;

export interface CodingSampleItemTable {
  sample_id: string;
  source: CodingSource;
  item_id: string;
}
