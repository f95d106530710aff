import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditEntry, AuditWriter } from './audit-writer.ts';
import type {
  BudgetEntry,
  BudgetLine,
  BudgetRepository,
  FundingSource,
} from './budget.repository.ts';
import { BudgetService, LOADED_FIELD } from './budget.service.ts';

/**
 * Correcting a budget line, a funding source and a booking: the rules of adding apply, the
 * municipality's scope holds, the audit entry says before and after in words, and a save over
 * someone else's save is refused.
 */

const bzk: FundingSource = {
  id: 'bzk',
  focus_area_slug: 'dordt-west',
  name: 'Bijdrage Rijk',
  kind: 'rijk',
  funder: 'BZK',
  annual_cents: 50_000_000,
  from_year: 2023,
  to_year: null,
  note: '',
};
const own: FundingSource = { ...bzk, id: 'eigen', name: 'Eigen budget', kind: 'gemeente' };
/** A source of a focus area in another municipality. */
const elsewhere: FundingSource = { ...bzk, id: 'ander', focus_area_slug: 'elders' };

function line(id: string, slug = 'dordt-west', planned = 10_000_00): BudgetLine {
  return {
    id,
    focus_area_slug: slug,
    code: id.toUpperCase(),
    year: 2025,
    theme: 'wonen',
    project: '',
    funding_source_id: slug === 'dordt-west' ? 'bzk' : 'ander',
    description: `Regel ${id}`,
    planned_cents: planned,
    negative_reason: null,
    created_at: '2026-01-01T09:00:00.000Z',
    updated_at: '2026-01-01T09:00:00.000Z',
  };
}

function booking(id: string, lineId: string): BudgetEntry {
  return {
    id,
    budget_line_id: lineId,
    kind: 'uitgave',
    entry_date: '2025-03-31',
    amount_cents: 1_234_56,
    description: 'Huur buurthuis',
    reference: 'F-1',
    import_key: null,
    created_at: '2026-01-01T09:00:00.000Z',
    created_by: 'Piet',
  };
}

/** In memory, with the compare-and-set of the real repository; `sneak` saves in between. */
class FakeRepo {
  handle = 'fake-transaction';
  sources: FundingSource[] = [bzk, own, elsewhere];
  lines: BudgetLine[] = [line('a'), line('b'), line('x', 'elders')];
  entries: BudgetEntry[] = [booking('e1', 'a'), booking('ex', 'x')];
  /** Runs right before a compare-and-set: another save that came first. */
  sneak: (() => void) | null = null;
  async transaction<T>(fn: (r: FakeRepo) => Promise<T>): Promise<T> {
    return fn(this);
  }
  async focusArea(slug: string) {
    if (slug === 'dordt-west') return { slug, name: 'Dordt West', municipality_code: 'GM0505' };
    if (slug === 'elders') return { slug, name: 'Elders', municipality_code: 'GM0014' };
    return null;
  }
  async listSources(slug: string) {
    return this.sources.filter((s) => s.focus_area_slug === slug);
  }
  async listLines(slug: string) {
    return this.lines.filter((l) => l.focus_area_slug === slug);
  }
  async findLine(slug: string, id: string) {
    return this.lines.find((l) => l.id === id && l.focus_area_slug === slug) ?? null;
  }
  async findSource(slug: string, id: string) {
    return this.sources.find((s) => s.id === id && s.focus_area_slug === slug) ?? null;
  }
  async findEntry(slug: string, id: string) {
    const e = this.entries.find((x) => x.id === id);
    return e && (await this.findLine(slug, e.budget_line_id)) ? e : null;
  }
  private cas<T extends { id: string }>(list: T[], same: (stored: T) => boolean, next: T) {
    this.sneak?.();
    const i = list.findIndex((x) => x.id === next.id);
    if (i < 0 || !same(list[i]!)) return false;
    list[i] = { ...next };
    return true;
  }
  async updateLine(next: BudgetLine, loaded: string) {
    return this.cas(this.lines, (s) => s.updated_at === loaded, next);
  }
  async updateSource(before: FundingSource, after: FundingSource) {
    return this.cas(this.sources, (s) => JSON.stringify(s) === JSON.stringify(before), after);
  }
  async updateEntry(before: BudgetEntry, after: BudgetEntry) {
    return this.cas(this.entries, (s) => JSON.stringify(s) === JSON.stringify(before), after);
  }
}

