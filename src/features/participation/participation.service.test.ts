import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { NotFoundError } from '../../shared/errors.ts';
import { ParticipationService } from './participation.service.ts';
import { FIXTURE_THEMES, fakeDeps, sessionForm } from './test-fixtures.ts';

const ACTOR = { id: 'fixture-user', audit: 'gebruiker:fixture-user Fixture Planner' };

async function planned() {
  const f = fakeDeps();
  const service = new ParticipationService(f.deps);
  const result = await service.planSession(ACTOR, 'GM0505', sessionForm());
  assert.ok(result.ok);
  return { ...f, service, id: result.id };
}

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Inbreng');
  ws.addRow(['Thema', 'Subthema', 'Soort', 'Tekst', 'Tafel of groep', 'Stemmen', 'Citeren mag']);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('ParticipationService: planning sessions', () => {
  it('plans a session in Amsterdam time, stores it in UTC with its themes, and audits it', async () => {
    const { store, audit, id } = await planned();
    const s = store.state.sessions[0]!;
    assert.equal(s.id, id);
    assert.equal(s.starts_at, '2027-01-14T18:30:00.000Z');
    assert.equal(s.ends_at, '2027-01-14T20:30:00.000Z');
    assert.deepEqual(s.themes, ['onderwijs', 'wonen']);
    assert.equal(s.is_public, 1);
    assert.deepEqual(
      audit.map((a) => [a.action, a.entityId, a.municipalityCode]),
      [['bijeenkomst.gepland', id, 'GM0505']],
    );
  });

  it('refuses a form with Dutch messages per field and writes nothing', async () => {
    const f = fakeDeps();
    const service = new ParticipationService(f.deps);
    const result = await service.planSession(
      ACTOR,
      'GM0505',
      sessionForm({
        gebied: 'fixture-elders',
        titel: '',
        themas: ['niet-een-thema'],
        datum: '2027-02-30',
        eindtijd: '19:00',
        doelgroep: 'iedereen',
        openbaar: '',
      }),
    );
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.deepEqual(Object.keys(result.errors).sort(), [
      'begintijd',
      'datum',
      'doelgroep',
      'eindtijd',
      'gebied',
      'openbaar',
      'themas',
      'titel',
    ]);
    assert.equal(result.errors.titel, 'Vul de titel in.');
    assert.equal(result.errors.gebied, 'Kies het focusgebied.');
    assert.deepEqual(f.store.state.sessions, []);
    assert.deepEqual(f.audit, []);
  });

  it('refuses an end before the start', async () => {
    const service = new ParticipationService(fakeDeps().deps);
    const result = await service.planSession(ACTOR, 'GM0505', sessionForm({ eindtijd: '18:00' }));
    assert.ok(!result.ok);
    assert.equal(result.errors.eindtijd, 'De eindtijd moet na de begintijd liggen.');
  });

  it('edits and cancels a session, each audited with before and after', async () => {
    const { service, store, audit, id } = await planned();
    const edit = await service.updateSession(
      ACTOR,
      'GM0505',
      id,
      sessionForm({ titel: 'Nieuwe titel', themas: 'gezond-leven', openbaar: 'nee' }),
    );
    assert.ok(edit.ok);
    assert.equal(store.state.sessions[0]!.title, 'Nieuwe titel');
    assert.deepEqual(store.state.sessions[0]!.themes, ['gezond-leven']);
    assert.equal(store.state.sessions[0]!.is_public, 0);
    const noReason = await service.cancelSession(ACTOR, 'GM0505', id, { reden: ' ' });
    assert.ok(!noReason.ok);
    assert.equal(noReason.errors.reden, 'Vul de reden in.');
    assert.ok((await service.cancelSession(ACTOR, 'GM0505', id, { reden: 'Zaal niet vrij' })).ok);
    assert.equal(store.state.sessions[0]!.status, 'geannuleerd');
    assert.deepEqual(
      audit.map((a) => a.action),
      ['bijeenkomst.gepland', 'bijeenkomst.gewijzigd', 'bijeenkomst.geannuleerd'],
    );
  });

  it('does not let another municipality read or write a session: it does not exist there', async () => {
    const { service, store, id } = await planned();
    const before = store.snapshot();
    await assert.rejects(service.updateSession(ACTOR, 'GM0014', id, sessionForm()), NotFoundError);
    await assert.rejects(service.addInput(ACTOR, 'GM0014', id, {}), NotFoundError);
    await assert.rejects(service.setAttendance(ACTOR, 'GM0014', id, {}), NotFoundError);
    await assert.rejects(
      service.detail('GM0014', id, { inputTexts: true, participants: true }),
      NotFoundError,
    );
    assert.deepEqual(store.state, before);
  });
});

