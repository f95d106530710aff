import { buildApp } from './app.ts';
import { createServices } from './composition.ts';
import { seedShippedData } from './features/seed/seed.service.ts';
import { loadQuestionnaires } from './features/survey/definition/load.ts';
import { loadXlsForm } from './features/survey/definition/xlsform.ts';
import { pageWarmUp } from './features/monitor/page-cache/warm-up.ts';
import {
  StartupError,
  checkPortFree,
  checkSessionSecret,
  createLogger,
  isLoopback,
  migrate,
  openDatabase,
  readConfig,
  withStartupLock,
} from './startup.ts';

/** How often the server checks for a data change to build the first pages again. */
const WARM_UP_INTERVAL_MS = 1000;

async function start(): Promise<void> {
  const config = readConfig(process.env);
  const logger = createLogger(config.logLevel);
  // Everything that can be checked without writing is checked first (issue 18).
  const session = checkSessionSecret(process.env, config.host);
  await checkPortFree(config.host, config.port);
  const handle = await openDatabase(config);
  try {
    await withStartupLock(handle, async () => {
      await migrate(handle);
      if (config.seedOnStart) {
        const report = await seedShippedData(handle.db, config.datasetsDir, {
          importedBy: 'start',
        });
        logger.info({ imported: report.imported, unchanged: report.unchanged }, 'gegevens geladen');
      }
    });
  } catch (error) {
    await handle.destroy();
    throw error;
  }
  const loopback = isLoopback(config.host);
  const services = createServices(handle, {
    ...config,
    questionnaires: await loadQuestionnaires(config.questionnairesDir, loadXlsForm),
  });
  const app = await buildApp({
    services,
    logger,
    // An ephemeral secret is made (and warned about) by buildApp itself.
    ...(session.ephemeral ? {} : { sessionSecret: session.secret }),
    insecureDevSecret: loopback,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
  });
  if (config.trustProxy === false && !loopback) {
    logger.info(
      'TRUST_PROXY staat uit: het adres van de verbinding geldt als adres van de bezoeker',
    );
  }
  // The first pages are built at start and again within a second of any data change (an import
  // here or by the CLI, a target, a survey response), before visitors ask for them.
  const warmUp = pageWarmUp(services);

  const close = async (signal: string) => {
    logger.info({ signal }, 'stoppen');
    warmUp.stop();
    await app.close();
    await handle.destroy();
    logger.info('gestopt');
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  warmUp.start(WARM_UP_INTERVAL_MS);
  logger.info(`Wijkkompas draait op http://localhost:${config.port}`);
}

try {
  await start();
} catch (error) {
  if (!(error instanceof StartupError)) throw error;
  console.error(`Wijkkompas start niet: ${error.message}`);
  if (process.env.LOG_LEVEL === 'debug') console.error(error.cause ?? error);
  process.exit(1);
}
