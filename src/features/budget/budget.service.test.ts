import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry, AuditWriter } from './audit-writer.ts';
import type {
  BudgetEntry,
  BudgetLine,
  BudgetRepository,
  EntrySum,
  FundingSource,
} from './budget.repository.ts';
import { BudgetService, planVsRealisation } from './budget.service.ts';
import type { NewBudgetEntry, NewBudgetLine } from './budget.table.ts';

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
const own: FundingSource = {
  ...bzk,
  id: 'eigen',
  name: 'Eigen budget',
  kind: 'gemeente',
  annual_cents: null,
};

function line(
  id: string,
  source: string,
  planned: number,
  theme: string | null,
  year = 2025,
): BudgetLine {
  return {
    id,
    focus_area_slug: 'dordt-west',
    code: id.toUpperCase(),
    year,
    theme,
    project: '',
    funding_source_id: source,
    description: id,
    planned_cents: planned,
    negative_reason: null,
    created_at: '',
    updated_at: '',
  };
}

/** An in-memory repository: the service's rules without a database. */
class FakeRepo {
  handle = 'fake-transaction';
  lines: BudgetLine[] = [];
  entries: BudgetEntry[] = [];
  sources: FundingSource[] = [bzk, own];
  failAfterInserts = Infinity;
  async transaction<T>(fn: (r: FakeRepo) => Promise<T>): Promise<T> {
    const snapshot = [...this.entries];
    try {
      return await fn(this);
    } catch (error) {
      this.entries = snapshot;
      throw error;
    }
  }
  async focusArea(slug: string) {
    return slug === 'dordt-west' ? { slug, name: 'Dordt West', municipality_code: 'GM0505' } : null;
  }
  async listSources() {
    return this.sources;
  }
  async listLines() {
    return this.lines;
  }
  async findLine(_slug: string, id: string) {
    return this.lines.find((l) => l.id === id) ?? null;
  }
  async insertLine(l: NewBudgetLine) {
    this.lines.push(l as BudgetLine);
  }
  async insertEntry(e: NewBudgetEntry) {
    if (e.import_key && this.entries.some((x) => x.import_key === e.import_key)) return false;
    if (this.entries.length >= this.failAfterInserts) throw new Error('schijf vol');
    this.entries.push(e as BudgetEntry);
    return true;
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
  const service = new BudgetService(
    repo as unknown as BudgetRepository,
    audit,
    () => new Date('2026-01-02T10:00:00Z'),
  );
  return { repo, written, service };
}

const actor = { id: 'u1', name: 'Piet' };

describe('planVsRealisation', () => {
  it('sums plan, open commitments and spending per line, theme and year in cents', () => {
    const lines = [
      line('a', 'bzk', 50_000_000, null, 2023),
      line('b', 'eigen', 12_345_67, 'wonen', 2024),
      line('c', 'bzk', 1, 'wonen', 2024),
    ];
    const sums: EntrySum[] = [
      { budget_line_id: 'a', kind: 'uitgave', total_cents: 10_000_01 },
      { budget_line_id: 'a', kind: 'verplichting', total_cents: 2_000_00 },
      { budget_line_id: 'b', kind: 'uitgave', total_cents: 345_67 },
    ];
    const p = planVsRealisation(lines, sums, [bzk, own]);
    assert.deepEqual(
      p.rows.map((r) => [
        r.line.id,
        r.plannedCents,
        r.committedCents,
        r.spentCents,
        r.availableCents,
      ]),
      [
        ['a', 50_000_000, 2_000_00, 10_000_01, 50_000_000 - 2_000_00 - 10_000_01],
        ['b', 12_345_67, 0, 345_67, 12_000_00],
        ['c', 1, 0, 0, 1],
      ],
    );
    assert.equal(p.total.plannedCents, 50_000_000 + 12_345_67 + 1);
    assert.equal(p.total.spentCents, 10_000_01 + 345_67);
    // The municipality's own budgets apart from the rest: the council controls that part.
    assert.deepEqual(p.ownContribution, {
      plannedCents: 12_345_67,
      committedCents: 0,
      spentCents: 345_67,
      availableCents: 12_000_00,
    });
    assert.equal(p.otherContributions.plannedCents, 50_000_001);
    assert.deepEqual(
      p.byYear.map((y) => [y.year, y.plannedCents]),
      [
        [2023, 50_000_000],
        [2024, 12_345_68],
      ],
    );
    assert.deepEqual(
      p.byTheme.map((t) => [t.name, t.spentCents]),
      [
        ['Geen thema (programmabureau)', 10_000_01],
        ['Wonen', 345_67],
      ],
    );
  });
});

describe('BudgetService', () => {
  it('refuses a negative budget without a reason and keeps it with one, audited', async () => {
    const { service, repo, written } = setup();
    const form = {
      code: 'GL-1',
      year: '2025',
      theme: 'gezond-leven',
      project: 'Sportpark',
      funding_source_id: 'bzk',
      description: 'Correctie',
      planned: '-1.000,00',
      negative_reason: '',
    };
    const refused = await service.addLine(actor, 'GM0505', 'dordt-west', form);
    assert.equal(refused.ok, false);
    assert.match(refused.ok ? '' : refused.errors.negative_reason!, /alleen met een reden/);
    assert.equal(repo.lines.length, 0);
    assert.equal(written.length, 0);
    const saved = await service.addLine(actor, 'GM0505', 'dordt-west', {
      ...form,
      negative_reason: 'Terugbetaling 2024',
    });
    assert.equal(saved.ok, true);
    assert.equal(repo.lines[0]!.planned_cents, -100_000);
    assert.equal(written[0]!.action, 'begroting.regel-aangemaakt');
    assert.equal(written[0]!.municipalityCode, 'GM0505');
  });

  it('refuses an amount in English notation with a Dutch message on the field', async () => {
    const { service } = setup();
    const r = await service.addLine(actor, 'GM0505', 'dordt-west', {
      code: 'X',
      year: '2025',
      funding_source_id: 'bzk',
      description: 'x',
      planned: '1000.50',
    });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.errors.planned!, /komma voor de centen/);
  });

  it('does not open another municipality’s focus area', async () => {
    const { service } = setup();
    await assert.rejects(service.overview('GM0014', 'dordt-west'), /hoort niet bij deze gemeente/);
  });

  it('imports rows once: the same rows twice add nothing; a failure leaves nothing', async () => {
    const { service, repo, written } = setup();
    repo.lines.push(line('a', 'bzk', 100, null));
    const rows = [1, 2].map((n) => ({
      lineCode: 'A',
      kind: 'uitgave' as const,
      date: '2025-01-0' + n,
      cents: n * 100,
      description: 'x',
      reference: '',
      key: `k${n}`,
    }));
    assert.deepEqual(await service.importEntries(actor, 'GM0505', 'dordt-west', rows, 'f.xlsx'), {
      added: 2,
      skipped: 0,
    });
    assert.deepEqual(await service.importEntries(actor, 'GM0505', 'dordt-west', rows, 'f.xlsx'), {
      added: 0,
      skipped: 2,
    });
    assert.equal(repo.entries.length, 2);
    assert.equal(written.length, 2);
    repo.failAfterInserts = 3;
    const more = [3, 4].map((n) => ({ ...rows[0]!, key: `k${n}` }));
    await assert.rejects(service.importEntries(actor, 'GM0505', 'dordt-west', more, 'g.xlsx'));
    assert.equal(repo.entries.length, 2, 'the transaction rolled the first new row back');
  });
});
