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

/** Text areas and selects are the shared kit's. */
export { Select, TextArea } from '../../../views/components/form-controls.tsx';

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
