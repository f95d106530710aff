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
  'landelijk_beheerder',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'Beheerder',
  programmabureau: 'Programmabureau',
  onderzoeker: 'Onderzoeker',
  alliantielid: 'Alliantielid',
  interviewer: 'Interviewer',
  invoerder: 'Invoerder',
  landelijk_beheerder: 'Landelijk beheerder',
};

/**
 * The national programme (BZK) is not a municipality: a grant of the national role carries the
 * code of the Netherlands, NL00 (ADR 0017). It holds its permissions only there, so it opens no
 * municipal workspace (`/werkruimte/:gemeente/…`), and no municipal role holds anything in NL00.
 */
export const NATIONAL_CODE = 'NL00';
export const NATIONAL_ROLES: readonly Role[] = ['landelijk_beheerder'];

/** Why a grant is not valid (a national role outside NL00, a municipal role in NL00), or null. */
export function grantProblem(grant: Grant): string | null {
  const national = NATIONAL_ROLES.includes(grant.role);
  if (national && grant.municipalityCode !== NATIONAL_CODE)
    return `De rol ${ROLE_LABELS[grant.role]} geldt voor heel Nederland: gebruik ${NATIONAL_CODE}, geen gemeentecode.`;
  if (!national && grant.municipalityCode === NATIONAL_CODE)
    return `De rol ${ROLE_LABELS[grant.role]} hoort bij een gemeente (GMxxxx), niet bij ${NATIONAL_CODE}.`;
  if (!national && !/^GM\d{4}$/.test(grant.municipalityCode))
    return 'Een gemeentecode is GM met vier cijfers, zoals GM0505.';
  return null;
}

