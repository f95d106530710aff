import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { UserWithGrants } from '../features/accounts/account.repository.ts';
import {
  PERMISSIONS,
  SCOPE_PARAM,
  isAllowed,
  resolveRoutePermission,
  type RoutePermission,
} from '../features/accounts/permissions.ts';
import { AppError } from '../shared/errors.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route: see src/features/accounts/permissions.ts. Required. */
    permission?: RoutePermission;
  }
  interface FastifyInstance {
    /** Every route with its resolved permission, in registration order (for the route test). */
    routePermissions: DeclaredRoute[];
  }
  interface FastifyRequest {
    /** The signed-in, active user; null for a visitor. Set before every handler. */
    user: UserWithGrants | null;
  }
}

export interface DeclaredRoute {
  method: string;
  url: string;
  permission: RoutePermission;
  /** The request parts the route has a schema for (params, querystring, body…), for the guards. */
  schemaParts: string[];
}

export class MissingPermissionError extends Error {
  constructor(method: string, url: string, declared: unknown) {
    super(
      declared === undefined
        ? `Route ${method} ${url} heeft geen toegangsregel. Geef de route config: { permission: '…' } (zie src/features/accounts/permissions.ts) of zet haar in PUBLIC_ROUTES.`
        : `Route ${method} ${url} heeft een onbekende toegangsregel "${String(declared)}". Kies 'public' of een van: ${Object.keys(PERMISSIONS).join(', ')}.`,
    );
    this.name = 'MissingPermissionError';
  }
}

function methodsOf(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

function wantsPage(request: FastifyRequest): boolean {
  return (
    (request.method === 'GET' || request.method === 'HEAD') &&
    !request.url.startsWith('/api/') &&
    !(request.headers.accept ?? '').startsWith('application/json')
  );
}

/** Characters a return path may hold: unreserved, sub-delims we need, and `%XX` escapes. */
const SAFE_RETURN_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-Fa-f]{2})*$/;
/** Escapes that undo the rule once decoded: a slash or backslash (`/%2F` → `//`), control bytes. */
const UNSAFE_ESCAPE = /%(?:2F|5C|[01][0-9A-F]|7F)/i;
export const RETURN_PATH_MAX_LENGTH = 2000;

/**
 * Only a path on this site may be a return address (`terug`): it starts with one `/`, holds only
 * plain ASCII URL characters and well-formed `%XX` escapes (no tab, space, backslash or other
 * character a browser drops or rewrites), and no escaped slash, backslash or control byte. So
 * `//evil`, `/\evil`, `/<tab>/evil` and `/%2F%E3%80%82evil` are all refused (docs/adr/0015).
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > RETURN_PATH_MAX_LENGTH) return undefined;
  if (!SAFE_RETURN_PATH.test(value) || value.startsWith('//')) return undefined;
  if (UNSAFE_ESCAPE.test(value)) return undefined;
  return value;
}

/** Who is behind a session: the active user, or undefined when gone or deactivated. */
export interface UserLookup {
  currentUser(userId: string): Promise<UserWithGrants | undefined>;
}

/**
 * Declared in one place (permissions.ts), enforced here: an onRoute hook refuses to register a
 * route without a known permission, so the app does not start; a preValidation hook checks every
 * request against the route's permission and, for routes with :gemeente, against that
 * municipality. It runs before the route's schemas (ADR 0039, amendment), so a visitor hears "log
 * in first" and a user without the right hears 403 before any word about a malformed address,
 * query or form; it reads the path parameter as routed (a string), not as parsed.
 * Register this before every route.
 */
export const authorizationPlugin = fp(
  async (app: FastifyInstance, opts: { users: UserLookup }) => {
    app.decorateRequest('user', null);
    const declaredRoutes: DeclaredRoute[] = [];
    app.decorate('routePermissions', declaredRoutes);

    app.addHook('onRoute', (route) => {
      const declared = (route.config as { permission?: unknown } | undefined)?.permission;
      let resolved: RoutePermission | undefined;
      for (const method of methodsOf(route)) {
        const p = resolveRoutePermission(method, route.url, declared);
        if (p === undefined || (resolved !== undefined && resolved !== p)) {
          throw new MissingPermissionError(method, route.url, declared);
        }
        resolved = p;
        const schemaParts = Object.entries(route.schema ?? {})
          .filter(([part, schema]) => part !== 'response' && schema !== undefined)
          .map(([part]) => part);
        declaredRoutes.push({ method, url: route.url, permission: p, schemaParts });
      }
      route.config = { ...route.config, permission: resolved };
    });

    app.addHook('preValidation', async (request, reply) => {
      const userId = request.session?.userId;
      if (userId) {
        const user = await opts.users.currentUser(userId);
        if (user) request.user = user;
        else delete request.session.userId; // deactivated or removed: treat as a visitor
      }
      // Not-found replies have no route; they show nothing but the 404 page.
      if (request.is404) return;
      const permission = request.routeOptions.config.permission;
      if (permission === undefined) {
        throw new AppError('FORBIDDEN', 'Deze pagina heeft geen toegangsregel.');
      }
      if (permission === 'public') return;
      if (!request.user) {
        if (wantsPage(request)) {
          return reply.redirect(`/inloggen?terug=${encodeURIComponent(request.url)}`, 303);
        }
        throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
      }
      const scope = (request.params as Record<string, string> | undefined)?.[SCOPE_PARAM];
      if (!isAllowed(request.user.grants, permission, scope)) {
        throw new AppError(
          'FORBIDDEN',
          'Uw account heeft geen toegang tot deze pagina. Denkt u dat dit niet klopt? Neem contact op met uw beheerder.',
        );
      }
    });
  },
  { name: 'wk-authorization', dependencies: ['wk-session'] },
);
