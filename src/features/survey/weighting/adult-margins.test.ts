import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deriveAdultMargins, type BuurtPopulation } from './adult-margins.ts';

/* Fixture buurten BU0999xxxx (made-up figures, the codes do not exist). */
const buurt = (
  buurtCode: string,
  inhabitants: number | null,
  men: number | null,
  women: number | null,
  ages: [number, number, number, number] | null,
): BuurtPopulation => ({
  buurtCode,
  inhabitants,
  men,
  women,
  agePercentages: {
    '15-24': ages?.[0] ?? null,
    '25-44': ages?.[1] ?? null,
    '45-64': ages?.[2] ?? null,
    '65+': ages?.[3] ?? null,
  },
});

describe('deriveAdultMargins', () => {
  it('derives 15+ counts from percentages × inhabitants, rounding halves up', () => {
    const { margins, leftOut } = deriveAdultMargins([
      // 15% of 870 = 130.5 → 131; 27% → 234.9 → 235; 28% → 243.6 → 244; 13% → 113.1 → 113.
      buurt('BU09990001', 870, 430, 445, [15, 27, 28, 13]),
      // 5% of 235 = 11.75 → 12; 33% → 77.55 → 78; 35% → 82.25 → 82; 11% → 25.85 → 26.
      buurt('BU09990002', 235, 120, 115, [5, 33, 35, 11]),
    ]);
    assert.deepEqual(leftOut, []);
    const [b, age, sex] = margins;
    assert.deepEqual(b!.totals, { BU09990001: 723, BU09990002: 198 });
    assert.deepEqual(age!.totals, { '15-24': 143, '25-44': 313, '45-64': 326, '65+': 139 });
    // 921 × 550 / 1110 = 456.35 → 456 men, 465 women.
    assert.deepEqual(sex!.totals, { man: 456, vrouw: 465 });
  });

  it('leaves out and names buurten without residents or with secret figures', () => {
    const { margins, leftOut } = deriveAdultMargins([
      buurt('BU09990001', 100, 50, 50, [10, 20, 30, 20]),
      buurt('BU09990002', 45, 25, 25, null),
      buurt('BU09990003', 0, 0, 0, null),
      buurt('BU09990004', null, null, null, null),
    ]);
    assert.deepEqual(Object.keys(margins[0]!.totals), ['BU09990001']);
    assert.deepEqual(leftOut, [
      {
        buurtCode: 'BU09990002',
        inhabitants: 45,
        reason: 'leeftijdsverdeling geheim (CBS), ca. 45 inwoners',
      },
      { buurtCode: 'BU09990003', inhabitants: 0, reason: 'geen inwoners' },
      { buurtCode: 'BU09990004', inhabitants: null, reason: 'aantal inwoners geheim (CBS)' },
    ]);
  });
});
