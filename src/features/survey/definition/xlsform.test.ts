import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { QuestionnaireError } from './load.ts';
import { parseRelevant } from './relevant.ts';
import { xlsFormToQuestionnaire } from './xlsform.ts';

type Sheet = (string | undefined)[][];

const SURVEY_HEADER = [
  'type',
  'name',
  'label::nl',
  'label::en',
  'hint::nl',
  'hint::en',
  'required',
  'relevant',
  'theme',
  'appearance',
];

/** A FIXTURE XLSForm with every supported type, built in memory. */
function fixtureSurvey(): Sheet {
  return [
    SURVEY_HEADER,
    ['begin group', 'veilig', 'Veiligheid', 'Safety'],
    [
      'select_one jnw',
      'onveilig',
      'Voelt u zich onveilig?',
      'Do you feel unsafe?',
      undefined,
      undefined,
      'yes',
      undefined,
      'veiligheid-en-leefbaarheid',
    ],
    [
      'select_multiple plek',
      'waar',
      'Waar?',
      'Where?',
      'Kies er meer',
      'Choose several',
      undefined,
      "${onveilig} = 'ja'",
      'veiligheid-en-leefbaarheid',
    ],
    [
      'begin group',
      'stellingen',
      'Hoe vaak?',
      'How often?',
      undefined,
      undefined,
      undefined,
      undefined,
      'veiligheid-en-leefbaarheid',
      'field-list table-list',
    ],
    ['select_one vaak', 'vaak_afval', 'Afval', 'Litter', undefined, undefined, 'yes'],
    ['select_one vaak', 'vaak_lawaai', 'Lawaai', 'Noise', undefined, undefined, 'yes'],
    ['end group'],
    ['end group'],
    [
      'begin group',
      'rest',
      'De rest',
      'The rest',
      undefined,
      undefined,
      undefined,
      "not(${onveilig} = '') and (selected(${waar}, 'park') or ${onveilig} != 'nee')",
    ],
    [
      'integer',
      'jaren',
      'Hoeveel jaar?',
      'How many years?',
      undefined,
      undefined,
      undefined,
      undefined,
      'wonen',
    ],
    [
      'decimal',
      'km',
      'Hoeveel km?',
      'How many km?',
      undefined,
      undefined,
      undefined,
      undefined,
      'gezond-leven',
    ],
    ['text', 'idee', 'Idee?', 'Idea?', undefined, undefined, undefined, undefined, 'algemeen'],
    [
      'grade',
      'cijfer',
      'Cijfer?',
      'Mark?',
      undefined,
      undefined,
      undefined,
      '${jaren} >= 2',
      'algemeen',
    ],
    [
      'agree_scale',
      'tevreden',
      'Tevreden.',
      'Happy.',
      undefined,
      undefined,
      undefined,
      '${cijfer} <= 5',
      'wonen',
    ],
    [
      'rank_themes',
      'volgorde',
      'Volgorde?',
      'Order?',
      undefined,
      undefined,
      undefined,
      undefined,
      'algemeen',
    ],
    [
      'buurt',
      'woonbuurt',
      'Buurt?',
      'Neighbourhood?',
      undefined,
      undefined,
      undefined,
      undefined,
      'achtergrond',
    ],
    ['end group'],
  ];
}

function fixtureChoices(): Sheet {
  return [
    ['list_name', 'name', 'label::nl', 'label::en'],
    ['jnw', 'ja', 'Ja', 'Yes'],
    ['jnw', 'nee', 'Nee', 'No'],
    ['plek', 'straat', 'Straat', 'Street'],
    ['plek', 'park', 'Park', 'Park'],
    ['vaak', 'vaak', 'Vaak', 'Often'],
    ['vaak', 'nooit', 'Nooit', 'Never'],
  ];
}

const SETTINGS: Sheet = [
  [
    'form_id',
    'version',
    'form_title::nl',
    'form_title::en',
    'default_language',
    'audience',
    'focus_area',
  ],
  ['fixture-xlsform', '3', 'Fixture', 'Fixture', 'nl', 'professionals', 'dordt-west'],
];

