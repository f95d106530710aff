import nodemailer from 'nodemailer';
import type { MailConfig } from '../accounts/index.ts';

export interface ReminderMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends deadline reminders; a fake in unit tests, nodemailer over SMTP_URL otherwise. */
export interface ReminderMailer {
  send(mail: ReminderMail): Promise<void>;
}

export function createReminderMailer(config: MailConfig): ReminderMailer {
  const transport = nodemailer.createTransport({
    url: config.smtpUrl,
    logger: false,
    debug: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({ from: config.from, ...mail });
    },
  };
}
