import type { Insertable, Selectable } from 'kysely';

/** Amount columns are bigint on PostgreSQL: the repository turns them back into numbers. */
type Cents = number | string | bigint;

export interface ProgrammeBureauTable {
  focus_area_slug: string;
  location: string;
  updated_at: string;
}

export interface BureauPositionTable {
  id: string;
  focus_area_slug: string;
  /** Free text for now; the Alliance register will give organisations an id. */
  organisation: string;
  title: string;
  hours_per_week: number | null;
  created_at: string;
}

export const FUNDING_KINDS = ['rijk', 'gemeente', 'partner', 'overig'] as const;
export type FundingKind = (typeof FUNDING_KINDS)[number];

export interface FundingSourceTable {
  id: string;
  focus_area_slug: string;
  name: string;
  kind: FundingKind;
  funder: string;
  annual_cents: Cents | null;
  from_year: number | null;
  to_year: number | null;
  note: string;
}

export interface BudgetLineTable {
  id: string;
  focus_area_slug: string;
  /** Short code the programme uses in its own sheets, unique per focus area ("GL-2025-01"). */
  code: string;
  year: number;
  theme: string | null;
  project: string;
  funding_source_id: string;
  description: string;
  planned_cents: Cents;
  /** Required when planned_cents < 0. */
  negative_reason: string | null;
  created_at: string;
  updated_at: string;
}

export const ENTRY_KINDS = ['verplichting', 'uitgave'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export interface BudgetEntryTable {
  id: string;
  budget_line_id: string;
  kind: EntryKind;
  entry_date: string;
  amount_cents: Cents;
  description: string;
  reference: string;
  import_key: string | null;
  created_at: string;
  created_by: string;
}

export interface SubsidySchemeTable {
  id: string;
  name: string;
  ministry: string;
  rules: string;
}

export interface SubsidyApplicationTable {
  id: string;
  focus_area_slug: string;
  scheme_id: string;
  title: string;
  project: string;
  theme: string | null;
  requested_cents: Cents | null;
  granted_cents: Cents | null;
  status: string;
  submission_deadline: string | null;
  accountability_deadline: string | null;
  budget_line_id: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeadlineReminderTable {
  application_id: string;
  deadline_kind: string;
  deadline_date: string;
  sent_at: string;
}

export interface ProgrammeProjectTable {
  id: string;
  focus_area_slug: string;
  municipality_code: string;
  name: string;
  theme: string;
  status: string;
  description: string;
  budget_line_id: string | null;
  public: number;
  created_at: string;
  updated_at: string;
}

export interface ProjectIndicatorTable {
  project_id: string;
  indicator_key: string;
}

export type NewBudgetLine = Insertable<BudgetLineTable>;
export type NewBudgetEntry = Insertable<BudgetEntryTable>;
export type FundingSourceRow = Selectable<FundingSourceTable>;
