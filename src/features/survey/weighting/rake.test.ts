import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../../shared/errors.ts';
import { rake } from './rake.ts';
import type { PopulationMargin, Respondent } from './weighting.schema.ts';

/* Fixture populations (made-up numbers, made-up category names). */
const people = (rows: [string, string][]): Respondent[] =>
  rows.map(([buurt, geslacht], i) => ({ id: `fixture-${i + 1}`, categories: { buurt, geslacht } }));

const margins = (
  buurt: Record<string, number>,
  geslacht: Record<string, number>,
): PopulationMargin[] => [
  { variable: 'buurt', totals: buurt },
  { variable: 'geslacht', totals: geslacht },
];

function refused(fn: () => unknown, pattern: RegExp): void {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.match(error.message, pattern);
    return true;
  });
}

describe('rake', () => {
  it('reaches the independence solution of two margins and stops once nothing moves', () => {
    const result = rake({
      respondents: people([
        ['A', 'man'],
        ['A', 'vrouw'],
        ['B', 'man'],
        ['B', 'vrouw'],
      ]),
      margins: margins({ A: 60, B: 40 }, { man: 30, vrouw: 70 }),
    });
    // Sweep 1 gives 18, 42, 12, 28 (= 60·30/100 …); sweep 2 changes nothing.
    assert.deepEqual(
      [...result.weights].map((w) => Math.round(w * 1e9) / 1e9),
      [18, 42, 12, 28],
    );
    assert.equal(result.converged, true);
    assert.equal(result.iterations, 2);
    assert.deepEqual(
      result.calibration.map((c) => c.variable),
      ['buurt', 'geslacht'],
    );
  });

  it('meets every margin when cells are unequal, starting from design weights', () => {
    const respondents = people([
      ['A', 'man'],
      ['A', 'vrouw'],
      ['A', 'vrouw'],
      ['B', 'man'],
      ['B', 'vrouw'],
      ['B', 'man'],
      ['B', 'man'],
    ]).map((r, i) => ({ ...r, weight: 1 + i / 10 }));
    const result = rake({
      respondents,
      margins: margins({ A: 500, B: 300 }, { man: 390, vrouw: 410 }),
      options: { epsilon: 1e-12, maxIter: 200 },
    });
    assert.equal(result.converged, true);
    const sum = (pick: (i: number) => boolean) =>
      [...result.weights].reduce((s, w, i) => (pick(i) ? s + w : s), 0);
    const cat = (i: number, v: string) => respondents[i]!.categories[v];
    assert.ok(Math.abs(sum((i) => cat(i, 'buurt') === 'A') - 500) < 1e-6);
    assert.ok(Math.abs(sum((i) => cat(i, 'geslacht') === 'vrouw') - 410) < 1e-6);
  });

  it('says it did not converge when maxIter is reached', () => {
    const result = rake({
      respondents: people([
        ['A', 'man'],
        ['A', 'vrouw'],
        ['A', 'vrouw'],
        ['B', 'man'],
      ]),
      margins: margins({ A: 50, B: 50 }, { man: 20, vrouw: 80 }),
      options: { maxIter: 1, epsilon: 1e-12 },
    });
    assert.equal(result.converged, false);
    assert.equal(result.iterations, 1);
  });

  it('leaves out a category with no inhabitants and no respondents', () => {
    const result = rake({
      respondents: people([
        ['A', 'man'],
        ['B', 'vrouw'],
      ]),
      margins: margins({ A: 10, B: 10, C: 0 }, { man: 10, vrouw: 10 }),
    });
    assert.deepEqual(result.calibration[0]!.categories, ['A', 'B']);
  });

  it('names margin and category when a population category has no respondents', () => {
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['A', 'vrouw'],
          ]),
          margins: margins({ A: 10, B: 25 }, { man: 20, vrouw: 15 }),
        }),
      /kenmerk "buurt" heeft categorie "B" \(25 inwoners\) geen respondenten/,
    );
  });

  it('names margin and category when respondents have a category the population lacks', () => {
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['A', 'anders'],
          ]),
          margins: margins({ A: 10 }, { man: 5, vrouw: 5 }),
        }),
      /kenmerk "geslacht" heeft 1 respondent categorie "anders", maar die staat niet in de bevolkingscijfers/,
    );
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['C', 'vrouw'],
          ]),
          margins: margins({ A: 10, C: 0 }, { man: 5, vrouw: 5 }),
        }),
      /kenmerk "buurt" heeft 1 respondent categorie "C", maar die heeft 0 inwoners/,
    );
  });

  it('does not take a name of the object prototype for a population category', () => {
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['constructor', 'man'],
          ]),
          margins: margins({ A: 10 }, { man: 10 }),
        }),
      /categorie "constructor", maar die staat niet in de bevolkingscijfers/,
    );
  });

  it('refuses a respondent without a value, margins with different totals and bad numbers', () => {
    refused(
      () =>
        rake({
          respondents: [
            { id: 'fixture-1', categories: { buurt: 'A', geslacht: 'man' } },
            { id: 'fixture-2', categories: { buurt: null, geslacht: 'man' } },
          ],
          margins: margins({ A: 10 }, { man: 10 }),
        }),
      /respondent fixture-2 heeft geen waarde voor kenmerk "buurt"/,
    );
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['A', 'vrouw'],
          ]),
          margins: margins({ A: 10 }, { man: 5, vrouw: 6 }),
        }),
      /niet op tot hetzelfde totaal: kenmerk "buurt" telt 10, kenmerk "geslacht" telt 11/,
    );
    refused(
      () =>
        rake({
          respondents: people([
            ['A', 'man'],
            ['A', 'vrouw'],
          ]),
          margins: margins({ A: -10 }, { man: 5, vrouw: 6 }),
        }),
      /veld margins\.0\.totals\.A.*negatief/,
    );
  });
});
