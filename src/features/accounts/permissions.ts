/**
 * THE place where access is declared. Every route names one permission in
 * `config: { permission }` (or is listed in PUBLIC_ROUTES below); src/plugins/authorization.ts
 * refuses to start the app when a route names none, and enforces the permission on every
 * request. test/security/route-permissions.test.ts runs every route for every role.
 */

export const ROLES = [
  'beheerder',
  'programmabureau',
  'onderzoeker',
  'alliantielid',
  'interviewer',
  'invoerder',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'Beheerder',
  programmabureau: 'Programmabureau',
  onderzoeker: 'Onderzoeker',
  alliantielid: 'Alliantielid',
  interviewer: 'Interviewer',
  invoerder: 'Invoerder',
};

/** Which roles hold which permission. A role holds it only in the municipality of its grant. */
export const PERMISSIONS = {
  /** Own account page and logging out: every signed-in user. */
  'account:self': ROLES,
  'users:manage': ['beheerder'],
  'audit:read': ['beheerder'],
  'workspace:view': ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'],
  'focus-areas:edit': ['beheerder', 'programmabureau'],
  'catalogue:edit': ['beheerder', 'programmabureau', 'onderzoeker'],
  'data:import': ['beheerder', 'programmabureau', 'onderzoeker'],
  'survey:interview': ['beheerder', 'interviewer'],
  'survey:key-in': ['beheerder', 'invoerder'],
  /** Approving interviewer and keyed responses, settling double-entry differences, results. */
  'survey:review': ['beheerder', 'programmabureau', 'onderzoeker'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export type RoutePermission = Permission | 'public';

/**
 * A route whose path has this parameter is scoped: the user must hold the permission in exactly
 * that municipality (`/beheer/:gemeente/audit`). Without it, the permission in any municipality
 * lets the request in and the handler must filter to `municipalitiesWith(user, permission)`.
 */
export const SCOPE_PARAM = 'gemeente';

/**
 * Routes of other features that are public and do not carry `config.permission` themselves,
 * keyed "METHOD url" exactly as registered (HEAD follows GET). Anything not here and without
 * its own declaration stops the app from starting.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /',
  'GET /bronnen',
  'GET /methode',
  'GET /assets/*',
  'GET /assets/vendor/:file',
  'GET /gebieden',
  'GET /gebieden/:slug',
  'GET /api/gebieden/:slug',
  'GET /gebieden/:slug/indicatoren/:indicator',
  'GET /api/gebieden/:slug/indicatoren/:indicator',
  'GET /buurten/:code',
  'GET /vergelijk',
  'GET /eigen-gebied',
  'GET /api/eigen-gebied',
  'GET /api/gebieden/:slug/profiel',
  'GET /gebieden/:slug/factsheet',
  'GET /gebieden/:slug/factsheet.pdf',
  'GET /gebieden/:slug/factsheet.docx',
  // Municipal single sign-on (OpenID Connect), only registered when OIDC_* is configured.
  'GET /inloggen/oidc',
  'GET /inloggen/oidc/terug',
  'GET /api/openapi.json',
  // The paper questionnaire is as public as the web survey.
  'GET /enquete/:key/papier',
  'GET /enquete/:key/papier.pdf',
  // The web survey: anonymous respondents, forms with CSRF, starts limited per keyed HMAC.
  'GET /enquete/:key',
  'POST /enquete/:key/start',
  'GET /enquete/:key/stap/:stap',
  'POST /enquete/:key/stap/:stap',
  'GET /enquete/:key/versturen',
  'POST /enquete/:key/versturen',
  'GET /enquete/:key/hervatten',
  'POST /enquete/:key/hervatten',
  // JSON submissions (offline clients, load tests): no cookie, no CSRF, idempotency key, rate limit.
  'POST /api/enquetes/:key/antwoorden',
]);

export interface Grant {
  role: Role;
  municipalityCode: string;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function isRoutePermission(value: unknown): value is RoutePermission {
  return value === 'public' || (typeof value === 'string' && Object.hasOwn(PERMISSIONS, value));
}

/** The one decision: may someone with these grants do this (in this municipality)? */
export function isAllowed(
  grants: readonly Grant[],
  permission: RoutePermission,
  municipalityCode?: string,
): boolean {
  if (permission === 'public') return true;
  const roles: readonly Role[] = PERMISSIONS[permission];
  return grants.some(
    (g) =>
      roles.includes(g.role) &&
      (municipalityCode === undefined || g.municipalityCode === municipalityCode),
  );
}

/** The municipalities in which these grants hold the permission, sorted. */
export function municipalitiesWith(grants: readonly Grant[], permission: Permission): string[] {
  const roles: readonly Role[] = PERMISSIONS[permission];
  return [
    ...new Set(grants.filter((g) => roles.includes(g.role)).map((g) => g.municipalityCode)),
  ].sort();
}

/** The permission a route has, from its own declaration or from PUBLIC_ROUTES. */
export function resolveRoutePermission(
  method: string,
  url: string,
  declared: unknown,
): RoutePermission | undefined {
  if (declared !== undefined) return isRoutePermission(declared) ? declared : undefined;
  const key = `${method === 'HEAD' ? 'GET' : method} ${url}`;
  return PUBLIC_ROUTES.has(key) ? 'public' : undefined;
}
