/** This file imports nothing from the app, so src/config.ts can use it. */

/** SMTP settings, from the environment only: both SMTP_URL and MAIL_FROM, or neither. */
export interface MailConfig {
  /** smtp://user:pass@host:port or smtps://…; nodemailer's URL form. */
  smtpUrl: string;
  /** The sender, e.g. "Wijkkompas <noreply@gemeente.nl>". */
  from: string;
}

export function loadMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | undefined {
  const smtpUrl = env.SMTP_URL?.trim() ?? '';
  const from = env.MAIL_FROM?.trim() ?? '';
  if (smtpUrl === '' && from === '') return undefined;
  if (smtpUrl === '' || from === '') {
    throw new Error(
      'Mail is half ingesteld: zet SMTP_URL en MAIL_FROM allebei, of geen van beide.',
    );
  }
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    throw new Error('SMTP_URL is geen geldige URL, zoals smtp://gebruiker:wachtwoord@host:587.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error('SMTP_URL moet beginnen met smtp:// of smtps://.');
  }
  return { smtpUrl, from };
}
