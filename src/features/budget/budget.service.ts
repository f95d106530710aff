import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter } from './audit-writer.ts';
import type {
  BudgetEntry,
  BudgetLine,
  BudgetRepository,
  BureauPosition,
  EntrySum,
  FocusAreaRef,
  FundingSource,
} from './budget.repository.ts';
import { FUNDING_KINDS, type EntryKind, type FundingKind } from './budget.table.ts';
import { parseEuro } from './money.ts';
import {
  LOADED_FIELD,
  auditChange,
  conflictMessage,
  entryFormValues,
  entryInWords,
  fingerprint,
  lineFormValues,
  lineInWords,
  nextStamp,
  sourceFormValues,
  sourceInWords,
  type EditResult,
} from './budget.edit.ts';
import {
  checkEntry,
  type FieldErrors,
  type LineRow,
  type PlanVsRealisation,
  type Totals,
} from './budget.entry.ts';

export {
  ENTRY_KIND_LABEL,
  checkEntry,
  isIsoDate,
  type FieldErrors,
  type LineRow,
  type PlanVsRealisation,
  type Totals,
} from './budget.entry.ts';
import {
  MAX_IMPORT_BYTES,
  entryTemplate,
  planXlsx,
  readEntryWorkbook,
  type ReadResult,
} from './budget.xlsx.ts';
import { isTheme, themeName } from './themes.ts';
import { actorOf as actorLabel, type Actor } from '../accounts/index.ts';

export type FormResult<T = undefined> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The person who changes something, named in the audit log the way the accounts feature does. */
export { actorLabel, type Actor };

export { FUNDING_KIND_LABEL, LOADED_FIELD, type EditResult } from './budget.edit.ts';

const zero = (): Totals => ({
  plannedCents: 0,
  committedCents: 0,
  spentCents: 0,
  availableCents: 0,
});

function add(t: Totals, r: LineRow): void {
  t.plannedCents += r.plannedCents;
  t.committedCents += r.committedCents;
  t.spentCents += r.spentCents;
  t.availableCents += r.availableCents;
}

/** Plan against realisation: pure, integer cents only. */
export function planVsRealisation(
  lines: readonly BudgetLine[],
  sums: readonly EntrySum[],
  sources: readonly FundingSource[],
): PlanVsRealisation {
  const sourceById = new Map(sources.map((s) => [s.id, s]));
  const sum = (id: string, kind: EntryKind) =>
    sums
      .filter((s) => s.budget_line_id === id && s.kind === kind)
      .reduce((n, s) => n + s.total_cents, 0);
  const rows = lines.map((line): LineRow => {
    const committedCents = sum(line.id, 'verplichting');
    const spentCents = sum(line.id, 'uitgave');
    return {
      line,
      source: sourceById.get(line.funding_source_id) ?? null,
      themeName: themeName(line.theme),
      plannedCents: line.planned_cents,
      committedCents,
      spentCents,
      availableCents: line.planned_cents - committedCents - spentCents,
    };
  });
  const total = zero();
  const ownContribution = zero();
  const otherContributions = zero();
  const themes = new Map<string, { theme: string | null; name: string } & Totals>();
  const years = new Map<number, { year: number } & Totals>();
  for (const r of rows) {
    add(total, r);
    add(r.source?.kind === 'gemeente' ? ownContribution : otherContributions, r);
    const tk = r.line.theme ?? '';
    if (!themes.has(tk)) themes.set(tk, { theme: r.line.theme, name: r.themeName, ...zero() });
    add(themes.get(tk)!, r);
    if (!years.has(r.line.year)) years.set(r.line.year, { year: r.line.year, ...zero() });
    add(years.get(r.line.year)!, r);
  }
  return {
    rows,
    byTheme: [...themes.values()].sort((a, b) => a.name.localeCompare(b.name, 'nl')),
    byYear: [...years.values()].sort((a, b) => a.year - b.year),
    total,
    ownContribution,
    otherContributions,
  };
}

