import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { Select, TextArea } from './form-controls.tsx';
import { fieldId } from './form.tsx';

const options = [
  { value: 'a', label: 'Eerste' },
  { value: 'b', label: 'Tweede' },
];

describe('form controls of the kit', () => {
  it('a select in one of several forms: its own id, label, explanation and error linked to it', () => {
    const html = render(
      <Select
        name="rol"
        label="Rol"
        value="b"
        options={options}
        error="Kies een rol."
        description="Wat doet deze partner?"
        idSuffix="2"
      />,
    );
    const id = `${fieldId('rol')}-2`;
    assert.match(html, new RegExp(`<label class="utrecht-form-label" for="${id}">Rol</label>`));
    assert.match(html, new RegExp(`id="${id}-uitleg">Wat doet deze partner\\?</div>`));
    assert.match(html, new RegExp(`id="${id}-fout">Kies een rol.</div>`));
    assert.match(
      html,
      new RegExp(`<select[^>]*id="${id}"[^>]*aria-describedby="${id}-uitleg ${id}-fout"`),
    );
    assert.match(html, /<option value="b" selected>Tweede<\/option>/);
    assert.doesNotMatch(html, /<option value="a" selected/);
  });

  it('a text area keeps what was typed, its rows and whether it is required', () => {
    const html = render(
      <TextArea
        name="notulen"
        label="Notulen"
        value="<b>tekst</b>"
        error={undefined}
        rows={6}
        required
      />,
    );
    assert.match(html, /<textarea[^>]*rows="6"[^>]*required/);
    assert.match(html, /&lt;b>tekst&lt;\/b><\/textarea>/);
    assert.doesNotMatch(html, /aria-describedby/);
    const empty = render(
      <TextArea name="notulen" label="Notulen" value={undefined} error={undefined} />,
    );
    assert.match(empty, /rows="4"[^>]*><\/textarea>/);
  });
});