function setup() {
  const repo = new FakeRepo();
  const written: AuditEntry[] = [];
  const audit: AuditWriter = {
    async write(entry, tx) {
      assert.equal(tx, 'fake-transaction', 'audit goes into the change’s transaction');
      written.push(entry);
    },
  };
  let clock = Date.parse('2026-01-02T10:00:00Z');
  const service = new BudgetService(
    repo as unknown as BudgetRepository,
    audit,
    () => new Date((clock += 1000)),
  );
  return { repo, written, service };
}

const actor = { id: 'u1', name: 'Piet' };

describe('correcting a budget line', () => {
  it('saves the corrected amount and theme and audits only what changed, in words', async () => {
    const { repo, written, service } = setup();
    const form = await service.lineForm('GM0505', 'dordt-west', 'a');
    assert.equal(form.values.planned, '10000,00');
    assert.equal(form.values[LOADED_FIELD], '2026-01-01T09:00:00.000Z');
    const result = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
      ...form.values,
      planned: '12.500,00',
      theme: 'onderwijs',
    });
    assert.deepEqual(result, { ok: true, changed: true });
    const saved = repo.lines.find((l) => l.id === 'a')!;
    assert.equal(saved.planned_cents, 12_500_00);
    assert.equal(saved.theme, 'onderwijs');
    assert.ok(saved.updated_at > '2026-01-01T09:00:00.000Z');
    assert.equal(written.length, 1);
    assert.equal(written[0]!.action, 'begroting.regel-gewijzigd');
    assert.equal(written[0]!.entity, 'begrotingsregel');
    assert.equal(written[0]!.municipalityCode, 'GM0505');
    assert.deepEqual(written[0]!.before, { thema: 'Wonen', begroot: '€ 10.000,00' });
    assert.deepEqual(written[0]!.after, { thema: 'Onderwijs', begroot: '€ 12.500,00' });
  });

  it('keeps the rules of adding: no negative budget without a reason, no code twice, a source of this area', async () => {
    const { repo, written, service } = setup();
    const { values } = await service.lineForm('GM0505', 'dordt-west', 'a');
    const refuse = async (change: Record<string, string>, field: string) => {
      const r = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
        ...values,
        ...change,
      });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.errors[field], `${field}: ${JSON.stringify(r)}`);
      assert.ok(!r.ok && !r.conflict);
      // The typed text comes back, with the version that was loaded.
      assert.equal(!r.ok && r.values[LOADED_FIELD], values[LOADED_FIELD]);
    };
    await refuse({ planned: '-500,00' }, 'negative_reason');
    await refuse({ code: 'B' }, 'code');
    await refuse({ funding_source_id: 'ander' }, 'funding_source_id');
    await refuse({ year: '20255' }, 'year');
    await refuse({ planned: '12.50' }, 'planned');
    assert.deepEqual(
      repo.lines.find((l) => l.id === 'a'),
      line('a'),
    );
    assert.equal(written.length, 0);
    const ok = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
      ...values,
      planned: '-500,00',
      negative_reason: 'Terugbetaling 2024',
    });
    assert.equal(ok.ok, true);
    assert.equal(repo.lines.find((l) => l.id === 'a')!.negative_reason, 'Terugbetaling 2024');
  });

  it('answers 404 for a line of another municipality, through either address', async () => {
    const { repo, service } = setup();
    await assert.rejects(service.lineForm('GM0505', 'dordt-west', 'x'), NotFoundError);
    await assert.rejects(service.lineForm('GM0505', 'elders', 'x'), NotFoundError);
    await assert.rejects(
      service.updateLine(actor, 'GM0505', 'elders', 'x', { ...line('x'), planned: '1,00' }),
      NotFoundError,
    );
    assert.deepEqual(
      repo.lines.find((l) => l.id === 'x'),
      line('x', 'elders'),
    );
  });

  it('refuses a save over a save made after the form was opened, and keeps the typed text', async () => {
    const { repo, written, service } = setup();
    const anna = await service.lineForm('GM0505', 'dordt-west', 'a');
    const bert = await service.lineForm('GM0505', 'dordt-west', 'a');
    const first = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
      ...anna.values,
      description: 'Huur van het buurthuis',
    });
    assert.equal(first.ok, true);
    const second = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
      ...bert.values,
      planned: '9.000,00',
    });
    assert.equal(second.ok, false);
    assert.ok(!second.ok && second.conflict);
    if (second.ok || !second.conflict) return;
    assert.match(second.conflict.message, /Iemand anders heeft begrotingsregel A gewijzigd/);
    assert.equal(second.conflict.current.omschrijving, 'Huur van het buurthuis');
    assert.equal(second.values.planned, '9.000,00');
    const stored = repo.lines.find((l) => l.id === 'a')!;
    assert.equal(second.values[LOADED_FIELD], stored.updated_at);
    assert.equal(stored.planned_cents, 10_000_00);
    assert.equal(stored.description, 'Huur van het buurthuis');
    assert.equal(written.length, 1);
    // Saving again from the refused form, having seen the other change, is deliberate: it saves.
    const again = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', second.values);
    assert.equal(again.ok, true);
    assert.equal(repo.lines.find((l) => l.id === 'a')!.planned_cents, 9_000_00);
  });

  it('refuses when another save lands between reading and writing (compare-and-set)', async () => {
    const { repo, written, service } = setup();
    const { values } = await service.lineForm('GM0505', 'dordt-west', 'a');
    repo.sneak = () => {
      repo.lines[0] = { ...repo.lines[0]!, code: 'A-1', updated_at: '2026-01-02T11:00:00.000Z' };
    };
    const r = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', {
      ...values,
      planned: '1,00',
    });
    assert.ok(!r.ok && r.conflict);
    assert.equal(repo.lines[0]!.planned_cents, 10_000_00);
    assert.equal(written.length, 0);
  });

  it('writes nothing when nothing changed', async () => {
    const { written, service } = setup();
    const { values } = await service.lineForm('GM0505', 'dordt-west', 'a');
    const r = await service.updateLine(actor, 'GM0505', 'dordt-west', 'a', values);
    assert.deepEqual(r, { ok: true, changed: false });
    assert.equal(written.length, 0);
  });
});

