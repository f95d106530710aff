import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry } from '../audit/audit.repository.ts';
import {
  CouncilLetterService,
  CouncilMomentReminders,
  LetterFrozenError,
} from './council-letter.service.ts';
import {
  FakeCouncilLetterStore,
  FakeSources,
  fakeTransaction,
} from './council-letter.test-fakes.ts';
import { canonicalJson, contentHash } from './snapshot.ts';

const WHO = { actor: 'gebruiker:1 Fixture', municipalityCode: 'GM0505' };

function setup() {
  const store = new FakeCouncilLetterStore();
  const audit: AuditEntry[] = [];
  const sources = new FakeSources();
  let n = 0;
  const clock = new Date('2027-01-10T10:00:00Z');
  const service = new CouncilLetterService(
    store,
    fakeTransaction(store, audit),
    sources,
    () => clock,
    () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  );
  const reminders = new CouncilMomentReminders(store, fakeTransaction(store, audit), () => clock);
  return { store, audit, sources, service, reminders };
}

async function publishedLetter(ctx: ReturnType<typeof setup>, texts: Record<string, string> = {}) {
  const started = await ctx.service.startLetter(WHO, 'dordt-west', {});
  assert.ok(started.ok);
  const id = started.value.id;
  const saved = await ctx.service.saveTexts(WHO, 'dordt-west', id, texts);
  assert.ok(saved.ok);
  await ctx.service.changeStatus(WHO, 'dordt-west', id, 'ter-beoordeling');
  const snapshot = await ctx.service.publish(WHO, 'dordt-west', id);
  return { id, snapshot };
}

