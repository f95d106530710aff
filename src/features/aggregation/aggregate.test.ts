import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ObservationStatus } from '../datasets/dataset.table.ts';
import {
  aggregate,
  aggregateColumns,
  describeExclusions,
  type AreaValue,
  type ObservationsByArea,
} from './aggregate.ts';

// Small hand-made fixtures (codes BU0999xxxx do not exist); every expected number is worked out
// in the comment above its assertion.

type Cell = number | null | [number | null, ObservationStatus];

function areas(rows: Record<string, Record<string, Cell>>): ObservationsByArea {
  const out = new Map<string, Record<string, AreaValue>>();
  for (const [code, vars] of Object.entries(rows)) {
    const rec: Record<string, AreaValue> = {};
    for (const [stem, cell] of Object.entries(vars)) {
      rec[stem] = Array.isArray(cell)
        ? { value: cell[0], status: cell[1] }
        : { value: cell, status: cell === null ? 'geheim' : 'definitief' };
    }
    out.set(code, rec);
  }
  return out;
}

const close = (actual: number | null, expected: number, eps = 1e-9): void => {
  assert.ok(
    actual !== null && Math.abs(actual - expected) < eps,
    `expected ${expected}, got ${actual}`,
  );
};

describe('aggregate: count', () => {
  it('adds counts', () => {
    // 120 + 45 + 300 = 465
    const r = aggregate(
      { type: 'count', variable: 'AantalInwoners' },
      areas({
        BU09990001: { AantalInwoners: 120 },
        BU09990002: { AantalInwoners: 45 },
        BU09990003: { AantalInwoners: 300 },
      }),
    );
    assert.equal(r.status, 'berekend');
    assert.equal(r.value, 465);
    assert.deepEqual(r.includedCodes, ['BU09990001', 'BU09990002', 'BU09990003']);
    assert.deepEqual(r.excluded, []);
  });

  it('leaves a suppressed buurt out and says so, with its inhabitants', () => {
    // Bijstand: 40 + (geheim) + 15 = 55 over two buurten; the secret buurt has 180 inhabitants.
    const r = aggregate(
      { type: 'count', variable: 'PersonenPerSoortUitkeringBijstand' },
      areas({
        BU09990001: { PersonenPerSoortUitkeringBijstand: 40 },
        BU09990002: { PersonenPerSoortUitkeringBijstand: null },
        BU09990003: { PersonenPerSoortUitkeringBijstand: 15 },
      }),
      { inhabitants: new Map([['BU09990002', 180]]) },
    );
    assert.equal(r.value, 55);
    assert.deepEqual(r.excluded, [{ code: 'BU09990002', inhabitants: 180, reason: 'geheim' }]);
    assert.equal(describeExclusions(r.excluded), 'excl. 1 buurt, ca. 180 inwoners');
  });

  it('gives no value (not 0) when every buurt is suppressed', () => {
    const r = aggregate(
      { type: 'count', variable: 'X' },
      areas({ BU09990001: { X: null }, BU09990002: { X: [5, 'geheim'] } }),
    );
    assert.equal(r.status, 'onvoldoende data');
    assert.equal(r.value, null);
    assert.equal(r.excluded.length, 2);
  });

  it('carries voorlopig and geschat from the counted inputs', () => {
    const r = aggregate(
      { type: 'count', variable: 'X' },
      areas({ BU09990001: { X: [10, 'voorlopig'] }, BU09990002: { X: [5, 'geschat'] } }),
    );
    assert.equal(r.value, 15);
    assert.deepEqual([...r.flags].sort(), ['geschat', 'voorlopig']);
  });
});

