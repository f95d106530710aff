import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { ParticipationRepository } from '../participation/index.ts';
import { listAudit, recordAudit } from '../audit/audit.repository.ts';
import { ContoursRepository } from './contours.repository.ts';
import { ContoursService } from './contours.service.ts';
import type { ContourVersionRow } from './contours.table.ts';

function versionRow(id: string, version: number, slug = 'fixture-west'): ContourVersionRow {
  return {
    id,
    municipality_code: 'GM0505',
    focus_area_slug: slug,
    version,
    status: 'concept',
    content: JSON.stringify({ themes: [] }),
    note: `Fixture-versie ${version}`,
    based_on: null,
    created_at: `2027-01-0${version}T09:00:00.000Z`,
    created_by: 'fixture',
    created_by_name: 'Fixture Bureau',
    submitted_at: null,
    submitted_by_name: null,
    decided_at: null,
    decided_by_name: null,
    decided_on: null,
    decision_reference: null,
    decision_id: null,
  };
}

describeEachDialect('contours repository', (getDb) => {
  it('keeps every version and finds the latest, a named one and the last set one', async () => {
    const repo = new ContoursRepository(getDb().db);
    assert.equal(await repo.findVersion('fixture-west'), null);
    await repo.insertVersion(versionRow('v1', 1));
    await repo.insertVersion({ ...versionRow('v2', 2), based_on: 1 });
    await repo.insertVersion(versionRow('x1', 1, 'elders'));
    assert.equal((await repo.findVersion('fixture-west'))?.version, 2);
    assert.equal((await repo.findVersion('fixture-west', 2))?.based_on, 1);
    assert.equal((await repo.findVersion('fixture-west', 1))?.id, 'v1');
    assert.equal(await repo.findVersion('fixture-west', 3), null);
    assert.deepEqual(
      (await repo.listVersions('fixture-west')).map((v) => v.version),
      [2, 1],
    );
    // Two versions with one number in one area cannot exist: the second is not stored.
    assert.equal(await repo.insertVersion(versionRow('v1b', 1)), false);
    assert.equal((await repo.findVersion('fixture-west', 1))?.id, 'v1');
    assert.equal((await repo.listVersions('fixture-west')).length, 2);
    assert.equal(await repo.findLatestWithStatus('fixture-west', 'vastgesteld'), null);
  });

  it('moves a status only from the expected one, so a set version never changes again', async () => {
    const repo = new ContoursRepository(getDb().db);
    await repo.insertVersion(versionRow('v1', 1));
    assert.equal(
      await repo.changeStatus('v1', 'voorgelegd', {
        status: 'vastgesteld',
        decided_at: '2027-01-02T10:00:00.000Z',
        decided_by_name: 'x',
        decided_on: '2027-01-02',
        decision_reference: 'B-1',
        decision_id: null,
      }),
      false,
    );
    assert.equal(
      await repo.changeStatus('v1', 'concept', {
        status: 'voorgelegd',
        submitted_at: '2027-01-01T10:00:00.000Z',
        submitted_by_name: 'Fixture Bureau',
      }),
      true,
    );
    const set = {
      status: 'vastgesteld' as const,
      decided_at: '2027-01-02T10:00:00.000Z',
      decided_by_name: 'Fixture Bureau',
      decided_on: '2027-01-02',
      decision_reference: 'B-1',
      decision_id: 'd1',
    };
    assert.equal(await repo.changeStatus('v1', 'voorgelegd', set), true);
    assert.equal(
      await repo.changeStatus('v1', 'voorgelegd', { ...set, decision_reference: 'B-2' }),
      false,
    );
    const row = await repo.findLatestWithStatus('fixture-west', 'vastgesteld');
    assert.equal(row?.decision_reference, 'B-1');
    assert.equal(row?.decided_on, '2027-01-02');
    assert.equal(row?.submitted_by_name, 'Fixture Bureau');
    assert.equal(row?.version, 1);
  });

  it('lists the session inputs of an area as evidence, quotable only when allowed and approved', async () => {
    const db = getDb().db;
    const participation = new ParticipationRepository(db);
    await participation.insertSession(
      {
        id: 'sess',
        municipality_code: 'GM0505',
        focus_area_slug: 'fixture-west',
        title: 'Fixture-sessie',
        description: null,
        starts_at: '2027-01-14T18:30:00.000Z',
        ends_at: '2027-01-14T20:30:00.000Z',
        location: 'Fixture',
        organiser: 'Fixture',
        audience: 'gemengd',
        is_public: 1,
        status: 'gepland',
        cancel_reason: null,
        created_at: '2027-01-01T09:00:00.000Z',
        created_by: 'fixture',
        updated_at: '2027-01-01T09:00:00.000Z',
        updated_by: 'fixture',
      },
      ['wonen'],
    );
    const input = (
      id: string,
      at: string,
      quote: [number, 'niet_toegestaan' | 'te_beoordelen' | 'goedgekeurd'],
    ) => ({
      id,
      municipality_code: 'GM0505',
      focus_area_slug: 'fixture-west',
      source: 'bijeenkomst' as const,
      session_id: 'sess',
      theme_key: 'wonen',
      sub_theme: null,
      kind: 'knelpunt' as const,
      text: `Fixture-tekst ${id}`,
      table_group: null,
      votes: 3,
      quote_allowed: quote[0],
      quote_review: quote[1],
      import_id: null,
      import_row: null,
      created_at: at,
      created_by: 'fixture',
    });
    await participation.insertInputs([
      input('in2', '2027-01-14T19:05:00.000Z', [1, 'goedgekeurd']),
      input('in1', '2027-01-14T19:00:00.000Z', [1, 'te_beoordelen']),
    ]);
    const repo = new ContoursRepository(db);
    assert.deepEqual(await repo.listEvidenceInputs('fixture-west'), [
      {
        id: 'in1',
        theme_key: 'wonen',
        kind: 'knelpunt',
        text: 'Fixture-tekst in1',
        votes: 3,
        quotable: false,
        session_title: 'Fixture-sessie',
      },
      {
        id: 'in2',
        theme_key: 'wonen',
        kind: 'knelpunt',
        text: 'Fixture-tekst in2',
        votes: 3,
        quotable: true,
        session_title: 'Fixture-sessie',
      },
    ]);
    assert.deepEqual(await repo.listEvidenceInputs('elders'), []);
  });

  it('a save that loses the race to another save is a conflict, stores nothing and is not audited', async () => {
    const handle = getDb();
    let competitor = true;
    const service = new ContoursService({
      repository: new ContoursRepository(handle.db),
      // Another save stores version 2 just after this one read version 1 as the latest, as two
      // requests at once do on PostgreSQL.
      transaction: (work) =>
        handle.db.transaction().execute((trx) => {
          const repository = new ContoursRepository(trx);
          const racing = Object.assign(Object.create(repository) as ContoursRepository, {
            findVersion: async (slug: string, n?: number) => {
              const found = await repository.findVersion(slug, n);
              if (competitor && found) {
                competitor = false;
                await repository.insertVersion({ ...versionRow('v2-other', 2), based_on: 1 });
              }
              return found;
            },
          });
          return work({
            repository: racing,
            audit: { record: (entry) => recordAudit(trx, entry) },
          });
        }),
      themes: async () => [{ key: 'wonen', name: 'Wonen' }],
      focusAreas: {
        find: async () => ({
          slug: 'fixture-west',
          name: 'Fixture West',
          municipalityCode: 'GM0505',
          municipalityName: 'Fixture',
        }),
      },
      indicators: async () => [],
      surveyQuestions: () => [],
      codes: async () => [],
      targets: async () => [],
      decisions: async () => [],
      now: () => new Date('2027-01-05T09:00:00.000Z'),
      newId: () => 'v2-mine',
    });
    await new ContoursRepository(handle.db).insertVersion(versionRow('v1', 1));
    const actor = { id: 'u1', name: 'Fixture Bureau', audit: 'gebruiker:u1 Fixture Bureau' };
    const result = await service.saveTheme('GM0505', 'fixture-west', 'wonen', actor, {
      versie: '1',
      titel: 'Mijn titel',
    });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.conflict, true);
    assert.match(
      !result.ok ? (result.errors['versie'] ?? '') : '',
      /iemand anders heeft dit voorstel gewijzigd; intussen is versie 2 opgeslagen/,
    );
    const versions = await new ContoursRepository(handle.db).listVersions('fixture-west');
    assert.deepEqual(
      versions.map((v) => v.id),
      ['v2-other', 'v1'],
    );
    assert.deepEqual(await listAudit(handle.db, { municipalityCode: 'GM0505' }), []);
  });
});
