import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { AppError } from '../../../../shared/errors.ts';
import { buildDataset } from '../dataset.ts';
import type { ExportVariable, SurveyDataset } from '../model.ts';
import { utf8Cut } from './byte-writer.ts';
import { savVariables } from './sav-variables.ts';

function withVariable(extra: Partial<ExportVariable> & { name: string }): SurveyDataset {
  const dataset = buildDataset(fixtureQuestionnaires(), []);
  dataset.variables.push({
    label: 'Fixture',
    kind: 'number',
    storage: 'numeric',
    measure: 'scale',
    decimals: 0,
    valueLabels: [],
    missingCodes: [],
    versions: [1],
    ...extra,
  });
  return dataset;
}

describe('SPSS variables', () => {
  it('gives unique 8-byte short names and counts long strings in the dictionary index', () => {
    const dataset = buildDataset(fixtureQuestionnaires(), fixtureResponses());
    const vars = savVariables(dataset);
    const shorts = vars.map((v) => v.shortName);
    assert.equal(new Set(shorts).size, shorts.length);
    for (const s of shorts) assert.match(s, /^[A-Z][A-Z0-9_]{0,7}$/);
    const prio = vars.filter((v) => v.longName.startsWith('prio_')).map((v) => v.shortName);
    assert.deepEqual(prio, ['PRIO_GEZ', 'PRIO_WON', 'PRIO_WER', 'PRIO_OND', 'PRIO_VEI']);
    // Each variable starts where the previous one's 8-byte segments end.
    for (let i = 1; i < vars.length; i++) {
      assert.equal(vars[i]!.dictIndex, vars[i - 1]!.dictIndex + vars[i - 1]!.segments);
    }
    const comment = vars.find((v) => v.longName === 'opmerking')!;
    assert.equal(comment.segments, Math.ceil(comment.width / 8));
    assert.ok(comment.width > 8);
  });

  it('refuses names SPSS cannot take, naming the variable', () => {
    for (const [name, why] of [
      ['x'.repeat(65), 'langer dan 64'],
      ['to', 'gereserveerd'],
    ] as const) {
      assert.throws(
        () => savVariables(withVariable({ name })),
        (e: unknown) =>
          e instanceof AppError && e.message.includes(name) && e.message.includes(why),
      );
    }
  });

  it('refuses more than three missing codes on one variable', () => {
    assert.throws(
      () => savVariables(withVariable({ name: 'fixture_vier', missingCodes: [6, 7, 8, 9] })),
      (e: unknown) => e instanceof AppError && /fixture_vier.*hoogstens drie/.test(e.message),
    );
  });

  it('cuts text at a byte limit without splitting a character', () => {
    assert.equal(utf8Cut('abc', 10).toString(), 'abc');
    assert.equal(utf8Cut('aé', 2).toString(), 'a'); // é takes 2 bytes
    assert.equal(utf8Cut('a’b', 3).toString(), 'a'); // ’ takes 3 bytes
    assert.equal(utf8Cut('a’b', 4).toString(), 'a’');
  });
});
