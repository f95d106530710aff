import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { centsToInput, eurosToCents, formatEuro, parseEuro } from './money.ts';

function cents(input: string): number {
  const r = parseEuro(input);
  assert.ok(r.ok, `${input}: ${r.ok ? '' : r.error}`);
  return r.cents;
}

describe('parseEuro', () => {
  it('reads Dutch amounts into whole cents', () => {
    assert.equal(cents('€ 1.234,56'), 123456);
    assert.equal(cents('1234,56'), 123456);
    assert.equal(cents('1234,5'), 123450);
    assert.equal(cents('500.000'), 50000000);
    assert.equal(cents('€500.000,-'), 50000000);
    assert.equal(cents(' 0,07 '), 7);
    assert.equal(cents('-250'), -25000);
    assert.equal(cents('€ -1.000,01'), -100001);
    assert.equal(cents('1.000.000,00'), 100000000);
  });

  it('refuses English notation, three decimals and text with a Dutch message', () => {
    const en = parseEuro('1234.56');
    assert.equal(en.ok, false);
    assert.match(en.ok ? '' : en.error, /komma voor de centen, zoals 1234,56/);
    const three = parseEuro('12,345');
    assert.match(three.ok ? '' : three.error, /meer dan twee cijfers achter de komma/);
    for (const bad of ['', 'tien euro', '1.23.4', '1,2,3', '12.34,5x'])
      assert.equal(parseEuro(bad).ok, false, bad);
    assert.match((parseEuro('') as { error: string }).error, /Vul een bedrag in/);
  });

  it('refuses amounts beyond safe integers', () => {
    assert.equal(parseEuro('99999999999999999999').ok, false);
  });
});

describe('eurosToCents', () => {
  it('rounds spreadsheet floats to the nearest cent, half away from zero', () => {
    assert.equal(eurosToCents(0.1 + 0.2), 30);
    assert.equal(eurosToCents(1.005), 101);
    assert.equal(eurosToCents(-1.005), -101);
    assert.equal(eurosToCents(19.99), 1999);
    assert.equal(eurosToCents(Number.NaN), null);
  });
});

describe('formatEuro', () => {
  it('writes cents as Dutch euros exactly', () => {
    assert.equal(formatEuro(123456), '€ 1.234,56');
    assert.equal(formatEuro(50000000), '€ 500.000,00');
    assert.equal(formatEuro(-5), '-€ 0,05');
    assert.equal(formatEuro(0), '€ 0,00');
    assert.throws(() => formatEuro(1.5));
  });
  it('round-trips through the form value', () => {
    for (const c of [0, 7, 123456, -25000, 50000000]) assert.equal(cents(centsToInput(c)), c);
  });
});
