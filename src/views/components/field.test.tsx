import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { render } from 'preact-render-to-string';
import { describedBy, Field, FieldError } from './field.tsx';
import { fieldId } from './form.tsx';

describe('Field', () => {
  it('labels the control and shows explanation and error with the ids the control refers to', () => {
    const html = render(
      <Field name="reden" label="Reden" description="Waarom?" error="Vul een reden in.">
        <input id={fieldId('reden')} name="reden" />
      </Field>,
    );
    const id = fieldId('reden');
    assert.match(html, /^<div class="utrecht-form-field utrecht-form-field--invalid">/);
    assert.match(html, new RegExp(`<label class="utrecht-form-label" for="${id}">Reden</label>`));
    assert.match(
      html,
      new RegExp(`<div class="utrecht-form-field-description" id="${id}-uitleg">Waarom\\?</div>`),
    );
    assert.match(
      html,
      new RegExp(
        `<div class="utrecht-form-field-error-message" id="${id}-fout">Vul een reden in.</div>`,
      ),
    );
    // Order: label, explanation, error, control.
    assert.ok(html.indexOf('-uitleg') < html.indexOf('-fout'));
    assert.ok(html.indexOf('-fout') < html.indexOf('utrecht-form-field__input'));
  });

  it('leaves out explanation and error when there are none, and escapes the label', () => {
    const html = render(
      <Field name="naam" label={'<script>x</script>'}>
        <input />
      </Field>,
    );
    assert.match(html, /^<div class="utrecht-form-field">/);
    assert.doesNotMatch(html, /-uitleg|-fout|<script>/);
    assert.match(html, /&lt;script>x&lt;\/script>/);
  });

  it('FieldError renders nothing without an error', () => {
    assert.equal(render(<FieldError name="x" error={undefined} />), '');
  });

  it('takes the control id when it is not fieldId(name), for label and error', () => {
    const html = render(
      <Field name="naam" id="veld-naam-2" label="Naam" error="Vul een naam in.">
        <input id="veld-naam-2" />
      </Field>,
    );
    assert.match(html, /<label class="utrecht-form-label" for="veld-naam-2">/);
    assert.match(html, /id="veld-naam-2-fout"/);
  });
});

describe('describedBy', () => {
  it('lists explanation then error, and is undefined without either', () => {
    assert.equal(
      describedBy('veld-x', { description: 'Uitleg', error: 'Fout' }),
      'veld-x-uitleg veld-x-fout',
    );
    assert.equal(describedBy('veld-x', { error: 'Fout' }), 'veld-x-fout');
    assert.equal(describedBy('veld-x', { description: true }), 'veld-x-uitleg');
    assert.equal(describedBy('veld-x', { description: '', error: undefined }), undefined);
  });
});
