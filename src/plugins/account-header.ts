import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { withAccountMenu } from '../views/account-menu.tsx';
import { PRIVATE_CACHE_CONTROL } from './etag.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** A CSRF token for the header's logout form; only for a request with a signed-in session. */
    accountCsrf?: string;
  }
}

/**
 * Puts the signed-in user's name and a logout button in the header of every HTML page, public
 * pages included (issue 18). The token is made when the request comes in (onRequest, right after
 * the session is loaded), so a new CSRF secret is in the session before the session is saved, and
 * also a refusal by the authorization or CSRF check (preValidation) shows the menu; the name is
 * put in at send time, after the authorization plugin has checked that the account is still
 * active.
 */
export const accountHeaderPlugin = fp(
  async (app: FastifyInstance) => {
    app.addHook('onRequest', async (request, reply) => {
      if (request.session?.userId) request.accountCsrf = reply.generateCsrf();
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (typeof payload !== 'string' || !request.user || !request.accountCsrf) return payload;
      if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
      const page = withAccountMenu(payload, { name: request.user.name, csrf: request.accountCsrf });
      // A page with a name in it is for this browser only, whatever its status (a 404 may be
      // cached by a shared cache when nothing says otherwise).
      const cache = String(reply.getHeader('cache-control') ?? '');
      if (page !== payload && (cache === '' || cache.includes('public')))
        reply.header('cache-control', PRIVATE_CACHE_CONTROL);
      return page;
    });
  },
  { name: 'wk-account-header', dependencies: ['wk-session', 'wk-csrf', 'wk-authorization'] },
);
