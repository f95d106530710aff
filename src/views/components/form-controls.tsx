import { actorLabel } from '../../shared/actor-label.ts';
import { fieldId, type FieldErrors } from './form.tsx';
import { describedBy as fieldDescribedBy, Field, FieldError } from './field.tsx';

const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

export function formatDateTime(value: string): string {
  return dateTimeFormat.format(new Date(value));
}

/** "gebruiker:<id> Naam" → "Naam"; a change by the system itself in words (actor-label.ts). */
export const actorName = actorLabel;

export function describedBy(
  name: string,
  error: string | undefined,
  hint = false,
): string | undefined {
  return fieldDescribedBy(fieldId(name), { description: hint, error });
}

/** A text area with its label, description and error, linked for screen readers. */
export function TextArea(props: {
  name: string;
  label: string;
  value: string | undefined;
  error: string | undefined;
  description?: string | undefined;
  rows?: number;
  required?: boolean | undefined;
}) {
  return (
    <Field
      name={props.name}
      label={props.label}
      error={props.error}
      {...(props.description ? { description: props.description } : {})}
    >
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${props.error ? ' utrecht-textarea--invalid' : ''}`}
        id={fieldId(props.name)}
        name={props.name}
        rows={props.rows ?? 4}
        required={props.required}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(props.name, props.error, Boolean(props.description))}
      >
        {props.value ?? ''}
      </textarea>
    </Field>
  );
}

/**
 * A select with its label, description and error. `idSuffix` makes the id unique when one page
 * has the same field in several forms.
 */
export function Select(props: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly { value: string; label: string }[];
  error: string | undefined;
  description?: string | undefined;
  idSuffix?: string;
}) {
  const id = props.idSuffix ? `${fieldId(props.name)}-${props.idSuffix}` : fieldId(props.name);
  return (
    <Field
      name={props.name}
      label={props.label}
      error={props.error}
      id={id}
      {...(props.description ? { description: props.description } : {})}
    >
      <select
        class={`utrecht-select utrecht-select--html-select${props.error ? ' utrecht-select--invalid' : ''}`}
        id={id}
        name={props.name}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={fieldDescribedBy(id, {
          description: Boolean(props.description),
          error: props.error,
        })}
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

export function SavedNotice(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">{props.text}</p>
      </div>
    </div>
  );
}

export { Field, FieldError };
export type { FieldErrors };
