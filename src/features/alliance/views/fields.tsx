import type { ComponentChildren } from 'preact';
import { fieldId } from '../../../views/components/form.tsx';

/** Form controls of the Alliance pages: label above, error by the field, linked for readers. */

/** `idOrName`: a field name, or an id that already starts with "veld-". */
function describedBy(
  idOrName: string,
  error: string | undefined,
  hint: boolean,
): string | undefined {
  const id = idOrName.startsWith('veld-') ? idOrName : fieldId(idOrName);
  return (
    [hint ? `${id}-uitleg` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') || undefined
  );
}

function FieldFrame(props: {
  name: string;
  label: string;
  error: string | undefined;
  description?: string | undefined;
  id?: string;
  children: ComponentChildren;
}) {
  const id = props.id ?? fieldId(props.name);
  return (
    <div class={`utrecht-form-field${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {props.label}
        </label>
      </div>
      {props.description && (
        <div class="utrecht-form-field-description" id={`${id}-uitleg`}>
          {props.description}
        </div>
      )}
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {props.error}
        </div>
      )}
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

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
    <FieldFrame {...props} id={id}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${props.error ? ' utrecht-textbox--invalid' : ''}`}
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value ?? ''}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props.error, Boolean(props.description))}
      />
    </FieldFrame>
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
    <FieldFrame {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.error, Boolean(props.description))}
      >
        {props.value ?? ''}
      </textarea>
    </FieldFrame>
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
    <div class={`utrecht-form-field${props.error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={id}>
          {props.label}
        </label>
      </div>
      {props.error && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {props.error}
        </div>
      )}
      <div class="utrecht-form-field__input">
        <select
          class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
          id={id}
          name={name}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? `${id}-fout` : undefined}
        >
          {props.options.map((o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
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