export interface BudgetOverview {
  area: FocusAreaRef;
  location: string | null;
  positions: BureauPosition[];
  sources: FundingSource[];
  plan: PlanVsRealisation;
}

function text(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
}

function values(form: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, text(form, n)]));
}

export const LINE_FIELDS = [
  'code',
  'year',
  'theme',
  'project',
  'funding_source_id',
  'description',
  'planned',
  'negative_reason',
] as const;
const SOURCE_FIELDS = ['name', 'kind', 'funder', 'annual', 'from_year', 'note'] as const;
export const ENTRY_FIELDS = [
  'budget_line_id',
  'kind',
  'entry_date',
  'amount',
  'description',
  'reference',
] as const;

/** The stored fields a correction may change. */
const LINE_COLUMNS = [
  'code',
  'year',
  'theme',
  'project',
  'funding_source_id',
  'description',
  'planned_cents',
  'negative_reason',
] as const;
const SOURCE_COLUMNS = ['name', 'kind', 'funder', 'annual_cents', 'from_year', 'note'] as const;
const ENTRY_COLUMNS = [
  'budget_line_id',
  'kind',
  'entry_date',
  'amount_cents',
  'description',
  'reference',
] as const;

type Refused = { ok: false; errors: FieldErrors; values: Record<string, string> };

/** The fields of a funding source as the form gives them; the same rules for adding and correcting. */
function checkSource(form: Record<string, unknown>):
  | Refused
  | {
      ok: true;
      fields: Pick<
        FundingSource,
        'name' | 'kind' | 'funder' | 'annual_cents' | 'from_year' | 'note'
      >;
    } {
  const v = values(form, SOURCE_FIELDS);
  const errors: FieldErrors = {};
  if (v.name === '') errors.name = 'Geef de bron een naam.';
  if (!(FUNDING_KINDS as readonly string[]).includes(v.kind!))
    errors.kind = 'Kies het soort bron: Rijk, gemeente, partner of overig.';
  if (v.funder === '') errors.funder = 'Vul in wie het geld geeft.';
  let annual: number | null = null;
  if (v.annual !== '') {
    const m = parseEuro(v.annual!);
    if (!m.ok) errors.annual = m.error;
    else if (m.cents < 0) errors.annual = 'Een bijdrage per jaar is niet negatief.';
    else annual = m.cents;
  }
  let fromYear: number | null = null;
  if (v.from_year !== '') {
    fromYear = Number(v.from_year);
    if (!/^\d{4}$/.test(v.from_year!) || fromYear < 2000 || fromYear > 2100)
      errors.from_year = 'Vul een jaartal in, zoals 2023.';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values: v };
  return {
    ok: true,
    fields: {
      name: v.name!,
      kind: v.kind as FundingKind,
      funder: v.funder!,
      annual_cents: annual,
      from_year: fromYear,
      note: v.note!,
    },
  };
}

/**
 * The fields of a budget line as the form gives them; the same rules for adding and correcting:
 * a source of this focus area, a code not used by another line (`selfId` is the line being
 * corrected), no negative budget without a reason.
 */
