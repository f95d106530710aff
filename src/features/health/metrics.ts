import { timingSafeEqual } from 'node:crypto';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Routes whose successful answer means that a survey response was stored. */
const SURVEY_SUBMIT_ROUTES: ReadonlyMap<string, string> = new Map([
  ['POST /api/enquetes/:key/antwoorden', 'json'],
  ['POST /enquete/:key/versturen', 'web'],
  ['POST /werkruimte/:gemeente/enquetes/:key/interview/versturen', 'mondeling'],
]);

export interface CacheStats {
  hits: number;
  misses: number;
}

export interface MetricsSources {
  /** Hits and misses of the monitor's page cache since start. */
  pageCache: () => CacheStats;
  /** Import jobs by state (bezig, klaar, mislukt), when the app runs background imports. */
  importJobs?: () => Record<string, number>;
}

/**
 * The Prometheus registry of one app instance (a registry per app, so tests that build several
 * apps in one process do not share counters). Labels are route patterns, never URLs: no
 * respondent code, buurt choice or search term ends up in a metric.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'method' | 'route' | 'status'>;
  private readonly durations: Histogram<'method' | 'route'>;
  private readonly submissions: Counter<'channel'>;

  constructor(sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry, prefix: 'wijkkompas_' });
    this.requests = new Counter({
      name: 'wijkkompas_http_requests_total',
      help: 'HTTP-verzoeken per route en status',
      labelNames: ['method', 'route', 'status'],
      registers: [this.registry],
    });
    this.durations = new Histogram({
      name: 'wijkkompas_http_request_duration_seconds',
      help: 'Duur van HTTP-verzoeken per route',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [this.registry],
    });
    this.submissions = new Counter({
      name: 'wijkkompas_survey_submissions_total',
      help: 'Ingestuurde enquêteantwoorden per kanaal',
      labelNames: ['channel'],
      registers: [this.registry],
    });
    new Gauge({
      name: 'wijkkompas_page_cache_hits_total',
      help: 'Pagina’s uit de cache van de monitor sinds de start',
      registers: [this.registry],
      collect() {
        this.set(sources.pageCache().hits);
      },
    });
    new Gauge({
      name: 'wijkkompas_page_cache_misses_total',
      help: 'Pagina’s die de monitor opnieuw moest maken sinds de start',
      registers: [this.registry],
      collect() {
        this.set(sources.pageCache().misses);
      },
    });
    const importJobs = sources.importJobs;
    new Gauge({
      name: 'wijkkompas_import_jobs',
      help: 'Importtaken in het geheugen van deze instantie, per toestand',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [state, count] of Object.entries(importJobs?.() ?? {})) {
          this.set({ state }, count);
        }
      },
    });
  }

  /** One finished request; `route` is the registered pattern, or 'onbekend' for a 404. */
  observe(method: string, route: string | undefined, status: number, seconds: number): void {
    const r = route ?? 'onbekend';
    this.requests.inc({ method, route: r, status: String(status) });
    this.durations.observe({ method, route: r }, seconds);
    const channel = SURVEY_SUBMIT_ROUTES.get(`${method} ${r}`);
    if (channel && status >= 200 && status < 400) this.submissions.inc({ channel });
  }
}

/** Compares a presented bearer token with the configured one in constant time. */
export function tokenMatches(presented: string | undefined, expected: string): boolean {
  if (!presented?.startsWith('Bearer ')) return false;
  const a = Buffer.from(presented.slice('Bearer '.length));
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
