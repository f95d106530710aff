import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { BudgetRepository } from './budget.repository.ts';
import { SubsidyRepository } from './subsidy.repository.ts';

describeEachDialect('budget and subsidy repositories', (getDb) => {
  async function area() {
    await upsertFocusArea(getDb().db, {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipality_code: 'GM0505',
      municipality_name: 'Dordrecht',
      composition_status: 'bekend',
      source_note: '',
    });
  }

  it('seeds the BZK contribution and the four schemes, with no invented amounts', async () => {
    const budget = new BudgetRepository(getDb().db);
    const sources = await budget.listSources('dordt-west');
    assert.deepEqual(
      sources.map((s) => [s.kind, s.annual_cents, s.from_year]),
      [
        ['gemeente', null, null],
        ['partner', null, null],
        ['rijk', 50_000_000, 2023],
      ],
    );
    const schemes = await new SubsidyRepository(getDb().db).listSchemes();
    assert.deepEqual(
      schemes.map((s) => s.name),
      [
        'Aanpak Geldzorgen, Armoede en Schulden',
        'Preventie met Gezag',
        'School & Omgeving',
        'Volkshuisvestingsfonds',
      ],
    );
  });

  it('sums bookings per line and kind as numbers, beyond 2^31 cents', async () => {
    await area();
    const repo = new BudgetRepository(getDb().db);
    await repo.insertLine({
      id: 'l1',
      focus_area_slug: 'dordt-west',
      code: 'A',
      year: 2025,
      theme: null,
      project: '',
      funding_source_id: 'dordt-west-bzk',
      description: 'x',
      planned_cents: 5_000_000_000,
      negative_reason: null,
      created_at: 't',
      updated_at: 't',
    });
    const entry = (id: string, cents: number, key: string | null) => ({
      id,
      budget_line_id: 'l1',
      kind: 'uitgave' as const,
      entry_date: '2025-01-01',
      amount_cents: cents,
      description: 'x',
      reference: '',
      import_key: key,
      created_at: 't',
      created_by: 't',
    });
    assert.equal(await repo.insertEntry(entry('e1', 3_000_000_000, 'k1')), true);
    assert.equal(await repo.insertEntry(entry('e2', 3_000_000_000, 'k1')), false);
    assert.equal(await repo.insertEntry(entry('e3', 1, null)), true);
    assert.deepEqual(await repo.sumEntries('dordt-west'), [
      { budget_line_id: 'l1', kind: 'uitgave', total_cents: 3_000_000_001 },
    ]);
    assert.equal((await repo.findLine('dordt-west', 'l1'))!.planned_cents, 5_000_000_000);
  });

  it('finds deadlines due in a window once, and marks a reminder sent once', async () => {
    await area();
    const repo = new SubsidyRepository(getDb().db);
    const base = {
      focus_area_slug: 'dordt-west',
      scheme_id: 'school-en-omgeving',
      project: '',
      theme: null,
      requested_cents: null,
      granted_cents: null,
      status: 'idee',
      budget_line_id: null,
      contact_email: 'pb@fixture.example',
      created_at: 't',
      updated_at: 't',
    };
    await repo.insertApplication({
      ...base,
      id: 'a1',
      title: 'A',
      submission_deadline: '2026-03-10',
      accountability_deadline: '2027-01-01',
    });
    await repo.insertApplication({
      ...base,
      id: 'a2',
      title: 'B',
      submission_deadline: '2026-04-30',
      accountability_deadline: null,
    });
    const due = await repo.dueDeadlines('2026-03-01', '2026-03-15');
    assert.deepEqual(
      due.map((d) => [d.application.id, d.kind, d.date, d.municipality_code]),
      [['a1', 'indienen', '2026-03-10', 'GM0505']],
    );
    assert.equal(await repo.markReminded('a1', 'indienen', '2026-03-10', 'now'), true);
    assert.equal(await repo.markReminded('a1', 'indienen', '2026-03-10', 'now'), false);
    assert.deepEqual(await repo.dueDeadlines('2026-03-01', '2026-03-15'), []);
  });
});
