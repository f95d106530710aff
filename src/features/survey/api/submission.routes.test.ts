import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { newIdempotencyKey } from '../responses/response.service.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);
const URL_PATH = `/api/enquetes/${q.key}/antwoorden`;

async function countResponses(handle: TestDb): Promise<number> {
  const row = await handle.db
    .selectFrom('survey_responses')
    .select((e) => e.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Runs `jobs` with at most `limit` in flight, like that many clients in a row each. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const out: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < jobs.length) {
        const i = next++;
        out[i] = await jobs[i]!();
      }
    }),
  );
  return out;
}

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`POST /api/enquetes/:key/antwoorden [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let app: FastifyInstance;
    let base: string;
    before(async () => {
      handle = await createTestDb(dialect);
      app = await buildApp({
        services: createServices(handle, {
          datasetsDir,
          questionnaires: [q],
          surveySubmitsPerMinute: 5_000,
        }),
        sessionSecret: randomBytes(32).toString('base64url'),
      });
      await app.listen({ port: 0, host: '127.0.0.1' });
      base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    });
    after(async () => {
      await app?.close();
      await handle?.drop();
    });

    const send = (key: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}${URL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, ...headers },
        body: JSON.stringify(body),
      });

    it('loses none and doubles none: 1,000 submissions, 50 clients, every 10th sent twice at once', async () => {
      const before = await countResponses(handle);
      const keys = Array.from({ length: 1_000 }, () => newIdempotencyKey());
      const jobs = keys.flatMap((key, i) => {
        const one = async () => {
          const res = await send(key, {
            taal: 'nl',
            antwoorden: { heeft_werk: i % 2 === 0 ? 'ja' : 'nee', cijfer_buurt: (i % 10) + 1 },
          });
          return { key, status: res.status, id: ((await res.json()) as { id?: string }).id };
        };
        return i % 10 === 0 ? [one, one] : [one];
      });
      // Shuffle with a fixed stride so the two sends of a key land in different clients at once.
      const order = jobs.map((_, i) => jobs[(i * 7919) % jobs.length]!);
      const results = await pool(order, 50);
      assert.equal(results.length, 1_100);
      assert.ok(results.every((r) => r.status === 201 || r.status === 200));
      assert.equal(results.filter((r) => r.status === 201).length, 1_000);
      const idsByKey = new Map<string, Set<string>>();
      for (const r of results) idsByKey.set(r.key, (idsByKey.get(r.key) ?? new Set()).add(r.id!));
      assert.ok(
        [...idsByKey.values()].every((ids) => ids.size === 1),
        'one id per key',
      );
      assert.equal((await countResponses(handle)) - before, 1_000);
      const acknowledged = [...idsByKey.values()].map((ids) => [...ids][0]!);
      const stored = await handle.db
        .selectFrom('survey_responses')
        .select('id')
        .where('idempotency_key', 'in', keys)
        .execute();
      const storedIds = new Set(stored.map((r) => r.id));
      assert.equal(storedIds.size, 1_000);
      assert.ok(
        acknowledged.every((id) => storedIds.has(id)),
        'every acknowledged id is stored',
      );
    });

    it('answers a repeated Idempotency-Key with other answers with a Dutch 409, storing nothing', async () => {
      const key = newIdempotencyKey();
      const body = { taal: 'nl', antwoorden: { heeft_werk: 'ja', cijfer_buurt: 8 } };
      const first = await send(key, body);
      assert.equal(first.status, 201);
      const { id } = (await first.json()) as { id: string };
      const before = await countResponses(handle);
      // The same body again (answers in another order): the first response, as before.
      const same = await send(key, {
        taal: 'nl',
        antwoorden: { cijfer_buurt: 8, heeft_werk: 'ja' },
      });
      assert.equal(same.status, 200);
      assert.deepEqual(await same.json(), { id });
      for (const other of [
        { taal: 'nl', antwoorden: { heeft_werk: 'nee', cijfer_buurt: 8 } },
        { taal: 'en', antwoorden: { heeft_werk: 'ja', cijfer_buurt: 8 } },
        { taal: 'nl', antwoorden: { heeft_werk: 'ja' } },
      ]) {
        const res = await send(key, other);
        assert.equal(res.status, 409, JSON.stringify(other));
        assert.match(
          ((await res.json()) as { fout: { melding: string } }).fout.melding,
          /Met deze Idempotency-Key zijn eerder andere antwoorden verstuurd\. Er is niets opgeslagen/,
        );
      }
      assert.equal(await countResponses(handle), before);
      const answers = await handle.db
        .selectFrom('survey_answers')
        .select(['variable', 'value_text', 'value_number'])
        .where('response_id', '=', id)
        .orderBy('variable')
        .execute();
      assert.deepEqual(
        answers.map((a) => [a.variable, a.value_text ?? Number(a.value_number)]),
        [
          ['cijfer_buurt', 8],
          ['heeft_werk', 'ja'],
        ],
      );
    });

    it('refuses a bad body or answer with a Dutch 400 naming the field, storing nothing', async () => {
      const before = await countResponses(handle);
      const wrongAnswer = await send(newIdempotencyKey(), {
        taal: 'nl',
        antwoorden: { heeft_werk: 'misschien' },
      });
      assert.equal(wrongAnswer.status, 400);
      assert.match(await wrongAnswer.text(), /Hebt u betaald werk\?/);
      const wrongField = await send(newIdempotencyKey(), { taal: 'xx', antwoorden: {} });
      assert.equal(wrongField.status, 400);
      assert.match(await wrongField.text(), /veld \\"taal\\"/);
      const noKey = await send('kort', { taal: 'nl', antwoorden: { heeft_werk: 'nee' } });
      assert.equal(noKey.status, 400);
      assert.match(await noKey.text(), /Idempotency-Key/);
      const unknown = await fetch(`${base}/api/enquetes/bestaat-niet/antwoorden`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
        body: '{"taal":"nl","antwoorden":{}}',
      });
      assert.equal(unknown.status, 404);
      assert.equal(await countResponses(handle), before);
    });

    it('does not take a plain browser form (no JSON, no key header): forms keep needing CSRF', async () => {
      const before = await countResponses(handle);
      const res = await fetch(`${base}${URL_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'taal=nl&heeft_werk=nee',
      });
      assert.equal(res.status, 400);
      assert.equal(await countResponses(handle), before);
      const form = await fetch(`${base}/enquete/${q.key}/start`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'taal=nl',
      });
      assert.equal(form.status, 403);
    });

    it('is listed in /api/openapi.json with its body, 201 and 200', async () => {
      const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
        paths: Record<
          string,
          { post?: { responses: Record<string, unknown>; requestBody?: unknown } }
        >;
      };
      const op = doc.paths['/api/enquetes/{key}/antwoorden']?.post;
      assert.ok(op?.requestBody);
      assert.ok(op.responses['201'] && op.responses['200'] && op.responses['429']);
    });
  });
}

describe('POST /api/enquetes/:key/antwoorden rate limit', () => {
  it('answers 429 once a client passes the configured limit, and stores nothing more', async () => {
    const handle = await createTestDb('sqlite');
    const app = await buildApp({
      services: createServices(handle, {
        datasetsDir,
        questionnaires: [q],
        surveySubmitsPerMinute: 3,
      }),
      sessionSecret: randomBytes(32).toString('base64url'),
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await app.inject({
          method: 'POST',
          url: URL_PATH,
          headers: { 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() },
          payload: { taal: 'nl', antwoorden: { heeft_werk: 'nee' } },
        });
        statuses.push(res.statusCode);
        if (res.statusCode === 429) assert.match(res.body, /te veel/i);
      }
      assert.deepEqual(statuses, [201, 201, 201, 429, 429]);
      assert.equal(await countResponses(handle), 3);
    } finally {
      await app.close();
      await handle.drop();
    }
  });
});
