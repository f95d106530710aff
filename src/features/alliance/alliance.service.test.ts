import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { NotFoundError } from '../../shared/errors.ts';
import { AUDIT_ACTIONS } from './alliance.labels.ts';
import { decisionNumber, isMemberOn } from './alliance.service.ts';
import { fakeAllianceService } from './alliance.test-fakes.ts';

const PB = { actor: 'gebruiker:1 Programmabureau', municipalityCode: 'GM0505' };

async function seeded(now?: Date) {
  const ctx = fakeAllianceService(now);
  assert.deepEqual(await ctx.service.seedDordtWest('seed'), { seats: 10, agreements: 11 });
  return ctx;
}

function seatId(ctx: Awaited<ReturnType<typeof seeded>>, sector: string): string {
  const seat = ctx.store.seats.find((s) => s.sector === sector);
  assert.ok(seat, sector);
  return seat.id;
}

async function meeting(ctx: Awaited<ReturnType<typeof seeded>>, date = '2026-01-20') {
  const r = await ctx.service.planMeeting(PB, 'dordt-west', {
    datum: date,
    begintijd: '19:30',
    eindtijd: '21:00',
    plaats: 'Wijkcentrum, Dordrecht',
    agenda: 'Opening\nContouren\n',
  });
  assert.ok(r.ok);
  return r.value;
}

