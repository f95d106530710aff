import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from './composition.ts';
import { clientErrorHandler, errorPages, frameworkErrorHandler } from './plugins/error-pages.ts';
import { fastifyTrustProxy, type TrustProxy } from './plugins/trust-proxy.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { etagPlugin } from './plugins/etag.ts';
import { compressionPlugin } from './plugins/compression.ts';
import { staticAssets } from './plugins/static-assets.ts';
import { homeRoutes } from './features/home/home.routes.tsx';
import { sourcesRoutes } from './features/home/sources.routes.tsx';
import { authorizationPlugin } from './plugins/authorization.ts';
import { csrfPlugin } from './plugins/csrf.ts';
import { accountHeaderPlugin } from './plugins/account-header.ts';
import { resolveSessionSecret, sessionPlugin } from './plugins/session.ts';
import { accountRoutes } from './features/accounts/account.routes.tsx';
import { oidcRoutes } from './features/accounts/oidc/oidc.routes.tsx';
import { auditRoutes } from './features/audit/audit.routes.tsx';
import { focusAreaRoutes } from './features/focus-areas/focus-area.routes.tsx';
import { indicatorRoutes } from './features/monitor/indicator-pages/indicator.routes.tsx';
import { profileRoutes } from './features/monitor/profiles/profile.routes.tsx';
import { methodeRoutes } from './features/monitor/methode.routes.tsx';
import { buurtRoutes } from './features/monitor/profiles/buurt.routes.tsx';
import { compareRoutes } from './features/monitor/comparison/compare.routes.tsx';
import { overviewRoutes } from './features/overview/overview.routes.tsx';
import { customAreaRoutes } from './features/monitor/custom-areas/custom-area.routes.tsx';
import { factsheetRoutes } from './features/factsheet/factsheet.routes.tsx';
import { dataWorkspaceRoutes } from './features/data-workspace/data-workspace.routes.tsx';
import { apiRoutes } from './features/api/api.routes.ts';
import {
  customAreaApi,
  focusAreaApi,
  focusAreaProfileApi,
  indicatorApi,
  openApiDocumentRoute,
  type ApiRoute,
} from './features/api/index.ts';
import { submissionApi } from './features/survey/api/submission.api-doc.ts';
import { workspaceRoutes } from './features/workspace/workspace.routes.tsx';
import { focusAreaEditingRoutes } from './features/focus-areas/focus-area-editing.routes.tsx';
import { catalogueRoutes } from './features/indicators/catalogue.routes.tsx';
import { targetRoutes } from './features/targets/targets.routes.tsx';
import { paperRoutes } from './features/survey/paper/paper.routes.tsx';
import { resultsRoutes } from './features/survey/results/results.routes.tsx';
import { surveyOverviewRoutes } from './features/survey/results/overview.routes.tsx';
import { keyingRoutes } from './features/survey/keying/keying.routes.tsx';
import { reviewRoutes } from './features/survey/review/review.routes.tsx';
import { surveyWebRoutes } from './features/survey/web/web.routes.tsx';
import { interviewRoutes } from './features/survey/interview/interview.routes.tsx';
import { surveySubmissionRoutes } from './features/survey/api/submission.routes.ts';
import { healthRoutes, requestMetrics } from './features/health/health.routes.ts';
import { participationRoutes } from './features/participation/participation.routes.tsx';
import { codingRoutes } from './features/coding/coding.routes.tsx';
import { contoursRoutes } from './features/contours/contours.routes.tsx';
import { synthesisRoutes } from './features/synthesis/synthesis.routes.tsx';
import { feedbackRoutes } from './features/feedback/feedback.routes.tsx';
import { budgetRoutes } from './features/budget/budget.routes.tsx';
import { subsidyRoutes } from './features/budget/subsidy.routes.tsx';
import { projectRoutes } from './features/budget/project.routes.tsx';
import { allianceRoutes } from './features/alliance/alliance.routes.tsx';
import { councilLetterRoutes } from './features/council-letter/council-letter.routes.tsx';

/**
 * Every route under /api/, as data: each route validates with its definition's zod schemas and
 * /api/openapi.json is built from this list (ADR 0039). A route under /api/ that is not here
 * fails the OpenAPI test.
 */
