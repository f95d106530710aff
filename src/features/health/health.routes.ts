import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Services } from '../../composition.ts';
import { tokenMatches } from './metrics.ts';

/**
 * Liveness, readiness and metrics for load balancers and monitoring. /gezond and /gereed say
 * nothing but ok or the reason; /metrics exists only when METRICS_TOKEN is set and asks for it
 * as a bearer token, so request counts per route are not public.
 */
export async function healthRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { health, metrics, metricsToken } = opts.services;

  app.get('/gezond', { config: { permission: 'public' } }, async (_request, reply) => {
    return reply.header('cache-control', 'no-store').send({ status: 'ok' });
  });

  app.get('/gereed', { config: { permission: 'public' } }, async (_request, reply) => {
    const readiness = await health.readiness();
    reply.header('cache-control', 'no-store');
    if (readiness.ready) return reply.send({ status: 'gereed' });
    return reply.code(503).send({ status: 'niet gereed', reden: readiness.reason });
  });

  // Declared public for the role check: the bearer token below is its guard.
  app.get('/metrics', { config: { permission: 'public' } }, async (request, reply) => {
    if (!metricsToken) {
      return reply.code(404).type('text/plain; charset=utf-8').send('Niet gevonden.');
    }
    if (!tokenMatches(request.headers.authorization, metricsToken)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain; charset=utf-8')
        .send('Geef het token uit METRICS_TOKEN mee als Authorization: Bearer.');
    }
    reply.header('cache-control', 'no-store').type(metrics.registry.contentType);
    return reply.send(await metrics.registry.metrics());
  });
}

/** Counts every request of the whole app by its route pattern (registered at the root). */
export const requestMetrics = fp(
  async (app: FastifyInstance, opts: { services: Services }) => {
    const { metrics } = opts.services;
    app.addHook('onResponse', async (request, reply) => {
      metrics.observe(
        request.method === 'HEAD' ? 'GET' : request.method,
        request.routeOptions.url,
        reply.statusCode,
        reply.elapsedTime / 1000,
      );
    });
  },
  { name: 'request-metrics' },
);
