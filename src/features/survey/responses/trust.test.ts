import assert from 'node:assert/strict';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../app.ts';
import { createServices } from '../../../composition.ts';
import { projectRoot } from '../../../config.ts';
import { datasetsDir } from '../../../../test/helpers/app.ts';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { seedShippedData } from '../../seed/seed.service.ts';
import { loadQuestionnaires } from '../definition/load.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { fixtureResidentSurvey, submitFixtureRespondents } from '../test-fixtures.ts';
import { listCountedResponses, listPublishableResponses } from './response.repository.ts';
import { newIdempotencyKey, reviewResponse, submitComplete } from './response.service.ts';
import { createInvitationCodes } from './invitations.ts';
import { awaitsReview, feedsPublishedEstimate, statusWhenSent } from './trust.ts';

const KEY = 'bewonersenquete-dordt-west';
const SURVEY_SECRET = 'fixture-enquetegeheim-van-minstens-32-tekens';
const shipped = (await loadQuestionnaires(path.join(projectRoot, 'questionnaires'))).find(
  (q) => q.key === KEY,
)!;

/** The rows of the public profile that a stuffed survey would move. */
async function surveyRows(app: FastifyInstance): Promise<string[]> {
  const res = await app.inject('/gebieden/dordt-west');
  assert.equal(res.statusCode, 200);
  const rows = [...res.body.matchAll(/<tr[^>]*data-indicator="([^"]+)"[^>]*>([\s\S]*?)<\/tr>/g)]
    .filter((m) => /enquête/.test(m[2]!))
    .map((m) => `${m[1]}: ${m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')}`);
  assert.ok(rows.length > 0, 'the profile shows survey figures');
  return rows;
}

/** What an attacker posts: everyone feels unsafe. */
const STUFFED = {
  taal: 'nl',
  antwoorden: {
    woonbuurt: 'BU05050301',
    leeftijdsgroep: '25_44',
    geslacht: 'man',
    onveilig_buurt: 'ja',
    rapportcijfer: 1,
  },
};

