import assert from 'node:assert/strict';
import path from 'node:path';
import { it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { seedFocusAreas } from '../seed/focus-areas.seed.ts';
import { AllianceRepository, allianceTransaction } from './alliance.repository.ts';
import { seedAlliance } from './alliance.seed.ts';
import { AllianceService } from './alliance.service.ts';

const datasetsDir = path.join(projectRoot, 'datasets');
const PB = { actor: 'gebruiker:1 Programmabureau', municipalityCode: 'GM0505' };

describeEachDialect('Alliance repository', (getDb) => {
  it('seeds Dordt West once: ten seats, eleven agreements, audited, no organisations', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    assert.deepEqual(await seedAlliance(db, 'seed'), { seats: 10, agreements: 11 });
    assert.deepEqual(await seedAlliance(db, 'seed'), { seats: 0, agreements: 0 });
    const repo = new AllianceRepository(db);
    const seats = await repo.listSeats('dordt-west');
    assert.equal(seats.length, 10);
    assert.equal(seats[0]!.sector, 'Burgemeester (voorzitter)');
    assert.deepEqual(await repo.listMemberships('dordt-west'), []);
    assert.equal((await repo.listAgreements('dordt-west')).length, 11);
    const audit = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.equal(audit.filter((a) => a.action === 'alliantie.zetel-toegevoegd').length, 10);
  });

  it('round-trips memberships, meetings, decisions and actions with the same types on both dialects', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    await seedAlliance(db, 'seed');
    const repo = new AllianceRepository(db);
    const service = new AllianceService(
      repo,
      allianceTransaction(db),
      () => new Date('2026-03-01T10:00:00Z'),
    );
    const seat = (await repo.listSeats('dordt-west')).find((s) => s.sector === 'Politie')!;
    const member = await service.addMembership(PB, 'dordt-west', {
      zetel: seat.id,
      organisatie: 'Politie Zuid-Holland-Zuid',
      vertegenwoordiger: 'A. Agent',
      naam_openbaar: 'ja',
      gremia: 'Wijkoverleg\n\nVeiligheidshuis',
      vanaf: '2026-01-01',
    });
    assert.ok(member.ok);
    const stored = await repo.findMembership(member.value.id);
    assert.equal(stored!.representative_public, 1);
    assert.equal(stored!.networks, 'Wijkoverleg\nVeiligheidshuis');

    const meeting = await service.planMeeting(PB, 'dordt-west', {
      datum: '2026-01-20',
      begintijd: '19:30',
      eindtijd: '21:00',
      plaats: 'Wijkcentrum',
      agenda: 'Opening',
    });
    assert.ok(meeting.ok);
    assert.equal(await repo.maxDecisionSequence('dordt-west', 2026), 0);
    for (const title of ['Een', 'Twee'])
      assert.ok(
        (
          await service.recordDecision(PB, 'dordt-west', meeting.value.id, {
            besluit_titel: title,
            openbaarheid: 'openbaar',
          })
        ).ok,
      );
    assert.equal(await repo.maxDecisionSequence('dordt-west', 2026), 2);
    const decisions = await repo.listDecisions('dordt-west');
    assert.deepEqual(
      decisions.map((d) => [d.number, d.year, d.sequence]),
      [
        ['2026-01', 2026, 1],
        ['2026-02', 2026, 2],
      ],
    );
    const action = await service.addAction(PB, 'dordt-west', meeting.value.id, {
      actie: 'Wijkschouw plannen',
      eigenaar: seat.id,
      deadline: '2026-02-01',
      besluit: decisions[0]!.id,
    });
    assert.ok(action.ok);
    const { overdue } = await service.actions('dordt-west', 'GM0505');
    assert.deepEqual(
      overdue.map((a) => [a.description, a.owner, a.decisionNumber]),
      [['Wijkschouw plannen', 'Politie Zuid-Holland-Zuid (Politie)', '2026-01']],
    );
  });

  it('refuses a decision number twice, and then writes neither the decision nor its audit entry', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    const repo = new AllianceRepository(db);
    const row = {
      id: 'a',
      focus_area_slug: 'dordt-west',
      meeting_id: null,
      year: 2026,
      sequence: 1,
      number: '2026-01',
      decided_on: '2026-01-20',
      visibility: 'openbaar' as const,
      title: 'Een',
      text: '',
      created_at: '2026-01-20T20:00:00.000Z',
    };
    await repo.insertDecision(row);
    const before = (await listAudit(db, { municipalityCode: 'GM0505' })).length;
    await assert.rejects(
      allianceTransaction(db)(async ({ store, audit }) => {
        await audit.record({
          actor: 'test',
          action: 'alliantie.besluit-vastgelegd',
          entity: 'x',
          entityId: 'b',
          municipalityCode: 'GM0505',
        });
        await store.insertDecision({ ...row, id: 'b' });
      }),
    );
    assert.equal((await repo.listDecisions('dordt-west')).length, 1);
    assert.equal((await listAudit(db, { municipalityCode: 'GM0505' })).length, before);
  });
});
