import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Kysely } from 'kysely';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import type { Database } from '../../db/schema.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { deleteTarget, findTarget, listTargets, upsertTarget } from './target.repository.ts';
import { DEFAULT_TARGETS_FILE, loadTargetsFile, seedExampleTargets } from './target.service.ts';
import type { Target } from './target.types.ts';

const GM = 'GM0999';

async function focusArea(db: Kysely<Database>, slug: string): Promise<void> {
  await upsertFocusArea(db, {
    slug,
    name: `${slug} (fixture)`,
    municipality_code: GM,
    municipality_name: 'Fixturegemeente',
    composition_status: 'onbekend',
    source_note: 'fixture',
  });
}

const target: Target = {
  focusAreaSlug: 'fixture-gebied',
  indicatorKey: 'overgewicht',
  kind: 'gap',
  reference: 'nederland',
  gapShare: 0.5,
  baselinePeriod: '2023',
  targetYear: 2035,
  isExample: false,
  note: 'fixture',
};

describeEachDialect('target repository', (getDb) => {
  it('stores a target with an audit entry, and writes nothing when saved unchanged', async () => {
    const { db } = getDb();
    await focusArea(db, 'fixture-gebied');
    assert.equal(await upsertTarget(db, target, 'gebruiker:1 Test'), 'aangemaakt');
    const stored = await findTarget(db, 'fixture-gebied', 'overgewicht');
    assert.ok(stored);
    const { updatedAt, updatedBy, ...fields } = stored;
    assert.deepEqual(fields, target);
    assert.equal(updatedBy, 'gebruiker:1 Test');
    assert.ok(!Number.isNaN(Date.parse(updatedAt)));
    assert.equal(typeof stored.gapShare, 'number');
    assert.equal(typeof stored.targetYear, 'number');

    let audit = await listAudit(db, { municipalityCode: GM });
    assert.equal(audit.length, 1);
    assert.equal(audit[0]?.action, 'doel.aangemaakt');
    assert.equal(audit[0]?.entityId, 'fixture-gebied/overgewicht');
    assert.equal(audit[0]?.municipalityCode, GM);
    assert.equal(audit[0]?.before, null);
    assert.deepEqual(JSON.parse(audit[0]?.after ?? 'null'), target);

    assert.equal(await upsertTarget(db, target, 'gebruiker:1 Test'), 'ongewijzigd');
    assert.equal((await listAudit(db, { municipalityCode: GM })).length, 1);

    const changed: Target = { ...target, kind: 'value', targetValue: 14.5 };
    delete changed.reference;
    delete changed.gapShare;
    assert.equal(await upsertTarget(db, changed, 'gebruiker:2 Ander'), 'gewijzigd');
    const after = await findTarget(db, 'fixture-gebied', 'overgewicht');
    assert.equal(after?.kind, 'value');
    assert.equal(after?.targetValue, 14.5);
    assert.equal(after?.gapShare, undefined, 'old gap fields are cleared');
    assert.equal(after?.updatedBy, 'gebruiker:2 Ander');
    audit = await listAudit(db, { municipalityCode: GM });
    assert.equal(audit.length, 2);
    assert.equal(audit[0]?.action, 'doel.gewijzigd');
    assert.deepEqual(JSON.parse(audit[0]?.before ?? 'null'), target);
    assert.deepEqual(JSON.parse(audit[0]?.after ?? 'null'), changed);
  });

  it('lists the targets of one focus area only, by indicator', async () => {
    const { db } = getDb();
    await focusArea(db, 'fixture-gebied');
    await focusArea(db, 'ander-gebied');
    await upsertTarget(db, { ...target, indicatorKey: 'rookt' }, 'test');
    await upsertTarget(db, target, 'test');
    await upsertTarget(db, { ...target, focusAreaSlug: 'ander-gebied' }, 'test');
    const list = await listTargets(db, 'fixture-gebied');
    assert.deepEqual(
      list.map((t) => t.indicatorKey),
      ['overgewicht', 'rookt'],
    );
  });

  it('deletes with an audit entry, and reports a second delete as nothing to do', async () => {
    const { db } = getDb();
    await focusArea(db, 'fixture-gebied');
    await upsertTarget(db, target, 'test');
    assert.equal(await deleteTarget(db, 'fixture-gebied', 'overgewicht', 'gebruiker:3 X'), true);
    assert.equal(await findTarget(db, 'fixture-gebied', 'overgewicht'), undefined);
    const audit = await listAudit(db, { municipalityCode: GM });
    assert.equal(audit[0]?.action, 'doel.verwijderd');
    assert.equal(audit[0]?.actor, 'gebruiker:3 X');
    assert.deepEqual(JSON.parse(audit[0]?.before ?? 'null'), target);
    assert.equal(audit[0]?.after, null);
    assert.equal(await deleteTarget(db, 'fixture-gebied', 'overgewicht', 'test'), false);
    assert.equal((await listAudit(db, { municipalityCode: GM })).length, 2);
  });

  it('writes the target and its audit entry in the caller’s transaction', async () => {
    const { db } = getDb();
    await focusArea(db, 'fixture-gebied');
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await upsertTarget(trx, target, 'test');
        throw new Error('rollback (fixture)');
      }),
      /rollback/,
    );
    assert.equal(await findTarget(db, 'fixture-gebied', 'overgewicht'), undefined);
    assert.equal((await listAudit(db, { municipalityCode: GM })).length, 0);
  });

  it('seeds the example targets once, keeps a user’s edit and does not revive a deleted one', async () => {
    const { db } = getDb();
    await focusArea(db, 'dordt-west');
    const examples = loadTargetsFile(DEFAULT_TARGETS_FILE);
    const first = await seedExampleTargets(db);
    assert.equal(first.inserted, examples.length);
    const seeded = await listTargets(db, 'dordt-west');
    assert.equal(seeded.length, examples.length);
    assert.ok(seeded.every((t) => t.isExample && t.updatedBy === 'seed'));

    const second = await seedExampleTargets(db);
    assert.deepEqual(second, { inserted: 0, kept: examples.length, skippedDeleted: 0 });

    const [edited, removed] = seeded;
    assert.ok(edited && removed);
    await upsertTarget(
      db,
      { ...edited, gapShare: 0.5, isExample: false, note: 'Vastgesteld (fixture)' },
      'gebruiker:1 Test',
    );
    await deleteTarget(db, 'dordt-west', removed.indicatorKey, 'gebruiker:1 Test');
    const third = await seedExampleTargets(db);
    assert.deepEqual(third, {
      inserted: 0,
      kept: examples.length - 1,
      skippedDeleted: 1,
    });
    const kept = await findTarget(db, 'dordt-west', edited.indicatorKey);
    assert.equal(kept?.gapShare, 0.5);
    assert.equal(kept?.isExample, false);
    assert.equal(kept?.note, 'Vastgesteld (fixture)');
    assert.equal(await findTarget(db, 'dordt-west', removed.indicatorKey), undefined);
  });

  it('refuses to seed for a focus area that does not exist, and writes nothing', async () => {
    const { db } = getDb();
    await assert.rejects(seedExampleTargets(db), /focusgebied "dordt-west" bestaat niet/);
    assert.equal((await listTargets(db, 'dordt-west')).length, 0);
  });
});
