import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { questionnaireSchema } from '../definition/questionnaire.schema.ts';
import { parseKeyedForm } from '../keying/keying-codes.ts';
import { fixture, fixtureAllTypes } from '../test-fixtures.ts';
import { PaperForm } from './paper-form.tsx';
import { instructionText, numberQuestions, paperJumps } from './routing.ts';

const q = questionnaireSchema.parse(fixture);

describe('paper questionnaire routing', () => {
  const numbered = numberQuestions(q);

  it('numbers questions through all groups', () => {
    assert.deepEqual(
      numbered.map((n) => [n.number, n.question.name]),
      [
        [1, 'heeft_werk'],
        [2, 'uren'],
        [3, 'tevreden_werk'],
        [4, 'cijfer_buurt'],
        [5, 'verbeteren'],
        [6, 'toelichting'],
        [7, 'waarom_hoog'],
      ],
    );
  });

  it('writes "ga door naar" beside the answers that skip the next questions', () => {
    const jumps = paperJumps(numbered);
    assert.deepEqual([...(jumps.get('heeft_werk') ?? [])], [['nee', 4]]);
    // A low mark skips the last question: the jump goes to the end.
    const grade = jumps.get('cijfer_buurt');
    assert.equal(grade, undefined, 'question 5 follows 4 for everyone, so no jump from 4');
    // Question 6 depends on two questions: no jump from 5, the words say it instead.
    assert.equal(jumps.get('verbeteren'), undefined);
  });

  it('jumps to the end when the last questions are skipped', () => {
    const short = questionnaireSchema.parse({
      ...fixture,
      groups: [fixture.groups[1]!].map((g) => ({
        ...g,
        questions: [g.questions[0]!, g.questions[3]!],
      })),
    });
    const jumps = paperJumps(numberQuestions(short));
    const grade = jumps.get('cijfer_buurt');
    assert.equal(grade?.get('7'), 'einde');
    assert.equal(grade?.get('8'), undefined);
    assert.equal(grade?.size, 7);
  });

  it('says at each conditional question, in words, when to answer it', () => {
    const at = (name: string, language: 'nl' | 'en' = 'nl') =>
      instructionText(
        numbered.find((n) => n.question.name === name)!,
        numbered,
        language,
      );
    assert.equal(at('heeft_werk'), undefined);
    assert.equal(at('uren'), 'Alleen invullen als u bij vraag 1 ‘Ja’ hebt gekozen.');
    assert.equal(
      at('toelichting'),
      'Alleen invullen als u bij vraag 5 ‘Verlichting’ hebt aangekruist of bij vraag 1 ‘Nee’ hebt gekozen.',
    );
    assert.equal(at('waarom_hoog'), 'Alleen invullen als u bij vraag 4 8 of hoger hebt ingevuld.');
    assert.equal(at('uren', 'en'), 'Only answer if you chose ‘Yes’ at question 1.');
  });
});

describe('paper form', () => {
  it('prints the form number, numbered questions, boxes and routing in Dutch', () => {
    const html = render(<PaperForm questionnaire={q} language="nl" formNumber={42} />);
    assert.match(html, /data-form-number="000042"/);
    assert.match(html, /Formuliernummer: <strong>000042<\/strong>/);
    assert.match(html, /fixture-papier versie 2/);
    assert.match(
      html,
      /data-value="nee" data-code="2"><span class="wk-paper__box"[^>]*><\/span><span class="wk-paper__code">2<\/span> Nee<strong class="wk-paper__goto" data-goto="4"> → Ga door naar vraag 4<\/strong>/,
    );
    assert.equal((html.match(/class="wk-paper__question"/g) ?? []).length, 7);
    assert.match(html, /Helemaal oneens/);
    assert.match(html, /U mag meer dan één hokje aankruisen\./);
  });

  it('prints an empty box for the number on unnumbered forms, and English text', () => {
    const html = render(<PaperForm questionnaire={q} language="en" />);
    assert.match(html, /data-form-number[ >]/);
    assert.match(html, /Form number: <span class="wk-paper__write/);
    assert.match(html, /Do you have paid work\?/);
    assert.match(html, /→ Go to question 4/);
    assert.match(html, /lang="en" dir="ltr"/);
  });

  it('lists the buurten to tick where they are given', () => {
    const html = render(
      <PaperForm
        questionnaire={questionnaireSchema.parse({
          ...fixture,
          groups: [
            {
              name: 'waar',
              title: { nl: 'Waar', en: 'Where' },
              questions: [
                {
                  name: 'buurt',
                  type: 'buurt_choice',
                  theme: 'achtergrond',
                  text: { nl: 'In welke buurt woont u?', en: 'Where do you live?' },
                },
              ],
            },
          ],
        })}
        language="nl"
        buurten={[{ code: 'BU05050301', name: 'Viottakade en omgeving' }]}
      />,
    );
    assert.match(html, /Uw postcode \(4 cijfers en 2 letters\)/);
    assert.match(html, /data-value="BU05050301" data-code="1">.*Viottakade en omgeving/);
  });
});

describe('paper form codes, as the keyer types them', () => {
  const all = questionnaireSchema.parse(fixtureAllTypes);
  const buurten = [
    { code: 'BU05050302', name: 'Wielwijk-Noord' },
    { code: 'BU05050301', name: 'Crabbehof-Zuid' },
  ];
  const html = render(<PaperForm questionnaire={all} language="nl" buurten={buurten} />);

  it('prints a code next to every tick box', () => {
    const boxes = html.match(/<span class="wk-paper__box" aria-hidden="true"><\/span>/g) ?? [];
    const coded =
      html.match(
        /<span class="wk-paper__box" aria-hidden="true"><\/span><span class="wk-paper__code">[0-9]+<\/span>/g,
      ) ?? [];
    assert.ok(boxes.length > 20, `${boxes.length} boxes`);
    assert.equal(coded.length, boxes.length);
  });

  it('lists the buurten with their number and CBS code', () => {
    assert.match(
      html,
      /data-value="BU05050301" data-code="1">.*?<span class="wk-paper__code">1<\/span> Crabbehof-Zuid<span class="wk-paper__value"> \(BU05050301\)<\/span>/,
    );
    assert.match(html, /data-value="BU05050302" data-code="2">/);
  });

  it('every printed code, typed on the keying screen, gives the ticked answer', () => {
    const sections = [
      ...html.matchAll(
        /<section class="wk-paper__question" data-question="([^"]+)"[\s\S]*?<\/section>/g,
      ),
    ];
    let checked = 0;
    for (const [section, name] of sections) {
      const question = numberQuestions(all).find((n) => n.question.name === name)!.question;
      const cells = [...section.matchAll(/data-value="([^"]+)" data-code="([^"]+)"/g)];
      for (const [, value, code] of cells) {
        // A matrix: the code goes into each row's field; the first row is enough here.
        const field = question.type === 'matrix' ? question.rows[0]!.name : name!;
        // Follow-ups are keyed with the answer that asks them, so the routing keeps them.
        const opener = { heeft_werk: '1', cijfer_buurt: '9', verbeteren: '1' };
        const parsed = parseKeyedForm(all, { ...opener, [field]: code }, buurten);
        assert.deepEqual(parsed.problems, [], `${name} code ${code}`);
        const kept = parsed.answers[field];
        const expected = question.type === 'multiple_choice' ? [value] : value;
        assert.deepEqual(
          Array.isArray(kept) ? kept : String(kept),
          expected,
          `${name}: code ${code} is ${value}`,
        );
        checked++;
      }
    }
    assert.ok(checked > 20, `${checked} codes checked`);
  });
});
