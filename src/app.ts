import formbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Services } from './composition.ts';
import { errorPages } from './plugins/error-pages.ts';
import { securityHeaders } from './plugins/security-headers.ts';
import { staticAssets } from './plugins/static-assets.ts';
import { homeRoutes } from './features/home/home.routes.tsx';
import { sourcesRoutes } from './features/home/sources.routes.tsx';
import { focusAreaRoutes } from './features/focus-areas/focus-area.routes.tsx';

export interface AppDeps {
  services: Services;
  /** A pino logger; tests leave it out. */
  logger?: FastifyBaseLogger;
}

/**
 * Builds the application and never listens: server.ts listens, tests use app.inject. The
 * register order is explicit: infrastructure first, then features.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: false }),
    trustProxy: true,
  });
  await app.register(securityHeaders);
  await app.register(errorPages);
  await app.register(formbody);
  await app.register(staticAssets);

  await app.register(homeRoutes, { services: deps.services });
  await app.register(sourcesRoutes, { services: deps.services });
  await app.register(focusAreaRoutes, { services: deps.services });
  return app;
}
