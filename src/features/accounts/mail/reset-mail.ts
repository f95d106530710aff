import nodemailer from 'nodemailer';
import { formatDate } from '../views/accounts-parts.tsx';
import type { MailConfig } from './mail.config.ts';

export interface ResetMail {
  to: string;
  name: string;
  link: string;
  expiresAt: Date;
}

/** Sends reset links. The link is in the mail body only: never in a log line or an error. */
export interface ResetMailer {
  sendResetLink(mail: ResetMail): Promise<void>;
}

/** The mail text, Dutch at B1 level. It holds the one-time link and never a password. */
export function resetMailText(mail: Omit<ResetMail, 'to'>): { subject: string; text: string } {
  return {
    subject: 'Stel uw wachtwoord in voor Wijkkompas',
    text: [
      `Beste ${mail.name},`,
      '',
      'De beheerder van Wijkkompas heeft een link voor u gemaakt. Met deze link stelt u een nieuw wachtwoord in:',
      '',
      mail.link,
      '',
      `De link werkt één keer, tot ${formatDate(mail.expiresAt)}. Daarna vraagt u de beheerder om een nieuwe link.`,
      '',
      'Heeft u niet om een nieuw wachtwoord gevraagd? Dan hoeft u niets te doen. Laat het wel weten aan de beheerder van uw gemeente.',
      '',
      'Wijkkompas stuurt u nooit uw wachtwoord, en vraagt er nooit om in een mail.',
    ].join('\n'),
  };
}

export function createResetMailer(config: MailConfig): ResetMailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    // No logger: nodemailer would otherwise be able to write the message (the link) to a log.
    logger: false,
    debug: false,
    // An administrator waits for this; a dead mail server must not hang the page for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async sendResetLink(mail) {
      const { subject, text } = resetMailText(mail);
      await transport.sendMail({ from: config.from, to: mail.to, subject, text });
    },
  };
}
