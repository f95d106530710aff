import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../test/helpers/db.ts';
import { FeedbackRepository } from './feedback.repository.ts';

describeEachDialect('feedback repository', (getDb) => {
  it('stores one decision per quote, replaces it, and lists an area’s reviews', async () => {
    const repo = new FeedbackRepository(getDb().db);
    const row = {
      focus_area_slug: 'fixture-west',
      source: 'enquete',
      item_id: 'e1',
      decision: 'goedgekeurd' as const,
      text_hash: 'a'.repeat(64),
      reviewed_by: 'u1',
      reviewed_at: '2027-02-01T10:00:00.000Z',
    };
    assert.equal(await repo.findReview('enquete', 'e1'), null);
    await repo.saveReview(row);
    await repo.saveReview({ ...row, source: 'bijeenkomst', focus_area_slug: 'elders' });
    await repo.saveReview({ ...row, decision: 'afgewezen', reviewed_by: 'u2' });
    assert.deepEqual(await repo.findReview('enquete', 'e1'), {
      ...row,
      decision: 'afgewezen',
      reviewed_by: 'u2',
    });
    assert.deepEqual(
      (await repo.listReviews('fixture-west')).map((r) => [r.source, r.decision]),
      [['enquete', 'afgewezen']],
    );
  });
});
