import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { describeEachDialect } from '../../../../test/helpers/db.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { ensureQuestionnaireVersion, insertResponse } from '../responses/response.repository.ts';
import { fixture, fixtureAllTypes } from '../test-fixtures.ts';
import { listAwaitingReview } from './review.repository.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);
const other = questionnaireSchema.parse(fixture);

describeEachDialect('review repository', (getDb) => {
  it('lists only the waiting responses of one questionnaire, oldest first, up to the limit', async () => {
    const { db } = getDb();
    await ensureQuestionnaireVersion(db, q, '2026-01-01T00:00:00.000Z');
    await ensureQuestionnaireVersion(db, other, '2026-01-01T00:00:00.000Z');
    const add = async (
      questionnaire: typeof q,
      status: 'te_controleren' | 'ingediend',
      now: string,
      formNumber: number,
    ) => {
      const id = randomUUID();
      await insertResponse(db, {
        id,
        questionnaire,
        channel: 'schriftelijk',
        source: 'papier',
        language: 'nl',
        status,
        idempotencyKey: randomUUID(),
        keyerId: 'invoerder-1',
        formNumber,
        now,
        submitted: true,
      });
      return id;
    };
    const newer = await add(q, 'te_controleren', '2026-03-02T10:00:00.000Z', 2);
    const older = await add(q, 'te_controleren', '2026-03-01T10:00:00.000Z', 1);
    await add(q, 'ingediend', '2026-02-01T10:00:00.000Z', 3);
    await add(other, 'te_controleren', '2026-02-01T10:00:00.000Z', 4);

    const waiting = await listAwaitingReview(db, q.key);
    assert.deepEqual(
      waiting.map((r) => [r.id, r.form_number, r.keyer_id, r.submitted_at]),
      [
        [older, 1, 'invoerder-1', '2026-03-01'],
        [newer, 2, 'invoerder-1', '2026-03-02'],
      ],
    );
    assert.deepEqual(
      (await listAwaitingReview(db, q.key, 1)).map((r) => r.id),
      [older],
    );
  });
});