describe('ParticipationService: attendance, participants and inputs', () => {
  it('keeps attendance as counts per group; 0 removes a group', async () => {
    const { service, id } = await planned();
    assert.ok(
      (await service.setAttendance(ACTOR, 'GM0505', id, { groep: 'Bewoners', aantal: '23' })).ok,
    );
    assert.ok(
      (await service.setAttendance(ACTOR, 'GM0505', id, { groep: 'Zorg', aantal: '7' })).ok,
    );
    const bad = await service.setAttendance(ACTOR, 'GM0505', id, { groep: 'Zorg', aantal: '-1' });
    assert.ok(!bad.ok);
    assert.equal(bad.errors.aantal, 'Het aantal is een heel getal van 0 tot en met 10000.');
    let d = await service.detail('GM0505', id, { inputTexts: true, participants: true });
    assert.equal(d.attendanceTotal, 30);
    await service.setAttendance(ACTOR, 'GM0505', id, { groep: 'Zorg', aantal: '0' });
    d = await service.detail('GM0505', id, { inputTexts: true, participants: true });
    assert.deepEqual(
      d.attendance.map((a) => [a.group_label, a.count]),
      [['Bewoners', 23]],
    );
  });

  it('records a named participant only with consent, and never writes the name in the log', async () => {
    const { service, store, audit, id } = await planned();
    const refused = await service.addParticipant(ACTOR, 'GM0505', id, { naam: 'Fixture Persoon' });
    assert.ok(!refused.ok);
    assert.match(refused.errors.toestemming!, /toestemming/);
    assert.equal(store.state.participants.length, 0);
    const ok = await service.addParticipant(ACTOR, 'GM0505', id, {
      naam: 'Fixture Persoon',
      toestemming: 'ja',
    });
    assert.ok(ok.ok);
    assert.equal(store.state.participants[0]!.consent_at, '2027-01-01T09:00:00.000Z');
    assert.doesNotMatch(JSON.stringify(audit), /Fixture Persoon/);
  });

  it('records an input with theme, kind, group and votes; a quote waits for review', async () => {
    const { service, store, audit, id } = await planned();
    const result = await service.addInput(ACTOR, 'GM0505', id, {
      thema: 'wonen',
      subthema: 'Onderhoud',
      soort: 'knelpunt',
      tekst: 'Schimmel in de portiekflats',
      tafel: 'Tafel 2',
      stemmen: '5',
      citeren: 'ja',
    });
    assert.ok(result.ok);
    const row = store.state.inputs[0]!;
    assert.equal(row.focus_area_slug, 'fixture-west');
    assert.equal(row.session_id, id);
    assert.equal(row.votes, 5);
    assert.equal(row.quote_allowed, 1);
    assert.equal(row.quote_review, 'te_beoordelen');
    assert.equal(audit.at(-1)!.action, 'inbreng.toegevoegd');
    await service.addInput(ACTOR, 'GM0505', id, {
      thema: 'wonen',
      soort: 'idee',
      tekst: 'Moestuin',
    });
    assert.equal(store.state.inputs[1]!.quote_review, 'niet_toegestaan');
    assert.equal(store.state.inputs[1]!.votes, 0);
  });

  it('refuses an input without text or with an unknown kind, in Dutch', async () => {
    const { service, store, id } = await planned();
    const result = await service.addInput(ACTOR, 'GM0505', id, {
      thema: 'wonen',
      soort: 'klacht',
      tekst: '',
      stemmen: 'veel',
    });
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, {
      soort: 'Kies de soort: knelpunt, kans, idee of vraag.',
      tekst: 'Vul de tekst in.',
      stemmen: 'Het aantal stemmen is een heel getal van 0 tot en met 999.',
    });
    assert.equal(store.state.inputs.length, 0);
  });

  it('gives a reader without text access the counts only, and no names', async () => {
    const { service, id } = await planned();
    await service.addInput(ACTOR, 'GM0505', id, {
      thema: 'wonen',
      soort: 'kans',
      tekst: 'A',
      stemmen: '2',
    });
    await service.addInput(ACTOR, 'GM0505', id, {
      thema: 'wonen',
      soort: 'kans',
      tekst: 'B',
      stemmen: '3',
    });
    await service.addParticipant(ACTOR, 'GM0505', id, { naam: 'Fixture Naam', toestemming: 'ja' });
    const d = await service.detail('GM0505', id, { inputTexts: false, participants: false });
    assert.equal(d.inputs, null);
    assert.equal(d.participants, null);
    assert.deepEqual(d.counts, [{ theme_key: 'wonen', kind: 'kans', inputs: 2, votes: 5 }]);
  });
});

