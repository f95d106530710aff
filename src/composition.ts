import { randomBytes, randomUUID } from 'node:crypto';
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
import { focusAreaDirectory } from './features/focus-areas/focus-area.directory.ts';
import {
  focusAreaEditingService,
  focusAreaService,
} from './features/focus-areas/focus-areas.facade.ts';
import { HealthService } from './features/health/health.service.ts';
import { AppMetrics } from './features/health/metrics.ts';
import { withLoadedLocalSources } from './features/imports/local-sources.ts';
import {
  catalogueEditingService,
  catalogueService,
} from './features/indicators/catalogue.facade.ts';
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
import { targetEditingService, targetService } from './features/targets/targets.facade.ts';
import { workspaceHomeService } from './features/workspace/workspace.facade.ts';
import { KyselySessionStore } from './plugins/session.ts';
import { PdfRenderer, type PdfEngine } from './shared/pdf/pdf-renderer.ts';
import { recordAudit } from './features/audit/audit.repository.ts';
import { ParticipationRepository, ParticipationService } from './features/participation/index.ts';
import { CodingRepository, CodingService } from './features/coding/index.ts';
import { ContoursRepository, ContoursService } from './features/contours/index.ts';
import { surveyQuestionsOf } from './features/contours/survey-questions.ts';
import { SynthesisRepository, SynthesisService } from './features/synthesis/index.ts';
import {
  buildProfile,
  selectionForFocusArea,
} from './features/monitor/profiles/profile.service.ts';
import { profileView } from './features/monitor/profiles/views/profile-section.tsx';
import { questionResults } from './features/survey/results/survey-results.ts';
import { loadWeigher } from './features/survey/results/weighting-pipeline.ts';
import { listCountedResponses } from './features/survey/responses/response.repository.ts';
import { NotFoundError } from './shared/errors.ts';
import {
  CouncilLetterRepository,
  CouncilLetterService,
  councilLetterTransaction,
  type LetterSources,
} from './features/council-letter/index.ts';
import {
  COUNTED_STATUSES,
  type ResponseStatus,
} from './features/survey/responses/response.table.ts';
import {
  FeedbackRepository,
  FeedbackService,
  type DecidedContours,
} from './features/feedback/index.ts';
import {
  BudgetRepository,
  BudgetService,
  SubsidyRepository,
  SubsidyService,
  ReminderService,
  ProjectRepository,
  ProjectService,
  createReminderMailer,
  databaseAuditWriter,
} from './features/budget/index.ts';
import {
  AllianceRepository,
  AllianceService,
  allianceTransaction,
} from './features/alliance/index.ts';

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
    /** What the Alliance decided per focus area; default: the contours feature's set version. */
    decidedContours?: DecidedContours;
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
  // Participation, coding, contours, synthesis and feedback look focus areas up the same way.
  const focusAreaLookup = focusAreaDirectory(() => monitor.focusAreas());
  const participation = new ParticipationService({
    repository: new ParticipationRepository(handle.db),
    transaction: (work) =>
      handle.db.transaction().execute((trx) =>
        work({
          repository: new ParticipationRepository(trx),
          audit: { record: (entry) => recordAudit(trx, entry) },
        }),
      ),
    themes: async () =>
      (await monitor.catalogue()).themes.map((t) => ({ key: t.key, name: t.name })),
    focusAreas: focusAreaLookup,
    surveys: (slug) =>
      surveys.questionnaires
        .list()
        .filter((q) => q.focusArea === slug)
        .map((q) => ({
          key: q.key,
          title: q.title.nl,
          audience: q.audience,
          invitations: q.invitations,
        })),
    // No phone number, address or mail box for interviews and paper forms is configured yet:
    // the page says so rather than invent one (ADR 0025).
    contact: () => null,
    now: () => new Date(),
    newId: randomUUID,
  });
  // The open questions of a focus area's questionnaires (every version), for coding (ADR 0035).
  const openQuestionnaires = (slug: string) =>
    surveys.questionnaires
      .list()
      .filter((q) => q.focusArea === slug)
      .map((latest) => {
        const questions = new Map<string, string>();
        for (const version of surveys.questionnaires.versions(latest.key))
          for (const group of version.groups)
            for (const question of group.questions)
              if (question.type === 'open_text') questions.set(question.name, question.theme);
        return {
          key: latest.key,
          audience: latest.audience,
          questions: [...questions].map(([variable, theme]) => ({ variable, theme })),
          quoteConsent: latest.quoteConsent,
          // The responses the workspace results and exports count (sent, or approved after
          // review); a draft or a rejected response is never coded (ADR 0035).
          counts: (r: { source: string; status: string }) =>
            COUNTED_STATUSES.includes(r.status as ResponseStatus),
        };
      });
  const coding = new CodingService({
    repository: new CodingRepository(handle.db),
    openQuestionnaires,
    transaction: (work) =>
      handle.db.transaction().execute((trx) =>
        work({
          repository: new CodingRepository(trx),
          audit: { record: (entry) => recordAudit(trx, entry) },
        }),
      ),
    themes: async () =>
      (await monitor.catalogue()).themes.map((t) => ({ key: t.key, name: t.name })),
    focusAreas: focusAreaLookup,
    now: () => new Date(),
    newId: randomUUID,
  });
  const synthesis = new SynthesisService({
    repository: new SynthesisRepository(handle.db),
    transaction: (work) =>
      handle.db.transaction().execute((trx) =>
        work({
          repository: new SynthesisRepository(trx),
          audit: { record: (entry) => recordAudit(trx, entry) },
        }),
      ),
    focusAreas: focusAreaLookup,
    // The same rows as the area's public profile (no example targets), per data version.
    monitorThemes: async (slug) => {
      await monitor.dataVersion();
      return monitor.read(`themakaart-monitor\u0000${slug}`, async () => {
        try {
          const selection = await selectionForFocusArea(monitor, slug);
          return profileView(
            await buildProfile(monitor, selection),
            [],
            await monitor.availability(),
          );
        } catch (error) {
          // Buurten not yet known: the monitor has no figures for the area (said on the page).
          if (error instanceof NotFoundError) return null;
          throw error;
        }
      });
    },
    // Every questionnaire of the area, weighted as on its results page.
    surveys: async (slug) =>
      Promise.all(
        surveys.questionnaires
          .list()
          .filter((q) => q.focusArea === slug)
          .map(async (q) => {
            const responses = await listCountedResponses(handle.db, q.key);
            const weighting = (await loadWeigher(handle.db, q))(responses);
            return {
              key: q.key,
              title: q.title.nl,
              audience: q.audience,
              responses: responses.length,
              weighted: weighting.design !== undefined,
              effectiveN: weighting.summary?.effectiveN ?? responses.length,
              converged: weighting.converged ?? true,
              tables: questionResults(q, responses, weighting),
            };
          }),
      ),
    codeCounts: async (gemeente, slug) => (await coding.summary(gemeente, slug)).counts,
    now: () => new Date(),
  });
  const contours = new ContoursService({
    repository: new ContoursRepository(handle.db),
    transaction: (work) =>
      handle.db.transaction().execute((trx) =>
        work({
          repository: new ContoursRepository(trx),
          audit: { record: (entry) => recordAudit(trx, entry) },
        }),
      ),
    themes: async () =>
      (await monitor.catalogue()).themes.map((t) => ({ key: t.key, name: t.name })),
    focusAreas: focusAreaLookup,
    indicators: async () =>
      (await monitor.catalogue()).indicators.map((i) => ({
        key: i.key,
        name: i.name,
        theme: i.theme,
      })),
    surveyQuestions: (slug) => surveyQuestionsOf(surveys.questionnaires.list(), slug),
    codes: async (slug) => (await new CodingRepository(handle.db).findCodebook(slug))?.codes ?? [],
    targets: async (slug) => (await targetService(db).list(slug)).map((t) => t.indicatorKey),
    decisions: (slug) => new AllianceRepository(handle.db).listDecisions(slug),
    now: () => new Date(),
    newId: randomUUID,
  });
  const feedback = new FeedbackService({
    repository: new FeedbackRepository(handle.db),
    transaction: (work) =>
      handle.db.transaction().execute((trx) =>
        work({
          repository: new FeedbackRepository(trx),
          audit: { record: (entry) => recordAudit(trx, entry) },
        }),
      ),
    coded: coding,
    // What the Alliance set: the contours feature's last vastgesteld version (ADR 0034, 0035).
    decided: config.decidedContours ?? {
      decided: async (slug) => {
        const set = await contours.decided(slug);
        return set === null
          ? null
          : {
              themes: set.themes.map((t) => ({ name: t.title, ambition: t.ambition })),
              decidedOn: set.decidedOn,
              reference: set.decisionReference,
            };
      },
    },
    upcoming: async (slug) =>
      (await participation.doeMee(slug)).sessions.map((s) => ({
        title: s.title,
        starts_at: s.starts_at,
        ends_at: s.ends_at,
        location: s.location,
        cancelled: s.status === 'geannuleerd',
      })),
    themes: async () =>
      (await monitor.catalogue()).themes.map((t) => ({ key: t.key, name: t.name })),
    focusAreas: focusAreaLookup,
    now: () => new Date(),
  });
  const budgetRepository = new BudgetRepository(handle.db);
  const subsidyRepository = new SubsidyRepository(handle.db);
  const factsheets = factsheetService(db, monitor, focusAreaService(db));
  const budget = new BudgetService(budgetRepository, databaseAuditWriter);
  const alliance = new AllianceService(
    new AllianceRepository(handle.db),
    allianceTransaction(handle.db),
  );
  // What a council letter's live blocks read (ADR 0032): the same services the pages use.
  const councilLetterSources: LetterSources = {
    dataVersion: () => monitor.dataVersion(),
    monitor: async (slug) => {
      const sheet = await factsheets.load(slug);
      return sheet.sections.some((s) => s.indicators.length > 0) ? sheet : null;
    },
    participation: async (slug, municipalityCode, now) => {
      const sessions = (await participation.listSessions(municipalityCode)).filter(
        (s) => s.focus_area_slug === slug && s.status !== 'geannuleerd',
      );
      const held = sessions.filter((s) => s.ends_at < now.toISOString());
      const names = new Map((await participation.themes()).map((t) => [t.key, t.name]));
      const byTheme = new Map<string, number>();
      for (const s of held) {
        const detail = await participation.detail(municipalityCode, s.id, {
          inputTexts: false,
          participants: false,
        });
        for (const c of detail.counts) {
          const theme = names.get(c.theme_key) ?? c.theme_key;
          byTheme.set(theme, (byTheme.get(theme) ?? 0) + c.inputs);
        }
      }
      return {
        held: held.length,
        planned: sessions.length - held.length,
        inputsByTheme: [...byTheme].map(([theme, inputs]) => ({ theme, inputs })),
      };
    },
    alliance: async (slug) => {
      const c = await alliance.publicComposition(slug);
      return {
        seats: c.seats.map((s) => ({ sector: s.sector, organisation: s.organisation })),
        decisions: c.decisions.map((d) => ({ number: d.number, title: d.title })),
      };
    },
    budget: async (slug, municipalityCode) => {
      const o = await budget.overview(municipalityCode, slug);
      return {
        lines: o.plan.rows.length,
        sources: o.sources.length,
        plannedCents: o.plan.total.plannedCents,
        committedCents: o.plan.total.committedCents,
        spentCents: o.plan.total.spentCents,
        ownPlannedCents: o.plan.ownContribution.plannedCents,
        ownSpentCents: o.plan.ownContribution.spentCents,
        state: o.sources
          .filter((s) => s.kind === 'rijk')
          .map((s) => ({
            name: s.name,
            funder: s.funder,
            annualCents: s.annual_cents === null ? null : Number(s.annual_cents),
            fromYear: s.from_year,
          })),
      };
    },
  };
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
    factsheets,
    health: new HealthService(db),
    metrics: new AppMetrics({
      pageCache: () => monitor.cacheStats,
      importJobs: () => importJobs.countByState(),
    }),
    pdf: new PdfRenderer(config.pdfEngine),
    workspaceHome: workspaceHomeService(db),
    participation,
    coding,
    feedback,
    contours,
    synthesis,
    budget,
    subsidies: new SubsidyService(subsidyRepository, budgetRepository, databaseAuditWriter),
    projects: new ProjectService(
      new ProjectRepository(handle.db),
      budgetRepository,
      databaseAuditWriter,
      async () =>
        (await activeCatalogue(handle.db)).indicators.map((i) => ({ key: i.key, name: i.name })),
    ),
    reminders: new ReminderService(
      subsidyRepository,
      databaseAuditWriter,
      config.mail ? createReminderMailer(config.mail) : undefined,
    ),
    alliance,
    councilLetters: new CouncilLetterService(
      new CouncilLetterRepository(handle.db),
      councilLetterTransaction(handle.db),
      councilLetterSources,
    ),
  };
}

export type Services = ReturnType<typeof createServices>;
