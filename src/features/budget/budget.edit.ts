import { createHash } from 'node:crypto';
import type { BudgetEntry, BudgetLine, FundingSource } from './budget.repository.ts';
import { ENTRY_KIND_LABEL, type FieldErrors } from './budget.entry.ts';
import type { FundingKind } from './budget.table.ts';
import { centsToInput, formatEuro } from './money.ts';
import { themeName } from './themes.ts';

/**
 * Correcting a budget line, funding source or booking: what the edit form shows, the version the
 * editor loaded, and the readable before/after of the audit entry. Pure, no database.
 */

/** The hidden form field with the version of the record as the editor loaded it. */
export const LOADED_FIELD = 'geladen';

/**
 * `conflict`: someone else saved the record after the editor loaded it; nothing was stored. The
 * page answers 409, keeps the typed values and shows what is stored now (`current`), with the
 * current version in `values.geladen`, so saving again is a deliberate choice.
 */
export type EditResult =
  | { ok: true; changed: boolean }
  | {
      ok: false;
      errors: FieldErrors;
      values: Record<string, string>;
      conflict?: { message: string; current: Record<string, string> };
    };

export const FUNDING_KIND_LABEL: Record<FundingKind, string> = {
  rijk: 'Rijk',
  gemeente: 'Gemeente (eigen bijdrage)',
  partner: 'Partner',
  overig: 'Overig',
};

/**
 * The version of a source or booking: these tables have no updated_at, so the stored values
 * themselves are the version (a hash of them). A line's version is its updated_at.
 */
export function fingerprint(record: FundingSource | BudgetEntry): string {
  const sorted = Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 32);
}

/** A line's next updated_at: now, but always later than the one it replaces. */
export function nextStamp(now: Date, previous: string): string {
  const at = now.toISOString();
  if (at > previous) return at;
  const prev = Date.parse(previous);
  return Number.isNaN(prev) ? at : new Date(prev + 1).toISOString();
}

export function lineFormValues(l: BudgetLine): Record<string, string> {
  return {
    code: l.code,
    year: String(l.year),
    theme: l.theme ?? '',
    project: l.project,
    funding_source_id: l.funding_source_id,
    description: l.description,
    planned: centsToInput(l.planned_cents),
    negative_reason: l.negative_reason ?? '',
    [LOADED_FIELD]: l.updated_at,
  };
}

export function sourceFormValues(s: FundingSource): Record<string, string> {
  return {
    name: s.name,
    kind: s.kind,
    funder: s.funder,
    annual: centsToInput(s.annual_cents),
    from_year: s.from_year === null ? '' : String(s.from_year),
    note: s.note,
    [LOADED_FIELD]: fingerprint(s),
  };
}

export function entryFormValues(e: BudgetEntry): Record<string, string> {
  return {
    budget_line_id: e.budget_line_id,
    kind: e.kind,
    entry_date: e.entry_date,
    amount: centsToInput(e.amount_cents),
    description: e.description,
    reference: e.reference,
    [LOADED_FIELD]: fingerprint(e),
  };
}

/** A line in words, keyed by the Dutch names of its fields (for the audit log and a conflict). */
export function lineInWords(
  l: BudgetLine,
  sources: readonly FundingSource[],
): Record<string, string> {
  return {
    code: l.code,
    jaar: String(l.year),
    thema: themeName(l.theme),
    project: l.project,
    geldbron: sources.find((s) => s.id === l.funding_source_id)?.name ?? l.funding_source_id,
    omschrijving: l.description,
    begroot: formatEuro(l.planned_cents),
    'reden negatief bedrag': l.negative_reason ?? '',
  };
}

export function sourceInWords(s: FundingSource): Record<string, string> {
  return {
    naam: s.name,
    soort: FUNDING_KIND_LABEL[s.kind] ?? s.kind,
    'van wie': s.funder,
    'per jaar': s.annual_cents === null ? '' : formatEuro(s.annual_cents),
    'vanaf jaar': s.from_year === null ? '' : String(s.from_year),
    toelichting: s.note,
  };
}

export function entryInWords(e: BudgetEntry, lines: readonly BudgetLine[]): Record<string, string> {
  const line = lines.find((l) => l.id === e.budget_line_id);
  return {
    begrotingsregel: line ? `${line.code} – ${line.description}` : e.budget_line_id,
    soort: ENTRY_KIND_LABEL[e.kind] ?? e.kind,
    datum: e.entry_date,
    bedrag: formatEuro(e.amount_cents),
    omschrijving: e.description,
    kenmerk: e.reference,
  };
}

/** Only the fields that differ, before and after, for the audit entry. */
export function changedFields(
  before: Record<string, string>,
  after: Record<string, string>,
): { before: Record<string, string>; after: Record<string, string> } | null {
  const keys = Object.keys(after).filter((k) => before[k] !== after[k]);
  if (keys.length === 0) return null;
  return {
    before: Object.fromEntries(keys.map((k) => [k, before[k] ?? ''])),
    after: Object.fromEntries(keys.map((k) => [k, after[k] ?? ''])),
  };
}

/**
 * The audit before/after of a correction, or null when no stored field changed. In words (the
 * form's Dutch field names, euros, names instead of ids); the raw fields when the words hide a
 * change (two sources with the same name).
 */
export function auditChange<T extends object>(
  current: T,
  next: T,
  keys: readonly (keyof T & string)[],
  words: (record: T) => Record<string, string>,
): { before: Record<string, unknown>; after: Record<string, unknown> } | null {
  const raw = keys.filter((k) => current[k] !== next[k]);
  if (raw.length === 0) return null;
  return (
    changedFields(words(current), words(next)) ?? {
      before: Object.fromEntries(raw.map((k) => [k, current[k]])),
      after: Object.fromEntries(raw.map((k) => [k, next[k]])),
    }
  );
}

export function conflictMessage(what: string): string {
  return `Iemand anders heeft ${what} gewijzigd nadat u het formulier opende. Uw wijziging is niet bewaard. Hieronder ziet u wat nu is opgeslagen, en uw eigen invoer in het formulier. Kijk uw wijziging na en sla dan opnieuw op.`;
}
