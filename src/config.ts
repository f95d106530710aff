import path from 'node:path';
import { z } from 'zod';
import { loadMailConfig, type MailConfig } from './features/accounts/mail/mail.config.ts';
import { loadOidcConfig, type OidcConfig } from './features/accounts/oidc/oidc.config.ts';
import { parseTrustProxy, type TrustProxy } from './plugins/trust-proxy.ts';

/** Where the database lives: the embedded SQLite file by default, PostgreSQL when asked. */
export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export interface AppConfig {
  port: number;
  host: string;
  database: DatabaseConfig;
  /** Folder with the shipped source files (CBS, PDOK, politie, focus areas). */
  datasetsDir: string;
  /** Load the shipped Dordt West data on start when the database has none yet. */
  seedOnStart: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent';
  /** Single sign-on by OpenID Connect (OIDC_*); undefined: local accounts only. */
  oidc?: OidcConfig | undefined;
  /** SMTP for mailing reset links (SMTP_URL, MAIL_FROM); undefined: links are handed over. */
  mail?: MailConfig | undefined;
  /** Folder with the questionnaires (JSON, XLSForm); WIJKKOMPAS_QUESTIONNAIRES or questionnaires/. */
  questionnairesDir: string;
  /** SURVEY_HMAC_SECRET: keys the survey's abuse control and double-entry draw. */
  surveySecret?: string | undefined;
  /** SURVEY_SUBMITS_PER_MINUTE: JSON submissions per minute per client (keyed HMAC of the address). */
  surveySubmitsPerMinute?: number | undefined;
  /** METRICS_TOKEN: the bearer token for /metrics; absent, /metrics is switched off. */
  metricsToken?: string | undefined;
  /** TRUST_PROXY: which proxies may set X-Forwarded-*; false (the default) trusts none. */
  trustProxy: TrustProxy;
  /** PUBLIC_URL: the site's own origin, for links in mail; never taken from a request header. */
  publicUrl: string;
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  WIJKKOMPAS_DATASETS: z.string().optional(),
  WIJKKOMPAS_SEED: z.enum(['ja', 'nee']).default('ja'),
  WIJKKOMPAS_QUESTIONNAIRES: z.string().optional(),
  SURVEY_SUBMITS_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
  METRICS_TOKEN: z
    .string()
    .min(32, 'gebruik minstens 32 tekens (bijvoorbeeld: openssl rand -base64 48)')
    .optional(),
  TRUST_PROXY: z.string().optional(),
  PUBLIC_URL: z.string().optional(),
  SURVEY_HMAC_SECRET: z
    .string()
    .min(32, 'gebruik minstens 32 tekens (bijvoorbeeld: openssl rand -base64 48)')
    .optional(),
});

export const projectRoot = path.resolve(import.meta.dirname, '..');

/** Parses `DATABASE_URL`: absent → ./data/wijkkompas.sqlite, `sqlite:PATH`, or `postgres://…`. */
export function parseDatabaseUrl(url: string | undefined, root = projectRoot): DatabaseConfig {
  if (url === undefined || url.trim() === '') {
    return { kind: 'sqlite', file: path.join(root, 'data', 'wijkkompas.sqlite') };
  }
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length);
    if (file === '') throw new Error('DATABASE_URL "sqlite:" mist een bestandsnaam');
    return { kind: 'sqlite', file: file === ':memory:' ? file : path.resolve(root, file) };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { kind: 'postgres', url };
  }
  throw new Error(
    'DATABASE_URL moet beginnen met "sqlite:" of "postgres://" (kreeg een andere waarde)',
  );
}

/**
 * PUBLIC_URL: the origin visitors use (https://wijkkompas.example.nl). Without it: this machine
 * (http://localhost:PORT), which is right only for a local start. Only http(s), no path, query or
 * user info: the reset link is built on it.
 */
export function parsePublicUrl(value: string | undefined, port: number): string {
  const text = value?.trim() ?? '';
  if (text === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(
      `PUBLIC_URL "${text}" is geen geldig adres; gebruik bijvoorbeeld https://wijkkompas.gemeente.nl`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_URL moet met https:// beginnen (kreeg ${url.protocol}).`);
  }
  if (
    url.username ||
    url.password ||
    url.search ||
    url.hash ||
    (url.pathname !== '/' && url.pathname !== '')
  ) {
    throw new Error(
      'PUBLIC_URL is alleen het adres van de site, zonder pad, vraag of inloggegevens.',
    );
  }
  return url.origin;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Ongeldige configuratie in ${issue?.path.join('.') ?? '?'}: ${issue?.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    datasetsDir: e.WIJKKOMPAS_DATASETS
      ? path.resolve(e.WIJKKOMPAS_DATASETS)
      : path.join(projectRoot, 'datasets'),
    seedOnStart: e.WIJKKOMPAS_SEED === 'ja',
    questionnairesDir: e.WIJKKOMPAS_QUESTIONNAIRES
      ? path.resolve(e.WIJKKOMPAS_QUESTIONNAIRES)
      : path.join(projectRoot, 'questionnaires'),
    logLevel: e.LOG_LEVEL,
    oidc: loadOidcConfig(env),
    mail: loadMailConfig(env),
    surveySecret: e.SURVEY_HMAC_SECRET,
    surveySubmitsPerMinute: e.SURVEY_SUBMITS_PER_MINUTE,
    metricsToken: e.METRICS_TOKEN,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    publicUrl: parsePublicUrl(e.PUBLIC_URL, e.PORT),
  };
}
