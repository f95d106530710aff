import { CSRF_FIELD } from '../../plugins/csrf.ts';

/** Field name → Dutch message. Order is the order on the page. */
export type FieldErrors = Record<string, string>;

export function fieldId(name: string): string {
  return `veld-${name}`;
}

/** At the top of a form: every problem, each a link to its field (GOV.UK pattern). */
export function ErrorSummary(props: { errors: FieldErrors; message?: string | undefined }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0 && !props.message) return null;
  return (
    <div
      class="utrecht-alert utrecht-alert--error"
      role="alert"
      aria-labelledby="foutoverzicht-titel"
      tabIndex={-1}
      id="foutoverzicht"
    >
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2" id="foutoverzicht-titel">
          Er is een probleem
        </h2>
        {props.message && <p class="utrecht-paragraph">{props.message}</p>}
        {entries.length > 0 && (
          <ul class="utrecht-unordered-list">
            {entries.map(([name, message]) => (
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`#${fieldId(name)}`}>
                  {message}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

export interface TextFieldProps {
  name: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  value?: string;
  error?: string | undefined;
  description?: string;
  autocomplete?: string;
  required?: boolean;
}

/** Label above the input, the error named right by the field and linked with aria-describedby. */
export function TextField(props: TextFieldProps) {
  const id = fieldId(props.name);
  const describedBy = [props.description ? `${id}-uitleg` : '', props.error ? `${id}-fout` : '']
    .filter(Boolean)
    .join(' ');
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
      <div class="utrecht-form-field__input">
        <input
          class={`utrecht-textbox utrecht-textbox--html-input${props.error ? ' utrecht-textbox--invalid' : ''}`}
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          value={props.type === 'password' ? '' : (props.value ?? '')}
          autocomplete={props.autocomplete}
          required={props.required}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
        />
      </div>
    </div>
  );
}

export function CsrfField(props: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={props.token} />;
}

export function SubmitButton(props: {
  label: string;
  variant?: 'primary' | 'secondary' | 'warning';
}) {
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

/** A short confirmation after a form was saved ("Opgeslagen."), announced politely. */
export function Notice(props: { text?: string | undefined }) {
  if (!props.text) return null;
  return (
    <div class="utrecht-alert utrecht-alert--ok" role="status">
      <div class="utrecht-alert__content">
        <p class="utrecht-paragraph">{props.text}</p>
      </div>
    </div>
  );
}