describe('aggregate: ratio', () => {
  it('is Σ numerator / Σ denominator, not the mean of the buurt rates', () => {
    // Buurt rates: 10/100×1000 = 100 and 90/3000×1000 = 30; their mean, 65, is wrong.
    // Correct: (10 + 90) / (100 + 3000) × 1000 = 100/3100×1000 = 32.258...
    const r = aggregate(
      {
        type: 'ratio',
        numerator: 'PersonenPerSoortUitkeringBijstand',
        denominator: 'AantalInwoners',
        scale: 1000,
      },
      areas({
        BU09990001: { PersonenPerSoortUitkeringBijstand: 10, AantalInwoners: 100 },
        BU09990002: { PersonenPerSoortUitkeringBijstand: 90, AantalInwoners: 3000 },
      }),
    );
    close(r.value, (100 / 3100) * 1000);
    assert.notEqual(Math.round(r.value ?? 0), 65);
    assert.equal(r.numerator, 100);
    assert.equal(r.denominator, 3100);
  });

  it('adds several stems on each side (education levels)', () => {
    // Laag = 30 + 20 = 50; all levels = (30+50+20) + (20+40+40) = 200; 50/200×100 = 25 %.
    const r = aggregate(
      { type: 'ratio', numerator: 'L', denominator: ['L', 'M', 'H'], scale: 100 },
      areas({ BU09990001: { L: 30, M: 50, H: 20 }, BU09990002: { L: 20, M: 40, H: 40 } }),
    );
    close(r.value, 25);
    assert.equal(r.denominator, 200);
  });

  it('leaves out a buurt where one component is secret', () => {
    // BU…02's H is secret, so only BU…01 counts: 30 / 100 × 100 = 30.
    const r = aggregate(
      { type: 'ratio', numerator: 'L', denominator: ['L', 'M', 'H'], scale: 100 },
      areas({ BU09990001: { L: 30, M: 50, H: 20 }, BU09990002: { L: 20, M: 40, H: null } }),
    );
    close(r.value, 30);
    assert.deepEqual(
      r.excluded.map((e) => [e.code, e.reason]),
      [['BU09990002', 'geheim']],
    );
  });

  it('refuses to show a rate on a base below the catalogue minimum', () => {
    // 3 / 60 would be 50 per 1.000 but 60 < minBase 100.
    const r = aggregate(
      { type: 'ratio', numerator: 'A', denominator: 'B', scale: 1000 },
      areas({ BU09990001: { A: 3, B: 60 } }),
      { minBase: 100 },
    );
    assert.equal(r.status, 'onvoldoende data');
    assert.equal(r.value, null);
  });
});

describe('aggregate: share published only as %', () => {
  it('weights the percentages by their base and never averages them', () => {
    // Corporatiewoningen: 80 % of 1000 woningen and 20 % of 250 woningen.
    // Mean of % = (80 + 20) / 2 = 50 — wrong.
    // Σ(% × base) / Σ base = (800 + 50) / 1250 = 68 %. Reconstructed count = 850 woningen.
    const obs = areas({
      BU09990001: { InBezitWoningcorporatie: 80, Woningvoorraad: 1000 },
      BU09990002: { InBezitWoningcorporatie: 20, Woningvoorraad: 250 },
    });
    const r = aggregate(
      { type: 'share_published', variable: 'InBezitWoningcorporatie', base: 'Woningvoorraad' },
      obs,
    );
    close(r.value, 68);
    assert.notEqual(r.value, 50);
    close(r.numerator ?? NaN, 850);
    assert.equal(r.denominator, 1250);
    assert.deepEqual(r.flags, ['herberekend']);
  });

  it('marks a proxy base as benadering', () => {
    // (10×400 + 30×100) / 500 = (4000 + 3000) / 500 = 14.
    const r = aggregate(
      { type: 'share_published', variable: 'P', base: 'HuishoudensTotaal', baseIsProxy: true },
      areas({
        BU09990001: { P: 10, HuishoudensTotaal: 400 },
        BU09990002: { P: 30, HuishoudensTotaal: 100 },
      }),
    );
    close(r.value, 14);
    assert.deepEqual([...r.flags].sort(), ['benadering', 'herberekend']);
  });

  it('leaves out a buurt with a secret percentage or a missing base', () => {
    // Only BU…01 counts: 40 % of 200. BU…02 % secret; BU…03 has no base row at all.
    const r = aggregate(
      { type: 'share_published', variable: 'P', base: 'B' },
      new Map<string, Record<string, AreaValue>>([
        [
          'BU09990001',
          { P: { value: 40, status: 'definitief' }, B: { value: 200, status: 'definitief' } },
        ],
        [
          'BU09990002',
          { P: { value: null, status: 'geheim' }, B: { value: 50, status: 'definitief' } },
        ],
        ['BU09990003', { P: { value: 10, status: 'definitief' } }],
      ]),
      {
        inhabitants: new Map([
          ['BU09990002', 95],
          ['BU09990003', null],
        ]),
      },
    );
    close(r.value, 40);
    assert.deepEqual(r.excluded, [
      { code: 'BU09990002', inhabitants: 95, reason: 'geheim' },
      { code: 'BU09990003', inhabitants: null, reason: 'ontbreekt' },
    ]);
    assert.equal(
      describeExclusions(r.excluded),
      'excl. 2 buurten, ca. 95 inwoners (van 1 onbekend)',
    );
  });
});

