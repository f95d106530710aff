import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../../config.ts';
import { surveyPoint } from '../../monitor/survey-estimates.ts';
import { loadCatalogue } from '../../indicators/catalogue.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { fixtureAnswers, fixtureRespondents, fixtureResidentSurvey } from '../test-fixtures.ts';
import { wijkOf } from '../weighting/geography.ts';
import { publicationCheck } from '../weighting/publication.ts';
import type { PopulationMargin } from '../weighting/weighting.schema.ts';
import { estimatesOf } from './monitor-estimates.ts';
import {
  domainResults,
  resultTables,
  weightedShare,
  weightResponses,
  type ResultResponse,
} from './survey-results.ts';

/* Issue 12, points 6, 7 and 8, on the FIXTURE respondents (made up) and real CBS margins. */

const dir = path.join(projectRoot, 'test/fixtures/survey-weighting');
const margins: PopulationMargin[] = ['buurt', 'leeftijd', 'geslacht'].map((variable) => ({
  variable,
  totals: Object.fromEntries(
    (
      parse(fs.readFileSync(path.join(dir, 'fixture-population-margins.csv')), {
        columns: true,
      }) as Record<string, string>[]
    )
      .filter((m) => m.margin === variable)
      .map((m) => [m.category!, Number(m.total)]),
  ),
}));
const respondents = fixtureRespondents();
const responses: ResultResponse[] = respondents.map((r) => ({
  channel: 'web',
  submittedAt: '2027-03-01T10:00:00.000Z',
  answers: fixtureAnswers(r),
}));
const withTrim = (trim: unknown) =>
  questionnaireSchema.parse({
    ...fixtureResidentSurvey,
    weighting: { ...fixtureResidentSurvey.weighting, trim },
  });

describe('trimming is a setting per questionnaire, and its effect is said', () => {
  it('by default trims to 0.3–3 × the mean and says how many and how far margins end', () => {
    const w = weightResponses(fixtureResidentSurvey, responses, margins);
    assert.equal(w.status, 'gewogen');
    assert.equal(w.trimRule, '0,3 tot 3 × het gemiddelde');
    assert.ok(w.trimmed! > 0, `trimmed ${w.trimmed}`);
    assert.match(w.note, new RegExp(`${w.trimmed} van de 400 gewichten afgekapt`));
    assert.deepEqual(
      w.marginFit!.map((f) => f.variable),
      ['gebied', 'leeftijd', 'geslacht'],
    );
    // The reported distance is the real one: recompute the worst buurt from the weights.
    const sums = new Map<string, number>();
    w.members.forEach((index, i) => {
      const b = respondents[index]!.buurt!;
      sums.set(b, (sums.get(b) ?? 0) + w.design!.weights[i]!);
    });
    const worst = Math.max(
      ...Object.entries(margins[0]!.totals)
        .filter(([, t]) => t > 0)
        .map(([b, t]) => Math.abs(((sums.get(b) ?? 0) - t) / t)),
    );
    assert.ok(Math.abs(Math.abs(w.marginFit![0]!.deviation) - worst) < 1e-12);
  });

  it('takes the band of the questionnaire, or none', () => {
    const tight = weightResponses(withTrim({ lower: 0.5, upper: 2 }), responses, margins);
    const loose = weightResponses(withTrim({ lower: 0.1, upper: 10 }), responses, margins);
    const off = weightResponses(withTrim(false), responses, margins);
    assert.ok(tight.trimmed! > loose.trimmed!);
    assert.equal(off.trimmed, 0);
    assert.equal(off.trimRule, 'niet afgekapt');
    // Untrimmed, raking meets every margin.
    assert.ok(off.marginFit!.every((f) => Math.abs(f.deviation) < 1e-6));
    assert.ok(Math.abs(tight.marginFit![0]!.deviation) > Math.abs(off.marginFit![0]!.deviation));
    assert.throws(() => withTrim({ lower: 2, upper: 3 }), /ondergrens/);
  });
});

