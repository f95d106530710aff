import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app.ts';
import { createServices } from '../../composition.ts';
import { datasetsDir } from '../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../test/helpers/db.ts';
import { questionnaireSchema } from '../survey/definition/questionnaire.schema.ts';
import { newIdempotencyKey } from '../survey/responses/response.service.ts';
import { fixtureAllTypes } from '../survey/test-fixtures.ts';

const TOKEN = randomBytes(32).toString('base64url');
const q = questionnaireSchema.parse(fixtureAllTypes);

async function appOn(handle: TestDb, metricsToken?: string): Promise<FastifyInstance> {
  const app = await buildApp({
    services: createServices(handle, { datasetsDir, questionnaires: [q], metricsToken }),
    sessionSecret: randomBytes(32).toString('base64url'),
  });
  await app.ready();
  return app;
}

/** The value of one sample line of the Prometheus text format, or undefined. */
function sample(text: string, name: string, labels: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{${labels}} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`health and metrics [${dialect}]`, skip ? { skip } : {}, () => {
    it('/gezond answers while the process lives; /gereed when the database is migrated', async () => {
      const handle = await createTestDb(dialect);
      const app = await appOn(handle);
      try {
        const live = await app.inject('/gezond');
        assert.equal(live.statusCode, 200);
        assert.deepEqual(live.json(), { status: 'ok' });
        assert.equal(live.headers['cache-control'], 'no-store');
        const ready = await app.inject('/gereed');
        assert.equal(ready.statusCode, 200);
        assert.deepEqual(ready.json(), { status: 'gereed' });
      } finally {
        await app.close();
        await handle.drop();
      }
    });

    it('/gereed is 503 while a migration of this code has not run', async () => {
      const handle = await createTestDb(dialect);
      const app = await appOn(handle);
      try {
        const last = await handle.db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .orderBy('name' as never, 'desc')
          .executeTakeFirstOrThrow();
        await handle.db
          .deleteFrom('kysely_migration' as never)
          .where('name' as never, '=', (last as { name: string }).name as never)
          .execute();
        const res = await app.inject('/gereed');
        assert.equal(res.statusCode, 503);
        assert.deepEqual(res.json(), { status: 'niet gereed', reden: 'migraties niet bijgewerkt' });
      } finally {
        await app.close();
        await handle.drop();
      }
    });

    it('/gereed is 503 when the database cannot be reached; /gezond stays 200', async () => {
      const handle = await createTestDb(dialect);
      const app = await appOn(handle);
      try {
        await handle.destroy();
        const res = await app.inject('/gereed');
        assert.equal(res.statusCode, 503);
        assert.equal(res.json().reden, 'database onbereikbaar');
        assert.equal((await app.inject('/gezond')).statusCode, 200);
      } finally {
        await app.close();
        await handle.drop().catch(() => undefined);
      }
    });
  });
}

describe('/metrics', () => {
  it('is off (404) without METRICS_TOKEN, and asks for the token when it is set', async () => {
    const handle = await createTestDb('sqlite');
    const off = await appOn(handle);
    const on = await appOn(handle, TOKEN);
    try {
      assert.equal((await off.inject('/metrics')).statusCode, 404);
      const anonymous = await on.inject('/metrics');
      assert.equal(anonymous.statusCode, 401);
      assert.match(anonymous.headers['www-authenticate'] as string, /^Bearer/);
      const wrong = await on.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN.slice(1)}x` },
      });
      assert.equal(wrong.statusCode, 401);
    } finally {
      await off.close();
      await on.close();
      await handle.drop();
    }
  });

  it('counts requests by route pattern and status, page-cache hits and survey submissions', async () => {
    const handle = await createTestDb('sqlite');
    const app = await appOn(handle, TOKEN);
    try {
      for (let i = 0; i < 3; i++) assert.equal((await app.inject('/gezond')).statusCode, 200);
      assert.equal((await app.inject('/bestaat-niet')).statusCode, 404);
      await app.inject('/');
      await app.inject('/');
      const submitted = await app.inject({
        method: 'POST',
        url: `/api/enquetes/${q.key}/antwoorden`,
        headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
        payload: { taal: 'nl', antwoorden: { heeft_werk: 'ja', cijfer_buurt: 7 } },
      });
      assert.equal(submitted.statusCode, 201, submitted.body);

      const res = await app.inject({
        url: '/metrics',
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /^text\/plain/);
      const text = res.body;
      const requests = 'wijkkompas_http_requests_total';
      assert.equal(sample(text, requests, 'method="GET",route="/gezond",status="200"'), 3);
      assert.equal(sample(text, requests, 'method="GET",route="onbekend",status="404"'), 1);
      assert.ok(
        (sample(
          text,
          'wijkkompas_http_request_duration_seconds_count',
          'method="GET",route="/gezond"',
        ) ?? 0) === 3,
      );
      assert.equal(sample(text, 'wijkkompas_survey_submissions_total', 'channel="json"'), 1);
      const hits = Number(/^wijkkompas_page_cache_hits_total (\d+)/m.exec(text)?.[1]);
      assert.ok(hits >= 1, `page cache hits ${hits}`);
      // Import jobs of this process, by state (none have run here).
      for (const state of ['bezig', 'klaar', 'mislukt']) {
        assert.equal(sample(text, 'wijkkompas_import_jobs', `state="${state}"`), 0, state);
      }
      // Route patterns only: no URL with a code or search term in it.
      assert.doesNotMatch(text, /bestaat-niet/);
    } finally {
      await app.close();
      await handle.drop();
    }
  });
});