describe('aggregate: mean', () => {
  it('is Σ(mean × base) / Σ base, marked benadering when the base is a proxy', () => {
    // WOZ: 200 (×1000 €) over 300 woningen, 400 over 100 woningen.
    // (200×300 + 400×100) / 400 = (60000 + 40000) / 400 = 250. Unweighted mean would be 300.
    const obs = areas({
      BU09990001: { GemiddeldeWOZWaardeVanWoningen: 200, Woningvoorraad: 300 },
      BU09990002: { GemiddeldeWOZWaardeVanWoningen: 400, Woningvoorraad: 100 },
    });
    const proxy = aggregate(
      {
        type: 'mean',
        variable: 'GemiddeldeWOZWaardeVanWoningen',
        base: 'Woningvoorraad',
        baseIsProxy: true,
      },
      obs,
    );
    close(proxy.value, 250);
    assert.deepEqual(proxy.flags, ['benadering']);
    const exact = aggregate(
      {
        type: 'mean',
        variable: 'GemiddeldeWOZWaardeVanWoningen',
        base: 'Woningvoorraad',
        baseIsProxy: false,
      },
      obs,
    );
    close(exact.value, 250);
    assert.deepEqual(exact.flags, []);
  });

  it('turns buurt densities back into inhabitants over land (Σ(d×land)/Σland)', () => {
    // 5000/km² on 50 ha and 1000/km² on 150 ha: (250000 + 150000) / 200 = 2000 per km².
    const r = aggregate(
      {
        type: 'mean',
        variable: 'Bevolkingsdichtheid',
        base: 'OppervlakteLand',
        baseIsProxy: false,
      },
      areas({
        BU09990001: { Bevolkingsdichtheid: 5000, OppervlakteLand: 50 },
        BU09990002: { Bevolkingsdichtheid: 1000, OppervlakteLand: 150 },
      }),
    );
    close(r.value, 2000);
  });
});

describe('aggregate: median', () => {
  it('is not aggregated: it returns the range over buurten', () => {
    // Vermogen 12.5, 3.1 and 40.0: no value, range 3.1 (BU…02) to 40.0 (BU…03).
    const r = aggregate(
      { type: 'median', variable: 'MediaanVermogenVanParticuliereHuish' },
      areas({
        BU09990001: { MediaanVermogenVanParticuliereHuish: 12.5 },
        BU09990002: { MediaanVermogenVanParticuliereHuish: 3.1 },
        BU09990003: { MediaanVermogenVanParticuliereHuish: 40 },
        BU09990004: { MediaanVermogenVanParticuliereHuish: null },
      }),
    );
    assert.equal(r.status, 'bereik');
    assert.equal(r.value, null);
    assert.deepEqual(r.range, { min: 3.1, max: 40, minCode: 'BU09990002', maxCode: 'BU09990003' });
    assert.deepEqual(
      r.excluded.map((e) => e.code),
      ['BU09990004'],
    );
  });
});

describe('aggregate: model estimate', () => {
  it('is the base-weighted mean, marked gemodelleerd', () => {
    // Ervaren gezondheid 60 % in 1000 inwoners, 75 % in 3000:
    // (600 + 2250) / 4000 = 71.25 %. Mean of the estimates would be 67.5.
    const r = aggregate(
      {
        type: 'model_estimate',
        variable: 'ErvarenGezondheidGoedZeerGoed',
        base: 'AantalInwoners',
        baseIsProxy: true,
      },
      areas({
        BU09990001: { ErvarenGezondheidGoedZeerGoed: 60, AantalInwoners: 1000 },
        BU09990002: { ErvarenGezondheidGoedZeerGoed: [75, 'voorlopig'], AantalInwoners: 3000 },
      }),
    );
    close(r.value, 71.25);
    assert.deepEqual([...r.flags].sort(), ['benadering', 'gemodelleerd', 'voorlopig']);
  });
});

describe('aggregate: survey proportion and disclosure', () => {
  it('does not compute a survey proportion from buurt values', () => {
    const r = aggregate(
      {
        type: 'survey_proportion',
        questionnaire: 'bewonersenquete-dordt-west',
        variable: 'onveilig_buurt',
        values: ['ja'],
      },
      areas({ BU09990001: { X: 1 } }),
    );
    assert.equal(r.status, 'uit enquête');
    assert.equal(r.value, null);
  });

  it('reports buurten that could not be read through the crosswalk', () => {
    // BU…02 is unreadable, so only BU…01 counts: 70.
    const r = aggregate(
      { type: 'count', variable: 'X' },
      areas({ BU09990001: { X: 70 }, BU09990002: { X: 30 } }),
      {
        unreadable: new Map([['BU09990002', 'indeling gewijzigd']]),
        inhabitants: new Map([['BU09990002', 1205]]),
      },
    );
    assert.equal(r.value, 70);
    assert.deepEqual(r.excluded, [
      { code: 'BU09990002', inhabitants: 1205, reason: 'indeling gewijzigd' },
    ]);
    assert.equal(describeExclusions(r.excluded), 'excl. 1 buurt, ca. 1.205 inwoners');
    assert.equal(describeExclusions([]), null);
  });
});

