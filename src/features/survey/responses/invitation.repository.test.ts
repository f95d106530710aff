import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDialect } from '../../../../test/helpers/db.ts';
import { insertInvitationHashes, markInvitationUsed } from './invitation.repository.ts';

describeEachDialect('invitation repository', (getDb) => {
  it('stores hashes unused, and uses each once for its own questionnaire only', async () => {
    const { db } = getDb();
    const hashes = Array.from({ length: 1201 }, (_, i) => `hash-${i}`);
    await insertInvitationHashes(db, 'enquete-a', hashes);
    const rows = await db.selectFrom('survey_invitations').selectAll().execute();
    assert.equal(rows.length, 1201, 'stored over several chunks');
    assert.ok(rows.every((r) => Number(r.used) === 0 && r.questionnaire_key === 'enquete-a'));
    assert.equal(await markInvitationUsed(db, 'enquete-b', 'hash-7'), false);
    assert.equal(await markInvitationUsed(db, 'enquete-a', 'hash-7'), true);
    assert.equal(await markInvitationUsed(db, 'enquete-a', 'hash-7'), false, 'only once');
    assert.equal(await markInvitationUsed(db, 'enquete-a', 'onbekend'), false);
  });
});
