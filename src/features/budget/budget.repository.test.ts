import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { BudgetRepository, type BudgetEntry, type BudgetLine } from './budget.repository.ts';

/** Corrections: found only within their focus area, saved only over what was read. */
describeEachDialect('budget repository: corrections', (getDb) => {
  async function setup() {
    const db = getDb().db;
    for (const [slug, code] of [
      ['dordt-west', 'GM0505'],
      ['elders', 'GM0014'],
    ] as const)
      await upsertFocusArea(db, {
        slug,
        name: slug,
        municipality_code: code,
        municipality_name: code,
        composition_status: 'bekend',
        source_note: '',
      });
    const repo = new BudgetRepository(db);
    const line = (id: string, slug: string): BudgetLine => ({
      id,
      focus_area_slug: slug,
      code: id.toUpperCase(),
      year: 2025,
      theme: null,
      project: '',
      funding_source_id: 'dordt-west-bzk',
      description: id,
      planned_cents: 5_000_000_000,
      negative_reason: null,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    });
    await repo.insertLine(line('l1', 'dordt-west'));
    await repo.insertLine(line('l2', 'elders'));
    const entry = (id: string, lineId: string): BudgetEntry => ({
      id,
      budget_line_id: lineId,
      kind: 'uitgave',
      entry_date: '2025-01-01',
      amount_cents: 3_000_000_000,
      description: 'x',
      reference: '',
      import_key: `k-${id}`,
      created_at: 't',
      created_by: 'Piet',
    });
    await repo.insertEntry(entry('e1', 'l1'));
    await repo.insertEntry(entry('e2', 'l2'));
    return { repo, line, entry };
  }

  it('saves a line only when its updated_at is still the one loaded', async () => {
    const { repo, line } = await setup();
    const next = {
      ...line('l1', 'dordt-west'),
      planned_cents: 6_000_000_000,
      updated_at: '2026-01-02T00:00:00.000Z',
    };
    assert.equal(await repo.updateLine(next, '2026-01-01T00:00:00.000Z'), true);
    assert.equal((await repo.findLine('dordt-west', 'l1'))!.planned_cents, 6_000_000_000);
    // A second save from a form opened before the first: refused, the first stays.
    const stale = { ...next, planned_cents: 1, updated_at: '2026-01-03T00:00:00.000Z' };
    assert.equal(await repo.updateLine(stale, '2026-01-01T00:00:00.000Z'), false);
    assert.deepEqual(await repo.findLine('dordt-west', 'l1'), next);
    // Never across focus areas.
    const foreign = { ...line('l2', 'dordt-west'), planned_cents: 1 };
    assert.equal(await repo.updateLine(foreign, '2026-01-01T00:00:00.000Z'), false);
    assert.equal((await repo.findLine('elders', 'l2'))!.planned_cents, 5_000_000_000);
  });

  it('saves a funding source only over the values read, empty amounts included', async () => {
    const { repo } = await setup();
    const sources = await repo.listSources('dordt-west');
    const own = sources.find((s) => s.kind === 'gemeente')!;
    assert.equal(own.annual_cents, null);
    assert.deepEqual(await repo.findSource('dordt-west', own.id), own);
    assert.equal(await repo.findSource('elders', own.id), null);
    const next = { ...own, annual_cents: 12_345_678_901, from_year: 2024, note: 'raad 2024' };
    assert.equal(await repo.updateSource(own, next), true);
    assert.deepEqual(await repo.findSource('dordt-west', own.id), next);
    // `own` is what a second editor read before: their save is refused.
    assert.equal(await repo.updateSource(own, { ...own, name: 'Anders' }), false);
    assert.deepEqual(await repo.findSource('dordt-west', own.id), next);
    assert.equal(await repo.updateSource(next, { ...next, annual_cents: null }), true);
    assert.equal((await repo.findSource('dordt-west', own.id))!.annual_cents, null);
  });

  it('finds a booking only through its own focus area and saves it only over the values read', async () => {
    const { repo, entry } = await setup();
    const e1 = (await repo.findEntry('dordt-west', 'e1'))!;
    assert.deepEqual(e1, entry('e1', 'l1'));
    assert.equal(await repo.findEntry('dordt-west', 'e2'), null);
    assert.equal(await repo.findEntry('elders', 'e1'), null);
    const next = { ...e1, amount_cents: 3_000_000_001, entry_date: '2025-02-01', reference: 'F' };
    assert.equal(await repo.updateEntry(e1, next), true);
    assert.deepEqual(await repo.findEntry('dordt-west', 'e1'), next);
    assert.equal(await repo.updateEntry(e1, { ...e1, description: 'te laat' }), false);
    assert.deepEqual(await repo.findEntry('dordt-west', 'e1'), next);
    assert.deepEqual(await repo.sumEntries('dordt-west'), [
      { budget_line_id: 'l1', kind: 'uitgave', total_cents: 3_000_000_001 },
    ]);
  });
});
