import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../config.ts';
import { allQuestions } from '../definition/answers.ts';
import { loadQuestionnaires } from '../definition/load.ts';
import { loadXlsForm } from '../definition/xlsform.ts';
import { AGE_GROUPS } from '../weighting/adult-margins.ts';

/**
 * The age answers a respondent ticks must be the groups CBS publishes per buurt, the ones the
 * weighting rakes to (15–24, 25–44, 45–64, 65+), and the survey's minimum age must be the lower
 * bound of the youngest group wherever it is stated.
 */

const shipped = path.join(projectRoot, 'questionnaires');

/** "15 tot en met 24 jaar" → "15-24", "65 jaar of ouder" → "65+". */
function groupOfLabel(label: string): string | undefined {
  const range = /^(\d+) tot en met (\d+) jaar$/.exec(label);
  if (range) return `${range[1]}-${range[2]}`;
  const open = /^(\d+) jaar of ouder$/.exec(label);
  return open ? `${open[1]}+` : undefined;
}

function groupOfEnglishLabel(label: string): string | undefined {
  const range = /^(\d+) to (\d+) years$/.exec(label);
  if (range) return `${range[1]}-${range[2]}`;
  const open = /^(\d+) years or older$/.exec(label);
  return open ? `${open[1]}+` : undefined;
}

describe('age groups of the shipped questionnaires', async () => {
  const all = await loadQuestionnaires(shipped, loadXlsForm);
  const weighted = all.filter((q) => q.weighting);
  const minimum = AGE_GROUPS[0].split('-')[0]!;

  it('there is a weighted questionnaire to check', () => {
    assert.ok(weighted.length > 0);
  });

  for (const q of weighted) {
    it(`${q.key}: the age answers are the CBS groups the weighting uses`, () => {
      const age = allQuestions(q).find(
        ({ question }) => question.name === q.weighting!.ageGroup,
      )?.question;
      assert.ok(age?.type === 'single_choice');
      assert.deepEqual(
        age.choices.map((c) => groupOfLabel(c.label.nl)),
        [...AGE_GROUPS],
        'Dutch labels',
      );
      if (q.languages.includes('en')) {
        assert.deepEqual(
          age.choices.map((c) => groupOfEnglishLabel(c.label.en ?? '')),
          [...AGE_GROUPS],
          'English labels',
        );
      }
      // The stored value names the same group, so the results map it without a translation table.
      assert.deepEqual(
        age.choices.map((c) => c.value.replace('_plus', '+').replace('_', '-')),
        [...AGE_GROUPS],
      );
    });

    it(`${q.key}: the minimum age is stated as ${minimum} everywhere`, () => {
      const intro = `${q.intro?.nl ?? ''} ${q.intro?.en ?? ''}`;
      const stated = [...intro.matchAll(/(\d+) (?:jaar en ouder|and over)/g)].map((m) => m[1]);
      assert.ok(stated.length > 0, 'the intro states the minimum age');
      assert.deepEqual([...new Set(stated)], [minimum], intro);
    });
  }

  it('the catalogue says the same minimum age for every survey indicator', () => {
    const catalogue = fs.readFileSync(path.join(projectRoot, 'catalogue/indicators.json'), 'utf8');
    const stated = [...catalogue.matchAll(/bewoners van (\d+) jaar en ouder/g)].map((m) => m[1]);
    assert.ok(stated.length > 0);
    assert.deepEqual([...new Set(stated)], [minimum]);
  });
});
