import type { BudgetLine, FundingSource } from './budget.repository.ts';
import { ENTRY_KINDS, type EntryKind } from './budget.table.ts';
import { parseEuro } from './money.ts';

/**
 * The rules of one commitment or spending, shared by the service's form and the XLSX import
 * (which the service uses): in a module of their own, so neither imports the other.
 */
export type FieldErrors = Record<string, string>;

export const ENTRY_KIND_LABEL: Record<EntryKind, string> = {
  verplichting: 'Verplichting',
  uitgave: 'Uitgave',
};

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** Checks of one commitment or spending, shared by the form and the XLSX import. */
export function checkEntry(
  v: { kind: string; entry_date: string; amount: string; description: string },
  errors: FieldErrors,
): { kind: EntryKind; cents: number } | null {
  if (!(ENTRY_KINDS as readonly string[]).includes(v.kind))
    errors.kind = 'Kies "verplichting" of "uitgave".';
  if (!isIsoDate(v.entry_date))
    errors.entry_date = 'Vul een datum in als jjjj-mm-dd, zoals 2025-03-31.';
  const money = parseEuro(v.amount);
  if (!money.ok) errors.amount = money.error;
  else if (money.cents === 0)
    errors.amount = 'Een bedrag van € 0,00 hoeft niet ingevoerd te worden.';
  if (v.description === '') errors.description = 'Beschrijf waarvoor het bedrag is.';
  if (Object.keys(errors).length > 0 || !money.ok) return null;
  return { kind: v.kind as EntryKind, cents: money.cents };
}

/** One budget line against its realisation. Available = planned − open commitments − spent. */
export interface LineRow {
  line: BudgetLine;
  source: FundingSource | null;
  themeName: string;
  plannedCents: number;
  committedCents: number;
  spentCents: number;
  availableCents: number;
}

export interface Totals {
  plannedCents: number;
  committedCents: number;
  spentCents: number;
  availableCents: number;
}

export interface PlanVsRealisation {
  rows: LineRow[];
  byTheme: Array<{ theme: string | null; name: string } & Totals>;
  byYear: Array<{ year: number } & Totals>;
  total: Totals;
  /** The municipality's own budgets (sources of kind "gemeente"): the council sets and controls these. */
  ownContribution: Totals;
  /** Everything else (Rijk, partners, other). */
  otherContributions: Totals;
}