describe('Alliance service: register', () => {
  it('seeds the seats the letter lists once, with no organisation names', async () => {
    const ctx = await seeded();
    assert.deepEqual(
      ctx.store.seats.map((s) => s.sector),
      [
        'Burgemeester (voorzitter)',
        'Gemeente',
        'Woningcorporatie',
        'Primair onderwijs',
        'Voortgezet onderwijs',
        'Ondernemers',
        'Sociaal wijkteam / buurtwerk / jongerenwerk',
        'Politie',
        'Ministerie van Justitie en Veiligheid',
        'Bewoners',
      ],
    );
    assert.equal(ctx.store.seats[0]!.kind, 'voorzitter');
    assert.equal(ctx.store.seats.at(-1)!.kind, 'bewoners');
    assert.equal(ctx.store.memberships.length, 0);
    // Six subjects, every agreement from the letter and "afgesproken", nothing more.
    assert.equal(new Set(ctx.store.agreements.map((a) => a.subject)).size, 6);
    assert.ok(ctx.store.agreements.every((a) => a.status === 'afgesproken' && a.evidence === ''));
    assert.deepEqual(await ctx.service.seedDordtWest('seed'), { seats: 0, agreements: 0 });
    assert.equal(ctx.audit.entries.filter((e) => e.action === AUDIT_ACTIONS.seatAdded).length, 10);
  });

  it('answers "members on date D" from the membership periods, ends inclusive', async () => {
    const ctx = await seeded();
    const seat = seatId(ctx, 'Woningcorporatie');
    const first = await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seat,
      organisatie: 'Corporatie A',
      vanaf: '2025-01-01',
    });
    assert.ok(first.ok);
    const ended = await ctx.service.endMembership(PB, 'dordt-west', first.value.id, {
      tot: '2025-06-30',
    });
    assert.ok(ended.ok);
    const second = await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seat,
      organisatie: 'Corporatie B',
      vanaf: '2025-07-01',
    });
    assert.ok(second.ok);
    const on = async (d: string) =>
      (await ctx.service.membersOn('dordt-west', 'GM0505', d)).map((s) => s.member!.organisation);
    assert.deepEqual(await on('2024-12-31'), []);
    assert.deepEqual(await on('2025-06-30'), ['Corporatie A']);
    assert.deepEqual(await on('2025-07-01'), ['Corporatie B']);
    const wrong = await ctx.service.register('dordt-west', 'GM0505', '31-12-2025');
    assert.equal(wrong.date, '2026-03-01');
    assert.match(wrong.dateProblem!, /^Wie was lid op: "31-12-2025" is geen datum/);
    assert.equal(
      (await ctx.service.register('dordt-west', 'GM0505', '2025-06-30')).dateProblem,
      undefined,
    );
    assert.equal(isMemberOn(ended.value, '2025-07-01'), false);
    assert.equal(isMemberOn(ended.value, '2025-06-30'), true);
  });

  it('refuses a second member on an occupied seat, in Dutch, and writes nothing', async () => {
    const ctx = await seeded();
    const seat = seatId(ctx, 'Politie');
    assert.ok(
      (
        await ctx.service.addMembership(PB, 'dordt-west', {
          zetel: seat,
          organisatie: 'Politie Zuid',
          vanaf: '2026-01-01',
        })
      ).ok,
    );
    const before = ctx.audit.entries.length;
    const r = await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seat,
      organisatie: 'Iemand anders',
      vanaf: '2026-02-30',
      naam_openbaar: 'ja',
    });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.errors.vanaf!, /^Lid vanaf: vul een datum in als jjjj-mm-dd/);
    assert.match(r.errors.vertegenwoordiger!, /^Naam vertegenwoordiger:/);
    assert.equal(ctx.store.memberships.length, 1);
    assert.equal(ctx.audit.entries.length, before);
    const r2 = await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seat,
      organisatie: 'X',
      vanaf: '2026-03-01',
    });
    assert.equal(r2.ok, false);
    if (!r2.ok) assert.match(r2.errors.zetel!, /al een lid \(Politie Zuid\)/);
  });

  it('shows a representative publicly only with consent; empty seats are "nog niet ingevuld"', async () => {
    const ctx = await seeded();
    await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seatId(ctx, 'Politie'),
      organisatie: 'Politie Eenheid',
      vertegenwoordiger: 'Geheim Persoon',
      functie: 'Teamchef',
      vanaf: '2026-01-01',
    });
    await ctx.service.addMembership(PB, 'dordt-west', {
      zetel: seatId(ctx, 'Ondernemers'),
      organisatie: 'Ondernemersvereniging',
      vertegenwoordiger: 'Open Persoon',
      functie: 'Voorzitter',
      naam_openbaar: 'ja',
      vanaf: '2026-01-01',
    });
    const pub = await ctx.service.publicComposition('dordt-west');
    const bySector = new Map(pub.seats.map((s) => [s.sector, s]));
    // Consent withdrawn: the name leaves the public page at once.
    const open = ctx.store.memberships.find((m) => m.organisation === 'Ondernemersvereniging')!;
    assert.ok(
      (
        await ctx.service.setRepresentativeConsent(PB, 'dordt-west', open.id, {
          naam_openbaar: 'nee',
        })
      ).ok,
    );
    const withdrawn = await ctx.service.publicComposition('dordt-west');
    assert.equal(withdrawn.seats.find((s) => s.sector === 'Ondernemers')!.representative, null);
    assert.equal(ctx.audit.entries.at(-1)!.action, AUDIT_ACTIONS.consentChanged);
    assert.equal(bySector.get('Politie')!.representative, null);
    assert.equal(bySector.get('Politie')!.organisation, 'Politie Eenheid');
    assert.deepEqual(bySector.get('Ondernemers')!.representative, {
      name: 'Open Persoon',
      function: 'Voorzitter',
    });
    assert.equal(bySector.get('Woningcorporatie')!.organisation, null);
    assert.doesNotMatch(JSON.stringify(pub), /Geheim Persoon/);
  });

  it('keeps another municipality out: its workspace calls find no Dordt West', async () => {
    const ctx = await seeded();
    await assert.rejects(ctx.service.register('dordt-west', 'GM0014'), NotFoundError);
    await assert.rejects(
      ctx.service.addSeat({ ...PB, municipalityCode: 'GM0014' }, 'dordt-west', {
        sector: 'Zorg',
        soort: 'partner',
      }),
      NotFoundError,
    );
    await assert.rejects(ctx.service.decisions('dordt-west', 'GM0014'), NotFoundError);
    assert.equal(ctx.store.seats.length, 10);
  });
});

