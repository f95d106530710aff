import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { buildFixture } from '../../../../scripts/survey-weighting-fixture.ts';
import {
  proportionsByDomain,
  questionProportions,
  type QuestionProportions,
} from './proportions.ts';
import { rake, type WeightedDesign } from './rake.ts';
import { trimWeights } from './trim.ts';
import { summariseWeights } from './weight-summary.ts';
import type { PopulationMargin } from './weighting.schema.ts';

/*
 * Compares our weighting with R's survey package on the FIXTURE sample (made-up respondents,
 * real CBS margins). The reference values come from scripts/r/survey-reference.R and are
 * committed, so this test needs no R; test/fixtures/survey-weighting/README.md says how to
 * regenerate them.
 */
const dir = path.resolve(import.meta.dirname, '../../../../test/fixtures/survey-weighting');
const read = (file: string) => fs.readFileSync(path.join(dir, file));
type Row = Record<string, string>;
const respondents = parse(read('fixture-respondents.csv'), { columns: true }) as Row[];
const marginRows = parse(read('fixture-population-margins.csv'), { columns: true }) as Row[];

const estimate = z.object({
  category: z.string(),
  estimate: z.number(),
  se: z.number(),
  lower: z.number(),
  upper: z.number(),
});
const perQuestion = z.record(z.string(), z.array(estimate));
const reference = z
  .object({
    r_version: z.string(),
    survey_version: z.string(),
    warnings: z.array(z.string()),
    control: z.object({ maxit: z.number(), epsilon: z.number() }),
    trim: z.object({ lower: z.number(), upper: z.number(), strict: z.boolean() }),
    domain: z.object({ variable: z.string(), value: z.string() }),
    ids: z.array(z.string()),
    weights: z.object({ raked: z.array(z.number()), trimmed: z.array(z.number()) }),
    weight_summary: z.record(
      z.string(),
      z.object({ sum: z.number(), effective_n: z.number(), design_effect: z.number() }),
    ),
    estimates: z.object({ raked: perQuestion, trimmed: perQuestion, unweighted: perQuestion }),
    domain_estimates: z.object({ raked: perQuestion, unweighted: perQuestion }),
  })
  .parse(JSON.parse(read('reference-r-survey.json').toString('utf8')));

const QUESTIONS = ['onveilig', 'rapportcijfer', 'eerste_thema'] as const;

