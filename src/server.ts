import pino from 'pino';
import { buildApp } from './app.ts';
import { createServices } from './composition.ts';
import { loadConfig } from './config.ts';
import { createDb } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { seedShippedData } from './features/seed/seed.service.ts';
import { logSerializers } from './features/accounts/log-redaction.ts';
import { loadQuestionnaires } from './features/survey/definition/load.ts';
import { loadXlsForm } from './features/survey/definition/xlsform.ts';
import { pageWarmUp } from './features/monitor/warm-up.ts';

/** How often the server checks for a data change to build the first pages again. */
const WARM_UP_INTERVAL_MS = 1000;

const config = loadConfig();
const logger = pino({ level: config.logLevel, serializers: logSerializers });
const handle = createDb(config.database);
await migrateToLatest(handle.db);
if (config.seedOnStart) {
  const report = await seedShippedData(handle.db, config.datasetsDir, { importedBy: 'start' });
  logger.info({ imported: report.imported, unchanged: report.unchanged }, 'gegevens geladen');
}
// Without SESSION_SECRET only a start on this machine alone is allowed (docs/adr/0006).
const loopback = ['127.0.0.1', '::1', 'localhost'].includes(config.host);
const services = createServices(handle, {
  ...config,
  questionnaires: await loadQuestionnaires(config.questionnairesDir, loadXlsForm),
});
const app = await buildApp({
  services,
  logger,
  insecureDevSecret: loopback,
  trustProxy: config.trustProxy,
  publicUrl: config.publicUrl,
});
if (config.trustProxy === false && !loopback) {
  logger.info('TRUST_PROXY staat uit: het adres van de verbinding geldt als adres van de bezoeker');
}
// The first pages are built at start and again within a second of any data change (an import
// here or by the CLI, a target, a survey response), before visitors ask for them.
const warmUp = pageWarmUp(services);

const close = async (signal: string) => {
  logger.info({ signal }, 'stoppen');
  warmUp.stop();
  await app.close();
  await handle.destroy();
  process.exit(0);
};
process.once('SIGINT', () => void close('SIGINT'));
process.once('SIGTERM', () => void close('SIGTERM'));

await app.listen({ port: config.port, host: config.host });
warmUp.start(WARM_UP_INTERVAL_MS);
logger.info(`Wijkkompas draait op http://localhost:${config.port}`);
