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
      updated_at: '2026-01-20T20:00:00.000Z',
      corrected_at: null,
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

  it('corrects a seat, a decision, an action and an agreement; a stale form writes nothing', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    await seedAlliance(db, 'seed');
    const repo = new AllianceRepository(db);
    const clock = { now: new Date('2026-03-01T10:00:00Z') };
    const service = new AllianceService(repo, allianceTransaction(db), () => clock.now);
    const seat = (await repo.listSeats('dordt-west')).find((s) => s.sector === 'Politie')!;
    const meeting = await service.planMeeting(PB, 'dordt-west', {
      datum: '2026-01-20',
      begintijd: '19:30',
      eindtijd: '21:00',
      plaats: 'Wijkcentrum',
      agenda: 'Opening',
    });
    assert.ok(meeting.ok);
    const decided = await service.recordDecision(PB, 'dordt-west', meeting.value.id, {
      besluit_titel: 'Wijkschouw in het voorjaar',
      besluit_tekst: 'Met de politei.',
      openbaarheid: 'openbaar',
    });
    assert.ok(decided.ok);
    const action = await service.addAction(PB, 'dordt-west', meeting.value.id, {
      actie: 'Wijkschouw plannen',
      eigenaar: seat.id,
      deadline: '2026-02-01',
    });
    assert.ok(action.ok);
    const agreement = (await repo.listAgreements('dordt-west'))[0]!;
    clock.now = new Date('2026-03-02T09:00:00Z');

    const seatSaved = await service.updateSeat(PB, 'dordt-west', seat.id, {
      geladen: seat.updated_at,
      sector: 'Politie en handhaving',
      soort: 'partner',
      toelichting: seat.note,
    });
    assert.ok(seatSaved.ok);
    const decisionSaved = await service.updateDecision(PB, 'dordt-west', decided.value.id, {
      geladen: decided.value.updated_at,
      besluit_titel: 'Wijkschouw in het voorjaar',
      besluit_tekst: 'Met de politie.',
      openbaarheid: 'openbaar',
    });
    assert.ok(decisionSaved.ok);
    const actionSaved = await service.updateAction(PB, 'dordt-west', action.value.id, {
      geladen: action.value.updated_at,
      actie: 'Wijkschouw plannen met bewoners',
      eigenaar: seat.id,
      deadline: '2026-04-01',
      besluit: decided.value.id,
    });
    assert.ok(actionSaved.ok);
    const agreementSaved = await service.correctAgreement(PB, 'dordt-west', agreement.id, {
      geladen: agreement.updated_at,
      onderwerp: 'monitoring',
      partij: agreement.party,
      afspraak: 'Gecorrigeerde afspraak.',
      bron: agreement.source,
      link: '',
    });
    assert.ok(agreementSaved.ok);

    const at = '2026-03-02T09:00:00.000Z';
    const seatNow = (await repo.listSeats('dordt-west')).find((s) => s.id === seat.id)!;
    assert.deepEqual([seatNow.sector, seatNow.updated_at], ['Politie en handhaving', at]);
    const decisionNow = (await repo.listDecisions('dordt-west'))[0]!;
    assert.deepEqual(
      [decisionNow.text, decisionNow.number, decisionNow.corrected_at, decisionNow.updated_at],
      ['Met de politie.', '2026-01', at, at],
    );
    const actionNow = (await repo.findAction(action.value.id))!;
    assert.deepEqual(
      [actionNow.description, actionNow.due_on, actionNow.decision_id, actionNow.status],
      ['Wijkschouw plannen met bewoners', '2026-04-01', decided.value.id, 'open'],
    );
    const agreementNow = (await repo.findAgreement(agreement.id))!;
    assert.deepEqual(
      [agreementNow.commitment, agreementNow.subject, agreementNow.corrected_at],
      ['Gecorrigeerde afspraak.', 'monitoring', at],
    );
    assert.equal(typeof agreementNow.position, 'number');

    const audit = await listAudit(db, { municipalityCode: 'GM0505' });
    const decisionEntry = audit.find((a) => a.action === 'alliantie.besluit-gewijzigd')!;
    assert.deepEqual(JSON.parse(String(decisionEntry.before)), { toelichting: 'Met de politei.' });
    assert.deepEqual(JSON.parse(String(decisionEntry.after)), { toelichting: 'Met de politie.' });
    for (const action of [
      'alliantie.zetel-gewijzigd',
      'alliantie.actie-gewijzigd',
      'alliantie.afspraak-gewijzigd',
    ])
      assert.equal(audit.filter((a) => a.action === action).length, 1, action);

    // A form loaded before these saves: the repository refuses it, and nothing is audited.
    const count = audit.length;
    assert.equal(await repo.updateSeat({ ...seatNow, sector: 'Oud' }, seat.updated_at), false);
    assert.equal(
      await repo.updateDecision({ ...decisionNow, text: 'Oud' }, decided.value.updated_at),
      false,
    );
    assert.equal(
      await repo.updateActionDetails({ ...actionNow, description: 'Oud' }, action.value.updated_at),
      false,
    );
    assert.equal(
      await repo.correctAgreement({ ...agreementNow, commitment: 'Oud' }, agreement.updated_at),
      false,
    );
    const late = await service.updateDecision(PB, 'dordt-west', decided.value.id, {
      geladen: decided.value.updated_at,
      besluit_titel: 'Oud',
      openbaarheid: 'openbaar',
    });
    assert.equal(!late.ok && 'conflict' in late, true);
    assert.equal((await repo.listDecisions('dordt-west'))[0]!.title, 'Wijkschouw in het voorjaar');
    assert.equal((await listAudit(db, { municipalityCode: 'GM0505' })).length, count);
  });

  it('two corrections of the same agreement at once: one is saved, the other is a conflict', async () => {
    const { db } = getDb();
    await seedFocusAreas(db, datasetsDir);
    await seedAlliance(db, 'seed');
    const repo = new AllianceRepository(db);
    let tick = 0;
    // Every call a later time, so the two saves never write the same updated_at.
    const service = new AllianceService(
      repo,
      allianceTransaction(db),
      () => new Date(Date.UTC(2026, 2, 2, 9, 0, 0, (tick += 1))),
    );
    const agreement = (await repo.listAgreements('dordt-west'))[0]!;
    const form = (afspraak: string) => ({
      geladen: agreement.updated_at,
      onderwerp: agreement.subject,
      partij: agreement.party,
      afspraak,
      bron: agreement.source,
    });
    const results = await Promise.all(
      ['Eerste versie.', 'Tweede versie.'].map((t) =>
        service.correctAgreement(PB, 'dordt-west', agreement.id, form(t)),
      ),
    );
    assert.deepEqual(results.map((r) => r.ok).sort(), [false, true]);
    const winner = results.findIndex((r) => r.ok);
    const stored = (await repo.findAgreement(agreement.id))!;
    assert.equal(stored.commitment, winner === 0 ? 'Eerste versie.' : 'Tweede versie.');
    const audit = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.equal(audit.filter((a) => a.action === 'alliantie.afspraak-gewijzigd').length, 1);
  });
});
