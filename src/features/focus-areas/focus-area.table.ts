import type { Generated, Insertable, Selectable } from 'kysely';

/** `bekend`: a version with buurt codes exists; `onbekend`: name and municipality only. */
export type CompositionStatus = 'bekend' | 'onbekend';

export interface FocusAreaTable {
  slug: string;
  name: string;
  municipality_code: string;
  municipality_name: string;
  composition_status: CompositionStatus;
  source_note: string;
}
export type FocusArea = Selectable<FocusAreaTable>;

/** Each change of a delineation is a new version; the monitor can show any of them. */
export interface FocusAreaVersionTable {
  focus_area_slug: string;
  version: number;
  indeling_year: number;
  rationale: string;
  created_at: string;
  created_by: string;
  /** 1: compiled from public sources, not yet confirmed by the municipality (ADR 0022). */
  provisional: Generated<number>;
  /** How sure the compilation is: hoog, midden or laag; null for a confirmed version. */
  confidence: Confidence | null;
  /** The public source(s) of a provisional version, and their date where known. */
  source: string | null;
  source_date: string | null;
}
export type Confidence = 'hoog' | 'midden' | 'laag';
export type FocusAreaVersion = Selectable<FocusAreaVersionTable>;
export type NewFocusAreaVersion = Insertable<FocusAreaVersionTable>;

/**
 * lid: counted; uitgesloten: explicitly left out, with a reason; te_bevestigen: may belong,
 * not counted until confirmed; deels: only part of this area (a wijk) belongs, shown and not
 * counted. A member is a buurt or, in a provisional delineation, a wijk (`buurt_code` then holds
 * the wijk code); either aggregates the same way.
 */
export type MemberStatus = 'lid' | 'uitgesloten' | 'te_bevestigen' | 'deels';

export interface FocusAreaMemberTable {
  focus_area_slug: string;
  version: number;
  buurt_code: string;
  status: MemberStatus;
  reason: string | null;
}
export type FocusAreaMember = Selectable<FocusAreaMemberTable>;
export type NewFocusAreaMember = Insertable<FocusAreaMemberTable>;
