import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { groupSchema } from '../definition/questionnaire.schema.ts';
import { QuestionFields } from './question-fields.tsx';

const group = groupSchema.parse({
  name: 'groep',
  title: { nl: 'Groep' },
  questions: [
    { name: 'leeftijd', text: { nl: 'Hoe oud bent u?' }, theme: 'wonen', type: 'number' },
    {
      name: 'veilig',
      text: { nl: 'Voelt u zich veilig?' },
      theme: 'wonen',
      type: 'single_choice',
      choices: [
        { value: 'ja', label: { nl: 'Ja' } },
        { value: 'nee', label: { nl: 'Nee' } },
      ],
    },
    { name: 'toelichting', text: { nl: 'Toelichting' }, theme: 'wonen', type: 'open_text' },
  ],
});

function render(errors: Record<string, string>): string {
  return renderToString(
    <QuestionFields
      group={group}
      asked={() => true}
      answers={{}}
      errors={errors}
      language="nl"
      buurten={[]}
    />,
  );
}

describe('survey fields with an error', () => {
  it('say aria-invalid="true" on the question and its text box, and nowhere else', () => {
    const html = render({ leeftijd: 'Vul een getal in.', veilig: 'Kies een antwoord.' });
    const fieldset = (name: string) =>
      new RegExp(`<fieldset[^>]*id="vraag-${name}"[^>]*>`).exec(html)?.[0] ?? '';
    assert.match(fieldset('leeftijd'), /aria-invalid="true"/);
    assert.match(fieldset('veilig'), /aria-invalid="true"/);
    assert.doesNotMatch(fieldset('toelichting'), /aria-invalid/);
    assert.match(html, /<input[^>]*name="leeftijd"[^>]*aria-invalid="true"/);
    assert.doesNotMatch(/<textarea[^>]*>/.exec(html)?.[0] ?? '', /aria-invalid/);
  });

  it('have no aria-invalid when there is no error', () => {
    assert.doesNotMatch(render({}), /aria-invalid/);
  });
});
