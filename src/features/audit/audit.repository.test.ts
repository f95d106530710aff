import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { auditToCsv, csvCell } from './audit.csv.ts';
import { countAudit, listAudit, recordAudit } from './audit.repository.ts';

describeEachDialect('audit log', (getDb) => {
  it('records who, when, what, before and after, newest first, per municipality', async () => {
    const { db } = getDb();
    await recordAudit(
      db,
      {
        actor: 'cli',
        action: 'a.eerste',
        entity: 'x',
        entityId: '1',
        municipalityCode: 'GM0505',
        after: { n: 1 },
      },
      new Date('2026-11-01T10:00:00Z'),
    );
    await recordAudit(db, {
      actor: 'import',
      action: 'a.landelijk',
      entity: 'dataset',
      entityId: 'd1',
    });
    await recordAudit(db, {
      actor: 'cli',
      action: 'a.ander',
      entity: 'x',
      entityId: '2',
      municipalityCode: 'GM0014',
    });
    await recordAudit(db, {
      actor: 'gebruiker:u1 Anna',
      action: 'a.tweede',
      entity: 'x',
      entityId: '1',
      municipalityCode: 'GM0505',
      before: { n: 1 },
      after: { n: 2 },
    });

    const rows = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.deepEqual(
      rows.map((r) => r.action),
      ['a.tweede', 'a.landelijk', 'a.eerste'],
    );
    assert.equal(rows[0]!.before, '{"n":1}');
    assert.equal(rows[0]!.after, '{"n":2}');
    assert.equal(rows[2]!.occurredAt, '2026-11-01T10:00:00.000Z');
    assert.equal(await countAudit(db, 'GM0505'), 3);
    assert.equal(await countAudit(db, 'GM0014'), 2);
    assert.equal(
      (await listAudit(db, { municipalityCode: 'GM0505', limit: 1, offset: 1 }))[0]!.action,
      'a.landelijk',
    );
  });

  it('cannot be changed or emptied, not even with a hand-written query', async () => {
    const { db } = getDb();
    await recordAudit(db, {
      actor: 'cli',
      action: 'a',
      entity: 'x',
      entityId: '1',
      municipalityCode: 'GM0505',
    });
    await assert.rejects(
      db.updateTable('audit_log').set({ actor: 'iemand anders' }).execute(),
      /append-only/,
    );
    await assert.rejects(db.deleteFrom('audit_log').execute(), /append-only/);
    const rows = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor, 'cli');
  });

  it('rolls back with the change it describes', async () => {
    const { db } = getDb();
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        await recordAudit(trx, {
          actor: 'cli',
          action: 'a',
          entity: 'x',
          entityId: '1',
          municipalityCode: 'GM0505',
        });
        throw new Error('de wijziging mislukt');
      }),
      /mislukt/,
    );
    assert.equal(await countAudit(db, 'GM0505'), 0);
  });
});

describe('audit CSV export', () => {
  it('quotes separators and defuses spreadsheet formulas', () => {
    assert.equal(csvCell('gewoon'), 'gewoon');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('zei "ja"'), '"zei ""ja"""');
    assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvCell('+31'), `"'+31"`);
    assert.equal(csvCell(null), '');
    const csv = auditToCsv([
      {
        id: 7,
        occurredAt: '2026-11-28T10:00:00.000Z',
        actor: 'cli',
        action: 'gebruiker.aangemaakt',
        entity: 'gebruiker',
        entityId: 'u1',
        municipalityCode: 'GM0505',
        before: null,
        after: '{"naam":"Anna"}',
      },
    ]);
    assert.ok(csv.startsWith('\uFEFFvolgnummer,tijdstip,wie'));
    assert.match(
      csv,
      // The raw entry first, as before; then the same in words.
      /\r\n7,2026-11-28T10:00:00.000Z,cli,gebruiker.aangemaakt,gebruiker,u1,GM0505,,"\{""naam"":""Anna""\}",een beheerder met de opdrachtregel,Gebruiker gemaakt,naam: Anna\r\n$/,
    );
  });
});
