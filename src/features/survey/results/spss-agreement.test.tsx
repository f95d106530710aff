import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { render } from 'preact-render-to-string';
import { projectRoot } from '../../../config.ts';
import { psppUnavailable, records, runPspp } from '../../../../test/helpers/pspp.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { codebookMarkdown } from '../export/codebook.ts';
import { buildDataset } from '../export/dataset.ts';
import { toSav } from '../export/sav/sav-writer.ts';
import { fixtureAnswers, fixtureRespondents, fixtureResidentSurvey } from '../test-fixtures.ts';
import type { PopulationMargin } from '../weighting/weighting.schema.ts';
import { estimatesOf } from './monitor-estimates.ts';
import { ResultsPage } from './views/results.page.tsx';
import {
  datasetWeighting,
  exportWeights,
  questionResults,
  weightResponses,
  type ResultResponse,
} from './survey-results.ts';

/*
 * Issue 12, points 4 and 5: the results page and SPSS (read by PSPP) agree. "Weet niet" is a
 * missing code in the .sav and outside the page's percentage base, and SPSS weighted by
 * `gewicht` counts the respondents, not the population. FIXTURE respondents (made up).
 */
const skip = psppUnavailable();

// The resident-survey fixture with "weet niet" marked as outside the base, as the shipped
// questionnaire marks it.
const q = questionnaireSchema.parse({
  ...fixtureResidentSurvey,
  groups: fixtureResidentSurvey.groups.map((g) => ({
    ...g,
    questions: g.questions.map((question) =>
      question.name === 'onveilig_buurt' && question.type === 'single_choice'
        ? {
            ...question,
            choices: question.choices.map((c) =>
              c.value === 'weet_niet' ? { ...c, missing: true } : c,
            ),
          }
        : question,
    ),
  })),
});

// Every 6th respondent who answered says "weet niet" instead.
const responses: (ResultResponse & { id: string })[] = fixtureRespondents().map((r, i) => {
  const given = fixtureAnswers(r);
  const answers =
    given.onveilig_buurt !== undefined && i % 6 === 0
      ? { ...given, onveilig_buurt: 'weet_niet' }
      : given;
  return {
    id: r.id!,
    channel: 'web',
    submittedAt: '2027-03-01T10:00:00.000Z',
    answers,
  };
});
const dontKnow = responses.filter((r) => r.answers.onveilig_buurt === 'weet_niet').length;

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

describe('the results page and SPSS agree (PSPP)', skip ? { skip } : {}, () => {
  const weighting = weightResponses(q, responses, margins);
  const tables = questionResults(q, responses, weighting);
  const html = render(
    <ResultsPage
      base="/werkruimte/GM0505/enquetes"
      questionnaire={q}
      responses={responses.length}
      byChannel={{ internet: responses.length }}
      weighting={weighting}
      tables={tables}
    />,
  );
  const weights = exportWeights(weighting);
  const dataset = buildDataset(
    [q],
    responses.map((r, i) => ({
      id: r.id,
      version: q.version,
      channel: r.channel,
      language: 'nl' as const,
      status: 'ingediend',
      submittedAt: r.submittedAt,
      ...weights.get(i),
      answers: r.answers,
    })),
    datasetWeighting(weighting),
  );
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fixture-agree-'));
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));
  fs.writeFileSync(path.join(tmp, 'fixture.sav'), toSav(dataset));
  const run = skip
    ? undefined
    : runPspp(
        tmp,
        [
          "GET FILE='fixture.sav'.",
          'WEIGHT BY gewicht.',
          'FREQUENCIES /VARIABLES=onveilig_buurt.',
          'WEIGHT BY gewicht_populatie.',
          'DESCRIPTIVES VARIABLES=rapportcijfer.',
          '',
        ].join('\n'),
      );

  it('weighted by gewicht, SPSS counts the respondents (N = 400), not the population', () => {
    assert.equal(weighting.status, 'gewogen');
    // Rows "N,Valid,<n>" and ",Missing,<n>" (weighted counts).
    const stats = run!.tables.get('Statistics')!;
    const valid = Number(stats.find((r) => r[1] === 'Valid')![2]);
    const missing = Number(stats.find((r) => r[1] === 'Missing')![2]);
    assert.ok(Math.abs(valid + missing - responses.length) < 0.01, `N = ${valid + missing}`);
    // At population scale the same file would claim the whole population as N.
    const desc = records(run!, 'Descriptive Statistics');
    assert.ok(Number(desc[0]!.N) > 20_000);
  });

  it('the page\'s weighted share of "ja" is PSPP\'s valid percent; "weet niet" is apart', () => {
    const freq = records(run!, 'Voelt u zich weleens onveilig in uw buurt?');
    const psppJa = freq.find((r) => Object.values(r).includes('ja'))!['Valid Percent']!;
    const weetNiet = freq.find((r) => Object.values(r).includes('weet_niet'))!;
    assert.equal(weetNiet['Valid Percent'], '', 'weet niet is a missing value in SPSS');
    const row = /<div[^>]*data-result="onveilig_buurt"[^>]*>([\s\S]*?)<\/table>/.exec(html)![1]!;
    const pageJa = /data-category="ja"[\s\S]*?data-cell="gewogen">([\d,]+)%/.exec(row)![1]!;
    assert.equal(pageJa.replace(',', '.') + '%', psppJa);
    // The monitor's figure is the same valid percent.
    const [monitor] = estimatesOf(
      q,
      { byYear: new Map([['2027', responses]]), weighted: new Map([['2027', weighting]]) },
      { variable: 'onveilig_buurt', values: ['ja'] },
    );
    assert.equal(monitor!.value.toFixed(1) + '%', psppJa);
    // The page counts "weet niet" apart, outside the percentages.
    assert.match(
      row,
      new RegExp(`data-category="weet_niet" data-missing[\\s\\S]*?data-cell="aantal">${dontKnow}<`),
    );
    assert.ok(dontKnow >= 10);
  });

  it('the codebook explains the three weights, the trimming and the valid-percent rule', () => {
    const book = codebookMarkdown(dataset);
    for (const name of ['gewicht', 'gewicht_populatie', 'gewicht_ongetrimd']) {
      assert.match(book, new RegExp(`- \`${name}\`: `));
    }
    assert.match(book, /WEIGHT BY gewicht/);
    assert.match(
      book,
      new RegExp(`${weighting.trimmed} van de ${weighting.members.length} gewichten afgekapt`),
    );
    assert.match(book, /- gebied: .*%/);
    assert.match(book, /- leeftijd: .*%/);
    assert.match(book, /buiten de percentagebasis/);
    const row = book.split('\n').find((l) => l.startsWith('| onveilig_buurt |'))!;
    assert.match(row, /\| 3 \|/, 'weet niet (code 3) is listed as a missing code');
  });
});
