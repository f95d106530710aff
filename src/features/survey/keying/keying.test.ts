import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { fixtureAllTypes } from '../test-fixtures.ts';
import { compareEntries, needsSecondEntry } from './double-entry.ts';
import { keyedText, keyingItems, parseKeyedForm } from './keying-codes.ts';

const q = questionnaireSchema.parse(fixtureAllTypes);

describe('keying paper forms by code', () => {
  it('offers one field per variable, labelled as on paper, with its codes', () => {
    const fields = keyingItems(q).flatMap((i) => i.fields);
    assert.deepEqual(
      fields.slice(0, 3).map((f) => [f.field, f.label, f.codes]),
      [
        ['heeft_werk', 'Vraag 1', '1 Ja · 2 Nee'],
        ['uren', 'Vraag 2', 'een getal'],
        [
          'tevreden_werk',
          'Vraag 3',
          '1 Helemaal oneens · 2 Oneens · 3 Niet eens, niet oneens · 4 Eens · 5 Helemaal eens · 9 Weet niet',
        ],
      ],
    );
    assert.ok(fields.some((f) => f.field === 'st_veilig' && f.label === 'Vraag 8b'));
    assert.equal(fields.filter((f) => f.field.startsWith('themas__')).length, 5);
  });

  it('turns codes into answers of every type', () => {
    const r = parseKeyedForm(q, {
      heeft_werk: '1',
      uren: '32',
      tevreden_werk: '9',
      cijfer_buurt: '8',
      verbeteren: '2 1',
      toelichting: 'Meer lampen',
      waarom_hoog: 'Fijne buren',
      st_schoon: '3',
      st_veilig: '1',
      themas__wonen: '1',
      themas__onderwijs: '2',
      'themas__gezond-leven': '3',
      woonbuurt: '3314 ab',
    });
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.answers, {
      heeft_werk: 'ja',
      uren: 32,
      tevreden_werk: 'weet_niet',
      cijfer_buurt: 8,
      verbeteren: ['groen', 'verlichting'],
      toelichting: 'Meer lampen',
      waarom_hoog: 'Fijne buren',
      st_schoon: 'oneens',
      st_veilig: 'eens',
      themas: ['wonen', 'onderwijs', 'gezond-leven'],
      woonbuurt: '3314AB',
    });
    // And back: what the keyer typed, normalised.
    assert.equal(keyedText(q, r.answers).verbeteren, '1 2');
    assert.equal(keyedText(q, r.answers)['themas__onderwijs'], '2');
  });

  it('names the question of every wrong code and keeps nothing then', () => {
    const r = parseKeyedForm(q, {
      heeft_werk: '3',
      cijfer_buurt: '11',
      verbeteren: '1 7',
      themas__wonen: '1',
      themas__onderwijs: '1',
    });
    assert.deepEqual(
      r.problems.map((p) => p.message),
      [
        'Vraag 1: typ één code van 1 tot en met 2.',
        'Vraag 4: typ een cijfer van 1 tot en met 10.',
        'Vraag 5: typ codes van 1 tot en met 2, met een spatie ertussen.',
        "Vraag 9: twee thema's hebben dezelfde plaats.",
      ],
    );
  });

  it('keeps answers the routing skips apart, and says which', () => {
    // Before: these answers were deleted and only a list of question numbers survived.
    const r = parseKeyedForm(q, {
      heeft_werk: '2',
      uren: '20',
      cijfer_buurt: '5',
      waarom_hoog: 'x',
    });
    assert.deepEqual(r.problems, []);
    assert.equal(r.answers.uren, undefined);
    assert.equal(r.answers.waarom_hoog, undefined);
    assert.deepEqual(r.skipped, { uren: 20, waarom_hoog: 'x' });
    assert.deepEqual(r.skippedQuestions, ['Vraag 2', 'Vraag 7']);
    // Everything typed stays in the entry, so double entry compares it too.
    assert.deepEqual(r.keyed, { heeft_werk: 'nee', uren: 20, cijfer_buurt: 5, waarom_hoog: 'x' });
  });

  it('an answer behind a skipped question cannot open its follow-up', () => {
    const chained = questionnaireSchema.parse({
      ...fixtureAllTypes,
      groups: [
        {
          ...fixtureAllTypes.groups[0]!,
          questions: [
            ...fixtureAllTypes.groups[0]!.questions,
            {
              name: 'lang_werk',
              type: 'open_text',
              theme: 'werk-en-inkomen',
              text: { nl: 'Waarom zo lang?' },
              showIf: { question: 'uren', gte: 40 },
            },
          ],
        },
      ],
    });
    // Nee skips "uren"; the 45 hours keyed there must not open "lang_werk".
    const r = parseKeyedForm(chained, { heeft_werk: '2', uren: '45', lang_werk: 'x' });
    assert.deepEqual(r.answers, { heeft_werk: 'nee' });
    assert.deepEqual(r.skipped, { uren: 45, lang_werk: 'x' });
    assert.deepEqual(r.skippedQuestions, ['Vraag 2', 'Vraag 4']);
  });

  it('accepts the buurt numbers printed on the form, and the printed CBS codes', () => {
    const buurten = [
      { code: 'BU05050302', name: 'Wielwijk-Noord' },
      { code: 'BU05050301', name: 'Crabbehof-Zuid' },
    ];
    const field = keyingItems(q, buurten)
      .flatMap((i) => i.fields)
      .find((f) => f.field === 'woonbuurt');
    assert.equal(
      field?.codes,
      '1 Crabbehof-Zuid · 2 Wielwijk-Noord, of buurtcode (BU…) of postcode',
    );
    assert.equal(parseKeyedForm(q, { woonbuurt: '2' }, buurten).answers.woonbuurt, 'BU05050302');
    assert.equal(
      parseKeyedForm(q, { woonbuurt: 'bu05050301' }, buurten).answers.woonbuurt,
      'BU05050301',
    );
    assert.deepEqual(
      parseKeyedForm(q, { woonbuurt: '3' }, buurten).problems.map((p) => p.message),
      [
        'Vraag 10: typ het nummer van de buurt (1 tot en met 2), een buurtcode (BU en 8 cijfers) of een postcode.',
      ],
    );
  });
});

