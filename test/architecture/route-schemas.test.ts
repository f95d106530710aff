import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createTestDb, type TestDb } from '../helpers/db.ts';
import { buildSecurityApp } from '../security/security-app.ts';
import { PARAMS_SCHEMA_ALLOWANCES, routesWithoutParamsSchema } from './route-schemas.ts';

/**
 * Every route with a path parameter declares a zod schema for it (ADR 0039, amendment), so a
 * malformed address is the 404 of an unknown one, checked in one place after the login and role
 * checks. The routes that still parse in their handler are listed, with a reason, in
 * route-schemas.ts; the list may only shrink.
 */
describe('route schemas: every :param route has a params schema', () => {
  let handle: TestDb;
  let app: FastifyInstance;
  before(async () => {
    handle = await createTestDb('sqlite');
    app = await buildSecurityApp(handle);
  });
  after(async () => {
    await app?.close();
    await handle?.drop();
  });

  it('no route with :param is registered without a params schema, except the listed ones', () => {
    const missing = routesWithoutParamsSchema(app.routePermissions);
    const unlisted = missing.filter((key) => !(key in PARAMS_SCHEMA_ALLOWANCES));
    assert.deepEqual(
      unlisted,
      [],
      'Geef deze routes een params-schema: { ...schemaOptions({ params }) } (src/shared/http.ts).',
    );
  });

  it('the allowance list holds no route that has a schema by now, or no longer exists', () => {
    const missing = new Set(routesWithoutParamsSchema(app.routePermissions));
    const stale = Object.keys(PARAMS_SCHEMA_ALLOWANCES).filter((key) => !missing.has(key));
    assert.deepEqual(stale, [], 'Haal deze routes uit PARAMS_SCHEMA_ALLOWANCES.');
  });

  it('a route with :param and no schema is found; one with a schema is not', () => {
    const routes = [
      { method: 'GET', url: '/a/:x', schemaParts: [] },
      { method: 'GET', url: '/b/:x', schemaParts: ['params'] },
      { method: 'GET', url: '/c', schemaParts: [] },
      { method: 'HEAD', url: '/a/:x', schemaParts: [] },
    ];
    assert.deepEqual(routesWithoutParamsSchema(routes), ['GET /a/:x']);
  });
});
