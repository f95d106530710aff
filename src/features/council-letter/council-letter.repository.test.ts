import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { loadMailConfig } from '../accounts/mail/mail.config.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { createReminderMailer } from '../budget/index.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { CouncilLetterRepository, councilLetterTransaction } from './council-letter.repository.ts';
import { CouncilMomentReminders } from './council-letter.service.ts';
import type { CouncilLetter } from './council-letter.table.ts';

const inbox: { to: string[]; raw: string }[] = [];
let smtp: SMTPServer;
let port: number;

before(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});

after(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function letter(id: string, at: string): CouncilLetter {
  return {
    id,
    focus_area_slug: 'dordt-west',
    municipality_code: 'GM0505',
    status: 'concept',
    title: 'Raadsinformatiebrief',
    texts: '{"aanleiding":"Eerste tekst"}',
    number: null,
    published_at: null,
    published_by: null,
    snapshot: null,
    content_hash: null,
    created_at: at,
    created_by: 'test',
    updated_at: at,
    updated_by: 'test',
  };
}

describeEachDialect('council letter repository', (getDb) => {
  it('stores drafts, freezes a published letter and refuses any later change', async () => {
    const { db } = getDb();
    await upsertFocusArea(db, {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipality_code: 'GM0505',
      municipality_name: 'Dordrecht',
      composition_status: 'bekend',
      source_note: '',
    });
    const repo = new CouncilLetterRepository(db);
    assert.deepEqual(await repo.findFocusArea('dordt-west'), {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipalityCode: 'GM0505',
    });
    await repo.insertLetter(letter('a', '2027-01-01T00:00:00.000Z'));
    await repo.insertLetter(letter('b', '2027-01-02T00:00:00.000Z'));
    assert.deepEqual(
      (await repo.listLetters('dordt-west')).map((l) => l.id),
      ['b', 'a'],
    );
    assert.equal(await repo.maxNumber('dordt-west'), 0);
    assert.equal(await repo.updateTexts('a', '{"aanleiding":"Nieuw"}', 't2', 'x'), true);
    assert.equal(await repo.publish('a', publication(1)), false, 'a concept is not published');
    assert.equal(await repo.setStatus('a', 'concept', 'ter-beoordeling', 't3', 'x'), true);
    assert.equal(await repo.setStatus('a', 'concept', 'ter-beoordeling', 't3', 'x'), false);
    assert.equal(await repo.publish('a', publication(1)), true);
    const frozen = await repo.findPublished('dordt-west', 1);
    assert.equal(frozen?.number, 1);
    assert.equal(frozen?.content_hash, 'hash-1');
    assert.equal(await repo.maxNumber('dordt-west'), 1);

    assert.equal(await repo.updateTexts('a', '{}', 't4', 'x'), false);
    assert.equal(await repo.setStatus('a', 'ter-beoordeling', 'concept', 't4', 'x'), false);
    assert.equal(await repo.setStatus('a', 'gepubliceerd', 'concept', 't4', 'x'), false);
    assert.equal(await repo.publish('a', publication(2)), false);
    assert.deepEqual(await repo.findLetter('a'), frozen);

    // The number is unique per focus area, whatever the service does.
    await repo.setStatus('b', 'concept', 'ter-beoordeling', 't5', 'x');
    await assert.rejects(repo.publish('b', publication(1)));
    assert.equal((await repo.findLetter('b'))?.status, 'ter-beoordeling');
  });

  it('reminds of a planned council moment once, by mail through SMTP_URL, audited', async () => {
    inbox.length = 0;
    const { db } = getDb();
    const repo = new CouncilLetterRepository(db);
    const moment = {
      focus_area_slug: 'dordt-west',
      municipality_code: 'GM0505',
      subject: "Contouren en belangrijkste thema's",
      reminded_for: null,
      created_at: 't',
      created_by: 'test',
    };
    await repo.insertMoment({
      ...moment,
      id: 'm1',
      date: '2027-03-10',
      contact_email: 'griffie@fixture.example',
    });
    await repo.insertMoment({
      ...moment,
      id: 'm2',
      date: '2027-05-01',
      contact_email: 'x@fixture.example',
    });
    await repo.insertMoment({ ...moment, id: 'm3', date: '2027-03-05', contact_email: null });
    assert.deepEqual(
      (await repo.listMoments('dordt-west')).map((m) => m.id),
      ['m3', 'm1', 'm2'],
    );
    const mail = loadMailConfig({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Wijkkompas <noreply@fixture.example>',
    })!;
    const reminders = new CouncilMomentReminders(
      repo,
      councilLetterTransaction(db),
      () => new Date('2027-03-01T06:00:00Z'),
    );
    const mailer = createReminderMailer(mail);
    assert.deepEqual(await reminders.sendMomentReminders(mailer, 14), { sent: 1 });
    assert.deepEqual(await reminders.sendMomentReminders(mailer, 14), { sent: 0 }, 'once');
    assert.equal(inbox.length, 1);
    assert.deepEqual(inbox[0]!.to, ['griffie@fixture.example']);
    assert.match(inbox[0]!.raw.replace(/=\r?\n/g, ''), /over 9 dagen/);
    const audit = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['raadsbrief.herinnering-verstuurd'],
    );
  });
});

function publication(number: number) {
  return {
    number,
    publishedAt: '2027-01-03T00:00:00.000Z',
    publishedBy: 'test',
    snapshot: `{"n":${number}}`,
    contentHash: `hash-${number}`,
  };
}