function checkLine(
  form: Record<string, unknown>,
  sources: readonly FundingSource[],
  existing: readonly BudgetLine[],
  selfId: string | null,
):
  | Refused
  | {
      ok: true;
      fields: Pick<
        BudgetLine,
        | 'code'
        | 'year'
        | 'theme'
        | 'project'
        | 'funding_source_id'
        | 'description'
        | 'planned_cents'
        | 'negative_reason'
      >;
    } {
  const v = values(form, LINE_FIELDS);
  const errors: FieldErrors = {};
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(v.code!))
    errors.code = 'Geef een korte code van letters, cijfers, punt of streepje, zoals GL-2025-01.';
  const year = Number(v.year);
  if (!/^\d{4}$/.test(v.year!) || year < 2000 || year > 2100)
    errors.year = 'Vul een jaartal in, zoals 2025.';
  if (v.theme !== '' && !isTheme(v.theme!)) errors.theme = 'Kies een van de vijf thema’s.';
  if (!sources.some((s) => s.id === v.funding_source_id))
    errors.funding_source_id = 'Kies de financieringsbron.';
  if (v.description === '') errors.description = 'Beschrijf waarvoor deze regel is.';
  const planned = parseEuro(v.planned!);
  if (!planned.ok) errors.planned = planned.error;
  else if (planned.cents < 0 && v.negative_reason === '')
    errors.negative_reason =
      'Een negatief begroot bedrag mag alleen met een reden, zoals een correctie of terugbetaling.';
  if (
    Object.keys(errors).length === 0 &&
    existing.some((l) => l.code === v.code && l.id !== selfId)
  )
    errors.code = `Code ${v.code} bestaat al in deze begroting; kies een andere.`;
  if (Object.keys(errors).length > 0 || !planned.ok) return { ok: false, errors, values: v };
  return {
    ok: true,
    fields: {
      code: v.code!,
      year,
      theme: v.theme === '' ? null : v.theme!,
      project: v.project!,
      funding_source_id: v.funding_source_id!,
      description: v.description!,
      planned_cents: planned.cents,
      negative_reason: planned.cents < 0 ? v.negative_reason! : null,
    },
  };
}

/** What the form sent, with the version the editor loaded, to show again after a refusal. */
function withLoaded(
  refused: Refused,
  form: Record<string, unknown>,
): Refused & { values: Record<string, string> } {
  return { ...refused, values: { ...refused.values, [LOADED_FIELD]: text(form, LOADED_FIELD) } };
}

/**
 * The programme bureau and its budget for one focus area: positions, location, funding
 * sources, budget lines, commitments and spending. Every change is audited in its own
 * transaction; every method checks the focus area belongs to the municipality of the route.
 */
export class BudgetService {
  constructor(
    private readonly repo: BudgetRepository,
    private readonly audit: AuditWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async requireArea(municipalityCode: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.repo.focusArea(slug);
    if (!area || area.municipality_code !== municipalityCode)
      throw new NotFoundError(`Focusgebied "${slug}" hoort niet bij deze gemeente.`);
    return area;
  }

  async areasOf(municipalityCode: string): Promise<FocusAreaRef[]> {
    return this.repo.focusAreasOf(municipalityCode);
  }

  async overview(municipalityCode: string, slug: string): Promise<BudgetOverview> {
    const area = await this.requireArea(municipalityCode, slug);
    const [location, positions, sources, lines, sums] = await Promise.all([
      this.repo.bureauLocation(slug),
      this.repo.listPositions(slug),
      this.repo.listSources(slug),
      this.repo.listLines(slug),
      this.repo.sumEntries(slug),
    ]);
    return { area, location, positions, sources, plan: planVsRealisation(lines, sums, sources) };
  }

  async lineDetail(
    municipalityCode: string,
    slug: string,
    lineId: string,
  ): Promise<{ area: FocusAreaRef; row: LineRow; entries: BudgetEntry[] }> {
    const area = await this.requireArea(municipalityCode, slug);
    const line = await this.repo.findLine(slug, lineId);
    if (!line) throw new NotFoundError('Deze begrotingsregel bestaat niet.');
    const [sources, sums, entries] = await Promise.all([
      this.repo.listSources(slug),
      this.repo.sumEntries(slug),
      this.repo.listEntries([line.id]),
    ]);
    return { area, row: planVsRealisation([line], sums, sources).rows[0]!, entries };
  }

  async entriesOf(slug: string): Promise<BudgetEntry[]> {
    const lines = await this.repo.listLines(slug);
    return this.repo.listEntries(lines.map((l) => l.id));
  }

  async setLocation(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult> {
    await this.requireArea(municipalityCode, slug);
    const location = text(form, 'location');
    if (location === '' || location.length > 300)
      return {
        ok: false,
        errors: { location: 'Vul de plek van het programmabureau in (hoogstens 300 tekens).' },
        values: { location },
      };
    await this.repo.transaction(async (tx) => {
      const before = await tx.bureauLocation(slug);
      await tx.setBureauLocation(slug, location, this.now().toISOString());
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'programmabureau.locatie-gewijzigd',
          entity: 'programmabureau',
          entityId: slug,
          municipalityCode,
          before: before === null ? null : { location: before },
          after: { location },
        },
        tx.handle,
      );
    });
    return { ok: true, value: undefined };
  }

