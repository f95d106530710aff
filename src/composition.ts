import { randomBytes } from 'node:crypto';
import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { createResetMailer } from './features/accounts/mail/reset-mail.ts';
import { activeCatalogue } from './features/indicators/catalogue.store.ts';
import { withLoadedLocalSources } from './features/imports/local-sources.ts';
import { MonitorData } from './features/monitor/monitor-data.ts';
import type { Questionnaire } from './features/survey/definition/questionnaire.schema.ts';
import { QuestionnaireRegistry } from './features/survey/definition/registry.ts';
import { DEFAULT_DOUBLE_ENTRY_SHARE } from './features/survey/keying/double-entry.ts';
import { surveyEstimateProvider } from './features/survey/results/monitor-estimates.ts';
import { DEFAULT_SUBMITS_PER_MINUTE } from './features/survey/api/submission.limits.ts';
import { storeKeyedResponse } from './features/survey/responses/response.service.ts';
import { HealthService } from './features/health/health.service.ts';
import { AppMetrics } from './features/health/metrics.ts';
import { ImportJobs } from './features/data-workspace/import-jobs.ts';
import { PdfRenderer, type PdfEngine } from './shared/pdf/pdf-renderer.ts';
import {
  AllianceRepository,
  AllianceService,
  allianceTransaction,
} from './features/alliance/index.ts';

/**
 * The one composition root: database → repositories → services, wired by hand. Routes receive
 * `Services`; nothing domain-related hangs on the Fastify instance.
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
  const surveys = {
    questionnaires: new QuestionnaireRegistry(config.questionnaires ?? []),
    secret: config.surveySecret ?? randomBytes(32).toString('base64url'),
    doubleEntryShare: DEFAULT_DOUBLE_ENTRY_SHARE,
    submitsPerMinute: config.surveySubmitsPerMinute ?? DEFAULT_SUBMITS_PER_MINUTE,
    storeKeyedResponse,
  };
  const monitor = new MonitorData(
    handle.db,
    () => activeCatalogue(handle.db),
    surveyEstimateProvider(handle.db, surveys.questionnaires),
    (catalogue) => withLoadedLocalSources(handle.db, catalogue),
  );
  // Background imports of this process; /metrics counts them.
  const importJobs = new ImportJobs();
  return {
    db: handle.db,
    dialect: handle.dialect,
    datasetsDir: config.datasetsDir,
    oidc: config.oidc,
    resetMailer: config.mail ? createResetMailer(config.mail) : undefined,
    monitor,
    surveys,
    health: new HealthService(handle.db),
    importJobs,
    metrics: new AppMetrics({
      pageCache: () => monitor.cacheStats,
      importJobs: () => importJobs.countByState(),
    }),
    metricsToken: config.metricsToken,
    pdf: new PdfRenderer(config.pdfEngine),
    alliance: new AllianceService(
      new AllianceRepository(handle.db),
      allianceTransaction(handle.db),
    ),
  };
}

export type Services = ReturnType<typeof createServices>;
