import { fieldId, type FieldErrors } from '../../../views/components/form.tsx';
import { describedBy as fieldDescribedBy, Field } from '../../../views/components/field.tsx';

export { Field };
export type { FieldErrors };

function describedBy(name: string, error: string | undefined): string | undefined {
  return fieldDescribedBy(fieldId(name), { error });
}

export function idKey(prefix: string | undefined, name: string): string {
  return prefix ? `${prefix}-${name}` : name;
}

/** Errors keyed by prefixed field names, so the summary links reach the right form. */
export function prefixed(prefix: string, errors: FieldErrors): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [idKey(prefix, k), v]));
}

export function Input(props: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FieldErrors;
  type?: 'text' | 'date' | 'email';
  inputmode?: 'decimal' | 'numeric';
  required?: boolean;
  /** Several forms on one page: the prefix keeps element ids unique. */
  prefix?: string;
}) {
  const error = props.errors[props.name];
  const key = idKey(props.prefix, props.name);
  return (
    <Field name={key} label={props.label} error={error}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(key)}
        name={props.name}
        type={props.type ?? 'text'}
        inputMode={props.inputmode}
        value={props.values[props.name] ?? ''}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(key, error)}
      />
    </Field>
  );
}

export function Choice(props: {
  name: string;
  label: string;
  values: Record<string, string>;
  errors: FieldErrors;
  options: readonly { value: string; label: string }[];
  prefix?: string;
}) {
  const error = props.errors[props.name];
  const current = props.values[props.name] ?? '';
  const key = idKey(props.prefix, props.name);
  return (
    <Field name={key} label={props.label} error={error}>
      <select
        class={`utrecht-select utrecht-select--html-select${error ? ' utrecht-select--invalid' : ''}`}
        id={fieldId(key)}
        name={props.name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(key, error)}
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
