import { describedBy, Field, FieldError } from '../../../views/components/field.tsx';
import { fieldId } from '../../../views/components/form.tsx';
import type { FieldErrors, FormBody } from '../participation.forms.ts';

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

export function TextArea(props: {
  name: string;
  label: string;
  values: FormBody;
  errors: FieldErrors;
  description?: string;
  required?: boolean;
}) {
  const error = props.errors[props.name];
  return (
    <Field name={props.name} label={props.label} error={error} description={props.description}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={3}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(props.name), {
          description: props.description,
          error,
        })}
      >
        {value(props.values, props.name)}
      </textarea>
    </Field>
  );
}

export function Select(props: {
  name: string;
  label: string;
  values: FormBody;
  errors: FieldErrors;
  options: readonly { value: string; label: string }[];
  description?: string;
}) {
  const error = props.errors[props.name];
  const current = value(props.values, props.name);
  return (
    <Field name={props.name} label={props.label} error={error} description={props.description}>
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(props.name), {
          description: props.description,
          error,
        })}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
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
