import { describedBy, Field } from '../../../views/components/field.tsx';
import { fieldId } from '../../../views/components/form.tsx';

/** Form controls of the Alliance pages: label above, error by the field, linked for readers. */

export function Input(props: {
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
  type?: 'text' | 'date' | 'time';
  description?: string;
  required?: boolean;
  /** Makes the id unique when one page has this field in several forms. */
  idSuffix?: string;
}) {
  const id = props.idSuffix ? `${fieldId(props.name)}-${props.idSuffix}` : fieldId(props.name);
  return (
    <Field {...props} id={id}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${props.error ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Field>
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
  description?: string;
  rows?: number;
}) {
  return (
    <Field {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(fieldId(props.name), props)}
      >
        {props.value ?? ''}
      </textarea>
    </Field>
  );
}

export function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  error: string | undefined;
  description?: string;
  /** The id prefix when one page has this select more than once. */
  idSuffix?: string;
}) {
  const name = props.name;
  const id = props.idSuffix ? `${fieldId(name)}-${props.idSuffix}` : fieldId(name);
  return (
    <Field name={name} label={props.label} error={props.error} id={id}>
      <select
        class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, { error: props.error })}
      >
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Checkbox(props: { name: string; label: string; checked: boolean }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--checkbox">
      <div class="utrecht-form-field__input">
        <input
          class="utrecht-checkbox utrecht-checkbox--html-input"
          type="checkbox"
          id={fieldId(props.name)}
          name={props.name}
          value="ja"
          checked={props.checked}
        />
      </div>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={fieldId(props.name)}>
          {props.label}
        </label>
      </div>
    </div>
  );
}
