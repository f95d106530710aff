import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../../composition.ts';
import { safeReturnPath } from '../../../plugins/authorization.ts';
import { renderPage } from '../../../views/render.ts';
import { LoginPage } from '../views/login.page.tsx';
import { createOidcClient, type OidcClient, type PendingOidcLogin } from './oidc.client.ts';
import { OIDC_CALLBACK_PATH, OIDC_START_PATH, oidcButton } from './oidc.config.ts';
import { HOME_AFTER_LOGIN } from '../account.service.ts';

declare module 'fastify' {
  interface Session {
    /** Between the redirect to the provider and the way back; used once, then removed. */
    oidc?: PendingOidcLogin;
  }
}

/** Longer than anyone needs to log in at the provider; an old state is worth nothing after. */
export const OIDC_PENDING_TTL_MS = 10 * 60 * 1000;

export const OIDC_FAILED =
  'Inloggen met uw gemeente-account is niet gelukt, of het duurde te lang. Probeer het opnieuw.';
export const OIDC_UNAVAILABLE =
  'Inloggen met uw gemeente-account werkt nu niet. Probeer het later opnieuw, of log in met uw wachtwoord.';

/**
 * Municipal single sign-on by OpenID Connect. Registers nothing when OIDC is not configured.
 * Both routes are public (listed in PUBLIC_ROUTES in permissions.ts): they are the way in.
 */
export async function oidcRoutes(
  app: FastifyInstance,
  opts: { services: Services; client?: OidcClient },
) {
  const { accounts, oidc: config } = opts.services;
  if (!config) return;
  const oidc = opts.client ?? createOidcClient(config);

  const loginPage = (reply: FastifyReply, status: number, message: string, returnTo?: string) =>
    reply
      .status(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        renderPage(
          <LoginPage
            csrf={reply.generateCsrf()}
            returnTo={returnTo}
            message={message}
            sso={oidcButton(config, returnTo)}
          />,
        ),
      );

  app.get<{ Querystring: { terug?: string } }>(OIDC_START_PATH, async (request, reply) => {
    const returnTo = safeReturnPath(request.query.terug);
    let started: Awaited<ReturnType<OidcClient['start']>>;
    try {
      started = await oidc.start(returnTo);
    } catch (error) {
      request.log.error({ err: error }, 'OIDC-aanbieder niet bereikbaar');
      return loginPage(reply, 503, OIDC_UNAVAILABLE, returnTo);
    }
    request.session.oidc = started.pending;
    reply.header('cache-control', 'no-store');
    return reply.redirect(started.url, 303);
  });

  app.get(OIDC_CALLBACK_PATH, async (request, reply) => {
    const pending = request.session.oidc;
    // Used once: whatever happens next, this state cannot be replayed.
    request.session.oidc = undefined;
    if (!pending || Date.now() - pending.startedAt > OIDC_PENDING_TTL_MS) {
      return loginPage(reply, 400, OIDC_FAILED);
    }
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    let claims: Awaited<ReturnType<OidcClient['finish']>>;
    try {
      claims = await oidc.finish(query, pending);
    } catch (error) {
      // Name and message only: the error's details can hold the code and state.
      const { name, message } = error instanceof Error ? error : new Error(String(error));
      request.log.warn({ error: name, message }, 'OIDC-terugkeer geweigerd');
      return loginPage(reply, 400, OIDC_FAILED, safeReturnPath(pending.returnTo));
    }
    // Checked again on the way back, by the same rule as at the start: the pending state lives in
    // the session, and a redirect answer is not covered by the page's form-action.
    const returnTo = safeReturnPath(pending.returnTo);
    const result = await accounts.resolveOidcLogin(claims, config.municipalityCode);
    if (!result.ok) {
      request.log.info({ reason: result.reason }, 'OIDC-inloggen geweigerd');
      return loginPage(reply, 403, result.message, returnTo);
    }
    // A new session id at login, exactly as the password login does (session fixation).
    await request.session.regenerate();
    request.session.userId = result.user.id;
    await app.sessionStoreImpl.prune();
    reply.header('cache-control', 'no-store');
    return reply.redirect(returnTo ?? HOME_AFTER_LOGIN, 303);
  });
}