function workbook(survey: Sheet, choices: Sheet = fixtureChoices(), settings: Sheet = SETTINGS) {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows] of [
    ['survey', survey],
    ['choices', choices],
    ['settings', settings],
  ] as const) {
    const ws = wb.addWorksheet(name);
    for (const row of rows) ws.addRow(row.map((c) => c ?? null));
  }
  return wb;
}

/** Round trip through the .xlsx bytes, as a file on disk would be read. */
async function roundTrip(wb: ExcelJS.Workbook) {
  const again = new ExcelJS.Workbook();
  await again.xlsx.load(await wb.xlsx.writeBuffer());
  return again;
}

function refusal(wb: ExcelJS.Workbook): QuestionnaireError {
  try {
    xlsFormToQuestionnaire(wb, 'fixture.xlsx');
  } catch (error) {
    assert.ok(error instanceof QuestionnaireError, String(error));
    return error;
  }
  assert.fail('the XLSForm was accepted');
}

describe('xlsFormToQuestionnaire', () => {
  it('maps every supported type, groups, a table-list matrix and settings', async () => {
    const q = xlsFormToQuestionnaire(await roundTrip(workbook(fixtureSurvey())), 'fixture.xlsx');
    assert.equal(q.key, 'fixture-xlsform');
    assert.equal(q.version, 3);
    assert.equal(q.audience, 'professionals');
    assert.deepEqual(q.languages, ['nl', 'en']);
    assert.deepEqual(
      q.groups.map((g) => g.name),
      ['veilig', 'rest'],
    );
    const [veilig, rest] = q.groups;
    assert.deepEqual(
      veilig?.questions.map((x) => [x.name, x.type]),
      [
        ['onveilig', 'single_choice'],
        ['waar', 'multiple_choice'],
        ['stellingen', 'matrix'],
      ],
    );
    const matrix = veilig?.questions[2];
    assert.ok(matrix?.type === 'matrix');
    assert.deepEqual(
      matrix.rows.map((r) => r.name),
      ['vaak_afval', 'vaak_lawaai'],
    );
    assert.equal(matrix.required, true);
    assert.deepEqual(veilig?.questions[1]?.showIf, { question: 'onveilig', equals: 'ja' });
    assert.deepEqual(veilig?.questions[1]?.help, { nl: 'Kies er meer', en: 'Choose several' });
    assert.deepEqual(
      rest?.questions.map((x) => x.type),
      ['number', 'number', 'open_text', 'grade', 'agree_scale', 'theme_ranking', 'buurt_choice'],
    );
    const [jaren, km] = rest?.questions ?? [];
    assert.ok(jaren?.type === 'number' && km?.type === 'number');
    assert.equal(jaren.integer, true);
    assert.equal(km.integer, false);
    assert.deepEqual(rest?.showIf, {
      all: [
        { not: { question: 'onveilig', answered: false } },
        {
          any: [
            { question: 'waar', selected: 'park' },
            { question: 'onveilig', notEquals: 'nee' },
          ],
        },
      ],
    });
  });

  it('names sheet, row and column for a relevant it cannot read', () => {
    const survey = fixtureSurvey();
    (survey[3] as (string | undefined)[])[7] = "${onveilig} == 'ja'";
    const e = refusal(workbook(survey));
    assert.equal(e.problems[0]?.file, 'fixture.xlsx (blad survey)');
    assert.equal(e.problems[0]?.line, 4);
    assert.equal(e.problems[0]?.column, 8);
    assert.equal(e.problems[0]?.field, 'relevant');
    assert.match(e.message, /routering niet te lezen/);
  });

  it('refuses an unknown question type, naming the row', () => {
    const survey = fixtureSurvey();
    (survey[10] as (string | undefined)[])[0] = 'geopoint';
    const e = refusal(workbook(survey));
    assert.equal(e.problems[0]?.line, 11);
    assert.equal(e.problems[0]?.field, 'type');
    assert.match(e.message, /vraagtype "geopoint" kennen we niet/);
  });

  it('refuses a select with a list that is not on the choices sheet', () => {
    const survey = fixtureSurvey();
    (survey[2] as (string | undefined)[])[0] = 'select_one janee';
    const e = refusal(workbook(survey));
    assert.match(e.message, /keuzelijst "janee" staat niet op het blad choices/);
  });

  it('refuses a table-list group whose selects use different lists', () => {
    const survey = fixtureSurvey();
    (survey[6] as (string | undefined)[])[0] = 'select_one jnw';
    const e = refusal(workbook(survey));
    assert.equal(e.problems[0]?.line, 5);
    assert.equal(e.problems[0]?.field, 'appearance');
  });

  it('refuses a begin group without end group', () => {
    const e = refusal(workbook(fixtureSurvey().slice(0, -1)));
    assert.match(e.message, /begin group "rest" heeft geen end group/);
  });

  it('refuses a missing sheet', () => {
    const wb = workbook(fixtureSurvey());
    wb.removeWorksheet(wb.getWorksheet('choices')?.id ?? -1);
    assert.match(refusal(wb).message, /het blad "choices" ontbreekt/);
  });

  it('refuses a missing English label through the cross-checks, naming the choice', () => {
    const choices = fixtureChoices();
    (choices[4] as (string | undefined)[])[3] = undefined;
    const e = refusal(workbook(fixtureSurvey(), choices));
    assert.match(e.problems[0]?.field ?? '', /\(waar\)\.choices \(park\)\.label/);
    assert.match(e.problems[0]?.message ?? '', /taal "en" ontbreekt/);
  });
});

