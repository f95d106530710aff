import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countedBuurtCodes, countedMembers, isCountedMember } from './counted-members.ts';
import type { MemberStatus } from './focus-area.table.ts';

const members: { buurt_code: string; status: MemberStatus }[] = [
  { buurt_code: 'BU1', status: 'lid' },
  { buurt_code: 'BU2', status: 'te_bevestigen' },
  { buurt_code: 'BU3', status: 'uitgesloten' },
  { buurt_code: 'BU4', status: 'deels' },
  { buurt_code: 'BU5', status: 'lid' },
];

describe('counted members (only lid counts)', () => {
  it('keeps only the lid members, in their order', () => {
    assert.deepEqual(
      countedMembers(members).map((m) => m.buurt_code),
      ['BU1', 'BU5'],
    );
    assert.deepEqual(countedBuurtCodes(members), ['BU1', 'BU5']);
  });

  it('counts no te_bevestigen, deels or uitgesloten buurt', () => {
    for (const status of ['te_bevestigen', 'deels', 'uitgesloten'] as const) {
      assert.equal(isCountedMember({ status }), false, status);
    }
    assert.equal(isCountedMember({ status: 'lid' }), true);
    assert.deepEqual(countedMembers([]), []);
  });
});
