import type { AppConfig } from './config.ts';
import type { Db } from './db/database.ts';
import { createResetMailer } from './features/accounts/mail/reset-mail.ts';
import { activeCatalogue } from './features/indicators/catalogue.store.ts';
import { MonitorData } from './features/monitor/monitor-data.ts';

/**
 * The one composition root: database → repositories → services, wired by hand. Routes receive
 * `Services`; nothing domain-related hangs on the Fastify instance.
 */
export function createServices(
  handle: Db,
  config: Pick<AppConfig, 'datasetsDir' | 'oidc' | 'mail'>,
) {
  return {
    db: handle.db,
    dialect: handle.dialect,
    datasetsDir: config.datasetsDir,
    oidc: config.oidc,
    resetMailer: config.mail ? createResetMailer(config.mail) : undefined,
    monitor: new MonitorData(handle.db, () => activeCatalogue(handle.db)),
  };
}

export type Services = ReturnType<typeof createServices>;
