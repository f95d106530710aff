import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  BudgetEntryTable,
  BudgetLineTable,
  EntryKind,
  FundingKind,
  FundingSourceTable,
  NewBudgetEntry,
  NewBudgetLine,
} from './budget.table.ts';

export interface FocusAreaRef {
  slug: string;
  name: string;
  municipality_code: string;
}

export interface FundingSource {
  id: string;
  focus_area_slug: string;
  name: string;
  kind: FundingKind;
  funder: string;
  annual_cents: number | null;
  from_year: number | null;
  to_year: number | null;
  note: string;
}

export interface BudgetLine {
  id: string;
  focus_area_slug: string;
  code: string;
  year: number;
  theme: string | null;
  project: string;
  funding_source_id: string;
  description: string;
  planned_cents: number;
  negative_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface BudgetEntry {
  id: string;
  budget_line_id: string;
  kind: EntryKind;
  entry_date: string;
  amount_cents: number;
  description: string;
  reference: string;
  import_key: string | null;
  created_at: string;
  created_by: string;
}

export interface BureauPosition {
  id: string;
  focus_area_slug: string;
  organisation: string;
  title: string;
  hours_per_week: number | null;
  created_at: string;
}

/** Sums per budget line and kind, in cents. */
export interface EntrySum {
  budget_line_id: string;
  kind: EntryKind;
  total_cents: number;
}

const num = (v: unknown): number => Number(v);
const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function source(r: FundingSourceTable): FundingSource {
  return {
    ...r,
    annual_cents: numOrNull(r.annual_cents),
    from_year: numOrNull(r.from_year),
    to_year: numOrNull(r.to_year),
  };
}

function line(r: BudgetLineTable): BudgetLine {
  return { ...r, year: num(r.year), planned_cents: num(r.planned_cents) };
}

function entry(r: BudgetEntryTable): BudgetEntry {
  return { ...r, amount_cents: num(r.amount_cents) };
}

/**
 * Every query of the programme bureau's budget. Built on a database or a transaction;
 * `transaction()` hands a repository bound to one transaction, so a change and its audit
 * entry (written through `handle`) commit together.
 */
export class BudgetRepository {
  constructor(readonly handle: Kysely<Database>) {}

  transaction<T>(fn: (repo: BudgetRepository) => Promise<T>): Promise<T> {
    if (this.handle.isTransaction) return fn(this);
    return this.handle.transaction().execute((trx) => fn(new BudgetRepository(trx)));
  }

  async focusArea(slug: string): Promise<FocusAreaRef | null> {
    const row = await this.handle
      .selectFrom('focus_areas')
      .select(['slug', 'name', 'municipality_code'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ?? null;
  }

  async focusAreasOf(municipalityCode: string): Promise<FocusAreaRef[]> {
    return this.handle
      .selectFrom('focus_areas')
      .select(['slug', 'name', 'municipality_code'])
      .where('municipality_code', '=', municipalityCode)
      .orderBy('name')
      .execute();
  }

  async bureauLocation(slug: string): Promise<string | null> {
    const row = await this.handle
      .selectFrom('programme_bureaus')
      .select('location')
      .where('focus_area_slug', '=', slug)
      .executeTakeFirst();
    return row?.location ?? null;
  }

  async setBureauLocation(slug: string, location: string, at: string): Promise<void> {
    await this.handle
      .insertInto('programme_bureaus')
      .values({ focus_area_slug: slug, location, updated_at: at })
      .onConflict((oc) => oc.column('focus_area_slug').doUpdateSet({ location, updated_at: at }))
      .execute();
  }

  async listPositions(slug: string): Promise<BureauPosition[]> {
    const rows = await this.handle
      .selectFrom('bureau_positions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('organisation')
      .orderBy('title')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ ...r, hours_per_week: numOrNull(r.hours_per_week) }));
  }

  async insertPosition(p: BureauPosition): Promise<void> {
    await this.handle.insertInto('bureau_positions').values(p).execute();
  }

