import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { aggregate, type AreaValue } from './aggregate.ts';

/**
 * Real data: CBS KWB 2024 (85984NED) for Dordrecht as shipped in datasets/cbs-kwb-multi/
 * (NL, GM0505, 13 wijken, 132 buurten; codes in gwb_code_added). Summing the buurten with the
 * count rule must give CBS's own wijk and gemeente figures, up to CBS's rounding to 5.
 *
 * Bound: CBS rounds each buurt and wijk count at random to a multiple of 5, so every published
 * buurt or wijk count lies within 4 of the unrounded count, and the unrounded buurten add up to the
 * unrounded wijk. Hence |Σ buurten − wijk| ≤ 4 × (n + 1) for a wijk of n buurten, and
 * ≤ 4 × n for the gemeente, whose count is not rounded. The gemeente is also held to the tighter
 * statistical bound 5 × √n from the brief (independent rounding errors grow with √n).
 */

const file = path.resolve(
  import.meta.dirname,
  '../../../datasets/cbs-kwb-multi/kwb-2024-dordrecht.csv',
);
const rows = parse(fs.readFileSync(file), {
  columns: true,
  bom: true,
  skip_empty_lines: true,
}) as Record<string, string>[];

const COLUMNS: Record<string, string> = {
  AantalInwoners: 'Bevolking/Aantal inwoners (aantal)',
  Nederland: 'Bevolking/Bevolking naar herkomst/Herkomstland/Nederland (aantal)',
  EuropaExclusiefNederland:
    'Bevolking/Bevolking naar herkomst/Herkomstland/Europa (exclusief Nederland)  (aantal)',
  BuitenEuropa: 'Bevolking/Bevolking naar herkomst/Herkomstland/Buiten Europa  (aantal)',
};

function valuesOf(row: Record<string, string>): Record<string, AreaValue> {
  const out: Record<string, AreaValue> = {};
  for (const [stem, column] of Object.entries(COLUMNS)) {
    const raw = row[column];
    assert.notEqual(raw, undefined, `column ${column} missing in ${file}`);
    out[stem] =
      raw === '' ? { value: null, status: 'geheim' } : { value: Number(raw), status: 'definitief' };
  }
  return out;
}

const byCode = new Map(rows.map((r) => [r.gwb_code_added as string, r]));
const buurten = rows.filter((r) => r.gwb_code_added?.startsWith('BU'));
const wijken = rows.filter((r) => r.gwb_code_added?.startsWith('WK'));

function buurtenOf(prefix: string): Map<string, Record<string, AreaValue>> {
  return new Map(
    buurten
      .filter((r) => (r.gwb_code_added as string).startsWith(prefix))
      .map((r) => [r.gwb_code_added as string, valuesOf(r)]),
  );
}

describe('summing Dordrecht buurten reproduces CBS wijk and gemeente counts (KWB 2024)', () => {
  it('reads the shipped file as expected: NL, GM0505, 13 wijken, 132 buurten', () => {
    assert.ok(byCode.has('NL00') && byCode.has('GM0505'));
    assert.equal(wijken.length, 13);
    assert.equal(buurten.length, 132);
  });

  for (const stem of Object.keys(COLUMNS)) {
    it(`${stem}: every wijk within 4 × (n + 1) of the sum of its buurten`, () => {
      let checked = 0;
      for (const wijk of wijken) {
        const code = wijk.gwb_code_added as string;
        // WK050503 → buurten BU050503xx
        const members = buurtenOf(`BU${code.slice(2)}`);
        assert.ok(members.size > 0, `${code} has no buurten`);
        const result = aggregate({ type: 'count', variable: stem }, members);
        assert.equal(result.status, 'berekend');
        assert.equal(result.excluded.length, 0, `${code}: buurten left out`);
        const published = valuesOf(wijk)[stem]?.value as number;
        const diff = Math.abs((result.value as number) - published);
        assert.ok(
          diff <= 4 * (members.size + 1),
          `${code} ${stem}: Σ buurten ${result.value} vs wijk ${published}`,
        );
        checked++;
      }
      assert.equal(checked, 13);
    });

    it(`${stem}: the gemeente within 5 × √n of the sum of all 132 buurten`, () => {
      const result = aggregate({ type: 'count', variable: stem }, buurtenOf('BU0505'));
      const published = valuesOf(byCode.get('GM0505') as Record<string, string>)[stem]
        ?.value as number;
      assert.equal(result.includedCodes.length, 132);
      const diff = Math.abs((result.value as number) - published);
      assert.ok(diff <= 5 * Math.sqrt(132), `Σ buurten ${result.value} vs gemeente ${published}`);
      assert.ok(diff <= 4 * 132);
    });
  }

  it('the share "herkomst buiten Europa" is Σ/Σ, not the mean of the buurt percentages', () => {
    const members = buurtenOf('BU0505');
    const ratio = aggregate(
      { type: 'ratio', numerator: 'BuitenEuropa', denominator: 'AantalInwoners', scale: 100 },
      members,
    );
    const gm = valuesOf(byCode.get('GM0505') as Record<string, string>);
    const official =
      ((gm.BuitenEuropa?.value as number) / (gm.AantalInwoners?.value as number)) * 100;
    // Rounding noise on ~122,000 people moves the share by far less than 0.1 percentage point.
    assert.ok(Math.abs((ratio.value as number) - official) < 0.1, `${ratio.value} vs ${official}`);

    // The naive mean of buurt percentages (buurten with inhabitants) lands far from CBS's figure.
    const pcts = [...members.values()]
      .filter((v) => (v.AantalInwoners?.value ?? 0) > 0)
      .map((v) => ((v.BuitenEuropa?.value as number) / (v.AantalInwoners?.value as number)) * 100);
    const naive = pcts.reduce((a, b) => a + b, 0) / pcts.length;
    assert.ok(Math.abs(naive - official) > 1, `naive mean ${naive} happens to equal ${official}`);
  });
});
