import type { Insertable, Selectable } from 'kysely';

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
}
export type FocusAreaVersion = Selectable<FocusAreaVersionTable>;

/**
 * lid: counted; uitgesloten: explicitly left out, with a reason; te_bevestigen: may belong,
 * not counted until confirmed.
 */
export type MemberStatus = 'lid' | 'uitgesloten' | 'te_bevestigen';

export interface FocusAreaMemberTable {
  focus_area_slug: string;
  version: number;
  buurt_code: string;
  status: MemberStatus;
  reason: string | null;
}
export type FocusAreaMember = Selectable<FocusAreaMemberTable>;
export type NewFocusAreaMember = Insertable<FocusAreaMemberTable>;
