import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import type { AccountService } from '../../src/features/accounts/accounts.facade.ts';
import type { FocusAreaService } from '../../src/features/focus-areas/focus-areas.facade.ts';
import { focusAreaRoutes } from '../../src/features/focus-areas/focus-area.routes.tsx';
import type { HomeServices } from '../../src/features/home/home.page-builder.tsx';
import { homeRoutes } from '../../src/features/home/home.routes.tsx';
import type { MonitorData } from '../../src/features/monitor/monitor-data.ts';
import { authorizationPlugin } from '../../src/plugins/authorization.ts';
import { errorPages } from '../../src/plugins/error-pages.ts';
import { sessionPlugin, type SessionStore } from '../../src/plugins/session.ts';
import { NotFoundError } from '../../src/shared/errors.ts';

/**
 * Route plugins receive services and nothing else (ADR 0023), so a route test can hand them
 * fakes: no database, no seeding, milliseconds. The real infrastructure (authorization, error
 * pages) runs around them as in the app.
 */
async function appWith(
  register: (app: FastifyInstance) => PromiseLike<unknown>,
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  await app.register(errorPages);
  await app.register(sessionPlugin, { store: memoryStore(), secret: 'n'.repeat(40) });
  const nobody: Pick<AccountService, 'currentUser'> = { currentUser: async () => undefined };
  await app.register(authorizationPlugin, { users: nobody });
  await register(app);
  await app.ready();
  return app;
}

/** Sessions in memory: the plugin's store without a database. */
function memoryStore(): SessionStore {
  const sessions = new Map<string, Parameters<SessionStore['set']>[1]>();
  return {
    set: (id, session, done) => {
      sessions.set(id, session);
      done();
    },
    get: (id, done) => done(null, sessions.get(id) ?? null),
    destroy: (id, done) => {
      sessions.delete(id);
      done();
    },
    prune: async () => 0,
  };
}

/** A monitor that has no figures yet; every cache simply builds. */
function emptyMonitor(): MonitorData {
  const fake: Pick<
    MonitorData,
    'dataVersion' | 'cached' | 'read' | 'catalogue' | 'availability' | 'focusAreas'
  > = {
    dataVersion: async () => 'nep-1',
    cached: (_key, make) => make(),
    read: (_key, make) => make(),
    catalogue: async () => ({ version: 'nep', indicators: [] }) as never,
    availability: async () => [],
    focusAreas: async () => [
      {
        slug: 'nepwijk',
        name: 'Nepwijk',
        municipality_code: 'GM9999',
        municipality_name: 'Nepstad',
        composition_status: 'bekend',
        source_note: '',
        latestVersion: 1,
        indelingYear: 2024,
      },
      {
        slug: 'later',
        name: 'Gebied Later',
        municipality_code: 'GM9999',
        municipality_name: 'Nepstad',
        composition_status: 'onbekend',
        source_note: '',
        latestVersion: null,
        indelingYear: null,
      },
    ],
  };
  return fake as MonitorData;
}

describe('routes with fake services', () => {
  it('renders the start page from a fake monitor and focus-area service', async () => {
    const asked: string[] = [];
    const focusAreas = {
      get: async (slug: string) => {
        asked.push(slug);
        return { version: { provisional: 1, confidence: 'midden' } } as never;
      },
    } as Pick<FocusAreaService, 'get'> as FocusAreaService;
    const services: HomeServices = { monitor: emptyMonitor(), focusAreas };
    const app = await appWith((a) => a.register(homeRoutes, { services }));
    try {
      const res = await app.inject({ method: 'GET', url: '/' });
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Gemeente Nepstad/);
      assert.match(res.body, />Nepwijk</);
      assert.match(res.body, /voorlopig, betrouwbaarheid midden/);
      assert.match(res.body, /0 van 0 indicatoren met een cijfer/);
      assert.match(res.body, /Buurten nog niet bekend/);
      // Only the area with known buurten is looked up.
      assert.deepEqual(asked, ['nepwijk']);
    } finally {
      await app.close();
    }
  });

  it("answers the service's NotFoundError with the Dutch 404 of the API", async () => {
    const focusAreas = {
      loadPage: async (slug: string) => {
        throw new NotFoundError(`Focusgebied "${slug}" bestaat niet.`);
      },
    } as Pick<FocusAreaService, 'loadPage'> as FocusAreaService;
    const app = await appWith((a) => a.register(focusAreaRoutes, { services: { focusAreas } }));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/gebieden/bestaat-niet' });
      assert.equal(res.statusCode, 404);
      assert.deepEqual(JSON.parse(res.body).fout, {
        code: 'NOT_FOUND',
        status: 404,
        titel: 'Deze pagina bestaat niet',
        melding: 'Focusgebied "bestaat-niet" bestaat niet.',
      });
    } finally {
      await app.close();
    }
  });
});