describe('xlsFormToQuestionnaire trust settings', () => {
  it('reads invitations and trusted_sources from settings, and refuses an unknown source', () => {
    const header = [...SETTINGS[0]!, 'invitations', 'trusted_sources'];
    const row = (sources: string) => [...SETTINGS[1]!, 'verplicht', sources];
    const q = xlsFormToQuestionnaire(
      workbook(fixtureSurvey(), fixtureChoices(), [header, row('uitnodiging open_link')]),
      'fixture.xlsx',
    );
    assert.equal(q.invitations, 'verplicht');
    assert.deepEqual(q.trustedSources, ['uitnodiging', 'open_link']);
    const plain = xlsFormToQuestionnaire(workbook(fixtureSurvey()), 'fixture.xlsx');
    assert.deepEqual(plain.trustedSources, ['uitnodiging', 'interviewer', 'papier']);
    assert.match(
      refusal(workbook(fixtureSurvey(), fixtureChoices(), [header, row('iedereen')])).message,
      /trustedSources/,
    );
  });
});

describe('parseRelevant', () => {
  it('reads the documented subset', () => {
    assert.deepEqual(parseRelevant("${a} = 'x'"), { question: 'a', equals: 'x' });
    assert.deepEqual(parseRelevant('${a} >= 3'), { question: 'a', gte: 3 });
    assert.deepEqual(parseRelevant("${a} != ''"), { question: 'a', answered: true });
    assert.deepEqual(parseRelevant("not(${a} = 'x') or ${b} <= 2 and ${c} = 1"), {
      any: [
        { not: { question: 'a', equals: 'x' } },
        {
          all: [
            { question: 'b', lte: 2 },
            { question: 'c', equals: 1 },
          ],
        },
      ],
    });
  });

  it('refuses what is outside the subset', () => {
    assert.throws(() => parseRelevant('${a} > 3'), /onbekend teken/);
    assert.throws(() => parseRelevant("${a} >= 'x'"), /alleen met een getal/);
    assert.throws(() => parseRelevant("${a} = 'x' ${b}"), /onverwacht/);
    assert.throws(() => parseRelevant("(${a} = 'x'"), /verwacht \)/);
  });
});