describe('weighting degrades gracefully along buurt → wijk → focus area', () => {
  it('merges the wijk of a buurt without respondents and says so', () => {
    const empty = respondents[0]!.buurt!;
    const left = responses.filter((_, i) => respondents[i]!.buurt !== empty);
    const w = weightResponses(fixtureResidentSurvey, left, margins);
    assert.equal(w.status, 'gewogen');
    assert.equal(w.level, 'buurt en wijk');
    assert.match(w.note, new RegExp(`${wijkOf(empty)}.*${empty}`));
  });

  it('falls back to the focus area when a whole wijk has no respondents', () => {
    const wijk = wijkOf(respondents[0]!.buurt!);
    const left = responses.filter((_, i) => wijkOf(respondents[i]!.buurt!) !== wijk);
    const w = weightResponses(fixtureResidentSurvey, left, margins);
    assert.equal(w.status, 'gewogen');
    assert.equal(w.level, 'focusgebied');
    assert.match(w.note, /Weegniveau: focusgebied/);
  });

  it('breaks a question down by wijk, with the small-count rule', () => {
    const w = weightResponses(fixtureResidentSurvey, responses, margins);
    const spec = resultTables(fixtureResidentSurvey).find((t) => t.variable === 'onveilig_buurt')!;
    const rows = domainResults(spec, responses, w, (r) => wijkOf(String(r.answers.woonbuurt)));
    assert.deepEqual(
      rows.map((r) => r.domain),
      [...new Set(respondents.map((r) => wijkOf(r.buurt!)!))].sort(),
    );
    assert.ok(rows.every((r) => r.weighted && r.table.nValid !== null));
  });
});

describe('publication guards', () => {
  it('publishes nothing from a raking that did not converge, and says so', () => {
    const w = weightResponses(fixtureResidentSurvey, responses, margins, undefined, {
      maxIter: 1,
    });
    assert.equal(w.status, 'niet gewogen');
    assert.equal(w.converged, false);
    assert.equal(w.design, undefined);
    assert.match(w.note, /kwam niet uit.*niets/);
    const estimates = estimatesOf(
      fixtureResidentSurvey,
      { byYear: new Map([['2027', responses]]), weighted: new Map([['2027', w]]) },
      { variable: 'onveilig_buurt', values: ['ja'] },
    );
    assert.equal(estimates.length, 1);
    assert.match(estimates[0]!.withheld!, /weging kwam niet uit/);
    const indicator = loadCatalogue().indicators.find((i) => i.key === 'voelt-zich-onveilig')!;
    const point = surveyPoint(
      indicator,
      { kind: 'focusgebied', slug: 'dordt-west', buurtCodes: [], indelingYear: 2024 } as never,
      estimates[0]!,
    );
    assert.equal(point.result.value, null);
    assert.match(point.result.note!, /te onzeker om te tonen, want de weging kwam niet uit/);
  });

  it('withholds a share with an effective n under 30 or a half-width over 15 points', () => {
    assert.deepEqual(
      publicationCheck({ converged: true, effectiveN: 29.9, lower: 0.4, upper: 0.5 }).publish,
      false,
    );
    const wide = publicationCheck({ converged: true, effectiveN: 40, lower: 0.2, upper: 0.51 });
    assert.equal(wide.publish, false);
    assert.match(!wide.publish ? wide.reason : '', /15,5 procentpunt/);
    assert.equal(
      publicationCheck({ converged: true, effectiveN: 30, lower: 0.2, upper: 0.5 }).publish,
      true,
    );
    // Few answers to the question (36 of 400 respondents): an interval within 0–100 and a
    // reason instead of a figure.
    const w = weightResponses(fixtureResidentSurvey, responses, margins);
    const all = weightedShare(responses, w, 'onveilig_buurt', ['ja'], 30)!;
    assert.equal(all.withheld, undefined);
    let answered = 0;
    const few = responses.map((r) => {
      if (r.answers.onveilig_buurt === undefined || answered >= 36) {
        const { onveilig_buurt: _dropped, ...rest } = r.answers;
        return { ...r, answers: rest };
      }
      answered++;
      return r;
    });
    const small = weightedShare(few, w, 'onveilig_buurt', ['ja'], 30)!;
    assert.equal(small.n, 36);
    assert.ok(small.lower >= 0 && small.upper <= 100);
    assert.ok(small.effectiveN < 30, `effective n ${small.effectiveN}`);
    assert.match(small.withheld!, /effectieve aantal antwoorden is [\d,]+, minder dan 30/);
  });
});
