import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../../indicators/catalogue.ts';
import type { ProfileRow } from './profile-section.tsx';
import { changeWords, comparisonWords, summaryItems } from './profile-summary.tsx';

const catalogue = loadCatalogue();
const indicator = (key: string) => catalogue.indicators.find((i) => i.key === key)!;

/** A profile row as profileView makes it: FIXTURE figures, not real ones. */
function row(
  key: string,
  own: [text: string, value: number] | null,
  refs: { gemeente?: [string, number]; nederland?: [string, number] } = {},
  change?: [text: string, value: number],
): ProfileRow {
  const cell = (c: [string, number] | undefined) =>
    c ? { text: c[0], value: c[1] } : { text: '–', note: 'Geen cijfer.' };
  return {
    indicator: indicator(key),
    latest: { ...cell(own ?? undefined), period: '2024', flags: [] },
    ...(change ? { baselinePeriod: '2023' } : {}),
    change: change ? { text: change[0], value: change[1] } : { text: '–' },
    references: {
      rest_gemeente: cell(undefined),
      gemeente: cell(refs.gemeente),
      nederland: cell(refs.nederland),
      nplv: cell(undefined),
    },
    target: null,
  };
}

describe('the words of the profile summary', () => {
  it('says higher than both, and that it is unfavourable when lower is better', () => {
    const r = row('bijstand-per-1000', ['40,0', 40], {
      gemeente: ['30,6', 30.6],
      nederland: ['25,0', 25],
    });
    assert.equal(
      comparisonWords(r),
      'Hoger dan in de gemeente (30,6) en in Nederland (25,0). Dat is ongunstiger.',
    );
  });

  it('names a mixed comparison per reference and passes no judgement', () => {
    const r = row('bijstand-per-1000', ['28,0', 28], {
      gemeente: ['30,6', 30.6],
      nederland: ['25,0', 25],
    });
    assert.equal(
      comparisonWords(r),
      'Lager dan in de gemeente (30,6), hoger dan in Nederland (25,0).',
    );
  });

  it('calls two figures that read the same "even hoog", whatever the digits behind them', () => {
    const r = row('bijstand-per-1000', ['30,6', 30.61], { gemeente: ['30,6', 30.58] });
    assert.equal(comparisonWords(r), 'Even hoog als in de gemeente (30,6).');
  });

  it('never compares a count or a survey figure in words', () => {
    assert.equal(
      comparisonWords(row('aantal-inwoners', ['28.970', 28970], { gemeente: ['120.000', 120000] })),
      null,
    );
    const survey = row('voelt-zich-onveilig', ['45%', 45], { gemeente: ['30%', 30] }, ['+5', 5]);
    assert.equal(comparisonWords(survey), null);
    assert.equal(changeWords(survey), null, 'a change within a margin is not said in words');
  });

  it('says a change as shown, and zero as shown as no change', () => {
    assert.equal(
      changeWords(row('aantal-inwoners', ['28.970', 28970], {}, ['+230 sinds 2023', 230])),
      'Gestegen: +230 sinds 2023.',
    );
    assert.equal(
      changeWords(row('bijstand-per-1000', ['30,0', 30], {}, ['+0,0 sinds 2023', 0.01])),
      'Gelijk gebleven sinds 2023.',
    );
    assert.equal(changeWords(row('bijstand-per-1000', ['30,0', 30])), null);
  });

  it('takes per theme the first indicator with a figure, and none for a theme without one', () => {
    const items = summaryItems([
      {
        key: 'a',
        name: 'A',
        rows: [row('bijstand-per-1000', null), row('misdrijven-per-1000', ['50,0', 50])],
        notLoaded: [],
      },
      { key: 'b', name: 'B', rows: [row('bijstand-per-1000', null)], notLoaded: [] },
    ]);
    assert.deepEqual(
      items.map((i) => i.row.indicator.key),
      ['misdrijven-per-1000'],
    );
  });
});