describe('CouncilLetterService', () => {
  it('starts a draft with the parts of the seed letter and live blocks that name source and version', async () => {
    const ctx = setup();
    const r = await ctx.service.startLetter(WHO, 'dordt-west', { titel: '' });
    assert.ok(r.ok);
    assert.equal(r.value.status, 'concept');
    assert.equal(r.value.title, 'Raadsinformatiebrief Nationaal Programma Dordt West');
    const view = await ctx.service.letter('dordt-west', 'GM0505', r.value.id);
    assert.deepEqual(Object.keys(view.texts), [
      'aanleiding',
      'kernboodschap',
      'afbakening',
      'monitor',
      'participatie',
      'alliantie',
      'financien',
      'vervolg',
    ]);
    const monitor = view.blocks.find((b) => b.key === 'monitor')!;
    assert.equal(monitor.dataVersion, '1.1');
    assert.match(monitor.source, /Monitor Wijkkompas/);
    assert.deepEqual(
      monitor.figures.map((f) => [f.key, f.value]),
      [
        ['aantal-inwoners', '28.970'],
        ['zonder-cijfer', '2'],
      ],
    );
    const budget = view.blocks.find((b) => b.key === 'financien')!;
    assert.ok(
      budget.figures.some((f) => f.value === '€ 500.000,00 per jaar' && f.note === 'vanaf 2023'),
    );
    assert.ok(budget.figures.some((f) => f.key === 'uitgegeven' && f.value === '€ 12.345,67'));
    assert.equal(ctx.audit[0]?.action, 'raadsbrief.concept-gestart');
  });

  it('says "nog niet geladen" for a source without data instead of inventing figures', async () => {
    const ctx = setup();
    ctx.sources.inhabitants = null;
    const r = await ctx.service.startLetter(WHO, 'dordt-west', {});
    assert.ok(r.ok);
    const view = await ctx.service.letter('dordt-west', 'GM0505', r.value.id);
    const monitor = view.blocks.find((b) => b.key === 'monitor')!;
    assert.equal(monitor.loaded, false);
    assert.deepEqual(monitor.figures, []);
  });

  it('publishes with a canonical snapshot, its SHA-256 and the next number of the area', async () => {
    const ctx = setup();
    const { id, snapshot } = await publishedLetter(ctx, { aanleiding: 'Dordt West doet mee.' });
    assert.equal(snapshot.number, 1);
    assert.equal(snapshot.publishedOn, '2027-01-10');
    const row = ctx.store.letters.find((l) => l.id === id)!;
    assert.equal(row.status, 'gepubliceerd');
    assert.equal(row.snapshot, canonicalJson(snapshot));
    assert.equal(row.content_hash, contentHash(row.snapshot!));
    assert.match(row.content_hash!, /^[0-9a-f]{64}$/);
    assert.equal(snapshot.sections[0]!.text, 'Dordt West doet mee.');
    const second = await publishedLetter(ctx);
    assert.equal(second.snapshot.number, 2);
    assert.ok(ctx.audit.some((e) => e.action === 'raadsbrief.gepubliceerd'));
  });

  it('refuses every change to a published letter and leaves it as it was', async () => {
    const ctx = setup();
    const { id } = await publishedLetter(ctx);
    const before = { ...ctx.store.letters.find((l) => l.id === id)! };
    await assert.rejects(
      ctx.service.saveTexts(WHO, 'dordt-west', id, { aanleiding: 'Anders' }),
      LetterFrozenError,
    );
    await assert.rejects(
      ctx.service.changeStatus(WHO, 'dordt-west', id, 'concept'),
      LetterFrozenError,
    );
    await assert.rejects(ctx.service.publish(WHO, 'dordt-west', id), LetterFrozenError);
    // Even a store that skipped the service's check refuses: the repository's own guard.
    assert.equal(await ctx.store.updateTexts(id, '{}', 'x', 'y'), false);
    assert.deepEqual(
      ctx.store.letters.find((l) => l.id === id),
      before,
    );
  });

  it('publishes only after review, and text changes only in concept', async () => {
    const ctx = setup();
    const r = await ctx.service.startLetter(WHO, 'dordt-west', {});
    assert.ok(r.ok);
    await assert.rejects(ctx.service.publish(WHO, 'dordt-west', r.value.id), /ter beoordeling/);
    await ctx.service.changeStatus(WHO, 'dordt-west', r.value.id, 'ter-beoordeling');
    const refused = await ctx.service.saveTexts(WHO, 'dordt-west', r.value.id, { aanleiding: 'x' });
    assert.equal(refused.ok, false);
  });

  it('keeps a published letter frozen when the data change, and lists the changed figures on the next', async () => {
    const ctx = setup();
    await publishedLetter(ctx);
    ctx.sources.inhabitants = '24.000';
    ctx.sources.version = '1.2';
    const first = await ctx.service.published('dordt-west', 1);
    assert.equal(
      first.snapshot.sections.find((s) => s.key === 'monitor')!.blocks[0]!.figures[0]!.value,
      '28.970',
    );
    assert.equal(first.previous, null);
    await publishedLetter(ctx);
    const second = await ctx.service.published('dordt-west', 2);
    assert.deepEqual(second.previous?.changes, [
      {
        block: 'Kerncijfers uit de monitor',
        label: 'Inwoners',
        before: '28.970 (2024)',
        after: '24.000 (2024)',
      },
    ]);
    assert.equal((await ctx.service.published('dordt-west', 1)).contentHash, first.contentHash);
  });

  it('refuses a letter of another municipality or area', async () => {
    const ctx = setup();
    const r = await ctx.service.startLetter(WHO, 'dordt-west', {});
    assert.ok(r.ok);
    await assert.rejects(ctx.service.letter('dordt-west', 'GM0014', r.value.id), /bestaat niet/);
    await assert.rejects(ctx.service.published('dordt-west', 9), /bestaat niet/);
  });

  it('plans council moments with Dutch field errors and reminds once per moment', async () => {
    const ctx = setup();
    const bad = await ctx.service.addMoment(WHO, 'dordt-west', {
      datum: '2027-02-30',
      onderwerp: '',
      email: 'geen-adres',
    });
    assert.equal(bad.ok, false);
    if (!bad.ok) assert.deepEqual(Object.keys(bad.errors), ['datum', 'onderwerp', 'email']);
    assert.equal(ctx.store.moments.length, 0);
    const ok = await ctx.service.addMoment(WHO, 'dordt-west', {
      datum: '2027-01-20',
      onderwerp: "Contouren en belangrijkste thema's",
      email: 'programma@fixture.example',
    });
    assert.ok(ok.ok);
    const sent: { to: string; subject: string }[] = [];
    const mailer = { send: async (m: { to: string; subject: string }) => void sent.push(m) };
    assert.deepEqual(await ctx.reminders.sendMomentReminders(mailer, 5), { sent: 0 });
    assert.deepEqual(await ctx.reminders.sendMomentReminders(mailer, 14), { sent: 1 });
    assert.deepEqual(await ctx.reminders.sendMomentReminders(mailer, 14), { sent: 0 });
    assert.equal(sent[0]?.to, 'programma@fixture.example');
    assert.match(sent[0]!.subject, /20 januari 2027/);
    const ics = await ctx.service.momentsCalendar('dordt-west', 'https://wk.example');
    assert.match(ics, /DTSTART;VALUE=DATE:20270120/);
    const view = await ctx.service.letter('dordt-west', 'GM0505', (await publishedLetter(ctx)).id);
    assert.deepEqual(
      view.blocks.find((b) => b.key === 'raadsmomenten')!.figures.map((f) => f.value),
      ["Contouren en belangrijkste thema's"],
    );
  });
});

describe('letter snapshot', () => {
  it('refuses a stored letter whose text no longer matches its hash', async () => {
    const ctx = setup();
    const { id } = await publishedLetter(ctx, { aanleiding: 'Origineel' });
    const row = ctx.store.letters.find((l) => l.id === id)!;
    assert.ok((await ctx.service.published('dordt-west', 1)).snapshot);
    row.snapshot = row.snapshot!.replace('Origineel', 'Vervalst');
    await assert.rejects(ctx.service.published('dordt-west', 1), /klopt niet met zijn hash/);
  });

  it('writes canonical JSON: the same content in another key order gives the same hash', () => {
    const a = canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 'x' } });
    const b = canonicalJson({ a: { c: 'x', d: [2, { e: 0, f: 1 }] }, b: 1 });
    assert.equal(a, b);
    assert.equal(a, '{"a":{"c":"x","d":[2,{"e":0,"f":1}]},"b":1}');
    assert.equal(contentHash(a), contentHash(b));
  });
});
