import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { describeEachDialect, type TestDb } from '../../../../test/helpers/db.ts';
import {
  FIXTURE_PASSWORD,
  csrfToken,
  form,
  login,
  makeUser,
  sessionCookie,
} from '../../../../test/security/security-app.ts';
import { logSerializers, redactUrl } from '../log-redaction.ts';
import { loadMailConfig, type MailConfig } from './mail.config.ts';

interface ReceivedMail {
  from: string | undefined;
  to: string[];
  user: string | undefined;
  raw: string;
}

const SMTP_USER = 'fixture-smtp';
const SMTP_PASS = 'fixture-smtp-wachtwoord';
const HOME = 'GM0505';

const inbox: ReceivedMail[] = [];
let smtp: SMTPServer;
let port: number;

before(async () => {
  smtp = new SMTPServer({
    // A plain loopback connection: no certificate to trust in the test.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) {
        callback(null, { user: auth.username });
      } else callback(new Error('onbekende gebruiker'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
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

/** The text body of a mail, with quoted-printable soft breaks and escapes undone. */
function bodyText(raw: string): string {
  const body = raw.slice(raw.indexOf('\r\n\r\n') + 4);
  const bytes = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function mailConfig(): MailConfig {
  const config = loadMailConfig({
    SMTP_URL: `smtp://${SMTP_USER}:${SMTP_PASS}@127.0.0.1:${port}`,
    MAIL_FROM: 'Wijkkompas <noreply@fixture.example>',
  });
  assert.ok(config);
  return config;
}

async function buildMailApp(handle: TestDb, mail: MailConfig | undefined, logLines?: string[]) {
  const logger = logLines
    ? pino(
        { level: 'trace', serializers: logSerializers },
        { write: (line: string) => void logLines.push(line) },
      )
    : undefined;
  const app = await buildApp({
    services: createServices(handle, { datasetsDir: '/nonexistent-fixture', mail }),
    sessionSecret: `fixture-secret-${Math.random().toString(36).slice(2)}-0123456789abcdef`,
    ...(logger ? { logger } : {}),
  });
  await app.ready();
  return app;
}

async function makeUsers(handle: TestDb) {
  await makeUser(handle, 'beheer@fixture.example', [{ role: 'beheerder', municipalityCode: HOME }]);
  return makeUser(
    handle,
    'nina@fixture.example',
    [{ role: 'invoerder', municipalityCode: HOME }],
    'Nina Fixture',
  );
}

/** The administrator's "Link voor wachtwoord maken" for this user, through the real form. */
async function makeResetLink(app: FastifyInstance, targetId: string) {
  const admin = await login(app, 'beheer@fixture.example');
  const { payload, headers } = form({ _csrf: admin.token });
  const res = await app.inject({
    method: 'POST',
    url: `/beheer/${HOME}/gebruikers/${targetId}/herstellink`,
    payload,
    headers: { ...headers, cookie: admin.cookie },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res;
}

describe('mail configuration from the environment', () => {
  it('is off without variables and refuses half a setup', () => {
    assert.equal(loadMailConfig({}), undefined);
    assert.throws(() => loadMailConfig({ SMTP_URL: 'smtp://h:25' }), /MAIL_FROM allebei/);
    assert.throws(() => loadMailConfig({ MAIL_FROM: 'a@fixture.example' }), /SMTP_URL/);
    assert.throws(
      () => loadMailConfig({ SMTP_URL: 'http://h', MAIL_FROM: 'a@fixture.example' }),
      /smtp:\/\/ of smtps:\/\//,
    );
  });

  it('hides reset tokens and OIDC codes in logged URLs', () => {
    assert.equal(
      redactUrl('/wachtwoord-herstellen/abc_DEF-123'),
      '/wachtwoord-herstellen/[verborgen]',
    );
    assert.equal(
      redactUrl('/inloggen/oidc/terug?code=x&state=y'),
      '/inloggen/oidc/terug?[verborgen]',
    );
    assert.equal(redactUrl('/gebieden/dordt-west?x=1'), '/gebieden/dordt-west?x=1');
  });
});

describeEachDialect('reset link by mail', (getDb) => {
  it('mails the one-time link in Dutch, without a password; the link works once', async () => {
    const handle = getDb();
    const logLines: string[] = [];
    const app = await buildMailApp(handle, mailConfig(), logLines);
    try {
      inbox.length = 0;
      const target = await makeUsers(handle);
      const res = await makeResetLink(app, target.id);
      assert.match(res.body, /We hebben de link gemaild naar Nina Fixture/);

      assert.equal(inbox.length, 1);
      const mail = inbox[0]!;
      assert.deepEqual(mail.to, ['nina@fixture.example']);
      assert.equal(mail.from, 'noreply@fixture.example');
      assert.equal(mail.user, SMTP_USER, 'the SMTP login from SMTP_URL was used');
      assert.match(mail.raw, /^Subject: Stel uw wachtwoord in voor Wijkkompas/m);
      const text = bodyText(mail.raw);
      assert.match(text, /Beste Nina Fixture,/);
      assert.match(text, /De link werkt één keer/);
      assert.doesNotMatch(text, new RegExp(FIXTURE_PASSWORD));
      const hash = (
        await handle.db
          .selectFrom('users')
          .select('password_hash')
          .where('id', '=', target.id)
          .executeTakeFirstOrThrow()
      ).password_hash;
      assert.ok(hash && !text.includes(hash));
      const m = /(?:https?:\/\/[^/\s]+)?(\/wachtwoord-herstellen\/([A-Za-z0-9_-]+))/.exec(text);
      assert.ok(m, text);
      const [, path, token] = m;
      assert.ok(res.body.includes(path!), 'the same link is on screen to hand over');

      const page = await app.inject({ method: 'GET', url: path! });
      assert.equal(page.statusCode, 200);
      const cookie = sessionCookie(page);
      assert.ok(cookie);
      const newPassword = 'nieuw-fixture-wachtwoord-2026';
      const set = form({
        _csrf: csrfToken(page.body),
        wachtwoord: newPassword,
        herhaling: newPassword,
      });
      const done = await app.inject({
        method: 'POST',
        url: path!,
        payload: set.payload,
        headers: { ...set.headers, cookie },
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.match(done.body, /Uw wachtwoord is ingesteld/);
      await login(app, 'nina@fixture.example', newPassword, '10.9.0.1');

      const again = await app.inject({
        method: 'POST',
        url: path!,
        payload: form({
          _csrf: csrfToken(page.body),
          wachtwoord: 'x'.repeat(20),
          herhaling: 'x'.repeat(20),
        }).payload,
        headers: { ...set.headers, cookie },
      });
      assert.equal(again.statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: path! })).statusCode, 404);

      const log = logLines.join('');
      assert.match(log, /wachtwoord-herstellen\/\[verborgen\]/, 'the requests were logged');
      assert.ok(!log.includes(token!), 'the token is in no log line');
    } finally {
      await app.close();
    }
  });

  it('shows the link to hand over when no SMTP is configured, and when mailing fails', async () => {
    const handle = getDb();
    const target = await makeUsers(handle);
    const app = await buildMailApp(handle, undefined);
    try {
      inbox.length = 0;
      const res = await makeResetLink(app, target.id);
      assert.match(res.body, /Geef deze link zelf aan Nina Fixture/);
      assert.doesNotMatch(res.body, /gemaild/);
      assert.equal(inbox.length, 0);
    } finally {
      await app.close();
    }
    const wrongLogin = mailConfig();
    wrongLogin.smtpUrl = wrongLogin.smtpUrl.replace(SMTP_PASS, 'fout-fixture-wachtwoord');
    const other = await buildMailApp(handle, wrongLogin);
    try {
      const res = await makeResetLink(other, target.id);
      assert.match(res.body, /Het mailen van de link is niet gelukt/);
      assert.match(res.body, /Geef deze link zelf aan/);
      assert.match(res.body, /\/wachtwoord-herstellen\/[A-Za-z0-9_-]+/);
    } finally {
      await other.close();
    }
  });
});
