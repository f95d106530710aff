import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { projectRoot } from '../../../config.ts';
import {
  fixtureAnswers,
  fixtureRespondents,
  fixtureResidentSurvey as q,
} from '../test-fixtures.ts';
import type { PopulationMargin } from '../weighting/weighting.schema.ts';
import {
  domainResults,
  questionResults,
  resultTables,
  weightedShare,
  weightResponses,
  type ResultResponse,
} from './survey-results.ts';

const dir = path.join(projectRoot, 'test/fixtures/survey-weighting');
const read = (f: string) =>
  parse(fs.readFileSync(path.join(dir, f), 'utf8'), { columns: true }) as Record<string, string>[];
const reference = JSON.parse(
  fs.readFileSync(path.join(dir, 'reference-r-survey.json'), 'utf8'),
) as {
  trim: { lower: number; upper: number };
  estimates: Record<
    string,
    Record<string, { category: string; estimate: number; lower: number; upper: number }[]>
  >;
};

/** The FIXTURE respondents of the weighting tests, as responses to the resident-survey fixture. */
const responses: ResultResponse[] = fixtureRespondents().map((r, i) => ({
  channel: i % 3 === 0 ? 'schriftelijk' : 'web',
  submittedAt: '2027-03-01T10:00:00.000Z',
  answers: fixtureAnswers(r),
}));
const margins: PopulationMargin[] = ['buurt', 'leeftijd', 'geslacht'].map((variable) => ({
  variable,
  totals: Object.fromEntries(
    read('fixture-population-margins.csv')
      .filter((m) => m.margin === variable)
      .map((m) => [m.category!, Number(m.total)]),
  ),
}));

describe('survey results', () => {
  const weighting = weightResponses(q, responses, margins, reference.trim);

  it('weights the responses to the CBS margins and trims as R survey does', () => {
    assert.equal(weighting.status, 'gewogen');
    assert.equal(weighting.members.length, responses.length);
    assert.ok(weighting.summary && weighting.summary.designEffect > 1);
  });

  it('gives the weighted shares R gives, side by side with the unweighted ones', () => {
    const tables = questionResults(q, responses, weighting);
    const onveilig = tables.find((t) => t.spec.variable === 'onveilig_buurt');
    const r = reference.estimates.trimmed!.onveilig!;
    const ja = onveilig?.table.categories.find((c) => c.category === 'ja');
    const rJa = r.find((c) => c.category === 'ja')!;
    assert.ok(ja?.weighted);
    assert.ok(Math.abs(ja.weighted.estimate - rJa.estimate) < 1e-9);
    assert.ok(Math.abs(ja.weighted.upper - rJa.upper) < 1e-9);
    const rUnweighted = reference.estimates.unweighted!.onveilig!.find((c) => c.category === 'ja')!;
    assert.ok(ja.unweighted);
    assert.ok(Math.abs(ja.unweighted.estimate - rUnweighted.estimate) < 1e-9);
    // The monitor's share is the same figure in percent.
    const share = weightedShare(responses, weighting, 'onveilig_buurt', ['ja'], 30);
    assert.ok(share && Math.abs(share.value - rJa.estimate * 100) < 1e-7);
    assert.equal(share.withheld, undefined);
    assert.ok(share.effectiveN < share.n);
  });

  it('suppresses answers given by fewer than 10, and whole small tables', () => {
    const tables = questionResults(q, responses, weighting);
    const cijfer = tables.find((t) => t.spec.variable === 'rapportcijfer');
    const counts = new Map<string, number>();
    for (const r of responses) {
      const v = r.answers.rapportcijfer;
      if (v !== undefined) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    }
    for (const c of cijfer!.table.categories) {
      const n = counts.get(c.category) ?? 0;
      if (n >= 1 && n <= 9) assert.ok(c.onderdrukt, `grade ${c.category} (${n}) is hidden`);
      if (n === 0) assert.equal(c.n, 0, `grade ${c.category} (0 times) is shown as 0`);
    }
    assert.ok([...counts.values()].some((n) => n >= 1 && n <= 9));
    const few = questionResults(q, responses.slice(0, 8), {
      status: 'niet gewogen',
      note: '',
      members: [],
    });
    assert.equal(few.find((t) => t.spec.variable === 'onveilig_buurt')?.table.onderdrukt, true);
  });

  it('leaves responses without buurt, age or sex out of the weighting, and says so', () => {
    const mixed = [
      ...responses,
      {
        channel: 'web' as const,
        submittedAt: '2027-03-02T00:00:00Z',
        answers: { woonbuurt: '3314AB', onveilig_buurt: 'ja' },
      },
    ];
    const w = weightResponses(q, mixed, margins, reference.trim);
    assert.equal(w.members.length, responses.length);
    assert.match(w.note, /1 van de 401 antwoorden hebben geen buurt/);
    const noMargins = weightResponses(q, responses, undefined);
    assert.equal(noMargins.status, 'niet gewogen');
    assert.match(noMargins.note, /nog niet geladen/);
  });

  it('breaks a question down by channel', () => {
    const spec = resultTables(q).find((t) => t.variable === 'onveilig_buurt')!;
    const byChannel = domainResults(spec, responses, weighting, (r) => r.channel);
    assert.deepEqual(
      byChannel.map((d) => d.domain),
      ['schriftelijk', 'web'],
    );
    // The two channels add up to the total: a hidden count in one shows in the other.
    for (const k of [0, 1]) {
      const hiddenIn = byChannel.filter((d) => d.table.categories[k]!.onderdrukt).length;
      assert.notEqual(hiddenIn, 1, `category ${k} is hidden in one channel only`);
    }
    assert.ok(byChannel.every((d) => d.weighted));
  });
});