describe('the trust rule (one function)', () => {
  it('publishes codes once sent, and interviews, paper and the open link only after review', () => {
    const all = { trustedSources: ['uitnodiging', 'interviewer', 'papier', 'open_link'] as const };
    const q = { trustedSources: [...all.trustedSources] };
    assert.equal(feedsPublishedEstimate(q, { source: 'uitnodiging', status: 'ingediend' }), true);
    assert.equal(feedsPublishedEstimate(q, { source: 'open_link', status: 'ingediend' }), false);
    assert.equal(
      feedsPublishedEstimate(q, { source: 'open_link', status: 'te_controleren' }),
      false,
    );
    assert.equal(feedsPublishedEstimate(q, { source: 'open_link', status: 'goedgekeurd' }), true);
    assert.equal(feedsPublishedEstimate(q, { source: 'interviewer', status: 'goedgekeurd' }), true);
    assert.equal(feedsPublishedEstimate(q, { source: 'papier', status: 'te_controleren' }), false);
    const codesOnly = { trustedSources: ['uitnodiging' as const] };
    assert.equal(
      feedsPublishedEstimate(codesOnly, { source: 'open_link', status: 'goedgekeurd' }),
      false,
    );
    assert.equal(
      feedsPublishedEstimate(codesOnly, { source: 'papier', status: 'goedgekeurd' }),
      false,
    );
  });

  it('the shipped resident questionnaire uses invitation codes and reviews the open link', () => {
    assert.equal(shipped.invitations, 'mogelijk');
    assert.deepEqual([...shipped.trustedSources].sort(), [
      'interviewer',
      'open_link',
      'papier',
      'uitnodiging',
    ]);
  });
});

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  for (const variant of ['shipped', 'codes-only'] as const) {
    describe(
      `ballot stuffing does not reach the profile [${dialect}, ${variant}]`,
      skip ? { skip } : {},
      () => {
        let handle: TestDb;
        let app: FastifyInstance;
        // The fixture questionnaire with the shipped trust settings, or with the default ones.
        const q: Questionnaire =
          variant === 'shipped'
            ? {
                ...fixtureResidentSurvey,
                invitations: shipped.invitations,
                trustedSources: shipped.trustedSources,
              }
            : { ...fixtureResidentSurvey, invitations: 'mogelijk' };
        before(async () => {
          handle = await createTestDb(dialect);
          await seedShippedData(handle.db, datasetsDir, { importedBy: 'test' });
          // The real field work: 400 respondents with a letter's code, last year.
          await submitFixtureRespondents(handle.db, q, new Date('2027-03-01T10:00:00Z'));
          app = await buildApp({
            services: createServices(handle, {
              datasetsDir,
              questionnaires: [q],
              surveySecret: SURVEY_SECRET,
              // Not the rate limit: the attack gets every request through.
              surveySubmitsPerMinute: 100_000,
            }),
            sessionSecret: randomBytes(32).toString('base64url'),
          });
          await app.ready();
        });
        after(async () => {
          await app?.close();
          await handle?.drop();
        });

        it('120 anonymous posts and open-link web responses leave the public profile as it was', async () => {
          const before = await surveyRows(app);
          const answers = await Promise.all(
            Array.from({ length: 120 }, () =>
              app.inject({
                method: 'POST',
                url: `/api/enquetes/${KEY}/antwoorden`,
                headers: { 'idempotency-key': newIdempotencyKey() },
                payload: STUFFED,
              }),
            ),
          );
          assert.ok(
            answers.every((r) => r.statusCode === 201),
            'every post was stored',
          );
          // Open-link web responses from the same year as the field work.
          for (let i = 0; i < 30; i += 1) {
            await submitComplete(
              handle.db,
              {
                questionnaire: q,
                channel: 'web',
                language: 'nl',
                idempotencyKey: newIdempotencyKey(),
                answers: STUFFED.antwoorden,
              },
              new Date('2027-03-02T10:00:00Z'),
            );
          }
          const stored = await handle.db
            .selectFrom('survey_responses')
            .select(['source', 'status'])
            .where('source', '=', 'open_link')
            .execute();
          assert.equal(stored.length, 150);
          assert.ok(
            stored.every(
              (r) => r.status === (variant === 'shipped' ? 'te_controleren' : 'ingediend'),
            ),
          );
          assert.deepEqual(await surveyRows(app), before);
          assert.equal((await listPublishableResponses(handle.db, q)).length, 400);
        });

        it('a letter code counts at once, once; an approved open-link response only where trusted', async () => {
          const open = await handle.db
            .selectFrom('survey_responses')
            .select(['id', 'status'])
            .where('source', '=', 'open_link')
            .where('status', '=', 'te_controleren')
            .executeTakeFirst();
          // Through the API with a letter's code: counts at once; a used code is refused.
          const [code] = await createInvitationCodes(handle.db, SURVEY_SECRET, q.key, 1);
          const publishedBefore = (await listPublishableResponses(handle.db, q)).length;
          const post = () =>
            app.inject({
              method: 'POST',
              url: `/api/enquetes/${KEY}/antwoorden`,
              headers: { 'idempotency-key': newIdempotencyKey() },
              payload: { ...STUFFED, uitnodiging: code },
            });
          const withCode = await post();
          assert.equal(withCode.statusCode, 201, withCode.body);
          const reused = await post();
          assert.equal(reused.statusCode, 400);
          assert.match(reused.body, /al gebruikt/);
          assert.equal((await listPublishableResponses(handle.db, q)).length, publishedBefore + 1);
          if (variant === 'shipped') {
            assert.ok(open);
            await reviewResponse(handle.db, {
              id: open.id,
              decision: 'goedgekeurd',
              reviewer: 'controleur',
              municipalityCode: 'GM0505',
            });
            assert.equal((await listPublishableResponses(handle.db, q)).length, 402);
          } else {
            assert.equal(open, undefined);
            // Stored and visible to researchers, never published.
            assert.equal((await listCountedResponses(handle.db, q.key)).length, 551);
            assert.equal((await listPublishableResponses(handle.db, q)).length, 401);
          }
        });
      },
    );
  }
}

describe('the response-status rule (trust.ts, one home)', () => {
  it('lets a reviewer decide only on a response that waits, which is where review starts', () => {
    const q = { trustedSources: ['uitnodiging', 'open_link', 'interviewer', 'papier'] as const };
    for (const source of ['interviewer', 'papier', 'open_link'] as const) {
      assert.equal(
        awaitsReview({
          status: statusWhenSent({ ...q, trustedSources: [...q.trustedSources] }, source),
        }),
        true,
        source,
      );
    }
    assert.equal(
      awaitsReview({ status: statusWhenSent({ trustedSources: [] }, 'uitnodiging') }),
      false,
    );
    for (const status of ['concept', 'ingediend', 'goedgekeurd', 'afgekeurd'] as const) {
      assert.equal(awaitsReview({ status }), false, status);
    }
  });
});
