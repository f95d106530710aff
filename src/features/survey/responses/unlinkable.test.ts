import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Migrator, sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { migrateToLatest, migrations } from '../../../db/migrate.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';
import { startConcept, submitConcept } from '../web/session-response.service.ts';
import {
  createInvitationCodes,
  normaliseInvitationCode,
  useInvitationCode,
} from './invitations.ts';
import { newIdempotencyKey, submitComplete } from './response.service.ts';

const SECRET = 'fixture-enquetegeheim-van-minstens-32-tekens';
const q = questionnaireSchema.parse({ ...fixtureAllTypes, invitations: 'mogelijk' });

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`invitations cannot be linked to responses [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    let app: FastifyInstance;
    before(async () => {
      handle = await createTestDb(dialect);
      app = await buildApp({
        services: createServices(handle, {
          datasetsDir,
          questionnaires: [q],
          surveySecret: SECRET,
        }),
        sessionSecret: randomBytes(32).toString('base64url'),
      });
      await app.ready();
    });
    after(async () => {
      await app?.close();
      await handle?.drop();
    });

    it('finds nothing when joining invitations to responses on any pair of columns', async () => {
      const codes = await createInvitationCodes(handle.db, SECRET, q.key, 6);
      // Three responses with a code (one page by page), one without.
      for (const code of codes.slice(0, 2)) {
        await submitComplete(handle.db, {
          questionnaire: q,
          channel: 'web',
          language: 'nl',
          idempotencyKey: newIdempotencyKey(),
          answers: { heeft_werk: 'nee', woonbuurt: 'BU05050301' },
          invitation: { code, secret: SECRET },
        });
      }
      const id = await startConcept(handle.db, {
        questionnaire: q,
        channel: 'web',
        language: 'nl',
        secret: SECRET,
        invitationCode: codes[2]!,
        resumeCode: 'ABCD-EFGH-JKMN',
      });
      await submitConcept(handle.db, {
        questionnaire: q,
        responseId: id,
        idempotencyKey: newIdempotencyKey(),
      });
      await submitComplete(handle.db, {
        questionnaire: q,
        channel: 'web',
        language: 'nl',
        idempotencyKey: newIdempotencyKey(),
        answers: { heeft_werk: 'ja' },
      });

      const tables = await handle.db.introspection.getTables();
      const columns = (name: string) =>
        tables.find((t) => t.name === name)!.columns.map((c) => c.name);
      const invitationColumns = columns('survey_invitations');
      assert.deepEqual([...invitationColumns].sort(), ['code_hash', 'questionnaire_key', 'used']);
      let pairs = 0;
      for (const a of invitationColumns) {
        for (const b of [...columns('survey_responses'), ...columns('survey_answers')]) {
          const table = columns('survey_responses').includes(b)
            ? 'survey_responses'
            : 'survey_answers';
          // Every pair, compared as text; the questionnaire key is the same by design.
          if (a === 'questionnaire_key' && b === 'questionnaire_key') continue;
          const { rows } = await sql<{ n: number | string }>`
            select count(*) as n from survey_invitations i, ${sql.table(table)} r
            where cast(i.${sql.ref(a)} as text) = cast(r.${sql.ref(b)} as text)
              and i.used = 1`.execute(handle.db);
          pairs += 1;
          // `used` (1) may equal a number answer of 1 by chance: not a link to one response.
          const n = Number(rows[0]?.n ?? 0);
          if (a === 'used') continue;
          assert.equal(n, 0, `survey_invitations.${a} = ${table}.${b}`);
        }
      }
      assert.ok(pairs > 20);
      // Codes are keyed: the old unkeyed SHA-256 of key:CODE is not what is stored.
      const hashes = (
        await handle.db.selectFrom('survey_invitations').select('code_hash').execute()
      ).map((r) => r.code_hash);
      for (const code of codes) {
        const unkeyed = createHash('sha256')
          .update(`${q.key}:${normaliseInvitationCode(code)}`)
          .digest('base64url');
        assert.ok(!hashes.includes(unkeyed));
      }
      // Used or not, never when; response times are dates only.
      const responses = await handle.db.selectFrom('survey_responses').selectAll().execute();
      for (const r of responses) {
        assert.match(r.created_at, /^\d{4}-\d{2}-\d{2}$/);
        if (r.submitted_at !== null) assert.match(r.submitted_at, /^\d{4}-\d{2}-\d{2}$/);
      }
      assert.deepEqual(responses.map((r) => r.source).sort(), [
        'open_link',
        'uitnodiging',
        'uitnodiging',
        'uitnodiging',
      ]);
    });

    it('keeps the resume code out of every table, the session table included', async () => {
      const start = await app.inject(`/enquete/${q.key}`);
      const csrf = /name="_csrf" value="([^"]+)"/.exec(start.body)?.[1] ?? '';
      const cookie = start.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const begun = await app.inject({
        method: 'POST',
        url: `/enquete/${q.key}/start`,
        payload: new URLSearchParams({ _csrf: csrf, taal: 'nl' }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      });
      assert.equal(begun.statusCode, 303);
      const cookie2 = [
        ...start.cookies.filter((c) => !begun.cookies.some((b) => b.name === c.name)),
        ...begun.cookies,
      ]
        .map((c) => `${c.name}=${c.value}`)
        .join('; ');
      // Before the first page showed it: the code waits, but not readable anywhere.
      const dump = async () => {
        const parts: string[] = [];
        for (const t of ['sessions', 'survey_responses', 'survey_answers', 'survey_invitations']) {
          const { rows } = await sql`select * from ${sql.table(t)}`.execute(handle.db);
          parts.push(JSON.stringify(rows));
        }
        return parts.join('\n');
      };
      const whileWaiting = await dump();
      const page = await app.inject({
        url: `/enquete/${q.key}/stap/1`,
        headers: { cookie: cookie2 },
      });
      const code = /data-resume-code="([A-Z0-9-]+)"/.exec(page.body)?.[1];
      assert.ok(code, 'the code is shown on the first page');
      for (const form of [code, code.replace(/-/g, '')]) {
        assert.ok(!whileWaiting.includes(form), 'not in any table before it was shown');
        assert.ok(!(await dump()).includes(form), 'not in any table after it was shown');
      }
      const resume = await app.inject({ url: `/enquete/${q.key}/hervatten` });
      const csrf3 = /name="_csrf" value="([^"]+)"/.exec(resume.body)?.[1] ?? '';
      const back = await app.inject({
        method: 'POST',
        url: `/enquete/${q.key}/hervatten`,
        payload: new URLSearchParams({ _csrf: csrf3, taal: 'nl', code }).toString(),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: resume.cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
      });
      assert.equal(back.statusCode, 303, 'the keyed hash still finds the concept');
    });
  });

  describe(
    `migration 0202 converts existing survey data [${dialect}]`,
    skip ? { skip } : {},
    () => {
      let handle: TestDb;
      before(async () => {
        handle = await createTestDb(dialect);
      });
      after(async () => {
        await handle?.drop();
      });

      it('keys old codes and resume hashes, forgets when codes were used, keeps dates only', async () => {
        const migrator = new Migrator({
          db: handle.db,
          provider: { getMigrations: async () => migrations },
        });
        const down = await migrator.migrateTo('20261204_0201_survey_response_source');
        assert.equal(down.error, undefined);
        // The data as the old code wrote it.
        const sha = (t: string) => createHash('sha256').update(t).digest('base64url');
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        const raw = handle.db as any;
        await raw
          .insertInto('survey_invitations')
          .values([
            {
              code_hash: sha(`${q.key}:ABCDEFGHJK`),
              questionnaire_key: q.key,
              created_at: '2027-01-05T09:00:00.000Z',
              used_at: null,
            },
            {
              code_hash: sha(`${q.key}:MNPQRSTUVW`),
              questionnaire_key: q.key,
              created_at: '2027-01-05T09:00:00.000Z',
              used_at: '2027-02-01T10:11:12.345Z',
            },
          ])
          .execute();
        await raw
          .insertInto('survey_responses')
          .values({
            id: 'r1',
            questionnaire_key: q.key,
            version: 2,
            channel: 'web',
            source: 'open_link',
            language: 'nl',
            status: 'concept',
            resume_hash: sha('ABCD-EFGH-JKMN'),
            idempotency_key: 'fixture-sleutel-0001',
            created_at: '2027-02-01T10:11:12.345Z',
            submitted_at: null,
          })
          .execute();
        await raw
          .insertInto('sessions')
          .values({
            id: 's1',
            user_id: null,
            data: JSON.stringify({
              survey: { key: q.key, id: 'r1', language: 'nl', code: 'ABCD-EFGH-JKMN' },
            }),
            created_at: 1,
            last_seen_at: 1,
          })
          .execute();
        const previous = process.env.SURVEY_HMAC_SECRET;
        process.env.SURVEY_HMAC_SECRET = SECRET;
        try {
          await migrateToLatest(handle.db);
        } finally {
          if (previous === undefined) delete process.env.SURVEY_HMAC_SECRET;
          else process.env.SURVEY_HMAC_SECRET = previous;
        }
        // The unused code from before still works, once; the used one stays used.
        assert.equal(await useInvitationCode(handle.db, SECRET, q.key, 'ABCDE-FGHJK'), true);
        assert.equal(await useInvitationCode(handle.db, SECRET, q.key, 'ABCDE-FGHJK'), false);
        assert.equal(await useInvitationCode(handle.db, SECRET, q.key, 'MNPQR-STUVW'), false);
        const invitations = await handle.db.selectFrom('survey_invitations').selectAll().execute();
        assert.deepEqual(Object.keys(invitations[0]!).sort(), [
          'code_hash',
          'questionnaire_key',
          'used',
        ]);
        const r = await handle.db
          .selectFrom('survey_responses')
          .selectAll()
          .executeTakeFirstOrThrow();
        assert.equal(r.created_at, '2027-02-01');
        const { resumeByCode } = await import('../web/session-response.service.ts');
        assert.equal((await resumeByCode(handle.db, SECRET, q.key, 'ABCD-EFGH-JKMN'))?.id, 'r1');
        const session = await handle.db
          .selectFrom('sessions')
          .select('data')
          .executeTakeFirstOrThrow();
        assert.ok(!session.data.includes('ABCD-EFGH-JKMN'));
      });
    },
  );
}