  async deletePosition(slug: string, id: string): Promise<BureauPosition | null> {
    const row = await this.handle
      .selectFrom('bureau_positions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    await this.handle.deleteFrom('bureau_positions').where('id', '=', id).execute();
    return { ...row, hours_per_week: numOrNull(row.hours_per_week) };
  }

  async listSources(slug: string): Promise<FundingSource[]> {
    const rows = await this.handle
      .selectFrom('funding_sources')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('kind')
      .orderBy('name')
      .execute();
    return rows.map(source);
  }

  async insertSource(s: FundingSource): Promise<void> {
    await this.handle.insertInto('funding_sources').values(s).execute();
  }

  async findSource(slug: string, id: string): Promise<FundingSource | null> {
    const row = await this.handle
      .selectFrom('funding_sources')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? source(row) : null;
  }

  /**
   * Saves a corrected source only when every stored field is still what the editor's service
   * read (`before`): false when another save changed it in between. Funding sources have no
   * updated_at, so the row itself is the version (compare-and-set in one statement).
   */
  async updateSource(before: FundingSource, after: FundingSource): Promise<boolean> {
    const result = await this.handle
      .updateTable('funding_sources')
      .set({
        name: after.name,
        kind: after.kind,
        funder: after.funder,
        annual_cents: after.annual_cents,
        from_year: after.from_year,
        to_year: after.to_year,
        note: after.note,
      })
      .where('id', '=', before.id)
      .where('focus_area_slug', '=', before.focus_area_slug)
      .where('name', '=', before.name)
      .where('kind', '=', before.kind)
      .where('funder', '=', before.funder)
      .where('annual_cents', before.annual_cents === null ? 'is' : '=', before.annual_cents)
      .where('from_year', before.from_year === null ? 'is' : '=', before.from_year)
      .where('to_year', before.to_year === null ? 'is' : '=', before.to_year)
      .where('note', '=', before.note)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async listLines(slug: string): Promise<BudgetLine[]> {
    const rows = await this.handle
      .selectFrom('budget_lines')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('year')
      .orderBy('code')
      .execute();
    return rows.map(line);
  }

  async findLine(slug: string, id: string): Promise<BudgetLine | null> {
    const row = await this.handle
      .selectFrom('budget_lines')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? line(row) : null;
  }

  async insertLine(l: NewBudgetLine): Promise<void> {
    await this.handle.insertInto('budget_lines').values(l).execute();
  }

  /**
   * Saves a corrected line only when it is still as the editor loaded it (`loadedUpdatedAt`):
   * false when another save came first. One statement, so two saves at once cannot both win.
   */
  async updateLine(l: BudgetLine, loadedUpdatedAt: string): Promise<boolean> {
    const result = await this.handle
      .updateTable('budget_lines')
      .set({
        code: l.code,
        year: l.year,
        theme: l.theme,
        project: l.project,
        funding_source_id: l.funding_source_id,
        description: l.description,
        planned_cents: l.planned_cents,
        negative_reason: l.negative_reason,
        updated_at: l.updated_at,
      })
      .where('id', '=', l.id)
      .where('focus_area_slug', '=', l.focus_area_slug)
      .where('updated_at', '=', loadedUpdatedAt)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async listEntries(lineIds: readonly string[]): Promise<BudgetEntry[]> {
    if (lineIds.length === 0) return [];
    const rows = await this.handle
      .selectFrom('budget_entries')
      .selectAll()
      .where('budget_line_id', 'in', lineIds)
      .orderBy('entry_date')
      .orderBy('id')
      .execute();
    return rows.map(entry);
  }

  async sumEntries(slug: string): Promise<EntrySum[]> {
    const rows = await this.handle
      .selectFrom('budget_entries as e')
      .innerJoin('budget_lines as l', 'l.id', 'e.budget_line_id')
      .select(['e.budget_line_id', 'e.kind'])
      .select((eb) => eb.fn.sum<string | number>('e.amount_cents').as('total_cents'))
      .where('l.focus_area_slug', '=', slug)
      .groupBy(['e.budget_line_id', 'e.kind'])
      .execute();
    return rows.map((r) => ({
      budget_line_id: r.budget_line_id,
      kind: r.kind,
      total_cents: num(r.total_cents),
    }));
  }

  /** Inserts the entry unless one with the same import key exists; true when it was new. */
  async insertEntry(e: NewBudgetEntry): Promise<boolean> {
    if (e.import_key) {
      const existing = await this.handle
        .selectFrom('budget_entries')
        .select('id')
        .where('import_key', '=', e.import_key)
        .executeTakeFirst();
      if (existing) return false;
    }
    await this.handle.insertInto('budget_entries').values(e).execute();
    return true;
  }

  /** One booking, only when its line belongs to this focus area. */
  async findEntry(slug: string, id: string): Promise<BudgetEntry | null> {
    const row = await this.handle
      .selectFrom('budget_entries as e')
      .innerJoin('budget_lines as l', 'l.id', 'e.budget_line_id')
      .selectAll('e')
      .where('l.focus_area_slug', '=', slug)
      .where('e.id', '=', id)
      .executeTakeFirst();
    return row ? entry(row) : null;
  }

  /**
   * Saves a corrected booking only when every field the form changes is still what the service
   * read (`before`): false when another save changed it in between (compare-and-set, as for
   * funding sources). The import key, creation time and author stay.
   */
  async updateEntry(before: BudgetEntry, after: BudgetEntry): Promise<boolean> {
    const result = await this.handle
      .updateTable('budget_entries')
      .set({
        budget_line_id: after.budget_line_id,
        kind: after.kind,
        entry_date: after.entry_date,
        amount_cents: after.amount_cents,
        description: after.description,
        reference: after.reference,
      })
      .where('id', '=', before.id)
      .where('budget_line_id', '=', before.budget_line_id)
      .where('kind', '=', before.kind)
      .where('entry_date', '=', before.entry_date)
      .where('amount_cents', '=', before.amount_cents)
      .where('description', '=', before.description)
      .where('reference', '=', before.reference)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }
}
