import type { ComponentChildren } from 'preact';
import { fieldId } from './form.tsx';

/**
 * What a control's `aria-describedby` lists: the explanation (`<id>-uitleg`) and the error
 * (`<id>-fout`) when the field has them; undefined when it has neither.
 */
export function describedBy(
  id: string,
  has: { description?: unknown; error?: unknown },
): string | undefined {
  return (
    [has.description ? `${id}-uitleg` : '', has.error ? `${id}-fout` : '']
      .filter(Boolean)
      .join(' ') || undefined
  );
}

/**
 * The error message by a field; its id (`<field>-fout`) is what `aria-describedby` points to.
 * `id` when the control's id is not `fieldId(name)` (one field in several forms on a page).
 */
export function FieldError(props: { name: string; error: string | undefined; id?: string }) {
  if (!props.error) return null;
  return (
    <div class="utrecht-form-field-error-message" id={`${props.id ?? fieldId(props.name)}-fout`}>
      {props.error}
    </div>
  );
}

/**
 * A labelled form field around any control: label, optional explanation (`<field>-uitleg`), the
 * error beside the field, then the control. The control itself sets `id={fieldId(name)}` (or the
 * `id` given here) and its `aria-describedby` (see `describedBy`).
 */
export function Field(props: {
  name: string;
  label: string;
  error?: string | undefined;
  description?: string | undefined;
  /** The control's id when it is not `fieldId(name)`. */
  id?: string | undefined;
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
      <FieldError name={props.name} error={props.error} id={id} />
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}
