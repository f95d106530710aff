import type { AuditWriter } from './audit-writer.ts';
import type { ReminderMailer } from './reminder-mail.ts';
import type { DueDeadline, SubsidyRepository } from './subsidy.repository.ts';

export const DEFAULT_REMINDER_DAYS = 14;

export interface ReminderReport {
  sent: number;
  /** Deadlines in the window whose application has no e-mail address. */
  withoutAddress: number;
  /** Set when no mail could be sent at all (SMTP_URL not set). */
  notice?: string;
}

const longDate = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });

export function reminderText(d: DueDeadline, today: string): { subject: string; text: string } {
  const when = longDate.format(new Date(`${d.date}T00:00:00Z`));
  const days = Math.round(
    (Date.parse(`${d.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  const what = d.kind === 'indienen' ? 'indienen' : 'verantwoorden';
  return {
    subject: `Herinnering: ${what} "${d.application.title}" vóór ${when}`,
    text: [
      'Beste collega,',
      '',
      `De aanvraag "${d.application.title}" moet u vóór ${when} ${what}. Dat is over ${days} ${days === 1 ? 'dag' : 'dagen'}.`,
      '',
      'U vindt de aanvraag in Wijkkompas, in de werkruimte onder Programma, Subsidies.',
      '',
      'U krijgt deze herinnering één keer per deadline.',
    ].join('\n'),
  };
}

/**
 * Mails a reminder N days (or fewer) before each submission or accountability deadline, to the
 * application's contact address, once per deadline: a sent reminder is recorded, so running
 * this again (by timer or CLI) sends nothing new. A changed deadline date is a new deadline.
 */
export class ReminderService {
  constructor(
    private readonly repo: SubsidyRepository,
    private readonly audit: AuditWriter,
    private readonly mailer: ReminderMailer | undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async sendDue(daysBefore = DEFAULT_REMINDER_DAYS): Promise<ReminderReport> {
    if (!this.mailer)
      return {
        sent: 0,
        withoutAddress: 0,
        notice:
          'Er is geen mail ingesteld (SMTP_URL en MAIL_FROM); er zijn geen herinneringen verstuurd.',
      };
    const today = this.now().toISOString().slice(0, 10);
    const until = new Date(`${today}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + daysBefore);
    const due = await this.repo.dueDeadlines(today, until.toISOString().slice(0, 10));
    let sent = 0;
    let withoutAddress = 0;
    for (const d of due) {
      const to = d.application.contact_email;
      if (!to) {
        withoutAddress += 1;
        continue;
      }
      // Recorded in the same transaction as the send: a failed send records nothing and is
      // tried again on the next run; a second run finds it recorded and sends nothing.
      await this.repo.transaction(async (tx) => {
        if (!(await tx.markReminded(d.application.id, d.kind, d.date, this.now().toISOString())))
          return;
        await this.audit.write(
          {
            actor: 'herinneringen',
            action: 'subsidie.herinnering-verstuurd',
            entity: 'subsidieaanvraag',
            entityId: d.application.id,
            municipalityCode: d.municipality_code,
            after: { deadline: d.kind, datum: d.date },
          },
          tx.handle,
        );
        await this.mailer!.send({ to, ...reminderText(d, today) });
        sent += 1;
      });
    }
    return { sent, withoutAddress };
  }
}
