import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { safeReturnPath } from '../../plugins/authorization.ts';
import { SESSION_COOKIE } from '../../plugins/session.ts';
import { AppError, BadRequestError } from '../../shared/errors.ts';
import {
  actorOf,
  emailSchema,
  HOME_AFTER_LOGIN,
  passwordProblems,
  ResetLinkInvalidError,
} from './account.service.ts';
import { AccountPage } from './views/account.page.tsx';
import { LoginPage } from './views/login.page.tsx';
import { MessagePage } from './views/message.page.tsx';
import { ResetLinkPage } from './views/reset-link.page.tsx';
import { ResetPasswordPage } from './views/reset-password.page.tsx';
import { UsersPage } from './views/users.page.tsx';
import type { FieldErrors } from '../../views/components/form.tsx';
import type { ResetMail, ResetMailer } from './mail/reset-mail.ts';
import type { ResetMailOutcome } from './views/accounts-parts.tsx';
import { oidcButton } from './oidc/oidc.config.ts';
import { html, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

/** Per client address: enough for typing errors, too few for guessing. */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: 15 * 60 * 1000 };
export const TOO_MANY_LOGINS =
  'U heeft te vaak geprobeerd in te loggen. Wacht 15 minuten en probeer het dan opnieuw.';

/** The per-account throttle's message; names the wait in whole minutes. */
export function accountThrottledMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Voor dit account is te vaak een verkeerd wachtwoord gebruikt. Daarom kan er nu niet mee worden ingelogd, ook niet met het goede wachtwoord. Wacht ${minutes} ${minutes === 1 ? 'minuut' : 'minuten'} en probeer het dan opnieuw. Weet u uw wachtwoord niet meer? Vraag uw beheerder om een herstellink.`;
}

const municipalityParam = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
const userParam = municipalityParam.extend({ id: z.string().min(1).max(100) });
/** A reset token is 32 random bytes in base64url; anything else is a link that does not work. */
const tokenParam = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/) });
const resetLinkRefusal = { notFound: new ResetLinkInvalidError().message };

function body(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function requireUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

/**
 * Mails a reset link where SMTP is configured. 'niet-ingesteld' without SMTP, 'mislukt' when
 * sending failed (the administrator still has the link on screen). Logs neither link nor token.
 */
async function mailResetLink(
  request: FastifyRequest,
  mailer: ResetMailer | undefined,
  mail: ResetMail,
): Promise<ResetMailOutcome> {
  if (!mailer) return 'niet-ingesteld';
  try {
    await mailer.sendResetLink(mail);
    return 'verstuurd';
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : undefined;
    request.log.error({ code }, 'herstellink mailen mislukt');
    return 'mislukt';
  }
}

/** Login, logout, own account, password reset by one-time link, and user administration. */
export async function accountRoutes(
  server: FastifyInstance,
  opts: {
    services: Services;
    /** PUBLIC_URL: the origin of reset links; never taken from Host or X-Forwarded-Host. */
    publicUrl: string;
  },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { accounts } = opts.services;
  await app.register(rateLimit, { global: false });

  app.get<{ Querystring: { terug?: string } }>(
    '/inloggen',
    { config: { permission: 'public' } },
    async (request, reply) =>
      html(
        reply,
        <LoginPage
          csrf={reply.generateCsrf()}
          returnTo={safeReturnPath(request.query.terug)}
          sso={oidcButton(opts.services.oidc, safeReturnPath(request.query.terug))}
        />,
      ),
  );

  app.post<{ Querystring: { terug?: string } }>(
    '/inloggen',
    {
      config: {
        permission: 'public',
        rateLimit: {
          ...LOGIN_RATE_LIMIT,
          errorResponseBuilder: () =>
            Object.assign(new Error(TOO_MANY_LOGINS), {
              statusCode: 429,
              code: 'TE_VEEL_POGINGEN',
            }),
        },
      },
      // The rate limiter answers before the handler; show its Dutch message on the login page.
      errorHandler: (error: FastifyError, _request, reply) => {
        if (error.statusCode !== 429) throw error;
        return html(
          reply,
          <LoginPage
            csrf={reply.generateCsrf()}
            message={TOO_MANY_LOGINS}
            sso={oidcButton(opts.services.oidc)}
          />,
          429,
        );
      },
    },
    async (request, reply) => {
      const form = body(request);
      const rawEmail = text(form.email);
      const password = text(form.wachtwoord);
      const returnTo = safeReturnPath(request.query.terug);
      const errors: FieldErrors = {};
      const email = emailSchema.safeParse(rawEmail);
      if (!email.success) errors.email = email.error.issues[0]?.message ?? 'Vul uw e-mailadres in.';
      if (password === '') errors.wachtwoord = 'Vul uw wachtwoord in.';
      const again = (status: number, message?: string) =>
        html(
          reply,
          <LoginPage
            csrf={reply.generateCsrf()}
            email={rawEmail}
            returnTo={returnTo}
            errors={errors}
            message={message}
            sso={oidcButton(opts.services.oidc, returnTo)}
          />,
          status,
        );
      if (!email.success || password === '') return again(422);

      const outcome = await accounts.attemptLogin(email.data, password);
      if (!outcome.ok && outcome.reason === 'throttled') {
        request.log.warn('inloggen geweigerd: te veel mislukte pogingen voor dit account');
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        return again(429, accountThrottledMessage(outcome.retryAfterSeconds));
      }
      if (!outcome.ok) {
        return again(
          422,
          'Het e-mailadres of het wachtwoord klopt niet. Of uw account is uitgezet. Let op hoofdletters.',
        );
      }
      const user = outcome.user;
      // A new session id at login: an id known before login is worth nothing after it.
      await request.session.regenerate();
      request.session.userId = user.id;
      await app.sessionStoreImpl.prune();
      return reply.redirect(returnTo ?? HOME_AFTER_LOGIN, 303);
    },
  );

  app.post('/uitloggen', { config: { permission: 'account:self' } }, async (request, reply) => {
    await request.session.destroy();
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  app.get('/account', { config: { permission: 'account:self' } }, async (request, reply) =>
    html(reply, <AccountPage user={requireUser(request)} />),
  );

  app.get(
    '/beheer/:gemeente/gebruikers',
    { ...schemaOptions({ params: municipalityParam }), config: { permission: 'users:manage' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const users = await accounts.usersInMunicipality(gemeente);
      return html(
        reply,
        <UsersPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          users={users}
          currentUserId={requireUser(request).id}
        />,
      );
    },
  );

  app.post(
    '/beheer/:gemeente/gebruikers/:id/herstellink',
    { ...schemaOptions({ params: userParam }), config: { permission: 'users:manage' } },
    async (request, reply) => {
      const { gemeente, id } = request.params;
      const admin = requireUser(request);
      const { token, expiresAt, user } = await accounts.createResetToken(
        id,
        gemeente,
        actorOf(admin),
      );
      // The link's origin is configuration (PUBLIC_URL): a Host or X-Forwarded-Host header would
      // let anyone who can reach the server send staff a link to their own site.
      const link = `${opts.publicUrl}/wachtwoord-herstellen/${token}`;
      const mailed = await mailResetLink(request, opts.services.resetMailer, {
        to: user.email,
        name: user.name,
        link,
        expiresAt,
      });
      reply.header('cache-control', 'no-store');
      return html(
        reply,
        <ResetLinkPage
          municipalityCode={gemeente}
          user={user}
          link={link}
          expiresAt={expiresAt}
          mailed={mailed}
        />,
      );
    },
  );

  app.post(
    '/beheer/:gemeente/gebruikers/:id/uitzetten',
    { ...schemaOptions({ params: userParam }), config: { permission: 'users:manage' } },
    async (request, reply) => {
      const { gemeente, id } = request.params;
      await accounts.deactivate(id, gemeente, requireUser(request));
      return reply.redirect(`/beheer/${gemeente}/gebruikers`, 303);
    },
  );

  app.get(
    '/wachtwoord-herstellen/:token',
    {
      ...schemaOptions({ params: tokenParam }, resetLinkRefusal),
      config: { permission: 'public' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!(await accounts.resetTokenUsable(request.params.token)))
        throw new ResetLinkInvalidError();
      return html(
        reply,
        <ResetPasswordPage csrf={reply.generateCsrf()} token={request.params.token} />,
      );
    },
  );

  app.post(
    '/wachtwoord-herstellen/:token',
    {
      ...schemaOptions({ params: tokenParam }, resetLinkRefusal),
      config: { permission: 'public' },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { token } = request.params;
      const form = body(request);
      const password = text(form.wachtwoord);
      const repeat = text(form.herhaling);
      const errors: FieldErrors = {};
      const problems = passwordProblems(password);
      if (password === '') errors.wachtwoord = 'Vul een nieuw wachtwoord in.';
      else if (problems.length > 0) errors.wachtwoord = problems.join(' ');
      if (!errors.wachtwoord && repeat !== password) {
        errors.herhaling =
          'De twee wachtwoorden zijn niet hetzelfde. Typ het wachtwoord nog een keer.';
      }
      const again = () =>
        html(
          reply,
          <ResetPasswordPage csrf={reply.generateCsrf()} token={token} errors={errors} />,
          422,
        );
      if (Object.keys(errors).length > 0) {
        if (!(await accounts.resetTokenUsable(token))) throw new ResetLinkInvalidError();
        return again();
      }
      try {
        await accounts.completeReset(token, password);
      } catch (error) {
        if (error instanceof BadRequestError) {
          errors.wachtwoord = error.message;
          return again();
        }
        throw error;
      }
      return html(
        reply,
        <MessagePage
          title="Uw wachtwoord is ingesteld"
          text="U kunt nu inloggen met uw e-mailadres en het nieuwe wachtwoord."
          link={{ href: '/inloggen', label: 'Naar inloggen' }}
        />,
      );
    },
  );
}
