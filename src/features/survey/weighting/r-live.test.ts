import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../../config.ts';
import { rUnavailable, runRscript } from '../../../../test/helpers/r.ts';
import { collapseGeography } from './geography.ts';
import { logitInterval } from './publication.ts';
import { rake } from './rake.ts';
import { unweightedDesign, weightedMean } from './variance.ts';
import type { PopulationMargin } from './weighting.schema.ts';

/*
 * Compared with R's survey package LIVE (ADR 0019): the test writes the data, runs
 * scripts/r/wijk-rake-logit.R and reads R's answer back. FIXTURE respondents (made up), real
 * CBS margins. One buurt of every wijk loses its respondents, so the weighting has to fall back
 * to wijk level, the case of issue 12 point 7.
 */
const skip = rUnavailable();
const fixtures = path.join(projectRoot, 'test/fixtures/survey-weighting');
type Row = Record<string, string>;
const read = (f: string) =>
  parse(fs.readFileSync(path.join(fixtures, f)), { columns: true }) as Row[];
const marginRows = read('fixture-population-margins.csv');
const margins: PopulationMargin[] = ['buurt', 'leeftijd', 'geslacht'].map((variable) => ({
  variable,
  totals: Object.fromEntries(
    marginRows.filter((r) => r.margin === variable).map((r) => [r.category!, Number(r.total)]),
  ),
}));

// Per wijk, the buurt with the fewest respondents loses them all.
const all = read('fixture-respondents.csv');
const perBuurt = new Map<string, number>();
for (const r of all) perBuurt.set(r.buurt!, (perBuurt.get(r.buurt!) ?? 0) + 1);
const dropped = new Set<string>();
for (const wijk of new Set(all.map((r) => r.wijk!))) {
  const buurten = [...perBuurt].filter(([b]) => all.some((r) => r.buurt === b && r.wijk === wijk));
  buurten.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  dropped.add(buurten[0]![0]);
}
const respondents = all.filter((r) => !dropped.has(r.buurt!));

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-r-live-'));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('raking at wijk level and logit intervals agree with R survey (live)', { skip }, () => {
  const geography = collapseGeography(
    margins[0]!,
    respondents.map((r) => r.buurt!),
  );
  const used = [geography.margin!, margins[1]!, margins[2]!];
  const categories = respondents.map((r) => ({
    gebied: geography.areaOf(r.buurt!),
    leeftijd: r.leeftijd!,
    geslacht: r.geslacht!,
  }));
  // Codes, categories and numbers only: no field needs quoting.
  const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';
  fs.writeFileSync(
    path.join(dir, 'respondents.csv'),
    csv([
      ['id', 'gebied', 'leeftijd', 'geslacht', 'onveilig'],
      ...respondents.map((r, i) => [
        r.id!,
        categories[i]!.gebied,
        r.leeftijd!,
        r.geslacht!,
        r.onveilig!,
      ]),
    ]),
  );
  fs.writeFileSync(
    path.join(dir, 'margins.csv'),
    csv([
      ['margin', 'category', 'total'],
      ...used.flatMap((m) => Object.entries(m.totals).map(([c, t]) => [m.variable, c, String(t)])),
    ]),
  );
  runRscript(path.join(projectRoot, 'scripts/r/wijk-rake-logit.R'), [
    path.join(dir, 'respondents.csv'),
    path.join(dir, 'margins.csv'),
    dir,
  ]);
  const rWeights = parse(fs.readFileSync(path.join(dir, 'weights.csv')), {
    columns: true,
  }) as Row[];
  const rCi = parse(fs.readFileSync(path.join(dir, 'ciprop.csv')), { columns: true }) as Row[];
  const raked = rake({
    respondents: categories.map((c) => ({ categories: c })),
    margins: used,
  });

  it('falls back to wijk level when a buurt of every wijk has no respondent', () => {
    assert.equal(geography.level, 'wijk');
    assert.equal(geography.collapsed.length, new Set(all.map((r) => r.wijk)).size);
    assert.ok(Object.keys(geography.margin!.totals).every((c) => /^WK\d{6}$/.test(c)));
  });

  it('gives the weights of R rake() within 1e-6', () => {
    assert.ok(raked.converged);
    assert.equal(rWeights.length, respondents.length);
    rWeights.forEach((r, i) => {
      assert.equal(r.id, respondents[i]!.id);
      const theirs = Number(r.weight);
      assert.ok(
        Math.abs(raked.weights[i]! - theirs) <= 1e-6 * theirs,
        `${r.id}: ${raked.weights[i]} ≠ R ${theirs}`,
      );
    });
  });

  it('gives the interval of svyciprop(method = "logit"), always inside 0–1', () => {
    const answers = respondents.map((r) =>
      r.onveilig === '' ? null : r.onveilig === 'ja' ? 1 : 0,
    );
    const inDomain = (i: number) => categories[i]!.gebied === categories[0]!.gebied;
    const cases = {
      raked: weightedMean(raked, answers),
      unweighted: weightedMean(unweightedDesign(answers.length), answers),
      domain: weightedMean(
        raked,
        answers.map((a, i) => (inDomain(i) ? a : null)),
      ),
    };
    for (const [what, e] of Object.entries(cases)) {
      const theirs = rCi.find((r) => r.what === what)!;
      const ours = logitInterval(e);
      for (const key of ['estimate', 'lower', 'upper'] as const) {
        const want = Number(theirs[key]);
        assert.ok(
          Math.abs(ours[key] - want) <= 1e-6 * Math.abs(want),
          `${what} ${key}: ${ours[key]} ≠ R ${want}`,
        );
      }
      assert.ok(ours.lower > 0 && ours.upper < 1);
    }
  });
});
