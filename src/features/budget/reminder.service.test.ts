import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { loadMailConfig } from '../accounts/mail/mail.config.ts';
import { listAudit } from '../audit/audit.repository.ts';
import { upsertFocusArea } from '../focus-areas/focus-area.repository.ts';
import { databaseAuditWriter } from './audit-writer.ts';
import { createReminderMailer } from './reminder-mail.ts';
import { ReminderService } from './reminder.service.ts';
import { SubsidyRepository } from './subsidy.repository.ts';

const inbox: Array<{ to: string[]; raw: string }> = [];
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

describeEachDialect('subsidy deadline reminders by mail', (getDb) => {
  it('mails N days before a deadline, once per deadline, through SMTP_URL', async () => {
    inbox.length = 0;
    const db = getDb().db;
    await upsertFocusArea(db, {
      slug: 'dordt-west',
      name: 'Dordt West',
      municipality_code: 'GM0505',
      municipality_name: 'Dordrecht',
      composition_status: 'bekend',
      source_note: '',
    });
    const repo = new SubsidyRepository(db);
    const base = {
      focus_area_slug: 'dordt-west',
      scheme_id: 'preventie-met-gezag',
      project: '',
      theme: null,
      requested_cents: null,
      granted_cents: null,
      status: 'in-voorbereiding',
      accountability_deadline: null,
      budget_line_id: null,
      created_at: 't',
      updated_at: 't',
    };
    await repo.insertApplication({
      ...base,
      id: 'a1',
      title: 'Jongerenwerk Wielwijk',
      submission_deadline: '2026-03-10',
      contact_email: 'programmabureau@fixture.example',
    });
    await repo.insertApplication({
      ...base,
      id: 'a2',
      title: 'Later',
      submission_deadline: '2026-05-01',
      contact_email: 'x@fixture.example',
    });
    await repo.insertApplication({
      ...base,
      id: 'a3',
      title: 'Zonder adres',
      submission_deadline: '2026-03-05',
      contact_email: null,
    });

    const mail = loadMailConfig({
      SMTP_URL: `smtp://127.0.0.1:${port}`,
      MAIL_FROM: 'Wijkkompas <noreply@fixture.example>',
    })!;
    const service = new ReminderService(
      repo,
      databaseAuditWriter,
      createReminderMailer(mail),
      () => new Date('2026-03-01T06:00:00Z'),
    );
    assert.deepEqual(await service.sendDue(14), { sent: 1, withoutAddress: 1 });
    assert.deepEqual(
      await service.sendDue(14),
      { sent: 0, withoutAddress: 1 },
      'once per deadline',
    );
    assert.equal(inbox.length, 1);
    assert.deepEqual(inbox[0]!.to, ['programmabureau@fixture.example']);
    assert.match(inbox[0]!.raw, /Jongerenwerk Wielwijk/);
    assert.match(inbox[0]!.raw.replace(/=\r?\n/g, ''), /over 9 dagen/);
    const audit = await listAudit(db, { municipalityCode: 'GM0505' });
    assert.deepEqual(
      audit.map((a) => a.action),
      ['subsidie.herinnering-verstuurd'],
    );

    const unset = new ReminderService(repo, databaseAuditWriter, undefined);
    assert.match((await unset.sendDue()).notice ?? '', /geen mail ingesteld/);
  });
});