  async addPosition(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult> {
    await this.requireArea(municipalityCode, slug);
    const v = values(form, ['organisation', 'title', 'hours_per_week']);
    const errors: FieldErrors = {};
    if (v.organisation === '')
      errors.organisation = 'Vul de organisatie in die de medewerker levert.';
    if (v.title === '') errors.title = 'Vul de functie in.';
    let hours: number | null = null;
    if (v.hours_per_week !== '') {
      hours = Number(v.hours_per_week);
      if (!/^\d{1,2}$/.test(v.hours_per_week!) || hours < 1 || hours > 40)
        errors.hours_per_week = 'Vul een heel aantal uren per week in, van 1 tot en met 40.';
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: v };
    const position: BureauPosition = {
      id: randomUUID(),
      focus_area_slug: slug,
      organisation: v.organisation!,
      title: v.title!,
      hours_per_week: hours,
      created_at: this.now().toISOString(),
    };
    await this.repo.transaction(async (tx) => {
      await tx.insertPosition(position);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'programmabureau.functie-toegevoegd',
          entity: 'programmabureau-functie',
          entityId: position.id,
          municipalityCode,
          after: position,
        },
        tx.handle,
      );
    });
    return { ok: true, value: undefined };
  }

  async removePosition(actor: Actor, municipalityCode: string, slug: string, id: string) {
    await this.requireArea(municipalityCode, slug);
    await this.repo.transaction(async (tx) => {
      const before = await tx.deletePosition(slug, id);
      if (!before) throw new NotFoundError('Deze functie bestaat niet (meer).');
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'programmabureau.functie-verwijderd',
          entity: 'programmabureau-functie',
          entityId: id,
          municipalityCode,
          before,
        },
        tx.handle,
      );
    });
  }

  async addSource(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult> {
    await this.requireArea(municipalityCode, slug);
    const checked = checkSource(form);
    if (!checked.ok) return checked;
    const source: FundingSource = {
      id: randomUUID(),
      focus_area_slug: slug,
      ...checked.fields,
      to_year: null,
    };
    await this.repo.transaction(async (tx) => {
      await tx.insertSource(source);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.bron-toegevoegd',
          entity: 'financieringsbron',
          entityId: source.id,
          municipalityCode,
          after: source,
        },
        tx.handle,
      );
    });
    return { ok: true, value: undefined };
  }

  async addLine(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult<string>> {
    await this.requireArea(municipalityCode, slug);
    const [sources, existing] = await Promise.all([
      this.repo.listSources(slug),
      this.repo.listLines(slug),
    ]);
    const checked = checkLine(form, sources, existing, null);
    if (!checked.ok) return checked;
    const at = this.now().toISOString();
    const line: BudgetLine = {
      id: randomUUID(),
      focus_area_slug: slug,
      ...checked.fields,
      created_at: at,
      updated_at: at,
    };
    await this.repo.transaction(async (tx) => {
      await tx.insertLine(line);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.regel-aangemaakt',
          entity: 'begrotingsregel',
          entityId: line.id,
          municipalityCode,
          after: line,
        },
        tx.handle,
      );
    });
    return { ok: true, value: line.id };
  }

  async addEntry(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult<string>> {
    await this.requireArea(municipalityCode, slug);
    const checked = await this.checkEntryForm(slug, form);
    if (!checked.ok) return checked;
    const { v, line, kind, cents } = checked;
    const entry: BudgetEntry = {
      id: randomUUID(),
      budget_line_id: line.id,
      kind,
      entry_date: v.entry_date!,
      amount_cents: cents,
      description: v.description!,
      reference: v.reference!,
      import_key: null,
      created_at: this.now().toISOString(),
      created_by: actorLabel(actor),
    };
    await this.repo.transaction(async (tx) => {
      await tx.insertEntry(entry);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action:
            entry.kind === 'uitgave'
              ? 'begroting.uitgave-geboekt'
              : 'begroting.verplichting-geboekt',
          entity: 'begrotingsboeking',
          entityId: entry.id,
          municipalityCode,
          after: entry,
        },
        tx.handle,
      );
    });
    return { ok: true, value: line.id };
  }

  /** A booking as the form gives it; the same rules for adding and correcting. */
  private async checkEntryForm(
    slug: string,
    form: Record<string, unknown>,
  ): Promise<
    | Refused
    | {
        ok: true;
        v: Record<string, string>;
        line: BudgetLine;
        kind: EntryKind;
        cents: number;
      }
  > {
    const v = values(form, ENTRY_FIELDS);
    const errors: FieldErrors = {};
    // Only a line of this focus area (and so of this municipality) can carry the booking.
    const line = v.budget_line_id ? await this.repo.findLine(slug, v.budget_line_id) : null;
    if (!line) errors.budget_line_id = 'Kies de begrotingsregel.';
    const checked = checkEntry(
      { kind: v.kind!, entry_date: v.entry_date!, amount: v.amount!, description: v.description! },
      errors,
    );
    if (!checked || !line) return { ok: false, errors, values: v };
    return { ok: true, v, line, kind: checked.kind, cents: checked.cents };
  }

  private async requireLine(slug: string, id: string): Promise<BudgetLine> {
    const line = await this.repo.findLine(slug, id);
    if (!line) throw new NotFoundError('Deze begrotingsregel bestaat niet.');
    return line;
  }

  private async requireSource(slug: string, id: string): Promise<FundingSource> {
    const source = await this.repo.findSource(slug, id);
    if (!source) throw new NotFoundError('Deze geldbron bestaat niet.');
    return source;
  }

  private async requireEntry(slug: string, id: string): Promise<BudgetEntry> {
    const entry = await this.repo.findEntry(slug, id);
    if (!entry) throw new NotFoundError('Deze boeking bestaat niet.');
    return entry;
  }

  /** What the edit form of a line needs: the line, the area's sources, the prefilled values. */
  async lineForm(municipalityCode: string, slug: string, id: string) {
    const area = await this.requireArea(municipalityCode, slug);
    const line = await this.requireLine(slug, id);
    const sources = await this.repo.listSources(slug);
    return { area, line, sources, values: lineFormValues(line) };
  }

  async sourceForm(municipalityCode: string, slug: string, id: string) {
    const area = await this.requireArea(municipalityCode, slug);
    const source = await this.requireSource(slug, id);
    return { area, source, values: sourceFormValues(source) };
  }

  async entryForm(municipalityCode: string, slug: string, id: string) {
    const area = await this.requireArea(municipalityCode, slug);
    const entry = await this.requireEntry(slug, id);
    const lines = await this.repo.listLines(slug);
    return { area, entry, lines, values: entryFormValues(entry) };
  }

  /**
   * Corrects a budget line with the rules of adding one. Saved only when the line is still as
   * the editor loaded it (its updated_at in the hidden field `geladen`); otherwise a conflict
   * that stores nothing. The audit entry has the changed fields before and after, in words.
   */
  async updateLine(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<EditResult> {
    await this.requireArea(municipalityCode, slug);
    await this.requireLine(slug, id);
    const loaded = text(form, LOADED_FIELD);
    return this.repo.transaction(async (tx): Promise<EditResult> => {
      const current = await tx.findLine(slug, id);
      if (!current) throw new NotFoundError('Deze begrotingsregel bestaat niet (meer).');
      const [sources, existing] = await Promise.all([tx.listSources(slug), tx.listLines(slug)]);
      const checked = checkLine(form, sources, existing, id);
      if (!checked.ok) return withLoaded(checked, form);
      const stale = (): EditResult => ({
        ok: false,
        errors: {},
        values: { ...values(form, LINE_FIELDS), [LOADED_FIELD]: current.updated_at },
        conflict: {
          message: conflictMessage(`begrotingsregel ${current.code}`),
          current: lineInWords(current, sources),
        },
      });
      if (loaded !== current.updated_at) return stale();
      const next: BudgetLine = {
        ...current,
        ...checked.fields,
        updated_at: nextStamp(this.now(), current.updated_at),
      };
      const change = auditChange(current, next, LINE_COLUMNS, (l) => lineInWords(l, sources));
      if (!change) return { ok: true, changed: false };
      if (!(await tx.updateLine(next, loaded))) return stale();
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.regel-gewijzigd',
          entity: 'begrotingsregel',
          entityId: id,
          municipalityCode,
          ...change,
        },
        tx.handle,
      );
      return { ok: true, changed: true };
    });
  }

  /**
   * Corrects a funding source (name, kind, funder, amount per year, first year, note) with the
   * rules of adding one. Sources have no updated_at: the version is a hash of the stored values
   * (`geladen`), and the repository saves only over exactly those values.
   */
  async updateSource(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<EditResult> {
    await this.requireArea(municipalityCode, slug);
    await this.requireSource(slug, id);
    const loaded = text(form, LOADED_FIELD);
    const checked = checkSource(form);
    if (!checked.ok) return withLoaded(checked, form);
    return this.repo.transaction(async (tx): Promise<EditResult> => {
      const current = await tx.findSource(slug, id);
      if (!current) throw new NotFoundError('Deze geldbron bestaat niet (meer).');
      const stale = (): EditResult => ({
        ok: false,
        errors: {},
        values: { ...values(form, SOURCE_FIELDS), [LOADED_FIELD]: fingerprint(current) },
        conflict: {
          message: conflictMessage(`geldbron ${current.name}`),
          current: sourceInWords(current),
        },
      });
      if (loaded !== fingerprint(current)) return stale();
      const next: FundingSource = { ...current, ...checked.fields };
      const change = auditChange(current, next, SOURCE_COLUMNS, sourceInWords);
      if (!change) return { ok: true, changed: false };
      if (!(await tx.updateSource(current, next))) return stale();
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.bron-gewijzigd',
          entity: 'financieringsbron',
          entityId: id,
          municipalityCode,
          ...change,
        },
        tx.handle,
      );
      return { ok: true, changed: true };
    });
  }

  /**
   * Corrects a commitment or spending (line, kind, date, amount, description, reference) with
   * the rules of booking one: only onto a line of this focus area. An imported booking keeps
   * its import key, so importing the file again still adds nothing. Version as for sources.
   */
  async updateEntry(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<EditResult & { lineId?: string }> {
    await this.requireArea(municipalityCode, slug);
    await this.requireEntry(slug, id);
    const loaded = text(form, LOADED_FIELD);
    const checked = await this.checkEntryForm(slug, form);
    if (!checked.ok) return withLoaded(checked, form);
    return this.repo.transaction(async (tx) => {
      const current = await tx.findEntry(slug, id);
      if (!current) throw new NotFoundError('Deze boeking bestaat niet (meer).');
      const lines = await tx.listLines(slug);
      const stale = (): EditResult => ({
        ok: false,
        errors: {},
        values: { ...values(form, ENTRY_FIELDS), [LOADED_FIELD]: fingerprint(current) },
        conflict: {
          message: conflictMessage('deze boeking'),
          current: entryInWords(current, lines),
        },
      });
      if (loaded !== fingerprint(current)) return stale();
      const next: BudgetEntry = {
        ...current,
        budget_line_id: checked.line.id,
        kind: checked.kind,
        entry_date: checked.v.entry_date!,
        amount_cents: checked.cents,
        description: checked.v.description!,
        reference: checked.v.reference!,
      };
      const change = auditChange(current, next, ENTRY_COLUMNS, (e) => entryInWords(e, lines));
      if (!change) return { ok: true, changed: false, lineId: next.budget_line_id };
      if (!(await tx.updateEntry(current, next))) return stale();
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.boeking-gewijzigd',
          entity: 'begrotingsboeking',
          entityId: id,
          municipalityCode,
          ...change,
        },
        tx.handle,
      );
      return { ok: true, changed: true, lineId: next.budget_line_id };
    });
  }

  /** Writes already-checked imported entries in one transaction; rows seen before are skipped. */
  async importEntries(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    rows: ReadonlyArray<{
      lineCode: string;
      kind: EntryKind;
      date: string;
      cents: number;
      description: string;
      reference: string;
      key: string;
    }>,
    fileName: string,
  ): Promise<{ added: number; skipped: number }> {
    await this.requireArea(municipalityCode, slug);
    return this.repo.transaction(async (tx) => {
      const lines = new Map((await tx.listLines(slug)).map((l) => [l.code, l]));
      let added = 0;
      const at = this.now().toISOString();
      for (const r of rows) {
        const line = lines.get(r.lineCode);
        if (!line) throw new NotFoundError(`Begrotingsregel ${r.lineCode} bestaat niet (meer).`);
        const inserted = await tx.insertEntry({
          id: randomUUID(),
          budget_line_id: line.id,
          kind: r.kind,
          entry_date: r.date,
          amount_cents: r.cents,
          description: r.description,
          reference: r.reference,
          import_key: `${slug}:${r.key}`,
          created_at: at,
          created_by: actorLabel(actor),
        });
        if (inserted) added += 1;
      }
      const result = { added, skipped: rows.length - added };
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'begroting.boekingen-geimporteerd',
          entity: 'begroting',
          entityId: slug,
          municipalityCode,
          after: { file: fileName, ...result },
        },
        tx.handle,
      );
      return result;
    });
  }

  async lineCodes(slug: string): Promise<Set<string>> {
    return new Set((await this.repo.listLines(slug)).map((l) => l.code));
  }

  async template(municipalityCode: string, slug: string): Promise<Buffer> {
    await this.requireArea(municipalityCode, slug);
    const lines = await this.repo.listLines(slug);
    return entryTemplate(lines.map((l) => ({ code: l.code, description: l.description })));
  }

  /** Reads an uploaded workbook against this focus area's budget lines; writes nothing. */
  async previewImport(municipalityCode: string, slug: string, bytes: Buffer): Promise<ReadResult> {
    await this.requireArea(municipalityCode, slug);
    if (bytes.length > MAX_IMPORT_BYTES)
      return {
        ok: false,
        problems: [`Het bestand is groter dan ${MAX_IMPORT_BYTES / 1024} kB. Splits het in delen.`],
      };
    return readEntryWorkbook(bytes, await this.lineCodes(slug));
  }

  /** Reads the confirmed workbook again and writes its rows in one transaction. */
  async confirmImport(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    bytes: Buffer,
    fileName: string,
  ): Promise<ReadResult & { added?: number; skipped?: number }> {
    const read = await this.previewImport(municipalityCode, slug, bytes);
    if (!read.ok) return read;
    return {
      ...read,
      ...(await this.importEntries(actor, municipalityCode, slug, read.rows, fileName)),
    };
  }

  async exportXlsx(municipalityCode: string, slug: string): Promise<Buffer> {
    const overview = await this.overview(municipalityCode, slug);
    return planXlsx(overview.area.name, overview.plan, await this.entriesOf(slug));
  }
}

export type { BudgetEntry, BudgetLine, FocusAreaRef, FundingSource } from './budget.repository.ts';