describe('aggregateColumns: the same rules over columns per variable', () => {
  it('reads only the buurten asked for from columns that hold more', () => {
    // A column holds the whole municipality; the set is BU…01 and BU…03 (and BU…04 without data).
    // Crimes (10 + 30) / inhabitants (1000 + 3000) × 1000 = 40 / 4000 × 1000 = 10.
    const crimes = new Map<string, AreaValue>([
      ['BU09990001', { value: 10, status: 'definitief' }],
      ['BU09990002', { value: 500, status: 'definitief' }],
      ['BU09990003', { value: 30, status: 'voorlopig' }],
    ]);
    const inhabitants = new Map<string, AreaValue>([
      ['BU09990001', { value: 1000, status: 'definitief' }],
      ['BU09990002', { value: 2000, status: 'definitief' }],
      ['BU09990003', { value: 3000, status: 'definitief' }],
    ]);
    const r = aggregateColumns(
      { type: 'ratio', numerator: 'Misdrijven', denominator: 'AantalInwoners', scale: 1000 },
      ['BU09990001', 'BU09990003', 'BU09990004'],
      new Map([
        ['Misdrijven', crimes],
        ['AantalInwoners', inhabitants],
      ]),
      { inhabitants: { get: (code) => (code === 'BU09990004' ? 75 : null) } },
    );
    close(r.value, 10);
    assert.equal(r.numerator, 40);
    assert.equal(r.denominator, 4000);
    assert.deepEqual(r.flags, ['voorlopig']);
    assert.deepEqual(r.includedCodes, ['BU09990001', 'BU09990003']);
    assert.deepEqual(r.excluded, [{ code: 'BU09990004', inhabitants: 75, reason: 'ontbreekt' }]);
  });
});

describe('aggregate: a published share that also has a count (issue 13.6)', () => {
  const measure = {
    type: 'share_published' as const,
    variable: 'PercentagePersonen0Tot15Jaar',
    base: 'AantalInwoners',
    count: 'k_0Tot15Jaar',
  };

  it('uses the count where an area has it: Σ count / Σ base, not herberekend', () => {
    // datasets/cbs-kwb-multi/kwb-2024-dordrecht-gemeente.csv, row GM0505: 0 tot 15 jaar 18611
    // of 122070 inhabitants → 18611 / 122070 × 100 = 15.2461701...
    const r = aggregate(
      measure,
      areas({ GM0505: { k_0Tot15Jaar: 18611, AantalInwoners: 122070 } }),
    );
    assert.equal(r.status, 'berekend');
    close(r.value, (18611 / 122070) * 100);
    close(r.numerator ?? NaN, 18611);
    assert.equal(r.denominator, 122070);
    assert.deepEqual(r.flags, []);
  });

  it('weights the percentage back where only the percentage is there, and mixes both per area', () => {
    // A: 20 % of 1000 = 200 (reconstructed); B: count 90 of 600. (200 + 90) / 1600 × 100 = 18.125.
    const r = aggregate(
      measure,
      areas({
        BU09990001: { PercentagePersonen0Tot15Jaar: 20, AantalInwoners: 1000 },
        BU09990002: { k_0Tot15Jaar: 90, AantalInwoners: 600 },
      }),
    );
    close(r.value, 18.125);
    close(r.numerator ?? NaN, 290);
    assert.deepEqual(r.flags, ['herberekend']);
  });

  it('a secret count leaves the area out, even when a percentage is there', () => {
    const r = aggregate(
      measure,
      areas({
        BU09990001: { k_0Tot15Jaar: null, PercentagePersonen0Tot15Jaar: 20, AantalInwoners: 1000 },
        BU09990002: { k_0Tot15Jaar: 90, AantalInwoners: 600 },
      }),
    );
    close(r.value, 15);
    assert.deepEqual(
      r.excluded.map((e) => [e.code, e.reason]),
      [['BU09990001', 'geheim']],
    );
  });
});
