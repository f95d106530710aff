import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  createTestDb,
  dialects,
  dialectUnavailable,
  type TestDb,
} from '../../../../test/helpers/db.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { saveKeyedEntry } from '../keying/keying.service.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';
import { countResponses, listCountedResponses, readAnswers } from './response.repository.ts';
import { createInvitationCodes, useInvitationCode } from './invitations.ts';
import { InvitationRefusedError, startConcept } from '../web/session-response.service.ts';
import {
  AnswersRejectedError,
  newIdempotencyKey,
  reviewResponse,
  StartLimiter,
  storeKeyedResponse,
  submitComplete,
} from './response.service.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);
const SECRET = 'fixture-geheim-van-minstens-32-tekens';

for (const dialect of dialects) {
  const skip = dialectUnavailable(dialect);
  describe(`survey responses [${dialect}]`, skip ? { skip } : {}, () => {
    let handle: TestDb;
    before(async () => {
      handle = await createTestDb(dialect);
    });
    after(async () => {
      await handle?.drop();
    });

    it('stores a whole response with one row per variable, and lists it as counted', async () => {
      const { id, duplicate } = await submitComplete(handle.db, {
        questionnaire: q,
        channel: 'web',
        language: 'nl',
        idempotencyKey: newIdempotencyKey(),
        answers: {
          heeft_werk: 'ja',
          uren: 32,
          verbeteren: ['groen'],
          themas: ['wonen', 'onderwijs'],
          woonbuurt: 'BU05050301',
        },
      });
      assert.equal(duplicate, false);
      assert.deepEqual(await readAnswers(handle.db, id), {
        heeft_werk: 'ja',
        uren: 32,
        verbeteren: ['groen'],
        themas: ['wonen', 'onderwijs'],
        woonbuurt: 'BU05050301',
      });
      const counted = await listCountedResponses(handle.db, q.key);
      assert.ok(
        counted.some((r) => r.id === id && r.channel === 'web' && r.status === 'ingediend'),
      );
    });

    it('refuses answers that do not fit, naming the question, and stores nothing', async () => {
      const before = (await countResponses(handle.db, q.key)).reduce((a, r) => a + r.n, 0);
      await assert.rejects(
        submitComplete(handle.db, {
          questionnaire: q,
          channel: 'web',
          language: 'nl',
          idempotencyKey: newIdempotencyKey(),
          answers: { heeft_werk: 'misschien', cijfer_buurt: 11 },
        }),
        (e: unknown) =>
          e instanceof AnswersRejectedError &&
          /Hebt u betaald werk\?/.test(e.message) &&
          /cijfer van 1 tot en met 10/.test(e.message),
      );
      const after = (await countResponses(handle.db, q.key)).reduce((a, r) => a + r.n, 0);
      assert.equal(after, before);
    });

    it('stores one response for 100 concurrent submits with the same key', async () => {
      const key = newIdempotencyKey();
      const results = await Promise.all(
        Array.from({ length: 100 }, () =>
          submitComplete(handle.db, {
            questionnaire: q,
            channel: 'web',
            language: 'nl',
            idempotencyKey: key,
            answers: { heeft_werk: 'nee' },
          }),
        ),
      );
      assert.equal(new Set(results.map((r) => r.id)).size, 1);
      assert.equal(results.filter((r) => !r.duplicate).length, 1);
      const rows = await handle.db
        .selectFrom('survey_responses')
        .select('id')
        .where('idempotency_key', '=', key)
        .execute();
      assert.equal(rows.length, 1);
    });

    it('lands a keyed paper form as te_controleren, counted only after approval', async () => {
      const out = await saveKeyedEntry(
        {
          db: handle.db,
          secret: 'fixture',
          share: 0,
          municipalityCode: 'GM0505',
          storeResponse: storeKeyedResponse,
        },
        {
          questionnaire: q,
          formNumber: 77,
          keyerId: 'invoerder-a',
          language: 'nl',
          raw: { heeft_werk: '2', cijfer_buurt: '6' },
        },
      );
      assert.equal(out.kind, 'klaar');
      const id = out.kind === 'klaar' ? out.responseId : '';
      const row = await handle.db
        .selectFrom('survey_responses')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(row.channel, 'schriftelijk');
      assert.equal(row.status, 'te_controleren');
      assert.equal(row.keyer_id, 'invoerder-a');
      assert.equal(Number(row.form_number), 77);
      assert.ok(!(await listCountedResponses(handle.db, q.key)).some((r) => r.id === id));
      await reviewResponse(handle.db, {
        id,
        decision: 'goedgekeurd',
        reviewer: 'controleur',
        municipalityCode: 'GM0505',
      });
      assert.ok((await listCountedResponses(handle.db, q.key)).some((r) => r.id === id));
      await assert.rejects(
        reviewResponse(handle.db, {
          id,
          decision: 'afgekeurd',
          reviewer: 'controleur',
          municipalityCode: 'GM0505',
        }),
        /wacht niet/,
      );
    });

    it('uses an invitation code once, and keeps no link from the code to the response', async () => {
      const [code] = await createInvitationCodes(handle.db, SECRET, q.key, 3);
      assert.match(code!, /^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
      const id = await startConcept(handle.db, {
        questionnaire: q,
        channel: 'web',
        language: 'nl',
        secret: SECRET,
        invitationCode: code!.toLowerCase(),
      });
      assert.ok(id);
      await assert.rejects(
        startConcept(handle.db, {
          questionnaire: q,
          channel: 'web',
          language: 'nl',
          secret: SECRET,
          invitationCode: code!,
        }),
        InvitationRefusedError,
      );
      assert.equal(await useInvitationCode(handle.db, SECRET, q.key, 'ABCDE-FGHJK'), false);
      const rows = await handle.db.selectFrom('survey_invitations').selectAll().execute();
      assert.equal(rows.filter((r) => Number(r.used) === 1).length, 1);
      assert.ok(
        rows.every((r) => !JSON.stringify(r).includes(id) && !JSON.stringify(r).includes(code!)),
      );
    });

    it('keeps invitations apart: no column could lead from a code to a response, no IP anywhere', async () => {
      const tables = await handle.db.introspection.getTables();
      const invitations = tables.find((t) => t.name === 'survey_invitations');
      // Whether a code was used, not when (ADR 0016).
      assert.deepEqual(invitations?.columns.map((c) => c.name).sort(), [
        'code_hash',
        'questionnaire_key',
        'used',
      ]);
      for (const t of tables.filter((x) => x.name.startsWith('survey_'))) {
        for (const c of t.columns)
          assert.doesNotMatch(c.name, /ip|adres|address|email|naam/i, `${t.name}.${c.name}`);
      }
    });
  });
}

describe('abuse control', () => {
  it('counts per keyed HMAC of the address and never keeps the address', () => {
    const limiter = new StartLimiter('fixture-geheim', 3);
    const t = Date.UTC(2027, 0, 1, 10);
    assert.deepEqual(
      [1, 2, 3, 4].map(() => limiter.allow('203.0.113.7', t)),
      [true, true, true, false],
    );
    assert.equal(limiter.allow('198.51.100.1', t), true);
    assert.equal(limiter.allow('203.0.113.7', t + 3_600_000), true);
    assert.ok(limiter.keys().every((k) => !k.includes('203') && k.length >= 40));
  });
});