describe('Alliance service: meetings, decisions, actions', () => {
  let ctx: Awaited<ReturnType<typeof seeded>>;
  beforeEach(async () => {
    ctx = await seeded(new Date('2026-03-01T10:00:00Z'));
  });

  it('stores a meeting in UTC from Dutch local time and checks every field', async () => {
    const m = await meeting(ctx, '2026-01-20');
    assert.equal(m.starts_at, '2026-01-20T18:30:00.000Z');
    const summer = await meeting(ctx, '2026-06-20');
    assert.equal(summer.starts_at, '2026-06-20T17:30:00.000Z');
    const bad = await ctx.service.planMeeting(PB, 'dordt-west', {
      datum: '20-01-2026',
      begintijd: '21:00',
      eindtijd: '19:00',
      plaats: '',
      agenda: '',
      documenten: 'Verslag | javascript:alert(1)',
    });
    assert.equal(bad.ok, false);
    if (bad.ok) return;
    assert.deepEqual(Object.keys(bad.errors).sort(), [
      'agenda',
      'datum',
      'documenten',
      'eindtijd',
      'plaats',
    ]);
    assert.match(bad.errors.documenten!, /^Documenten, regel 1: /);
    assert.equal(ctx.store.meetings.length, 2);
  });

  it('adds document links to a meeting later, refusing anything but http(s) and local paths', async () => {
    const m = await meeting(ctx);
    const bad = await ctx.service.addDocuments(PB, 'dordt-west', m.id, {
      documenten: 'Verslag | https://example.org/verslag.pdf\nKwaad | javascript:alert(1)',
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.errors.documenten!, /^Documenten, regel 2: /);
    assert.equal(ctx.store.meetings[0]!.documents, '[]');
    const ok = await ctx.service.addDocuments(PB, 'dordt-west', m.id, {
      documenten: 'Verslag | https://example.org/verslag.pdf\n/gebieden/dordt-west',
    });
    assert.ok(ok.ok);
    const detail = await ctx.service.meeting('dordt-west', 'GM0505', m.id);
    assert.deepEqual(detail.documents, [
      { title: 'Verslag', url: 'https://example.org/verslag.pdf' },
      { title: '/gebieden/dordt-west', url: '/gebieden/dordt-west' },
    ]);
    assert.equal(ctx.audit.entries.at(-1)!.action, AUDIT_ACTIONS.documentsAdded);
  });

  it('numbers decisions per year: 2026-01, 2026-02, then 2027-01', async () => {
    const m = await meeting(ctx, '2026-01-20');
    const one = await ctx.service.recordDecision(PB, 'dordt-west', m.id, {
      besluit_titel: 'Eerste',
      openbaarheid: 'openbaar',
    });
    const two = await ctx.service.recordDecision(PB, 'dordt-west', m.id, {
      besluit_titel: 'Tweede',
      openbaarheid: 'vertrouwelijk',
    });
    const next = await meeting(ctx, '2027-01-12');
    const three = await ctx.service.recordDecision(PB, 'dordt-west', next.id, {
      besluit_titel: 'Derde',
      openbaarheid: 'openbaar',
    });
    assert.ok(one.ok && two.ok && three.ok);
    assert.deepEqual(
      [one.value.number, two.value.number, three.value.number],
      ['2026-01', '2026-02', '2027-01'],
    );
    assert.equal(decisionNumber(2026, 100), '2026-100');
    const audit = ctx.audit.entries.filter((e) => e.action === AUDIT_ACTIONS.decisionRecorded);
    assert.equal(audit.length, 3);
  });

  it('never lets a confidential decision out through the public page or the feed', async () => {
    const m = await meeting(ctx, '2026-01-20');
    await ctx.service.recordDecision(PB, 'dordt-west', m.id, {
      besluit_titel: 'Openbaar besluit',
      openbaarheid: 'openbaar',
    });
    await ctx.service.recordDecision(PB, 'dordt-west', m.id, {
      besluit_titel: 'Geheime grondaankoop',
      besluit_tekst: 'Vertrouwelijke tekst',
      openbaarheid: 'vertrouwelijk',
    });
    const pub = await ctx.service.publicComposition('dordt-west');
    assert.deepEqual(
      pub.decisions.map((d) => d.title),
      ['Openbaar besluit'],
    );
    const ics = await ctx.service.meetingsCalendar('dordt-west', 'https://wijkkompas.example');
    assert.match(ics, /Openbaar besluit/);
    assert.doesNotMatch(ics, /Geheime|Vertrouwelijke tekst/);
    const all = await ctx.service.decisions('dordt-west', 'GM0505');
    assert.equal(all.decisions.length, 2);
  });

  it('lists actions past their deadline that are not done as overdue', async () => {
    const m = await meeting(ctx, '2026-01-20');
    const add = (actie: string, deadline: string) =>
      ctx.service.addAction(PB, 'dordt-west', m.id, {
        actie,
        eigenaar: seatId(ctx, 'Gemeente'),
        deadline,
      });
    const late = await add('Te laat', '2026-02-28');
    const done = await add('Klaar', '2026-02-01');
    await add('Vandaag', '2026-03-01');
    await add('Later', '2026-04-01');
    assert.ok(late.ok && done.ok);
    assert.ok(
      (await ctx.service.setActionStatus(PB, 'dordt-west', done.value.id, { status: 'afgerond' }))
        .ok,
    );
    const { overdue, actions } = await ctx.service.actions('dordt-west', 'GM0505');
    assert.deepEqual(
      overdue.map((a) => a.description),
      ['Te laat'],
    );
    assert.equal(actions.length, 4);
    assert.equal(actions.find((a) => a.description === 'Te laat')!.owner, 'Gemeente');
    ctx.clock.now = new Date('2026-04-02T08:00:00Z');
    assert.deepEqual(
      (await ctx.service.actions('dordt-west', 'GM0505')).overdue.map((a) => a.description),
      ['Te laat', 'Vandaag', 'Later'],
    );
    const bad = await ctx.service.setActionStatus(PB, 'dordt-west', late.value.id, {
      status: 'klaar',
    });
    assert.equal(bad.ok, false);
    const changes = ctx.audit.entries.filter((e) => e.action === AUDIT_ACTIONS.actionStatusChanged);
    assert.deepEqual(
      changes.map((e) => [e.before, e.after]),
      [[{ status: 'Open' }, { status: 'Afgerond' }]],
    );
  });

  it('refuses an action without an owner from the register or with a bad date', async () => {
    const m = await meeting(ctx);
    const r = await ctx.service.addAction(PB, 'dordt-west', m.id, {
      actie: '',
      eigenaar: 'onbekend',
      deadline: 'morgen',
    });
    assert.equal(r.ok, false);
    if (!r.ok) assert.deepEqual(Object.keys(r.errors).sort(), ['actie', 'deadline', 'eigenaar']);
    assert.equal(ctx.store.actions.length, 0);
  });
});

describe('Alliance service: agreements', () => {
  it('adds a commitment under its subject with a local link only', async () => {
    const ctx = await seeded();
    const bad = await ctx.service.addAgreement(PB, 'dordt-west', {
      onderwerp: 'financiering',
      partij: 'rijk',
      afspraak: 'Extra bijdrage',
      bron: '',
      link: 'https://elders.example',
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(Object.keys(bad.errors).sort(), ['bron', 'link']);
    const ok = await ctx.service.addAgreement(PB, 'dordt-west', {
      onderwerp: 'financiering',
      partij: 'rijk',
      afspraak: 'Extra bijdrage',
      bron: 'Brief van het ministerie (fixture)',
      link: '/gebieden/dordt-west',
    });
    assert.ok(ok.ok);
    assert.equal(ok.value.position, 3);
    assert.equal(ok.value.status, 'afgesproken');
    assert.equal(ctx.audit.entries.at(-1)!.action, AUDIT_ACTIONS.agreementAdded);
  });

  it('updates status and evidence with an audit entry; "gerealiseerd" needs evidence', async () => {
    const ctx = await seeded();
    const a = ctx.store.agreements.find(
      (x) => x.subject === 'monitoring' && x.party === 'gemeente',
    )!;
    const bad = await ctx.service.updateAgreement(PB, 'dordt-west', a.id, {
      status: 'gerealiseerd',
      onderbouwing: '',
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.match(bad.errors.onderbouwing!, /^Onderbouwing: /);
    const ok = await ctx.service.updateAgreement(PB, 'dordt-west', a.id, {
      status: 'in-uitvoering',
      onderbouwing: 'Monitor staat online',
    });
    assert.ok(ok.ok);
    const listed = await ctx.service.agreements('dordt-west', 'GM0505');
    assert.deepEqual(
      listed.subjects.map((s) => s.key),
      [
        'afbakening',
        'inzet-rijk',
        'governance',
        'monitoring',
        'bewonersbetrokkenheid',
        'financiering',
      ],
    );
    const updated = listed.subjects[3]!.agreements.find((x) => x.id === a.id)!;
    assert.equal(updated.status, 'in-uitvoering');
    assert.equal(ctx.audit.entries.at(-1)!.action, AUDIT_ACTIONS.agreementUpdated);
  });
});

describe('Alliance service: corrections', () => {
  async function withRecords() {
    const ctx = await seeded();
    const m = await meeting(ctx);
    const decided = await ctx.service.recordDecision(PB, 'dordt-west', m.id, {
      besluit_titel: 'Wijkschouw in het voorjaar',
      besluit_tekst: 'Met de politei.',
      openbaarheid: 'vertrouwelijk',
    });
    assert.ok(decided.ok);
    const action = await ctx.service.addAction(PB, 'dordt-west', m.id, {
      actie: 'Wijkschouw planen',
      eigenaar: seatId(ctx, 'Politie'),
      deadline: '2026-02-01',
    });
    assert.ok(action.ok);
    ctx.clock.now = new Date('2026-03-05T09:00:00Z');
    return { ctx, meeting: m, decision: decided.value, action: action.value };
  }

  it('corrects a decision: title and text, not number or date; "gewijzigd op" and audit before/after', async () => {
    const { ctx, decision } = await withRecords();
    const r = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: 'Wijkschouw in het voorjaar',
      besluit_tekst: 'Met de politie.',
      openbaarheid: 'openbaar',
    });
    assert.ok(r.ok);
    const stored = ctx.store.decisions[0]!;
    assert.deepEqual(
      [stored.text, stored.visibility, stored.number, stored.decided_on, stored.corrected_at],
      [
        'Met de politie.',
        'openbaar',
        decision.number,
        decision.decided_on,
        '2026-03-05T09:00:00.000Z',
      ],
    );
    const entry = ctx.audit.entries.at(-1)!;
    assert.equal(entry.action, 'alliantie.besluit-gewijzigd');
    assert.equal(entry.entity, 'alliantiebesluit');
    assert.deepEqual(entry.before, {
      toelichting: 'Met de politei.',
      openbaarheid: 'Vertrouwelijk',
    });
    assert.deepEqual(entry.after, { toelichting: 'Met de politie.', openbaarheid: 'Openbaar' });
  });

  it('only the visibility changed: no "gewijzigd op", since the text is as decided', async () => {
    const { ctx, decision } = await withRecords();
    const r = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: decision.title,
      besluit_tekst: decision.text,
      openbaarheid: 'openbaar',
    });
    assert.ok(r.ok);
    assert.equal(ctx.store.decisions[0]!.corrected_at, null);
  });

  it('saving an unchanged form writes nothing and audits nothing', async () => {
    const { ctx, decision } = await withRecords();
    const count = ctx.audit.entries.length;
    const r = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: decision.title,
      besluit_tekst: decision.text,
      openbaarheid: decision.visibility,
    });
    assert.ok(r.ok);
    assert.equal(ctx.audit.entries.length, count);
    assert.equal(ctx.store.decisions[0]!.updated_at, decision.updated_at);
  });

  it('refuses bad input with Dutch messages naming the field, and changes nothing', async () => {
    const { ctx, decision, action } = await withRecords();
    const count = ctx.audit.entries.length;
    const d = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: '',
      openbaarheid: 'geheim',
    });
    assert.ok(!d.ok);
    assert.match(d.errors.besluit_titel!, /^Besluit: /);
    assert.match(d.errors.openbaarheid!, /^Openbaarheid: /);
    const a = await ctx.service.updateAction(PB, 'dordt-west', action.id, {
      geladen: action.updated_at,
      actie: 'x'.repeat(1001),
      eigenaar: 'geen-zetel',
      deadline: '2026-13-01',
      besluit: 'onbekend',
    });
    assert.ok(!a.ok);
    assert.deepEqual(Object.keys(a.errors).sort(), ['actie', 'besluit', 'deadline', 'eigenaar']);
    assert.match(a.errors.actie!, /^Actie: gebruik hoogstens 1000 tekens \(nu 1001\)\./);
    const agreement = ctx.store.agreements[0]!;
    const g = await ctx.service.correctAgreement(PB, 'dordt-west', agreement.id, {
      geladen: agreement.updated_at,
      onderwerp: 'iets',
      partij: 'provincie',
      afspraak: '',
      bron: '',
      link: 'https://elders.example',
    });
    assert.ok(!g.ok);
    assert.deepEqual(Object.keys(g.errors).sort(), [
      'afspraak',
      'bron',
      'link',
      'onderwerp',
      'partij',
    ]);
    const s = await ctx.service.updateSeat(PB, 'dordt-west', seatId(ctx, 'Politie'), {
      geladen: ctx.store.seats.find((x) => x.sector === 'Politie')!.updated_at,
      sector: 'woningcorporatie',
      soort: 'partner',
    });
    assert.ok(!s.ok);
    assert.equal(s.errors.sector, 'Sector: de zetel "woningcorporatie" bestaat al.');
    assert.equal(ctx.audit.entries.length, count);
    assert.equal(ctx.store.decisions[0]!.title, decision.title);
    assert.equal(ctx.store.actions[0]!.description, action.description);
    assert.equal(ctx.store.agreements[0]!.commitment, agreement.commitment);
    assert.ok(ctx.store.seats.some((x) => x.sector === 'Politie'));
  });

  it("corrects an action's what, who and when, keeps its status, and links a decision of its meeting only", async () => {
    const { ctx, decision, action } = await withRecords();
    await ctx.service.setActionStatus(PB, 'dordt-west', action.id, { status: 'bezig' });
    const loaded = ctx.store.actions[0]!.updated_at;
    const other = await meeting(ctx, '2026-02-20');
    const elsewhere = await ctx.service.recordDecision(PB, 'dordt-west', other.id, {
      besluit_titel: 'Iets anders',
      openbaarheid: 'openbaar',
    });
    assert.ok(elsewhere.ok);
    const wrong = await ctx.service.updateAction(PB, 'dordt-west', action.id, {
      geladen: loaded,
      actie: 'Wijkschouw plannen',
      eigenaar: seatId(ctx, 'Woningcorporatie'),
      deadline: '2026-04-01',
      besluit: elsewhere.value.id,
    });
    assert.ok(!wrong.ok);
    assert.match(wrong.errors.besluit!, /^Hoort bij besluit: /);
    const r = await ctx.service.updateAction(PB, 'dordt-west', action.id, {
      geladen: loaded,
      actie: 'Wijkschouw plannen',
      eigenaar: seatId(ctx, 'Woningcorporatie'),
      deadline: '2026-04-01',
      besluit: decision.id,
    });
    assert.ok(r.ok);
    const stored = ctx.store.actions[0]!;
    assert.deepEqual(
      [stored.description, stored.due_on, stored.decision_id, stored.status],
      ['Wijkschouw plannen', '2026-04-01', decision.id, 'bezig'],
    );
    const entry = ctx.audit.entries.at(-1)!;
    assert.equal(entry.action, 'alliantie.actie-gewijzigd');
    assert.deepEqual(entry.before, {
      actie: 'Wijkschouw planen',
      eigenaar: 'Politie',
      deadline: '2026-02-01',
      besluit: null,
    });
    assert.deepEqual(entry.after, {
      actie: 'Wijkschouw plannen',
      eigenaar: 'Woningcorporatie',
      deadline: '2026-04-01',
      besluit: decision.number,
    });
  });

  it("corrects a seat's sector, keeps the chair's seat the chair's", async () => {
    const { ctx } = await withRecords();
    const chair = ctx.store.seats[0]!;
    const r = await ctx.service.updateSeat(PB, 'dordt-west', chair.id, {
      geladen: chair.updated_at,
      sector: 'Burgemeester van Dordrecht (voorzitter)',
      soort: 'partner',
      toelichting: chair.note,
    });
    assert.ok(r.ok);
    assert.equal(ctx.store.seats[0]!.kind, 'voorzitter');
    assert.equal(ctx.store.seats[0]!.sector, 'Burgemeester van Dordrecht (voorzitter)');
    assert.deepEqual(ctx.audit.entries.at(-1)!.before, { sector: 'Burgemeester (voorzitter)' });
    assert.equal(ctx.audit.entries.at(-1)!.action, 'alliantie.zetel-gewijzigd');
  });

  it('corrects an agreement: a new subject puts it last there; status and evidence stay', async () => {
    const { ctx } = await withRecords();
    const agreement = { ...ctx.store.agreements.find((a) => a.subject === 'afbakening')! };
    await ctx.service.updateAgreement(PB, 'dordt-west', agreement.id, {
      status: 'in-uitvoering',
      onderbouwing: 'Zie besluit',
    });
    const loaded = ctx.store.agreements.find((a) => a.id === agreement.id)!.updated_at;
    ctx.clock.now = new Date('2026-03-06T09:00:00Z');
    const r = await ctx.service.correctAgreement(PB, 'dordt-west', agreement.id, {
      geladen: loaded,
      onderwerp: 'monitoring',
      partij: 'gemeente',
      afspraak: 'Verbeterde tekst.',
      bron: agreement.source,
      link: '',
      link_tekst: 'wordt genegeerd zonder link',
    });
    assert.ok(r.ok);
    const stored = ctx.store.agreements.find((a) => a.id === agreement.id)!;
    const monitoring = ctx.store.agreements.filter(
      (a) => a.subject === 'monitoring' && a.id !== agreement.id,
    );
    assert.equal(stored.position, Math.max(0, ...monitoring.map((a) => a.position)) + 1);
    assert.deepEqual(
      [stored.status, stored.evidence, stored.link_path, stored.corrected_at],
      ['in-uitvoering', 'Zie besluit', null, '2026-03-06T09:00:00.000Z'],
    );
    const entry = ctx.audit.entries.at(-1)!;
    assert.equal(entry.action, 'alliantie.afspraak-gewijzigd');
    assert.equal((entry.before as Record<string, unknown>).afspraak, agreement.commitment);
    assert.equal((entry.after as Record<string, unknown>).onderwerp, 'Monitoring');
  });

  it('a form loaded before another save is a conflict: nothing written, nothing audited', async () => {
    const { ctx, decision, action } = await withRecords();
    const first = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: 'Eerste correctie',
      openbaarheid: 'vertrouwelijk',
    });
    assert.ok(first.ok);
    const count = ctx.audit.entries.length;
    const second = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: 'Tweede correctie',
      openbaarheid: 'vertrouwelijk',
    });
    assert.ok(!second.ok && 'conflict' in second);
    assert.match(second.conflict, /Iemand anders heeft dit besluit gewijzigd/);
    assert.equal(second.values.besluit_titel, 'Tweede correctie');
    assert.equal(ctx.store.decisions[0]!.title, 'Eerste correctie');
    // A status change also counts: the details form was loaded before it.
    await ctx.service.setActionStatus(PB, 'dordt-west', action.id, { status: 'afgerond' });
    const stale = await ctx.service.updateAction(PB, 'dordt-west', action.id, {
      geladen: action.updated_at,
      actie: 'Later',
      eigenaar: action.owner_seat_id,
      deadline: action.due_on,
    });
    assert.ok(!stale.ok && 'conflict' in stale);
    assert.equal(ctx.audit.entries.length, count + 1);
    // Lost between the check and the write (the repository refuses): still a conflict.
    const seat = ctx.store.seats[1]!;
    const write = ctx.store.updateSeat.bind(ctx.store);
    ctx.store.updateSeat = async (row, loadedAt) => {
      seat.updated_at = 'intussen-door-een-ander';
      return write(row, loadedAt);
    };
    const raced = await ctx.service.updateSeat(PB, 'dordt-west', seat.id, {
      geladen: seat.updated_at,
      sector: 'Gemeente Dordrecht',
      soort: 'partner',
    });
    assert.ok(!raced.ok && 'conflict' in raced);
    assert.equal(seat.sector, 'Gemeente');
    assert.equal(ctx.audit.entries.length, count + 1);
  });

  it('a record of another focus area or municipality is not found', async () => {
    const { ctx, decision } = await withRecords();
    const other = { actor: 'x', municipalityCode: 'GM0014' };
    await assert.rejects(
      ctx.service.updateDecision(other, 'dordt-west', decision.id, {
        geladen: decision.updated_at,
      }),
      NotFoundError,
    );
    await assert.rejects(
      ctx.service.decisionForEdit('dordt-west', 'GM0014', decision.id),
      NotFoundError,
    );
    await assert.rejects(
      ctx.service.seatForEdit('elders', 'GM0014', ctx.store.seats[0]!.id),
      NotFoundError,
    );
    await assert.rejects(
      ctx.service.agreementForEdit('elders', 'GM0014', ctx.store.agreements[0]!.id),
      NotFoundError,
    );
    await assert.rejects(
      ctx.service.actionForEdit('elders', 'GM0014', ctx.store.actions[0]!.id),
      NotFoundError,
    );
  });

  it('the public feed carries a corrected public decision, with the event marked as changed', async () => {
    const { ctx, decision } = await withRecords();
    const r = await ctx.service.updateDecision(PB, 'dordt-west', decision.id, {
      geladen: decision.updated_at,
      besluit_titel: 'Wijkschouw in de lente',
      besluit_tekst: decision.text,
      openbaarheid: 'openbaar',
    });
    assert.ok(r.ok);
    const ics = await ctx.service.meetingsCalendar('dordt-west', 'https://wijkkompas.example');
    assert.match(ics, /Wijkschouw in de lente/);
    assert.match(ics, /LAST-MODIFIED:20260305T090000Z/);
  });
});
