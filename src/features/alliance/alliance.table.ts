import type { Selectable } from 'kysely';

/** `partner`: an organisation's seat; `voorzitter`: the mayor; `bewoners`: a resident seat. */
export type SeatKind = 'partner' | 'voorzitter' | 'bewoners';

export interface AllianceSeatTable {
  id: string;
  focus_area_slug: string;
  municipality_code: string;
  position: number;
  kind: SeatKind;
  /** "Woningcorporatie", "Politie": the sector the letter names, not an organisation. */
  sector: string;
  note: string;
  created_at: string;
  updated_at: string;
}

/** Who held a seat, from `starts_on` up to and including `ends_on` (null: still a member). */
export interface AllianceMembershipTable {
  id: string;
  seat_id: string;
  focus_area_slug: string;
  organisation: string;
  representative_name: string | null;
  representative_function: string | null;
  /** 1 when the representative agreed to be named on public pages. */
  representative_public: number;
  mandate: string;
  /** The networks ("gremia") through which the member reaches its constituency, one per line. */
  networks: string;
  starts_on: string;
  ends_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface AllianceMeetingTable {
  id: string;
  focus_area_slug: string;
  municipality_code: string;
  title: string;
  starts_at: string;
  ends_at: string;
  place: string;
  /** JSON array of agenda items (strings). */
  agenda: string;
  /** JSON array of { title, url }. */
  documents: string;
  created_at: string;
  updated_at: string;
}

export type DecisionVisibility = 'openbaar' | 'vertrouwelijk';

export interface AllianceDecisionTable {
  id: string;
  focus_area_slug: string;
  meeting_id: string | null;
  year: number;
  sequence: number;
  /** "2026-01": year and sequence within that year, per focus area. */
  number: string;
  decided_on: string;
  visibility: DecisionVisibility;
  title: string;
  text: string;
  created_at: string;
  updated_at: string;
  /** When the title or text was last corrected after it was recorded; null: never. */
  corrected_at: string | null;
}

export type ActionStatus = 'open' | 'bezig' | 'afgerond';

export interface AllianceActionTable {
  id: string;
  focus_area_slug: string;
  meeting_id: string | null;
  decision_id: string | null;
  description: string;
  owner_seat_id: string;
  due_on: string;
  status: ActionStatus;
  created_at: string;
  updated_at: string;
}

export type AgreementSubject =
  | 'afbakening'
  | 'inzet-rijk'
  | 'governance'
  | 'monitoring'
  | 'bewonersbetrokkenheid'
  | 'financiering';
export type AgreementParty = 'rijk' | 'gemeente' | 'rijk-en-gemeente';
export type AgreementStatus = 'afgesproken' | 'in-uitvoering' | 'gerealiseerd' | 'vervallen';

export interface AllianceAgreementTable {
  id: string;
  focus_area_slug: string;
  subject: AgreementSubject;
  position: number;
  party: AgreementParty;
  commitment: string;
  /** Where the commitment comes from, e.g. "Raadsinformatiebrief Nationaal Programma Dordt West". */
  source: string;
  status: AgreementStatus;
  evidence: string;
  /** A path inside Wijkkompas where the commitment shows, e.g. "/gebieden/dordt-west". */
  link_path: string | null;
  link_label: string | null;
  created_at: string;
  updated_at: string;
  /** When who, the commitment or its source was last corrected; null: never. */
  corrected_at: string | null;
}

export type AllianceSeat = Selectable<AllianceSeatTable>;
export type AllianceMembership = Selectable<AllianceMembershipTable>;
export type AllianceMeeting = Selectable<AllianceMeetingTable>;
export type AllianceDecision = Selectable<AllianceDecisionTable>;
export type AllianceAction = Selectable<AllianceActionTable>;
export type AllianceAgreement = Selectable<AllianceAgreementTable>;
