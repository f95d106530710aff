import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatNumber, formatPeriod, formatValue, periodToYear } from './format.ts';

const THIN = '\u202f';

describe('formatNumber', () => {
  it('writes a decimal comma and a narrow no-break space between thousands', () => {
    assert.equal(formatNumber(1234567.891, 1), `1${THIN}234${THIN}567,9`);
    assert.equal(formatNumber(12.5, 2), '12,50');
    assert.equal(formatNumber(999, 0), '999');
  });

  it('rounds to the given decimals and never shows minus zero', () => {
    assert.equal(formatNumber(2.46, 1), '2,5');
    assert.equal(formatNumber(-0.04, 1), '0,0');
    assert.equal(formatNumber(-1.25, 1).startsWith('-'), true);
  });

  it('shows a dash for a number that is not finite', () => {
    assert.equal(formatNumber(Number.NaN, 1), '–');
  });
});

describe('formatValue', () => {
  it('puts the unit where a Dutch reader expects it', () => {
    assert.equal(formatValue(12.34, 1, '% van de huishoudens'), '12,3% van de huishoudens');
    assert.equal(formatValue(4.5, 1, 'per 1.000 inwoners'), '4,5 per 1.000 inwoners');
    assert.equal(formatValue(1200, 0, 'aantal inwoners'), `1${THIN}200`);
    assert.equal(formatValue(31.2, 1, '× € 1.000'), '31,2 (× € 1.000)');
  });
});

describe('formatPeriod and periodToYear', () => {
  it('reads years and CBS period codes', () => {
    assert.equal(formatPeriod('2023'), '2023');
    assert.equal(formatPeriod('2023JJ00'), '2023');
    assert.equal(formatPeriod('2023KW02'), '2e kwartaal 2023');
    assert.equal(formatPeriod('2023MM03'), 'maart 2023');
    assert.equal(formatPeriod('2021-2022'), '2021-2022');
    assert.equal(periodToYear('2023JJ00'), 2023);
    assert.equal(periodToYear('2023KW03'), 2023.5);
    assert.equal(periodToYear('onbekend'), null);
  });
});