export const API_ROUTES: readonly ApiRoute[] = [
  openApiDocumentRoute,
  focusAreaApi,
  focusAreaProfileApi,
  indicatorApi,
  customAreaApi,
  submissionApi,
];

export interface AppDeps {
  services: Services;
  /** A pino logger; tests leave it out. */
  logger?: FastifyBaseLogger;
  /** Signs the session cookie; defaults to the SESSION_SECRET environment variable. */
  sessionSecret?: string;
  /** Only `npm start` on loopback: without SESSION_SECRET, use a random per-process secret. */
  insecureDevSecret?: boolean;
  /**
   * TRUST_PROXY: which proxies may set X-Forwarded-For/-Proto/-Host. Off by default: then the
   * socket's peer is the client, whatever the headers say (docs/adr/0015).
   */
  trustProxy?: TrustProxy;
  /** PUBLIC_URL: the site's origin for links in mail; never a request header. */
  publicUrl?: string;
}

/**
 * Builds the application and never listens: server.ts listens, tests use app.inject. The
 * register order is explicit: infrastructure first, then features.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? false),
    // Errors raised before any hook runs get the Dutch page and the security headers too.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  });
  await app.register(requestMetrics, { services: deps.services });
  await app.register(securityHeaders);
  await app.register(etagPlugin);
  await app.register(errorPages);
  await app.register(formbody);
  const session = resolveSessionSecret({
    sessionSecret: deps.sessionSecret ?? process.env.SESSION_SECRET,
    insecureDevSecret: deps.insecureDevSecret,
  });
  if (session.ephemeral)
    app.log.warn('SESSION_SECRET ontbreekt: tijdelijk geheim, alleen voor lokaal gebruik');
  await app.register(sessionPlugin, { store: deps.services.sessions, secret: session.secret });
  await app.register(authorizationPlugin, { users: deps.services.accounts });
  await app.register(csrfPlugin);
  await app.register(accountHeaderPlugin);
  // After every hook that changes an HTML body (the account header): it compresses the result.
  await app.register(compressionPlugin);
  await app.register(staticAssets);
  // Before the features: it notes every /api/ route they add (see the OpenAPI test).
  await app.register(apiRoutes, { routes: API_ROUTES });

  await app.register(homeRoutes, { services: deps.services });
  await app.register(sourcesRoutes, { services: deps.services });
  await app.register(accountRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(oidcRoutes, { services: deps.services });
  await app.register(auditRoutes, { services: deps.services });
  await app.register(focusAreaRoutes, { services: deps.services });
  await app.register(indicatorRoutes, { services: deps.services });
  await app.register(profileRoutes, { services: deps.services });
  await app.register(methodeRoutes);
  await app.register(buurtRoutes, { services: deps.services });
  await app.register(compareRoutes, { services: deps.services });
  await app.register(overviewRoutes, { services: deps.services });
  await app.register(customAreaRoutes, { services: deps.services });
  await app.register(factsheetRoutes, { services: deps.services });
  await app.register(workspaceRoutes, { services: deps.services });
  await app.register(focusAreaEditingRoutes, { services: deps.services });
  await app.register(catalogueRoutes, { services: deps.services });
  await app.register(targetRoutes, { services: deps.services });
  await app.register(dataWorkspaceRoutes, { services: deps.services });
  await app.register(participationRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(codingRoutes, { services: deps.services });
  await app.register(contoursRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(synthesisRoutes, { services: deps.services });
  await app.register(feedbackRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(paperRoutes, { services: deps.services });
  await app.register(resultsRoutes, { services: deps.services });
  await app.register(surveyOverviewRoutes, { services: deps.services });
  await app.register(keyingRoutes, { services: deps.services });
  await app.register(reviewRoutes, { services: deps.services });
  await app.register(surveyWebRoutes, { services: deps.services });
  await app.register(interviewRoutes, { services: deps.services });
  await app.register(surveySubmissionRoutes, { services: deps.services });
  await app.register(budgetRoutes, { services: deps.services });
  await app.register(subsidyRoutes, { services: deps.services });
  await app.register(projectRoutes, { services: deps.services });
  await app.register(allianceRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(councilLetterRoutes, {
    services: deps.services,
    publicUrl: deps.publicUrl ?? 'http://localhost:3000',
  });
  await app.register(healthRoutes, { services: deps.services });
  return app;
}
