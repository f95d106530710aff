import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatSessionTime, fromAmsterdam, toAmsterdam } from './amsterdam-time.ts';

describe('Amsterdam wall-clock time ↔ UTC', () => {
  it('uses CET in winter and CEST in summer', () => {
    assert.equal(fromAmsterdam('2027-01-14', '19:30')?.toISOString(), '2027-01-14T18:30:00.000Z');
    assert.equal(fromAmsterdam('2027-07-01', '19:30')?.toISOString(), '2027-07-01T17:30:00.000Z');
    assert.deepEqual(toAmsterdam(new Date('2027-07-01T17:30:00Z')), {
      date: '2027-07-01',
      time: '19:30',
    });
  });

  it('refuses dates and times that do not exist', () => {
    assert.equal(fromAmsterdam('2027-02-30', '10:00'), null);
    assert.equal(fromAmsterdam('2027-01-14', '24:00'), null);
    assert.equal(fromAmsterdam('14-01-2027', '10:00'), null);
  });

  it('says the day in Dutch', () => {
    assert.equal(
      formatSessionTime('2027-01-14T18:30:00.000Z', '2027-01-14T20:30:00.000Z'),
      'donderdag 14 januari 2027, 19.30 tot 21.30 uur',
    );
  });
});