/** 1e-6 relative; the absolute floor only matters for values that are 0 in both. */
function close(actual: number, expected: number, what: string): void {
  const tolerance = 1e-6 * Math.max(Math.abs(actual), Math.abs(expected)) + 1e-12;
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} ≠ R ${expected} (verschil ${Math.abs(actual - expected)})`,
  );
}

const margins: PopulationMargin[] = ['buurt', 'leeftijd', 'geslacht'].map((variable) => ({
  variable,
  totals: Object.fromEntries(
    marginRows.filter((r) => r.margin === variable).map((r) => [r.category!, Number(r.total)]),
  ),
}));

function rakeFixture() {
  return rake({
    respondents: respondents.map((r) => ({
      id: r.id,
      categories: { buurt: r.buurt!, leeftijd: r.leeftijd!, geslacht: r.geslacht! },
    })),
    margins,
    options: { maxIter: reference.control.maxit, epsilon: reference.control.epsilon },
  });
}

const answersOf = (question: string, inDomain: (r: Row) => boolean = () => true) =>
  respondents.map((r) => (inDomain(r) && r[question] !== '' ? r[question]! : null));

function compareEstimates(
  ours: QuestionProportions,
  theirs: z.infer<typeof estimate>[],
  side: 'weighted' | 'unweighted',
  what: string,
): void {
  assert.deepEqual(
    ours.categories.map((c) => c.category).sort(),
    theirs.map((c) => c.category).sort(),
    `${what}: categories`,
  );
  for (const expected of theirs) {
    const got = ours.categories.find((c) => c.category === expected.category)![side];
    for (const key of ['estimate', 'se', 'lower', 'upper'] as const) {
      close(got[key], expected[key], `${what} ${expected.category} ${key}`);
    }
  }
}

function compareDesign(design: WeightedDesign, name: 'raked' | 'trimmed'): void {
  for (const q of QUESTIONS) {
    const ours = questionProportions(design, answersOf(q));
    compareEstimates(ours, reference.estimates[name][q]!, 'weighted', `${name} ${q}`);
    compareEstimates(ours, reference.estimates.unweighted[q]!, 'unweighted', `unweighted ${q}`);
  }
}

describe('weighting agrees with R survey (FIXTURE sample, real CBS margins)', () => {
  it('uses the fixture respondents R used, and R raked without warnings', () => {
    assert.deepEqual(
      reference.ids,
      respondents.map((r) => r.id),
    );
    assert.deepEqual(reference.warnings, []);
    assert.match(reference.survey_version, /^\d+\.\d+/);
  });

  it('fixture files are what the seeded generator makes from the shipped CBS data', () => {
    const built = buildFixture(path.resolve(import.meta.dirname, '../../../../datasets'));
    assert.equal(built.respondents, read('fixture-respondents.csv').toString('utf8'));
    assert.equal(built.margins, read('fixture-population-margins.csv').toString('utf8'));
    assert.equal(respondents.length, 400);
    assert.ok(respondents.every((r) => r.id!.startsWith('fixture-')));
  });

  it('rakes every respondent to the weight R gives, meeting all three margins', () => {
    const raked = rakeFixture();
    assert.equal(raked.converged, true);
    assert.equal(raked.weights.length, reference.weights.raked.length);
    raked.weights.forEach((w, i) => close(w, reference.weights.raked[i]!, `weight ${i + 1}`));
    for (const m of raked.calibration) {
      const sums = new Map<string, number>();
      m.groups.forEach((g, i) => {
        const c = m.categories[g]!;
        sums.set(c, (sums.get(c) ?? 0) + raked.weights[i]!);
      });
      const totals = margins.find((x) => x.variable === m.variable)!.totals;
      for (const [c, sum] of sums) close(sum, totals[c]!, `${m.variable} ${c}`);
    }
  });

  it('trims as R trimWeights(strict = TRUE) does, keeping the sum of weights', () => {
    const raked = rakeFixture();
    const trimmed = trimWeights(raked, reference.trim);
    assert.ok(trimmed.passes >= 1);
    trimmed.weights.forEach((w, i) =>
      close(w, reference.weights.trimmed[i]!, `trimmed weight ${i + 1}`),
    );
    for (const w of trimmed.weights) {
      assert.ok(w >= reference.trim.lower - 1e-9 && w <= reference.trim.upper + 1e-9);
    }
    const before = raked.weights.reduce((a, b) => a + b, 0);
    close(
      trimmed.weights.reduce((a, b) => a + b, 0),
      before,
      'sum of weights',
    );
  });

  it('gives the same effective n and design effect as the Kish formulas in R', () => {
    const raked = rakeFixture();
    for (const [name, weights] of [
      ['raked', raked.weights],
      ['trimmed', trimWeights(raked, reference.trim).weights],
    ] as const) {
      const ours = summariseWeights(weights);
      const theirs = reference.weight_summary[name]!;
      close(ours.sumOfWeights, theirs.sum, `${name} sum`);
      close(ours.effectiveN, theirs.effective_n, `${name} effective n`);
      close(ours.designEffect, theirs.design_effect, `${name} design effect`);
      assert.ok(ours.designEffect > 1.1, 'the fixture has unequal weights');
    }
  });

  it('gives R svymean proportions, SEs and 95% intervals for the raked design', () => {
    compareDesign(rakeFixture(), 'raked');
  });

  it('gives R svymean proportions, SEs and 95% intervals after trimming', () => {
    compareDesign(trimWeights(rakeFixture(), reference.trim), 'trimmed');
  });

  it('gives R svymean results in a domain (a subset of the raked design)', () => {
    const raked = rakeFixture();
    const { variable, value } = reference.domain;
    for (const q of QUESTIONS) {
      const ours = questionProportions(
        raked,
        answersOf(q, (r) => r[variable] === value),
      );
      compareEstimates(ours, reference.domain_estimates.raked[q]!, 'weighted', `domain ${q}`);
      compareEstimates(
        ours,
        reference.domain_estimates.unweighted[q]!,
        'unweighted',
        `domain unweighted ${q}`,
      );
      const byWijk = proportionsByDomain(
        raked,
        answersOf(q),
        respondents.map((r) => r[variable]!),
      );
      assert.deepEqual(
        byWijk.map((d) => d.domain),
        ['Crabbehof', 'Nieuw-Krispijn', 'Oud-Krispijn', 'Wielwijk'],
      );
      compareEstimates(
        byWijk.find((d) => d.domain === value)!,
        reference.domain_estimates.raked[q]!,
        'weighted',
        `by ${q}`,
      );
    }
  });
});
