import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { projectRoot } from '../../../config.ts';
import { allQuestions } from './answers.ts';
import {
  checkNewVersion,
  loadQuestionnaireJson,
  loadQuestionnaires,
  parseQuestionnaire,
  QuestionnaireError,
} from './load.ts';
import type { QuestionnaireInput } from './questionnaire.schema.ts';
import { loadXlsForm } from './xlsform.ts';
import { fixture } from '../test-fixtures.ts';

const shipped = path.join(projectRoot, 'questionnaires');

/** A deep copy of the FIXTURE questionnaire to break in one place. */
const copy = (): QuestionnaireInput => JSON.parse(JSON.stringify(fixture)) as QuestionnaireInput;

function refused(raw: unknown, pattern: RegExp) {
  assert.throws(
    () => parseQuestionnaire(raw, 'fixture.json'),
    (e: unknown) => e instanceof QuestionnaireError && pattern.test(e.message),
  );
}

describe('the shipped questionnaires', async () => {
  const all = await loadQuestionnaires(shipped, loadXlsForm);
  const residents = all.find((q) => q.key === 'bewonersenquete-dordt-west');
  const pros = all.find((q) => q.key === 'professionals-dordt-west');

  it('load, in Dutch and English, with the variables the monitor and the weighting use', () => {
    assert.ok(residents && pros);
    const byName = new Map(
      allQuestions(residents).map(({ question }) => [question.name, question]),
    );
    const onveilig = byName.get('onveilig_buurt');
    assert.equal(onveilig?.type, 'single_choice');
    assert.deepEqual(onveilig?.type === 'single_choice' && onveilig.choices.map((c) => c.value), [
      'ja',
      'nee',
      'weet_niet',
    ]);
    assert.equal(byName.get('tevreden_woning')?.type, 'agree_scale');
    assert.equal(byName.get('tevreden_buurt')?.type, 'agree_scale');
    assert.equal(byName.get('woonbuurt')?.type, 'buurt_choice');
    assert.equal(byName.get('themas_volgorde')?.type, 'theme_ranking');
    assert.deepEqual(residents.weighting, {
      buurt: 'woonbuurt',
      ageGroup: 'leeftijdsgroep',
      sex: 'geslacht',
    });
    const age = byName.get('leeftijdsgroep');
    assert.deepEqual(age?.type === 'single_choice' && age.choices.map((c) => c.value), [
      '15_24',
      '25_44',
      '45_64',
      '65_plus',
    ]);
    assert.deepEqual(residents.languages, ['nl', 'en']);
    // Every one of the five themes has a question.
    const themes = new Set(allQuestions(residents).map(({ question }) => question.theme));
    for (const t of [
      'gezond-leven',
      'wonen',
      'werk-en-inkomen',
      'onderwijs',
      'veiligheid-en-leefbaarheid',
    ]) {
      assert.ok(themes.has(t as never), t);
    }
  });

  it('the professionals (an XLSForm) choose their organisation by the Alliance sectors', () => {
    const org = allQuestions(pros!).find(
      ({ question }) => question.name === 'organisatie_type',
    )?.question;
    assert.ok(org?.type === 'single_choice');
    assert.deepEqual(
      org.choices.map((c) => c.value),
      [
        'gemeente',
        'woningcorporatie',
        'primair_onderwijs',
        'voortgezet_onderwijs',
        'ondernemers',
        'sociaal_wijkteam',
        'politie',
        'rijk',
      ],
    );
    assert.equal(pros!.weighting, undefined);
  });
});

describe('questionnaire files are checked', () => {
  it('names an unknown question type with its place', () => {
    const raw = copy();
    (raw.groups[0]!.questions[0] as { type: string }).type = 'slider';
    refused(
      raw,
      /fixture\.json.*groups\[0\] \(werk\)\.questions\[0\] \(heeft_werk\).*onbekend soort vraag/,
    );
  });
  it('refuses a variable name used twice', () => {
    const raw = copy();
    (raw.groups[1]!.questions[0] as { name: string }).name = 'heeft_werk';
    refused(raw, /vraagnaam "heeft_werk" staat er twee keer in/);
  });
  it('refuses skip logic that looks ahead or names an answer that does not exist', () => {
    const ahead = copy();
    ahead.groups[0]!.questions[0]!.showIf = { question: 'cijfer_buurt', gte: 6 };
    refused(ahead, /showIf noemt vraag "cijfer_buurt", maar die komt niet eerder/);
    const value = copy();
    value.groups[0]!.questions[1]!.showIf = { question: 'heeft_werk', equals: 'soms' };
    refused(
      value,
      /antwoord "soms" van vraag "heeft_werk", maar dat antwoord bestaat niet \(wel: ja, nee\)/,
    );
    const selected = copy();
    selected.groups[0]!.questions[1]!.showIf = { question: 'heeft_werk', selected: 'ja' };
    refused(selected, /"selected" bij vraag "heeft_werk", maar dat is geen meerkeuzevraag/);
  });
  it('refuses a language without text on every label', () => {
    const raw = copy();
    delete (raw.groups[0]!.questions[0]!.text as { en?: string }).en;
    refused(raw, /questions \(heeft_werk\)\.text": tekst in taal "en" ontbreekt/);
  });
  it('refuses weighting on a question that does not exist or does not fit', () => {
    const raw = {
      ...copy(),
      weighting: { buurt: 'heeft_werk', ageGroup: 'bestaat_niet', sex: 'heeft_werk' },
    };
    refused(raw, /weging op vraag "heeft_werk" kan niet: dat moet een buurt_choice zijn/);
  });
  it('names a file that is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-vragenlijst-'));
    const file = path.join(dir, 'kapot.json');
    fs.writeFileSync(file, '{ "key": ');
    assert.throws(() => loadQuestionnaireJson(file), /kapot\.json: geen geldige JSON/);
  });
});

describe('questionnaire versions', () => {
  it('refuses a new version that changes the type of a question', () => {
    const v1 = parseQuestionnaire(copy(), 'v1');
    const raw = { ...copy(), version: 3 };
    const q = raw.groups[1]!.questions[0] as { type: string; choices?: unknown };
    q.type = 'single_choice';
    q.choices = [
      { value: 'goed', label: { nl: 'Goed', en: 'Good' } },
      { value: 'slecht', label: { nl: 'Slecht', en: 'Bad' } },
    ];
    const v3 = parseQuestionnaire(raw, 'v3');
    assert.throws(
      () => checkNewVersion(v1, v3),
      /vraag "cijfer_buurt" was grade in versie 2 en mag niet veranderen in single_choice/,
    );
    assert.throws(() => checkNewVersion(v1, v1), /het versienummer moet hoger zijn dan 2/);
    const reworded = { ...copy(), version: 4 };
    reworded.groups[0]!.questions[0]!.text = { nl: 'Werkt u?', en: 'Do you work?' };
    assert.doesNotThrow(() => checkNewVersion(v1, parseQuestionnaire(reworded, 'v4')));
  });

  it('loading a folder checks each version against the one before', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wk-vragenlijsten-'));
    fs.writeFileSync(path.join(dir, 'a-v2.json'), JSON.stringify(copy()));
    const changed = { ...copy(), version: 5 };
    const uren = changed.groups[0]!.questions[1] as { type: string; min?: number; max?: number };
    uren.type = 'open_text';
    delete uren.min;
    delete uren.max;
    fs.writeFileSync(path.join(dir, 'a-v5.json'), JSON.stringify(changed));
    await assert.rejects(loadQuestionnaires(dir), /vraag "uren" was number in versie 2/);
  });
});
