import { describedBy, Field, FieldError } from '../../../views/components/field.tsx';
import { fieldId } from '../../../views/components/form.tsx';
import type { FieldErrors, FormBody } from '../participation.forms.ts';
import {
  Select as KitSelect,
  TextArea as KitTextArea,
} from '../../../views/components/form-controls.tsx';

/** Form parts of the participation pages: label above, error by the field, GOV.UK summary. */

export function value(values: FormBody, name: string): string {
  const v = values[name];
  return typeof v === 'string' ? v : '';
}

export function TextInput(props: {
  name: string;
  label: string;
  values: FormBody;
  errors: FieldErrors;
  description?: string;
  type?: 'text' | 'date' | 'time' | 'number';
  required?: boolean;
  autocomplete?: string;
}) {
  const error = props.errors[props.name];
  return (
    <Field name={props.name} label={props.label} error={error} description={props.description}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        type={props.type ?? 'text'}
        value={value(props.values, props.name)}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        {...(props.type === 'number' ? { min: '0', inputMode: 'numeric' } : {})}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(props.name), {
          description: props.description,
          error,
        })}
      />
    </Field>
  );
}

/** The shared kit's text area, read from the form's values and errors. */
export function TextArea(props: {
  name: string;
  label: string;
  values: FormBody;
  errors: FieldErrors;
  description?: string;
  required?: boolean;
}) {
  return (
    <KitTextArea
      name={props.name}
      label={props.label}
      value={value(props.values, props.name)}
      error={props.errors[props.name]}
      description={props.description}
      rows={3}
      required={props.required}
    />
  );
}

/** The shared kit's select, read from the form's values and errors. */
export function Select(props: {
  name: string;
  label: string;
  values: FormBody;
  errors: FieldErrors;
  options: readonly { value: string; label: string }[];
  description?: string;
}) {
  return (
    <KitSelect
      name={props.name}
      label={props.label}
      value={value(props.values, props.name)}
      error={props.errors[props.name]}
      options={props.options}
      description={props.description}
    />
  );
}

/**
 * Check boxes or radio buttons in a fieldset. The first box carries the field id, so the error
 * summary's link lands on it.
 */
export function Choices(props: {
  name: string;
  legend: string;
  type: 'checkbox' | 'radio';
  values: FormBody;
  errors: FieldErrors;
  options: readonly { value: string; label: string }[];
}) {
  const error = props.errors[props.name];
  const raw = props.values[props.name];
  const chosen = new Set(typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw : []);
  return (
    <fieldset
      class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`}
      aria-describedby={error ? `${fieldId(props.name)}-fout` : undefined}
    >
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
        {props.legend}
      </legend>
      <FieldError name={props.name} error={error} />
      {props.options.map((o, i) => {
        const id = i === 0 ? fieldId(props.name) : `${fieldId(props.name)}-${i}`;
        return (
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
              class={
                props.type === 'checkbox'
                  ? 'utrecht-checkbox utrecht-checkbox--html-input'
                  : 'utrecht-radio-button utrecht-radio-button--html-input'
              }
              type={props.type}
              id={id}
              name={props.name}
              value={o.value}
              checked={chosen.has(o.value)}
            />{' '}
            <label class="utrecht-form-label" for={id}>
              {o.label}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

export function Submit(props: { label: string; variant?: 'primary' | 'secondary' | 'warning' }) {
  const variant = props.variant ?? 'primary';
  return (
    <button
      type="submit"
      class={`utrecht-button utrecht-button--${variant === 'warning' ? 'warning' : `${variant}-action`}`}
    >
      {props.label}
    </button>
  );
}
