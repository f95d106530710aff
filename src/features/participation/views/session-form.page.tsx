import { Layout } from '../../../views/layout.tsx';
import type { ThemeRef } from '../input-xlsx.ts';
import { AUDIENCE_LABELS, type FieldErrors, type FormBody } from '../participation.forms.ts';
import { AUDIENCES } from '../participation.table.ts';
import type { FocusAreaRef } from '../participation.service.ts';
import { Choices, Select, Submit, TextArea, TextInput } from './fields.tsx';
import { CsrfField, ErrorSummary } from '../../../views/components/form.tsx';
import { sessionsBase } from './labels.ts';

/** Planning a new session, or editing one (then `sessionId` is set). */
export function SessionFormPage(props: {
  municipalityCode: string;
  sessionId?: string;
  csrf: string;
  focusAreas: FocusAreaRef[];
  themes: ThemeRef[];
  values: FormBody;
  errors: FieldErrors;
}) {
  const base = sessionsBase(props.municipalityCode);
  const editing = props.sessionId !== undefined;
  const action = editing ? `${base}/${props.sessionId}` : base;
  const title = editing ? 'Bijeenkomst wijzigen' : 'Nieuwe bijeenkomst plannen';
  const common = { values: props.values, errors: props.errors };
  return (
    <Layout
      title={title}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: 'Bijeenkomsten' },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{title}</h1>
        <ErrorSummary errors={props.errors} />
        {props.focusAreas.length === 0 && (
          <p class="utrecht-paragraph">
            Deze gemeente heeft nog geen focusgebied. Een bijeenkomst hoort altijd bij een
            focusgebied.
          </p>
        )}
        <form method="post" action={action} novalidate>
          <CsrfField token={props.csrf} />
          <TextInput name="titel" label="Titel" required {...common} />
          <Select
            name="gebied"
            label="Focusgebied"
            options={props.focusAreas.map((a) => ({ value: a.slug, label: a.name }))}
            {...common}
          />
          <Choices
            name="themas"
            legend="Over welke thema’s gaat de bijeenkomst?"
            type="checkbox"
            options={props.themes.map((t) => ({ value: t.key, label: t.name }))}
            {...common}
          />
          <TextInput
            name="datum"
            label="Datum"
            type="date"
            description="Bijvoorbeeld 2027-01-14."
            required
            {...common}
          />
          <TextInput
            name="begintijd"
            label="Begintijd"
            type="time"
            description="Nederlandse tijd, bijvoorbeeld 19:30."
            required
            {...common}
          />
          <TextInput name="eindtijd" label="Eindtijd" type="time" required {...common} />
          <TextInput name="plaats" label="Plaats (naam en adres)" required {...common} />
          <TextInput name="organisator" label="Organisator" required {...common} />
          <Choices
            name="doelgroep"
            legend="Voor wie is de bijeenkomst?"
            type="radio"
            options={AUDIENCES.map((a) => ({ value: a, label: AUDIENCE_LABELS[a] }))}
            {...common}
          />
          <Choices
            name="openbaar"
            legend="Mag iedereen komen? Dan staat de bijeenkomst op de openbare pagina “Doe mee”."
            type="radio"
            options={[
              { value: 'ja', label: 'Ja, openbaar' },
              { value: 'nee', label: 'Nee, alleen op uitnodiging' },
            ]}
            {...common}
          />
          <TextArea
            name="omschrijving"
            label="Korte omschrijving (mag leeg)"
            description="Komt ook op de openbare pagina als de bijeenkomst openbaar is."
            {...common}
          />
          <Submit label={editing ? 'Wijzigingen opslaan' : 'Bijeenkomst plannen'} />
        </form>
      </div>
    </Layout>
  );
}
