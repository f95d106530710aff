import assert from 'node:assert/strict';
import { it } from 'node:test';
import ExcelJS from 'exceljs';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { recordAudit } from '../audit/audit.repository.ts';
import { ParticipationRepository } from './participation.repository.ts';
import { ParticipationService, type ParticipationDeps } from './participation.service.ts';
import type { NewParticipationSession } from './participation.table.ts';
import { fakeDeps, sessionForm } from './test-fixtures.ts';

function fixtureSession(id: string, overrides: Partial<NewParticipationSession> = {}) {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: 'fixture-west',
    title: `Fixture ${id}`,
    description: null,
    starts_at: '2027-01-14T18:30:00.000Z',
    ends_at: '2027-01-14T20:30:00.000Z',
    location: 'Fixture-buurthuis',
    organiser: 'Fixture-organisator',
    audience: 'gemengd' as const,
    is_public: 1,
    status: 'gepland' as const,
    cancel_reason: null,
    created_at: '2027-01-01T09:00:00.000Z',
    created_by: 'fixture',
    updated_at: '2027-01-01T09:00:00.000Z',
    updated_by: 'fixture',
    ...overrides,
  };
}

function input(id: string, sessionId: string, theme: string, kind: 'kans' | 'idee', votes: number) {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: 'fixture-west',
    source: 'bijeenkomst' as const,
    session_id: sessionId,
    theme_key: theme,
    sub_theme: null,
    kind,
    text: `Fixture-inbreng ${id}`,
    table_group: 'Tafel 1',
    votes,
    quote_allowed: 0,
    quote_review: 'niet_toegestaan' as const,
    import_id: null,
    import_row: null,
    created_at: '2027-01-14T19:00:00.000Z',
    created_by: 'fixture',
  };
}

