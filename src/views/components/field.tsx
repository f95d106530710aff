import type { ComponentChildren } from 'preact';
import { fieldId } from './form.tsx';

/** The error message by a field; its id (`<field>-fout`) is what `aria-describedby` points to. */
export function FieldError(props: { name: string; error: string | undefined }) {
  if (!props.error) return null;
  return (
    <div class="utrecht-form-field-error-message" id={`${fieldId(props.name)}-fout`}>
      {props.error}
    </div>
  );
}

/**
 * A labelled form field around any control: label, optional explanation (`<field>-uitleg`), the
 * error beside the field, then the control. The control itself sets `id={fieldId(name)}` and its
 * `aria-describedby`.
 */
export function Field(props: {
  name: string;
  label: string;
  error?: string | undefined;
  description?: string | undefined;
  children: ComponentChildren;
}) {
  const id = fieldId(props.name);
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
      <FieldError name={props.name} error={props.error} />
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}