describe('correcting a funding source', () => {
  it('corrects the amount per year and the first year, audited in euros', async () => {
    const { repo, written, service } = setup();
    const { values } = await service.sourceForm('GM0505', 'dordt-west', 'bzk');
    assert.equal(values.annual, '500000,00');
    const r = await service.updateSource(actor, 'GM0505', 'dordt-west', 'bzk', {
      ...values,
      annual: '450.000',
      from_year: '2024',
    });
    assert.deepEqual(r, { ok: true, changed: true });
    const saved = repo.sources.find((s) => s.id === 'bzk')!;
    assert.equal(saved.annual_cents, 45_000_000);
    assert.equal(saved.from_year, 2024);
    assert.deepEqual(written[0]!.before, { 'per jaar': '€ 500.000,00', 'vanaf jaar': '2023' });
    assert.deepEqual(written[0]!.after, { 'per jaar': '€ 450.000,00', 'vanaf jaar': '2024' });
    assert.equal(written[0]!.action, 'begroting.bron-gewijzigd');
  });

  it('refuses what adding refuses, and another municipality’s source', async () => {
    const { repo, written, service } = setup();
    const { values } = await service.sourceForm('GM0505', 'dordt-west', 'bzk');
    for (const [change, field] of [
      [{ annual: '-1,00' }, 'annual'],
      [{ name: '' }, 'name'],
      [{ kind: 'loterij' }, 'kind'],
      [{ from_year: '23' }, 'from_year'],
    ] as const) {
      const r = await service.updateSource(actor, 'GM0505', 'dordt-west', 'bzk', {
        ...values,
        ...change,
      });
      assert.ok(!r.ok && r.errors[field], field);
    }
    await assert.rejects(service.sourceForm('GM0505', 'dordt-west', 'ander'), NotFoundError);
    await assert.rejects(
      service.updateSource(actor, 'GM0505', 'elders', 'ander', values),
      NotFoundError,
    );
    assert.deepEqual(repo.sources, [bzk, own, elsewhere]);
    assert.equal(written.length, 0);
  });

  it('refuses a save over a save made after the form was opened', async () => {
    const { repo, written, service } = setup();
    const anna = await service.sourceForm('GM0505', 'dordt-west', 'bzk');
    const bert = await service.sourceForm('GM0505', 'dordt-west', 'bzk');
    assert.ok(
      (
        await service.updateSource(actor, 'GM0505', 'dordt-west', 'bzk', {
          ...anna.values,
          note: 'Brief BZK 2023',
        })
      ).ok,
    );
    const r = await service.updateSource(actor, 'GM0505', 'dordt-west', 'bzk', {
      ...bert.values,
      name: 'Rijksbijdrage',
    });
    assert.ok(!r.ok && r.conflict);
    assert.equal(!r.ok && r.values.name, 'Rijksbijdrage');
    assert.equal(!r.ok && r.conflict?.current.toelichting, 'Brief BZK 2023');
    assert.equal(repo.sources[0]!.name, 'Bijdrage Rijk');
    assert.equal(written.length, 1);
    // And a save that loses the race between read and write.
    const { values } = await service.sourceForm('GM0505', 'dordt-west', 'bzk');
    repo.sneak = () => {
      repo.sources[0] = { ...repo.sources[0]!, funder: 'Ministerie van BZK' };
    };
    const lost = await service.updateSource(actor, 'GM0505', 'dordt-west', 'bzk', {
      ...values,
      name: 'Rijksbijdrage',
    });
    assert.ok(!lost.ok && lost.conflict);
    assert.equal(repo.sources[0]!.name, 'Bijdrage Rijk');
    assert.equal(written.length, 1);
  });
});

