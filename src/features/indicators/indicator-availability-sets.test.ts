import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { catalogueSchema } from './catalogue.schema.ts';
import { availabilityFromLoaded } from './indicator-availability.ts';

// A fixture catalogue with one published share that also has a count (issue 13.6).
const catalogue = catalogueSchema.parse({
  version: '2026.1',
  themes: [{ key: 'wonen', name: 'Wonen' }],
  indicators: [
    {
      key: 'kinderen-fixture',
      theme: 'wonen',
      role: 'context',
      name: 'Kinderen (fixture)',
      definition: 'Fixture.',
      source: {
        publisher: 'CBS',
        tableId: '85984NED',
        variables: ['PercentagePersonen0Tot15Jaar', 'k_0Tot15Jaar', 'AantalInwoners'],
      },
      unit: '%',
      polarity: 'neutraal',
      measure: {
        type: 'share_published',
        variable: 'PercentagePersonen0Tot15Jaar',
        base: 'AantalInwoners',
        count: 'k_0Tot15Jaar',
      },
      base: 'inwoners',
      suppression: { rule: 'Fixture.' },
      decimals: 0,
    },
  ],
});

describe('availability of a share loaded as a percentage or as a count', () => {
  it('a period counts when the percentage or the count is there with its base', () => {
    const [a] = availabilityFromLoaded(catalogue, [
      { variable: 'PercentagePersonen0Tot15Jaar', period: '2023', indeling_year: 2023 },
      { variable: 'AantalInwoners', period: '2023', indeling_year: 2023 },
      { variable: 'k_0Tot15Jaar', period: '2024', indeling_year: 2024 },
      { variable: 'AantalInwoners', period: '2024', indeling_year: 2024 },
      // A count without its base in 2019 does not make 2019 a period.
      { variable: 'k_0Tot15Jaar', period: '2019', indeling_year: 2024 },
    ]);
    assert.equal(a?.status, 'geladen');
    assert.deepEqual(a?.status === 'geladen' ? a.periods : null, [
      { period: '2023', indelingYears: [2023] },
      { period: '2024', indelingYears: [2024] },
    ]);
  });

  it('only the count loaded is enough; only the base is not', () => {
    const [counted] = availabilityFromLoaded(catalogue, [
      { variable: 'k_0Tot15Jaar', period: '2024', indeling_year: 2024 },
      { variable: 'AantalInwoners', period: '2024', indeling_year: 2024 },
    ]);
    assert.equal(counted?.status, 'geladen');
    const [baseOnly] = availabilityFromLoaded(catalogue, [
      { variable: 'AantalInwoners', period: '2024', indeling_year: 2024 },
    ]);
    assert.equal(baseOnly?.status, 'nog niet geladen');
  });
});
