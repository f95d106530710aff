import csrfProtection from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../shared/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * false only for a route that can never be called from a browser form: the JSON submission
     * API, which demands Content-Type application/json and an Idempotency-Key header (a
     * cross-site form can send neither; fetch with them needs a CORS preflight we never allow).
     */
    csrf?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_FIELD = '_csrf';

export class CsrfError extends AppError {
  constructor() {
    super(
      'FORBIDDEN',
      'Het formulier is verlopen of niet volledig verstuurd. Ga terug, laad de pagina opnieuw en probeer het nog een keer.',
    );
    this.name = 'CsrfError';
  }
}

/**
 * CSRF tokens on every state-changing request. The check is a preValidation hook: the form body
 * is parsed by then (as onRequest, valid tokens would be refused), and it runs after the
 * authorization check and before the route's schemas (ADR 0039, amendment), so a forged form
 * is refused whatever it holds. It is one global hook
 * instead of a per-route option, so a new form route cannot forget it. Forms put
 * `reply.generateCsrf()` in a hidden field named `_csrf`.
 */
export const csrfPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(csrfProtection, { sessionPlugin: '@fastify/session' });
    app.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done) => {
      if (SAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) {
        return done();
      }
      // The plugin answers a bad token with reply.send(error); we turn that into our own
      // Dutch 403 so the error page can say what to do.
      const replyShim = { send: () => done(new CsrfError()) } as unknown as FastifyReply;
      app.csrfProtection.call(app, request, replyShim, () => done());
    });
  },
  { name: 'wk-csrf', dependencies: ['wk-session'] },
);
