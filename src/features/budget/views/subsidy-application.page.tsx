import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { formatEuro } from '../money.ts';
import type { SubsidyApplication } from '../subsidy.service.ts';
import {
  STATUS_LABEL,
  applicationFormValues,
  TRANSITIONS,
  isStatus,
  type ApplicationStatus,
  type SubsidyOverview,
} from '../subsidy.service.ts';
import { THEMES, themeName } from '../themes.ts';
import { Choice, Input, prefixed, type FieldErrors } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import { subsidyBase } from './subsidies.page.tsx';

/** One application: its facts and, for editors, the next status it may move to. */
export function SubsidyApplicationPage(props: {
  csrf: string;
  municipalityCode: string;
  overview: SubsidyOverview;
  app: SubsidyApplication;
  canEdit: boolean;
  saved?: string | undefined;
  failed?:
    | { form: 'status' | 'gegevens'; values: Record<string, string>; errors: FieldErrors }
    | undefined;
}) {
  const { area, schemes, lines } = props.overview;
  const a = props.app;
  const base = subsidyBase(props.municipalityCode, area.slug);
  const scheme = schemes.find((s) => s.id === a.scheme_id);
  const line = lines.find((l) => l.id === a.budget_line_id);
  const next = isStatus(a.status) ? TRANSITIONS[a.status] : [];
  const form =
    props.failed?.form === 'status' ? props.failed : { values: {}, errors: {} as FieldErrors };
  const details =
    props.failed?.form === 'gegevens'
      ? props.failed
      : { values: applicationFormValues(a), errors: {} as FieldErrors };
  return (
    <Layout
      title={`Aanvraag ${a.title}`}
      description={`Subsidieaanvraag ${a.title} van ${area.name}.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Subsidies ${area.name}` },
        { href: `${base}/aanvragen/${a.id}`, label: a.title, current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">{a.title}</h1>
      <Notice text={props.saved} />
      {props.failed && (
        <ErrorSummary
          errors={
            props.failed.form === 'gegevens'
              ? prefixed('gegevens', props.failed.errors)
              : props.failed.errors
          }
        />
      )}
      <dl class="wk-facts">
        <dt>Regeling</dt>
        <dd>
          {scheme?.name ?? a.scheme_id} ({scheme?.ministry ?? 'ministerie onbekend'})
        </dd>
        <dt>Status</dt>
        <dd>{STATUS_LABEL[a.status as ApplicationStatus] ?? a.status}</dd>
        <dt>Project</dt>
        <dd>{a.project || '–'}</dd>
        <dt>Thema</dt>
        <dd>{a.theme ? themeName(a.theme) : '–'}</dd>
        <dt>Gevraagd</dt>
        <dd>{a.requested_cents === null ? 'nog niet ingevuld' : formatEuro(a.requested_cents)}</dd>
        <dt>Toegekend</dt>
        <dd>{a.granted_cents === null ? '–' : formatEuro(a.granted_cents)}</dd>
        <dt>Indienen vóór</dt>
        <dd>{a.submission_deadline ?? '–'}</dd>
        <dt>Verantwoorden vóór</dt>
        <dd>{a.accountability_deadline ?? '–'}</dd>
        <dt>Begrotingsregel</dt>
        <dd>{line ? `${line.code} – ${line.description}` : '–'}</dd>
      </dl>
      {props.canEdit && next.length > 0 && (
        <form method="post" action={`${base}/aanvragen/${a.id}/status`}>
          <CsrfField token={props.csrf} />
          <h2 class="utrecht-heading-2">Status wijzigen</h2>
          <Choice
            name="status"
            label="Nieuwe status"
            options={next.map((s) => ({ value: s, label: STATUS_LABEL[s] }))}
            {...form}
          />
          <Input
            name="granted"
            label="Toegekend bedrag in euro (alleen bij Toegekend)"
            inputmode="decimal"
            {...form}
          />
          <SubmitButton label="Status opslaan" />
        </form>
      )}
      {props.canEdit && (
        <form method="post" action={`${base}/aanvragen/${a.id}`}>
          <CsrfField token={props.csrf} />
          <h2 class="utrecht-heading-2">Gegevens wijzigen</h2>
          <p class="utrecht-paragraph">
            Verbeter hier een fout of een verschoven deadline. De status wijzigt u hierboven.
          </p>
          <Choice
            name="scheme_id"
            label="Regeling"
            prefix="gegevens"
            options={schemes.map((s) => ({ value: s.id, label: s.name }))}
            {...details}
          />
          <Input name="title" label="Titel" prefix="gegevens" {...details} />
          <Input name="project" label="Project (mag leeg)" prefix="gegevens" {...details} />
          <Choice
            name="theme"
            label="Thema"
            prefix="gegevens"
            options={[
              { value: '', label: 'Geen thema' },
              ...THEMES.map((t) => ({ value: t.key, label: t.name })),
            ]}
            {...details}
          />
          <Input
            name="requested"
            label="Gevraagd bedrag in euro (mag leeg)"
            inputmode="decimal"
            prefix="gegevens"
            {...details}
          />
          <Input
            name="submission_deadline"
            label="Indienen vóór (jjjj-mm-dd)"
            type="date"
            prefix="gegevens"
            {...details}
          />
          <Input
            name="accountability_deadline"
            label="Verantwoorden vóór (jjjj-mm-dd)"
            type="date"
            prefix="gegevens"
            {...details}
          />
          <Choice
            name="budget_line_id"
            label="Begrotingsregel (mag leeg)"
            prefix="gegevens"
            options={[
              { value: '', label: 'Geen' },
              ...lines.map((l) => ({ value: l.id, label: `${l.code} – ${l.description}` })),
            ]}
            {...details}
          />
          <Input
            name="contact_email"
            label="E-mail voor herinneringen (mag leeg)"
            type="email"
            prefix="gegevens"
            {...details}
          />
          <SubmitButton label="Gegevens opslaan" />
        </form>
      )}
    </Layout>
  );
}