describe('ParticipationService: removing', () => {
  it('removes an input or a name of this session only, audited, and refuses unknown ids', async () => {
    const { service, store, audit, id } = await planned();
    await service.addInput(ACTOR, 'GM0505', id, { thema: 'wonen', soort: 'idee', tekst: 'Weg' });
    await service.addParticipant(ACTOR, 'GM0505', id, { naam: 'Fixture Weg', toestemming: 'ja' });
    const inputId = store.state.inputs[0]!.id;
    const participantId = store.state.participants[0]!.id;
    await assert.rejects(service.removeInput(ACTOR, 'GM0014', id, inputId), NotFoundError);
    await assert.rejects(service.removeInput(ACTOR, 'GM0505', id, 'onbekend'), NotFoundError);
    await service.removeInput(ACTOR, 'GM0505', id, inputId);
    await service.removeParticipant(ACTOR, 'GM0505', id, participantId);
    assert.deepEqual(store.state.inputs, []);
    assert.deepEqual(store.state.participants, []);
    assert.deepEqual(
      audit.slice(-2).map((a) => a.action),
      ['inbreng.verwijderd', 'bijeenkomst.deelnemer-verwijderd'],
    );
    assert.doesNotMatch(JSON.stringify(audit), /Fixture Weg/);
  });
});