/** Which roles hold which permission. A role holds it only in the municipality of its grant. */
export const PERMISSIONS = {
  /** Own account page and logging out: every signed-in user. */
  'account:self': ROLES,
  'users:manage': ['beheerder'],
  'audit:read': ['beheerder'],
  /**
   * The workspace home, where a login lands: every signed-in user. It shows only the links the
   * user's other permissions allow (workspace-home.service.ts).
   */
  'workspace:view': ROLES,
  'focus-areas:edit': ['beheerder', 'programmabureau'],
  /**
   * The shared indicator catalogue belongs to the national programme: only it changes the
   * catalogue, directly or by accepting a municipality's proposal (ADR 0017).
   */
  'catalogue:edit': ['landelijk_beheerder'],
  /** Targets of a municipality's focus areas (formerly under catalogue:edit). */
  'targets:edit': ['beheerder', 'programmabureau', 'onderzoeker'],
  /** Reading the catalogue in the workspace and proposing a change to it. */
  'catalogue:propose': ['beheerder', 'programmabureau', 'onderzoeker', 'landelijk_beheerder'],
  'data:import': ['beheerder', 'programmabureau', 'onderzoeker'],
  'survey:interview': ['beheerder', 'interviewer'],
  'survey:key-in': ['beheerder', 'invoerder'],
  /** Numbered paper forms (a print run keyed entry relies on) and every paper-form PDF. */
  'survey:print-forms': ['programmabureau', 'invoerder'],
  /** Approving interviewer and keyed responses, settling double-entry differences, results. */
  'survey:review': ['beheerder', 'programmabureau', 'onderzoeker'],
  /** Knowledge sessions: the list, a session and its inputs as counts per theme (ADR 0025). */
  'participation:read': ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'],
  /** Planning, editing and cancelling a session; attendance. */
  'participation:plan': ['beheerder', 'programmabureau'],
  /** Reading the texts of inputs and recording them, one by one or from the XLSX template. */
  'participation:input': ['beheerder', 'programmabureau', 'onderzoeker'],
  /** Named participants (with consent): never public, never for the alliance or researchers. */
  'participation:participants': ['beheerder', 'programmabureau'],
  /** Coding open text (ADR 0031): the agreement and the counts per code, never the texts. */
  'coding:read': ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'],
  /** Editing the codebook, coding items, drawing the agreement sample. */
  'coding:code': ['beheerder', 'onderzoeker'],
  /**
   * The themakaart (issue 14 point 4, ADR 0033): the synthesis per theme and its ranking. The
   * alliance reads the synthesis, never a raw response; input texts follow participation:input.
   */
  'synthesis:read': ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'],
  /** Changing the weights of the themakaart's ranking. */
  'synthesis:weights': ['beheerder', 'programmabureau'],
  /**
   * Reviewing quotes for the public page "Wat we met uw inbreng deden" (ADR 0035): the texts
   * whose source allowed quoting, approved or rejected by the programme bureau.
   */
  'feedback:quotes': ['beheerder', 'programmabureau'],
  /**
   * The programme bureau's budget, subsidy applications and projects (issue 15, ADR 0027):
   * Alliance members read them, the programme bureau and the administrator change them.
   */
  'budget:read': ['beheerder', 'programmabureau', 'alliantielid'],
  /**
   * Adding to the budget and correcting it: the edit forms of a budget line, a funding source
   * and a booking (GET …/wijzigen) and their saves need the same permission as adding.
   */
  'budget:edit': ['beheerder', 'programmabureau'],
  /**
   * The Alliance in the workspace: register, all decisions (public and confidential), actions,
   * agreements. The public composition page and feed are public routes (issue 15, ADR 0026).
   */
  'alliance:read': ['beheerder', 'programmabureau', 'alliantielid'],
  /**
   * Changing the Alliance register, meetings, decisions, actions and agreements, including the
   * edit forms that correct a seat, a decision, an action or an agreement (GET and POST
   * `…/zetels|besluiten|acties|afspraken/:id/wijzigen`): correcting needs what adding needs.
   */
  'alliance:edit': ['beheerder', 'programmabureau'],
  /**
   * The contours proposal (issue 14, ADR 0034): the proposal, its versions and its exports. The
   * public sees only what the feedback page shows of a set version.
   */
  'contours:read': ['beheerder', 'programmabureau', 'onderzoeker', 'alliantielid'],
  /** Drafting the proposal, choosing its evidence and recording its status. */
  'contours:edit': ['beheerder', 'programmabureau'],
  /**
   * Council information letters (issue 15, ADR 0032): Alliance members read drafts, the
   * programme bureau and beheerder write them and plan council moments; published letters are
   * public routes.
   */
  'council-letter:read': ['beheerder', 'programmabureau', 'alliantielid'],
  'council-letter:edit': ['beheerder', 'programmabureau'],
  /** Publishing freezes a letter for good: beheerder or programmabureau only. */
  'council-letter:publish': ['beheerder', 'programmabureau'],
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
  'GET /assets/v/:fingerprint/:folder/:file',
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
  // Participation (ADR 0025): how to take part, and the public sessions as a calendar.
  'GET /gebieden/:slug/doe-mee',
  'GET /gebieden/:slug/doe-mee/bijeenkomsten.ics',
  // Municipal single sign-on (OpenID Connect), only registered when OIDC_* is configured.
  'GET /inloggen/oidc',
  'GET /inloggen/oidc/terug',
  'GET /api/openapi.json',
  // One blank paper questionnaire is as public as the web survey; numbered forms and the PDF
  // need survey:print-forms (checked in paper.routes.tsx for the numbered HTML forms).
  'GET /enquete/:key/papier',
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
      grantProblem(g) === null &&
      (municipalityCode === undefined || g.municipalityCode === municipalityCode),
  );
}

/** The municipalities in which these grants hold the permission, sorted. */
export function municipalitiesWith(grants: readonly Grant[], permission: Permission): string[] {
  const roles: readonly Role[] = PERMISSIONS[permission];
  return [
    ...new Set(
      grants
        .filter((g) => roles.includes(g.role) && grantProblem(g) === null)
        .map((g) => g.municipalityCode),
    ),
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
