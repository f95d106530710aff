import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { accountService } from './features/accounts/accounts.facade.ts';
import { createResetMailer } from './features/accounts/mail/reset-mail.ts';
import { areaService } from './features/areas/areas.facade.ts';
import { auditService } from './features/audit/audit.facade.ts';
import { ImportJobs } from './features/data-workspace/import-jobs.ts';
import { uploadService } from './features/data-workspace/uploads.facade.ts';
import { datasetService } from './features/datasets/datasets.facade.ts';
import { factsheetService } from './features/factsheet/factsheet.service.ts';
import { focusAreaService } from './features/focus-areas/focus-areas.facade.ts';
import { HealthService } from './features/health/health.service.ts';
import { AppMetrics } from './features/health/metrics.ts';
import { withLoadedLocalSources } from './features/imports/local-sources.ts';
import { catalogueService } from './features/indicators/catalogue.facade.ts';
import { activeCatalogue } from './features/indicators/catalogue.store.ts';
import { MonitorData } from './features/monitor/monitor-data.ts';
import { DEFAULT_SUBMITS_PER_MINUTE } from './features/survey/api/submission.limits.ts';
import type { Questionnaire } from './features/survey/definition/questionnaire.schema.ts';
import { QuestionnaireRegistry } from './features/survey/definition/registry.ts';
import { DEFAULT_DOUBLE_ENTRY_SHARE } from './features/survey/keying/double-entry.ts';
import { keyingService } from './features/survey/keying/keying.facade.ts';
import {
  responseService,
  surveyResultService,
} from './features/survey/responses/responses.facade.ts';
import { storeKeyedResponse } from './features/survey/responses/response.service.ts';
import { surveyEstimateProvider } from './features/survey/results/monitor-estimates.ts';
import { targetService } from './features/targets/targets.facade.ts';
import {
  catalogueEditingService,
  focusAreaEditingService,
  targetEditingService,
} from './features/workspace/workspace.facade.ts';
import { KyselySessionStore } from './plugins/session.ts';
import { PdfRenderer, type PdfEngine } from './shared/pdf/pdf-renderer.ts';

/**
 * The one composition root: database → repositories → services, wired by hand (ADR 0023).
 * Routes receive `Services` and use only the domain services they need; the database itself is
 * not among them, so no route can run a query (ESLint keeps route and view files off `kysely`,
 * `src/db` and repositories). Nothing domain-related hangs on the Fastify instance.
 */
export function createServices(
  handle: Db,
  config: Pick<AppConfig, 'datasetsDir' | 'oidc' | 'mail'> & {
    /** METRICS_TOKEN: /metrics answers only with this bearer token; absent, /metrics is off. */
    metricsToken?: string | undefined;
    /** SURVEY_HMAC_SECRET: keys abuse control and the double-entry draw; random per process if absent. */
    surveySecret?: string | undefined;
    /** The questionnaires (every version); the server loads questionnaires/, tests pass fixtures. */
    questionnaires?: readonly Questionnaire[];
    /** SURVEY_SUBMITS_PER_MINUTE: JSON submissions per minute per client; see submission.routes.ts. */
    surveySubmitsPerMinute?: number | undefined;
    /** Renders PDFs; tests pass a counting fake. Default: one shared Chromium per process. */
    pdfEngine?: PdfEngine;
  },
) {
  const { db } = handle;
  const surveys = {
    questionnaires: new QuestionnaireRegistry(config.questionnaires ?? []),
    secret: config.surveySecret ?? randomBytes(32).toString('base64url'),
    doubleEntryShare: DEFAULT_DOUBLE_ENTRY_SHARE,
    submitsPerMinute: config.surveySubmitsPerMinute ?? DEFAULT_SUBMITS_PER_MINUTE,
    storeKeyedResponse,
  };
  const monitor = new MonitorData(
    db,
    () => activeCatalogue(db),
    surveyEstimateProvider(db, surveys.questionnaires),
    (catalogue) => withLoadedLocalSources(db, catalogue),
  );
  // Background imports of this process; /metrics counts them.
  const importJobs = new ImportJobs();
  // One line per service, so branches that add one merge without conflicts.
  return {
    datasetsDir: config.datasetsDir,
    oidc: config.oidc,
    resetMailer: config.mail ? createResetMailer(config.mail) : undefined,
    metricsToken: config.metricsToken,
    // Infrastructure for the session plugin (not for routes).
    sessions: new KyselySessionStore(db),
    monitor,
    accounts: accountService(db),
    audit: auditService(db),
    areas: areaService(db),
    focusAreas: focusAreaService(db),
    focusAreaEditing: focusAreaEditingService(db),
    catalogue: catalogueService(db),
    catalogueEditing: catalogueEditingService(db),
    targets: targetService(db),
    targetEditing: targetEditingService(db),
    datasets: datasetService(db),
    importJobs,
    uploads: uploadService(db, importJobs),
    surveys,
    responses: responseService(db),
    keying: keyingService(db, surveys),
    surveyResults: surveyResultService(db),
    factsheets: factsheetService(db, monitor),
    health: new HealthService(db),
    metrics: new AppMetrics({
      pageCache: () => monitor.cacheStats,
      importJobs: () => importJobs.countByState(),
    }),
    pdf: new PdfRenderer(config.pdfEngine),
  };
}

export type Services = ReturnType<typeof createServices>;
