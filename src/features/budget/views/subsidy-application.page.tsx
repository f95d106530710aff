import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { formatEuro } from '../money.ts';
import type { SubsidyApplication } from '../subsidy.service.ts';
import {
  STATUS_LABEL,
  TRANSITIONS,
  isStatus,
  type ApplicationStatus,
  type SubsidyOverview,
} from '../subsidy.service.ts';
import { themeName } from '../themes.ts';
import { Choice, Input, type FieldErrors } from './fields.tsx';
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
  failed?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}) {
  const { area, schemes, lines } = props.overview;
  const a = props.app;
  const base = subsidyBase(props.municipalityCode, area.slug);
  const scheme = schemes.find((s) => s.id === a.scheme_id);
  const line = lines.find((l) => l.id === a.budget_line_id);
  const next = isStatus(a.status) ? TRANSITIONS[a.status] : [];
  const form = props.failed ?? { values: {}, errors: {} };
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
      {props.failed && <ErrorSummary errors={props.failed.errors} />}
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
    </Layout>
  );
}
