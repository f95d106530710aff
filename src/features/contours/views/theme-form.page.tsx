import { describedBy, Field } from '../../../views/components/field.tsx';
import { CsrfField, ErrorSummary, fieldId } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import { MAX_ROWS, type MainTheme } from '../contours.content.ts';
import type { FieldErrors, FormBody, ThemeForm } from '../contours.service.ts';
import { contoursBase } from './parts.tsx';

/** The form's values for a main theme as saved (goal n in slot n, so its evidence stays with it). */
export function themeFormValues(theme: MainTheme | null): FormBody {
  const values: FormBody = { titel: theme?.title ?? '', ambitie: theme?.ambition ?? '' };
  theme?.goals.forEach((g, i) => {
    values[`doel-${i + 1}`] = g.text;
    values[`doel-${i + 1}-indicator`] = g.indicatorKey ?? '';
  });
  theme?.actions.forEach((a, i) => {
    values[`actie-${i + 1}`] = a.text;
  });
  return values;
}

/** A text line or, with `area`, a text box, in the shared field frame. */
function TextEntry(props: {
  name: string;
  label: string;
  value: string;
  error?: string | undefined;
  hint?: string;
  area?: boolean;
}) {
  const id = fieldId(props.name);
  const described = describedBy(id, { description: props.hint, error: props.error });
  return (
    <Field name={props.name} label={props.label} error={props.error} description={props.hint}>
      {props.area ? (
        <textarea
          class="utrecht-textarea"
          id={id}
          name={props.name}
          rows={5}
          aria-describedby={described}
          aria-invalid={props.error ? 'true' : undefined}
        >
          {props.value}
        </textarea>
      ) : (
        <input
          class="utrecht-textbox"
          id={id}
          name={props.name}
          value={props.value}
          aria-describedby={described}
          aria-invalid={props.error ? 'true' : undefined}
        />
      )}
    </Field>
  );
}

/** How many rows the form offers: the filled ones and two empty ones, at least three. */
function slots(values: FormBody, prefix: string): number {
  let last = 0;
  for (let i = 1; i <= MAX_ROWS; i += 1) {
    const v = values[`${prefix}-${i}`];
    if (typeof v === 'string' && v.trim() !== '') last = i;
  }
  return Math.min(MAX_ROWS, Math.max(3, last + 2));
}

/** One main theme: title, ambition, goals (each optionally measured by an indicator), actions. */
export function ThemeFormPage(props: {
  gemeente: string;
  data: ThemeForm;
  values: FormBody;
  csrf: string;
  errors: FieldErrors;
}) {
  const { data, values, errors } = props;
  const base = contoursBase(props.gemeente, data.focusArea.slug);
  const v = (name: string) => {
    const x = values[name];
    return typeof x === 'string' ? x : '';
  };
  const goals = slots(values, 'doel');
  const actions = slots(values, 'actie');
  return (
    <Layout
      title={`Hoofdthema bij ${data.theme.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Contouren ${data.focusArea.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Hoofdthema bij {data.theme.name}</h1>
        <ErrorSummary errors={errors} />
        <p class="utrecht-paragraph">
          Opslaan maakt een nieuwe versie van het voorstel; oude versies blijven bewaard. Laat alle
          velden leeg om dit thema niet als hoofdthema op te nemen. De onderbouwing kiest u daarna
          per onderdeel op de pagina van het voorstel.
        </p>
        <form method="post" action={`${base}/thema/${data.theme.key}`} class="wk-stack">
          <CsrfField token={props.csrf} />
          <input type="hidden" name="versie" value={String(data.latest?.version ?? 0)} />
          {errors['versie'] && (
            <p class="utrecht-paragraph" id={fieldId('versie')}>
              {errors['versie']}
            </p>
          )}
          <TextEntry
            name="titel"
            label="Titel van het hoofdthema"
            value={v('titel')}
            error={errors['titel']}
          />
          <TextEntry
            name="ambitie"
            label="Ambitie"
            hint="Wat willen we over 15 tot 20 jaar bereikt hebben? Schrijf het in gewone woorden."
            value={v('ambitie')}
            error={errors['ambitie']}
            area
          />
          <fieldset class="utrecht-form-fieldset wk-stack">
            <legend class="utrecht-form-fieldset__legend">Doelen</legend>
            {Array.from({ length: goals }, (_, i) => {
              const name = `doel-${i + 1}`;
              const select = `${name}-indicator`;
              const err = errors[select];
              return (
                <div class="wk-stack">
                  <TextEntry
                    name={name}
                    label={`Doel ${i + 1}`}
                    value={v(name)}
                    error={errors[name]}
                  />
                  <Field
                    name={select}
                    label={`Doel ${i + 1} meten met indicator (mag leeg)`}
                    error={err}
                  >
                    <select
                      class="utrecht-select"
                      id={fieldId(select)}
                      name={select}
                      aria-describedby={describedBy(fieldId(select), { error: err })}
                    >
                      <option value="">Geen indicator</option>
                      {data.indicators.map((ind) => (
                        <option value={ind.key} selected={v(select) === ind.key}>
                          {data.targets.has(ind.key) ? `${ind.name} (heeft een doel)` : ind.name}
                        </option>
                      ))}
                    </select>
                  </Field>
                </div>
              );
            })}
          </fieldset>
          <fieldset class="utrecht-form-fieldset wk-stack">
            <legend class="utrecht-form-fieldset__legend">Eerste acties</legend>
            {Array.from({ length: actions }, (_, i) => (
              <TextEntry
                name={`actie-${i + 1}`}
                label={`Actie ${i + 1}`}
                value={v(`actie-${i + 1}`)}
                error={errors[`actie-${i + 1}`]}
              />
            ))}
          </fieldset>
          <p class="utrecht-paragraph">
            Meer doelen of acties nodig? Sla op: daarna staan er weer lege velden klaar.
          </p>
          <TextEntry
            name="toelichting"
            label="Wat is er veranderd? (mag leeg)"
            value={v('toelichting')}
            error={errors['toelichting']}
          />
          <button class="utrecht-button utrecht-button--primary-action" type="submit">
            Opslaan als nieuwe versie
          </button>
        </form>
      </div>
    </Layout>
  );
}