describe('ParticipationService: bulk entry from the XLSX template', () => {
  it('reads its own template back: the headers and sheets it names', async () => {
    const { service, id } = await planned();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await service.template('GM0505', id)) as unknown as ExcelJS.Buffer);
    const header = (wb.getWorksheet('Inbreng')!.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header, [
      'Thema',
      'Subthema',
      'Soort',
      'Tekst',
      'Tafel of groep',
      'Stemmen',
      'Citeren mag',
    ]);
    assert.ok(wb.getWorksheet('Uitleg'));
  });

  it('names sheet, row and column of every problem and stages nothing', async () => {
    const { service, store, id } = await planned();
    const bytes = await workbook([
      ['Wonen', '', 'knelpunt', 'Goed', 'Tafel 1', 2, 'ja'],
      ['Sport', '', 'klacht', '', '', 'veel', 'misschien'],
    ]);
    const result = await service.stageImport(ACTOR, 'GM0505', id, {
      fileName: 'fixture.xlsx',
      bytes,
    });
    assert.ok(!result.ok);
    const places = result.problems.map((p) => `${p.sheet}|${p.row}|${p.column}|${p.field}`);
    assert.deepEqual(places, [
      'Inbreng|3|A|Thema',
      'Inbreng|3|C|Soort',
      'Inbreng|3|D|Tekst',
      'Inbreng|3|F|Stemmen',
      'Inbreng|3|G|Citeren mag',
    ]);
    assert.match(result.problems[0]!.message, /"Sport" is geen thema/);
    assert.equal(store.state.imports.length, 0);
  });

  it('loads a file once: confirming again, or the same file uploaded again, adds nothing', async () => {
    const { service, store, audit, id } = await planned();
    const bytes = await workbook([
      ['wonen', 'Onderhoud', 'knelpunt', 'Lekkage', 'Tafel 1', 4, 'ja'],
      [FIXTURE_THEMES[0]!.name, '', 'Idee', 'Beweegtuin', 'Tafel 2', '', ''],
    ]);
    const first = await service.stageImport(ACTOR, 'GM0505', id, { fileName: 'a.xlsx', bytes });
    assert.ok(first.ok);
    const preview = await service.importPreview('GM0505', id, first.importId);
    assert.deepEqual(
      preview.rows.map((r) => [r.row, r.themeKey, r.kind, r.votes, r.quoteAllowed]),
      [
        [2, 'wonen', 'knelpunt', 4, true],
        [3, 'gezond-leven', 'idee', 0, false],
      ],
    );
    assert.equal(preview.loadedAt, null);
    assert.deepEqual(await service.confirmImport(ACTOR, 'GM0505', id, first.importId), {
      status: 'geladen',
      count: 2,
    });
    assert.deepEqual(await service.confirmImport(ACTOR, 'GM0505', id, first.importId), {
      status: 'al-geladen',
    });
    const again = await service.stageImport(ACTOR, 'GM0505', id, { fileName: 'b.xlsx', bytes });
    assert.ok(again.ok);
    assert.notEqual((await service.importPreview('GM0505', id, again.importId)).loadedAt, null);
    assert.deepEqual(await service.confirmImport(ACTOR, 'GM0505', id, again.importId), {
      status: 'al-geladen',
    });
    assert.equal(store.state.inputs.length, 2);
    assert.deepEqual(
      store.state.inputs.map((i) => i.import_row),
      [2, 3],
    );
    assert.equal(audit.filter((a) => a.action === 'inbreng.bestand-geladen').length, 1);
  });
});

describe('ParticipationService: the public Doe mee page and its calendar', () => {
  it('lists upcoming public sessions only, and says no contact is filled in', async () => {
    const { service, id } = await planned();
    await service.planSession(ACTOR, 'GM0505', sessionForm({ titel: 'Besloten', openbaar: 'nee' }));
    await service.planSession(
      ACTOR,
      'GM0505',
      sessionForm({ titel: 'Voorbij', datum: '2026-11-01' }),
    );
    const page = await service.doeMee('fixture-west');
    assert.deepEqual(
      page.sessions.map((s) => s.id),
      [id],
    );
    assert.equal(page.heldSessions, 1);
    assert.equal(page.contact, null);
    assert.equal(page.feedbackPublished, false);
    assert.deepEqual(
      page.surveys.map((s) => s.key),
      ['fixture-enquete'],
    );
    await assert.rejects(service.doeMee('bestaat-niet'), NotFoundError);
  });

  it('writes a calendar with a UID that stays the same when the session changes', async () => {
    const { service, id } = await planned();
    const first = await service.calendar('fixture-west', 'https://wijkkompas.example');
    await service.updateSession(ACTOR, 'GM0505', id, sessionForm({ titel: 'Andere titel' }));
    const second = await service.calendar('fixture-west', 'https://wijkkompas.example');
    const uid = (ics: string) => /\r\nUID:([^\r]+)\r\n/.exec(ics)?.[1];
    assert.equal(uid(first), `bijeenkomst-${id}@wijkkompas.example`);
    assert.equal(uid(first), uid(second));
    assert.match(second, /\r\nSUMMARY:Andere titel\r\n/);
    await service.cancelSession(ACTOR, 'GM0505', id, { reden: 'Ziek' });
    assert.match(
      await service.calendar('fixture-west', 'https://wijkkompas.example'),
      /\r\nSTATUS:CANCELLED\r\n/,
    );
  });
});
