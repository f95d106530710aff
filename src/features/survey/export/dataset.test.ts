import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  fixtureQuestionnaires,
  fixtureResponses,
} from '../../../../test/fixtures/survey-export/fixture-questionnaire.ts';
import { AppError } from '../../../shared/errors.ts';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { buildDataset } from './dataset.ts';
import type { SurveyDataset } from './model.ts';

function cell(dataset: SurveyDataset, responseId: string, variable: string) {
  const column = dataset.variables.findIndex((v) => v.name === variable);
  assert.notEqual(column, -1, `variable ${variable} exists`);
  const row = dataset.rows.find((r) => r[0] === responseId);
  assert.ok(row, `response ${responseId} exists`);
  return row[column];
}

function variable(dataset: SurveyDataset, name: string) {
  const v = dataset.variables.find((x) => x.name === name);
  assert.ok(v, `variable ${name} exists`);
  return v;
}

/** Asserts a refusal: an AppError whose Dutch message contains every given part. */
function assertRefused(fn: () => unknown, ...parts: string[]) {
  assert.throws(fn, (error: unknown) => {
    assert.ok(error instanceof AppError, 'a coded error');
    for (const part of parts) assert.match(error.message, new RegExp(part));
    return true;
  });
}

describe('survey export dataset', () => {
  const dataset = buildDataset(fixtureQuestionnaires(), fixtureResponses());

  it('has one row per response and the metadata columns first', () => {
    assert.equal(dataset.rows.length, fixtureResponses().length);
    assert.deepEqual(
      dataset.variables.slice(0, 10).map((v) => v.name),
      [
        'respons_id',
        'versie',
        'kanaal',
        'taal',
        'status',
        'datum',
        'weegbuurt',
        'gewicht',
        'gewicht_populatie',
        'gewicht_ongetrimd',
      ],
    );
    assert.equal(dataset.weightVariable, 'gewicht');
    assert.deepEqual(dataset.versions, [1, 2]);
  });

  it('keeps variable names stable: the union over versions in first-seen order', () => {
    const names = dataset.variables.slice(10).map((v) => v.name);
    assert.deepEqual(names, [
      'rapportcijfer',
      'veilig_voelen',
      'st_schoon',
      'st_contact',
      'st_veilig',
      'verbeter_groen',
      'verbeter_verlichting',
      'verbeter_speelplek',
      'verbeter_fietspad',
      'eens_buurt',
      'prio_gezond_leven',
      'prio_wonen',
      'prio_werk_en_inkomen',
      'prio_onderwijs',
      'prio_veiligheid_en_leefbaarheid',
      'opmerking',
      'woonbuurt',
      'jaren',
      // New in version 2, inserted mid-questionnaire there: it comes after what v1 had.
      'huishouden',
    ]);
    assert.deepEqual(variable(dataset, 'verbeter_speelplek').versions, [1]);
    assert.deepEqual(variable(dataset, 'verbeter_fietspad').versions, [2]);
    assert.deepEqual(variable(dataset, 'rapportcijfer').versions, [1, 2]);
    // Labels follow the newest wording.
    assert.equal(variable(dataset, 'rapportcijfer').label, 'Welk rapportcijfer geeft u uw buurt?');
  });

  it('keeps single-choice codes once given, even when version 2 reorders the choices', () => {
    assert.deepEqual(variable(dataset, 'veilig_voelen').valueLabels, [
      { code: 1, label: 'Vaak' },
      { code: 2, label: 'Soms' },
      { code: 3, label: 'Nooit' },
      { code: 4, label: 'Weet ik niet' },
      { code: 5, label: 'Altijd' },
    ]);
    assert.deepEqual(variable(dataset, 'veilig_voelen').missingCodes, [4]);
    assert.equal(cell(dataset, 'fixture-r1', 'veilig_voelen'), 2); // soms, v1
    assert.equal(cell(dataset, 'fixture-r4', 'veilig_voelen'), 1); // vaak, v2 (4th there)
    assert.equal(cell(dataset, 'fixture-r3', 'veilig_voelen'), 5); // altijd, new in v2
    assert.equal(cell(dataset, 'fixture-r2', 'veilig_voelen'), 4); // weet niet: missing code
  });

  it('splits multiple choice into 0/1, missing when not answered or not offered', () => {
    assert.equal(cell(dataset, 'fixture-r1', 'verbeter_groen'), 1);
    assert.equal(cell(dataset, 'fixture-r1', 'verbeter_verlichting'), 0);
    assert.equal(cell(dataset, 'fixture-r1', 'verbeter_speelplek'), 1);
    // Version 1 did not offer fietspad: not 0 but missing.
    assert.equal(cell(dataset, 'fixture-r1', 'verbeter_fietspad'), null);
    // Nothing ticked is not an answer.
    assert.equal(cell(dataset, 'fixture-r2', 'verbeter_groen'), null);
    assert.equal(cell(dataset, 'fixture-r3', 'verbeter_fietspad'), 1);
    assert.equal(cell(dataset, 'fixture-r3', 'verbeter_speelplek'), null);
  });

  it('codes agree scale 1–5 with weet niet as missing code 9, and ranks per theme', () => {
    assert.equal(cell(dataset, 'fixture-r1', 'eens_buurt'), 4);
    assert.equal(cell(dataset, 'fixture-r2', 'eens_buurt'), 9);
    assert.deepEqual(variable(dataset, 'eens_buurt').missingCodes, [9]);
    assert.equal(cell(dataset, 'fixture-r1', 'prio_wonen'), 1);
    assert.equal(cell(dataset, 'fixture-r1', 'prio_onderwijs'), 2);
    assert.equal(cell(dataset, 'fixture-r1', 'prio_gezond_leven'), 3);
    assert.equal(cell(dataset, 'fixture-r1', 'prio_werk_en_inkomen'), 0); // answered, unranked
    assert.equal(cell(dataset, 'fixture-r2', 'prio_wonen'), null); // not answered
  });

  it('fills metadata: codes for channel and language, Amsterdam date, weight', () => {
    assert.equal(cell(dataset, 'fixture-r2', 'kanaal'), 3);
    assert.equal(cell(dataset, 'fixture-r3', 'taal'), 2);
    // 23:30 UTC on 14 November is 15 November in the Netherlands.
    assert.equal(cell(dataset, 'fixture-r1', 'datum'), '2026-11-15');
    assert.equal(cell(dataset, 'fixture-r4', 'gewicht'), 0.6);
    assert.equal(cell(dataset, 'fixture-r3', 'st_contact'), null);
    assert.equal(cell(dataset, 'fixture-r3', 'woonbuurt'), '3314AB');
  });

  it('sets no weight variable when no response has a weight', () => {
    const unweighted = fixtureResponses().map(({ weight: _weight, ...r }) => r);
    const plain = buildDataset(fixtureQuestionnaires(), unweighted);
    assert.equal(plain.weightVariable, undefined);
  });

  it('refuses answers that do not fit, naming response and question', () => {
    const responses = fixtureResponses();
    responses[1]!.answers = { ...responses[1]!.answers, rapportcijfer: 11 };
    assertRefused(
      () => buildDataset(fixtureQuestionnaires(), responses),
      'fixture-r2',
      'rapportcijfer',
      'rapportcijfer van 1 tot en met 10',
    );
    const other = fixtureResponses();
    other[0]!.answers = { ...other[0]!.answers, huishouden: 'gezin' };
    assertRefused(
      () => buildDataset(fixtureQuestionnaires(), other),
      'fixture-r1',
      'versie 1',
      'huishouden',
    );
    const choice = fixtureResponses();
    choice[2]!.answers = { ...choice[2]!.answers, verbeter: ['speelplek'] };
    assertRefused(() => buildDataset(fixtureQuestionnaires(), choice), 'fixture-r3', 'speelplek');
  });

  it('refuses a response of a version not given, and bad metadata with its field', () => {
    const responses = fixtureResponses();
    responses[0]!.version = 3;
    assertRefused(() => buildDataset(fixtureQuestionnaires(), responses), 'fixture-r1', 'versie 3');
    const bad = fixtureResponses();
    (bad[1] as { channel: string }).channel = 'telefoon';
    assertRefused(() => buildDataset(fixtureQuestionnaires(), bad), 'Respons 2', 'channel');
  });

  it('refuses a type change between versions and versions of different questionnaires', () => {
    const [v1, v2] = fixtureQuestionnaires();
    const changed = structuredClone(v2!);
    const q = changed.groups[0]!.questions.find((x) => x.name === 'jaren')!;
    Object.assign(q, { type: 'open_text', maxLength: 100 });
    assertRefused(() => buildDataset([v1!, changed], []), 'jaren', 'vraagtype');
    const other = questionnaireSchema.parse({ ...v2!, key: 'fixture-andere' });
    assertRefused(() => buildDataset([v1!, other], []), 'fixture-andere');
    assertRefused(() => buildDataset([v1!, v1!], []), 'twee keer');
  });

  it('refuses a split column that collides with another variable, and a name used twice', () => {
    const [v1] = fixtureQuestionnaires();
    const clash = structuredClone(v1!);
    clash.groups[0]!.questions.push({
      name: 'verbeter_groen',
      type: 'grade',
      theme: 'wonen',
      required: false,
      text: { nl: 'Fixture-botsing' },
    });
    assertRefused(() => buildDataset([clash], []), 'verbeter_groen');
    const twice = structuredClone(v1!);
    twice.groups[0]!.questions.push(structuredClone(twice.groups[0]!.questions[0]!));
    assertRefused(() => buildDataset([twice], []), 'rapportcijfer', 'twee keer', 'versie 1');
  });
});