describe('double entry', () => {
  it('picks about the chosen share of forms, the same way every time', () => {
    const picked = Array.from({ length: 2000 }, (_, i) => i + 1).filter((n) =>
      needsSecondEntry('fixture-geheim', 'fixture', n, 0.1),
    );
    assert.ok(picked.length > 150 && picked.length < 250, `${picked.length} of 2000`);
    assert.equal(needsSecondEntry('fixture-geheim', 'fixture', picked[0]!, 0.1), true);
    assert.equal(needsSecondEntry('fixture-geheim', 'fixture', 5, 0), false);
    assert.equal(needsSecondEntry('fixture-geheim', 'fixture', 5, 1), true);
    // Another secret gives another set: a keyer cannot learn the pattern from the numbers.
    const other = Array.from({ length: 2000 }, (_, i) => i + 1).filter((n) =>
      needsSecondEntry('ander-geheim', 'fixture', n, 0.1),
    );
    assert.notDeepEqual(other.slice(0, 10), picked.slice(0, 10));
  });

  it('lists every field where two entries differ, as on paper', () => {
    const a = parseKeyedForm(q, {
      heeft_werk: '1',
      uren: '32',
      cijfer_buurt: '7',
      st_veilig: '1',
    }).answers;
    const b = parseKeyedForm(q, {
      heeft_werk: '1',
      uren: '23',
      cijfer_buurt: '7',
      st_veilig: '2',
      woonbuurt: 'BU05050301',
    }).answers;
    assert.deepEqual(compareEntries(q, a, b), [
      { field: 'uren', label: 'Vraag 2', first: '32', second: '23' },
      { field: 'st_veilig', label: 'Vraag 8b', first: '1', second: '2' },
      { field: 'woonbuurt', label: 'Vraag 10', first: '', second: 'BU05050301' },
    ]);
    assert.deepEqual(compareEntries(q, a, a), []);
  });
});
