import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton, fieldId } from '../../../views/components/form.tsx';
import type { Project } from '../project.types.ts';
import {
  PROJECT_STATUSES,
  PROJECT_STATUS_LABEL,
  type ProjectsOverview,
} from '../project.service.tsx';
import { THEMES, themeName } from '../themes.ts';
import { Choice, Input, type FieldErrors } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

function ProjectTable(props: {
  caption: string;
  projects: Project[];
  names: Map<string, string>;
  /** When set, each row gets a small form to change its status (own projects, editors only). */
  statusForm?: { csrf: string; base: string; errors: FieldErrors } | undefined;
}) {
  return (
    <Table>
      <TableCaption>{props.caption}</TableCaption>
      <THead>
        <Tr>
          <Th scope="col">Project</Th>
          <Th scope="col">Focusgebied</Th>
          <Th scope="col">Thema</Th>
          <Th scope="col">Status</Th>
          <Th scope="col">Werkt aan</Th>
        </Tr>
      </THead>
      <TBody>
        {props.projects.length === 0 && (
          <Tr>
            <Td colSpan={5}>Nog geen projecten.</Td>
          </Tr>
        )}
        {props.projects.map((p) => (
          <Tr>
            <Td>
              {p.name}
              {p.description && <> – {p.description}</>}
            </Td>
            <Td>{p.focus_area_name}</Td>
            <Td>{themeName(p.theme)}</Td>
            <Td>
              {props.statusForm ? (
                <StatusForm project={p} {...props.statusForm} />
              ) : (
                (PROJECT_STATUS_LABEL[p.status as keyof typeof PROJECT_STATUS_LABEL] ?? p.status)
              )}
            </Td>
            <Td>
              {p.indicators.length === 0
                ? '–'
                : p.indicators.map((k) => props.names.get(k) ?? k).join(', ')}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}

/** A status picker for one project: a labelled select and a button, without JavaScript. */
function StatusForm(props: { project: Project; csrf: string; base: string; errors: FieldErrors }) {
  const key = `status-${props.project.id}`;
  const id = fieldId(key);
  const error = props.errors[key];
  return (
    <form method="post" action={`${props.base}/${props.project.id}/status`} class="wk-inline-form">
      <CsrfField token={props.csrf} />
      {error && (
        <div class="utrecht-form-field-error-message" id={`${id}-fout`}>
          {error}
        </div>
      )}
      <label class="utrecht-form-label wk-visually-hidden" for={id}>
        Status van {props.project.name}
      </label>
      <select
        class="utrecht-select utrecht-select--html-select"
        id={id}
        name="status"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-fout` : undefined}
      >
        {PROJECT_STATUSES.map((s) => (
          <option value={s} selected={s === props.project.status}>
            {PROJECT_STATUS_LABEL[s]}
          </option>
        ))}
      </select>{' '}
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">
        Wijzig<span class="wk-visually-hidden"> de status van {props.project.name}</span>
      </button>
    </form>
  );
}

/** Own projects, the form to add one, and other focus areas' projects by theme (read-only). */
export function ProjectsPage(props: {
  csrf: string;
  municipalityCode: string;
  overview: ProjectsOverview;
  canEdit: boolean;
  saved?: string | undefined;
  failed?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}) {
  const { areas, own, othersByTheme, indicators } = props.overview;
  const names = new Map(indicators.map((i) => [i.key, i.name]));
  const form = props.failed ?? { values: {}, errors: {} };
  const chosen = new Set((form.values.indicators ?? '').split(',').filter(Boolean));
  const base = `/werkruimte/${props.municipalityCode}/projecten`;
  return (
    <Layout
      title="Projecten"
      description="Projecten per thema, met de indicatoren waar ze aan werken, ook van andere focusgebieden."
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: `/werkruimte/${props.municipalityCode}/programma`, label: 'Programma' },
        { href: base, label: 'Projecten', current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Projecten</h1>
      <Notice text={props.saved} />
      {props.failed && <ErrorSummary errors={props.failed.errors} />}
      <ProjectTable
        caption="Projecten van deze gemeente"
        projects={own}
        names={names}
        statusForm={props.canEdit ? { csrf: props.csrf, base, errors: form.errors } : undefined}
      />
      <h2 class="utrecht-heading-2">Leren van andere focusgebieden</h2>
      {othersByTheme.length === 0 && (
        <p class="utrecht-paragraph">Andere focusgebieden hebben nog geen projecten ingevuld.</p>
      )}
      {othersByTheme.map((g) => (
        <ProjectTable caption={`${g.name}: projecten elders`} projects={g.projects} names={names} />
      ))}
      {props.canEdit && (
        <form method="post" action={base}>
          <CsrfField token={props.csrf} />
          <h2 class="utrecht-heading-2">Project toevoegen</h2>
          <Choice
            name="focus_area_slug"
            label="Focusgebied"
            options={areas.map((a) => ({ value: a.slug, label: a.name }))}
            {...form}
          />
          <Input name="name" label="Naam" {...form} />
          <Input name="description" label="Korte omschrijving" {...form} />
          <Choice
            name="theme"
            label="Thema"
            options={THEMES.map((t) => ({ value: t.key, label: t.name }))}
            {...form}
          />
          <Choice
            name="status"
            label="Status"
            options={PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABEL[s] }))}
            {...form}
          />
          <Input name="budget_line_id" label="Begrotingsregel (id, mag leeg)" {...form} />
          <fieldset class="utrecht-form-fieldset" id="veld-indicators">
            <legend class="utrecht-form-fieldset__legend">Werkt aan deze indicatoren</legend>
            {form.errors.indicators && (
              <div class="utrecht-form-field-error-message">{form.errors.indicators}</div>
            )}
            {indicators.map((i) => (
              <div class="utrecht-form-field utrecht-form-field--checkbox">
                <input
                  class="utrecht-checkbox utrecht-checkbox--html-input"
                  type="checkbox"
                  id={`indicator-${i.key}`}
                  name="indicators"
                  value={i.key}
                  checked={chosen.has(i.key)}
                />
                <label
                  class="utrecht-form-label utrecht-form-label--checkbox"
                  for={`indicator-${i.key}`}
                >
                  {i.name}
                </label>
              </div>
            ))}
          </fieldset>
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <input
              class="utrecht-checkbox utrecht-checkbox--html-input"
              type="checkbox"
              id="veld-public"
              name="public"
              value="ja"
              checked={form.values.public === 'ja'}
            />
            <label class="utrecht-form-label utrecht-form-label--checkbox" for="veld-public">
              Openbaar: toon dit project op de monitorpagina van de indicatoren
            </label>
          </div>
          <SubmitButton label="Project opslaan" />
        </form>
      )}
    </Layout>
  );
}