describe('correcting a booking', () => {
  it('corrects amount, date and line, keeps the import key, audits in words', async () => {
    const { repo, written, service } = setup();
    repo.entries[0] = { ...repo.entries[0]!, import_key: 'sleutel-1' };
    const form = await service.entryForm('GM0505', 'dordt-west', 'e1');
    assert.equal(form.values.amount, '1234,56');
    assert.deepEqual(
      form.lines.map((l) => l.id),
      ['a', 'b'],
    );
    const r = await service.updateEntry(actor, 'GM0505', 'dordt-west', 'e1', {
      ...form.values,
      amount: '1.243,56',
      entry_date: '2025-04-01',
      budget_line_id: 'b',
    });
    assert.deepEqual(r, { ok: true, changed: true, lineId: 'b' });
    const saved = repo.entries[0]!;
    assert.equal(saved.amount_cents, 1_243_56);
    assert.equal(saved.budget_line_id, 'b');
    assert.equal(saved.import_key, 'sleutel-1');
    assert.equal(saved.created_by, 'Piet');
    assert.equal(written[0]!.action, 'begroting.boeking-gewijzigd');
    assert.deepEqual(written[0]!.before, {
      begrotingsregel: 'A – Regel a',
      datum: '2025-03-31',
      bedrag: '€ 1.234,56',
    });
    assert.deepEqual(written[0]!.after, {
      begrotingsregel: 'B – Regel b',
      datum: '2025-04-01',
      bedrag: '€ 1.243,56',
    });
  });

  it('refuses a line of another municipality and what booking refuses; 404 for a foreign booking', async () => {
    const { repo, written, service } = setup();
    const { values } = await service.entryForm('GM0505', 'dordt-west', 'e1');
    for (const [change, field] of [
      [{ budget_line_id: 'x' }, 'budget_line_id'],
      [{ amount: '0' }, 'amount'],
      [{ entry_date: '31-03-2025' }, 'entry_date'],
      [{ kind: 'gift' }, 'kind'],
      [{ description: '' }, 'description'],
    ] as const) {
      const r = await service.updateEntry(actor, 'GM0505', 'dordt-west', 'e1', {
        ...values,
        ...change,
      });
      assert.ok(!r.ok && r.errors[field], field);
    }
    await assert.rejects(service.entryForm('GM0505', 'dordt-west', 'ex'), NotFoundError);
    await assert.rejects(
      service.updateEntry(actor, 'GM0505', 'elders', 'ex', values),
      NotFoundError,
    );
    assert.deepEqual(repo.entries, [booking('e1', 'a'), booking('ex', 'x')]);
    assert.equal(written.length, 0);
  });

  it('refuses a save over a save made after the form was opened', async () => {
    const { repo, written, service } = setup();
    const anna = await service.entryForm('GM0505', 'dordt-west', 'e1');
    const bert = await service.entryForm('GM0505', 'dordt-west', 'e1');
    assert.ok(
      (
        await service.updateEntry(actor, 'GM0505', 'dordt-west', 'e1', {
          ...anna.values,
          reference: 'F-2',
        })
      ).ok,
    );
    const r = await service.updateEntry(actor, 'GM0505', 'dordt-west', 'e1', {
      ...bert.values,
      amount: '99,00',
    });
    assert.ok(!r.ok && r.conflict);
    assert.equal(!r.ok && r.values.amount, '99,00');
    assert.equal(repo.entries[0]!.amount_cents, 1_234_56);
    assert.equal(repo.entries[0]!.reference, 'F-2');
    assert.equal(written.length, 1);
  });
});
