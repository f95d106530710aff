import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brokenWords } from './print-check.ts';

describe('brokenWords', () => {
  it('finds a word broken inside a cell, and one printed fewer times than written', () => {
    const written = 'Indicator\nLaatste cijfer\nVerandering\nHuishoudens\nHuishoudens met kinderen';
    // pdftotext -layout of a table whose narrow columns broke two words.
    const printed = ` Indicator     Laatste          Veranderin
 Huishouden     cijfer           g
 s
 Huishoudens met kinderen`;
    assert.deepEqual(brokenWords(written, printed), ['Verandering', 'Huishoudens']);
  });

  it('passes whole words with note numbers and signs beside them', () => {
    assert.deepEqual(
      brokenWords('46% van de huishoudens\n–\n56.760', ' 46% van de huishoudens4   –3   56.7602'),
      [],
    );
  });
});