describeEachDialect('participation repository', (getDb) => {
  it('stores sessions with themes and finds the public upcoming ones of an area', async () => {
    const repo = new ParticipationRepository(getDb().db);
    await repo.insertSession(fixtureSession('s1'), ['wonen', 'onderwijs']);
    await repo.insertSession(fixtureSession('s2', { is_public: 0 }), ['wonen']);
    await repo.insertSession(
      fixtureSession('s3', {
        starts_at: '2026-11-01T18:00:00.000Z',
        ends_at: '2026-11-01T20:00:00.000Z',
      }),
      ['wonen'],
    );
    await repo.insertSession(
      fixtureSession('s4', { municipality_code: 'GM0014', focus_area_slug: 'elders' }),
      ['wonen'],
    );
    const found = await repo.findSession('s1');
    assert.deepEqual(found?.themes, ['onderwijs', 'wonen']);
    assert.equal(found?.is_public, 1);
    assert.equal(await repo.findSession('nee'), null);
    assert.deepEqual(
      (await repo.listPublicSessionsFrom('fixture-west', '2027-01-01T00:00:00.000Z')).map(
        (s) => s.id,
      ),
      ['s1'],
    );
    assert.equal(await repo.countHeldSessions('fixture-west', '2027-01-01T00:00:00.000Z'), 1);
    assert.deepEqual(
      (await repo.listSessionsOfMunicipality('GM0505')).map((s) => s.id),
      ['s1', 's2', 's3'],
    );
    await repo.updateSession('s1', { ...fixtureSession('s1'), title: 'Nieuw' }, ['gezond-leven']);
    assert.deepEqual((await repo.findSession('s1'))?.themes, ['gezond-leven']);
    await repo.cancelSession('s1', 'Zaal dicht', '2027-01-02T00:00:00.000Z', 'fixture');
    assert.equal((await repo.findSession('s1'))?.status, 'geannuleerd');
  });

  it('keeps attendance per group and counts inputs and votes per theme and kind as numbers', async () => {
    const repo = new ParticipationRepository(getDb().db);
    await repo.insertSession(fixtureSession('s1'), ['wonen']);
    await repo.setAttendance('s1', 'Bewoners', 12);
    await repo.setAttendance('s1', 'Bewoners', 14);
    await repo.setAttendance('s1', 'Zorg', 3);
    await repo.setAttendance('s1', 'Zorg', 0);
    assert.deepEqual(await repo.listAttendance('s1'), [
      { session_id: 's1', group_label: 'Bewoners', count: 14 },
    ]);
    await repo.insertInputs([
      input('i1', 's1', 'wonen', 'kans', 2),
      input('i2', 's1', 'wonen', 'kans', 3),
      input('i3', 's1', 'onderwijs', 'idee', 0),
    ]);
    assert.deepEqual(await repo.countInputs('s1'), [
      { theme_key: 'onderwijs', kind: 'idee', inputs: 1, votes: 0 },
      { theme_key: 'wonen', kind: 'kans', inputs: 2, votes: 5 },
    ]);
    const listed = await repo.listInputsOfSession('s1');
    assert.equal(listed.length, 3);
    assert.equal(typeof listed[0]!.votes, 'number');
    assert.equal((await repo.deleteInput('s1', 'i1'))?.id, 'i1');
    assert.equal(await repo.deleteInput('s1', 'i1'), null);
  });

  it('loads the same file into a session once: the database refuses a second loaded copy', async () => {
    const repo = new ParticipationRepository(getDb().db);
    await repo.insertSession(fixtureSession('s1'), ['wonen']);
    const staged = (id: string) => ({
      id,
      session_id: 's1',
      file_name: 'fixture.xlsx',
      file_hash: 'abc',
      rows: '[]',
      created_at: '2027-01-14T19:00:00.000Z',
      created_by: 'fixture',
      confirmed_at: null,
      loaded_hash: null,
    });
    await repo.insertImport(staged('u1'));
    await repo.insertImport(staged('u2'));
    await repo.markImportLoaded('u1', 'abc', '2027-01-14T19:01:00.000Z');
    assert.equal((await repo.findLoadedImport('s1', 'abc'))?.id, 'u1');
    await assert.rejects(repo.markImportLoaded('u2', 'abc', '2027-01-14T19:02:00.000Z'));
  });

  it('confirms an import in one transaction: when the audit write fails, no input is left', async () => {
    const { db } = getDb();
    const base = fakeDeps().deps;
    const deps = (failAudit: boolean): ParticipationDeps => ({
      ...base,
      repository: new ParticipationRepository(db),
      transaction: (work) =>
        db.transaction().execute((trx) =>
          work({
            repository: new ParticipationRepository(trx),
            audit: {
              record: async (entry) => {
                if (failAudit && entry.action === 'inbreng.bestand-geladen')
                  throw new Error('fixture: audit log unavailable');
                await recordAudit(trx, entry);
              },
            },
          }),
        ),
    });
    const actor = { id: 'fixture', audit: 'gebruiker:fixture Fixture' };
    const failing = new ParticipationService(deps(true));
    const planned = await failing.planSession(actor, 'GM0505', sessionForm());
    assert.ok(planned.ok);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Inbreng');
    ws.addRow(['Thema', 'Soort', 'Tekst', 'Stemmen']);
    ws.addRow(['Wonen', 'kans', 'Fixture-briefje 1', 1]);
    ws.addRow(['Wonen', 'idee', 'Fixture-briefje 2', 0]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const staged = await failing.stageImport(actor, 'GM0505', planned.id, {
      fileName: 'f.xlsx',
      bytes,
    });
    assert.ok(staged.ok);
    await assert.rejects(failing.confirmImport(actor, 'GM0505', planned.id, staged.importId));
    const repo = new ParticipationRepository(db);
    assert.deepEqual(await repo.listInputsOfSession(planned.id), []);
    assert.equal(
      await repo.findLoadedImport(
        planned.id,
        (await repo.findImport(planned.id, staged.importId))!.file_hash,
      ),
      null,
    );

    const working = new ParticipationService(deps(false));
    assert.deepEqual(await working.confirmImport(actor, 'GM0505', planned.id, staged.importId), {
      status: 'geladen',
      count: 2,
    });
    assert.equal((await repo.listInputsOfSession(planned.id)).length, 2);
  });
});
