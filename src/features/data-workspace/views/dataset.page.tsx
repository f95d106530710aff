import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  fieldId,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { DatasetSummary } from '../data-workspace.service.ts';
import { Field } from '../../../views/components/field.tsx';
import {
  formatNumber,
  when,
  who,
  STATUS_LABELS,
  DataLayout,
  Th,
  Td,
  Notice,
  describedBy,
} from './data-workspace-parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

export type DatasetNotice = 'geladen' | 'al-geladen' | 'ingetrokken' | 'hersteld';

const NOTICES: Record<DatasetNotice, { kind: 'ok' | 'warning'; title: string; text: string }> = {
  geladen: {
    kind: 'ok',
    title: 'Het bestand is geladen',
    text: 'De cijfers staan nu in de monitor.',
  },
  'al-geladen': {
    kind: 'warning',
    title: 'Dit bestand is al geladen',
    text: 'Hetzelfde bestand met dezelfde instellingen was al geladen. Er is niets veranderd.',
  },
  ingetrokken: {
    kind: 'ok',
    title: 'Het bestand is ingetrokken',
    text: 'De monitor toont weer de cijfers van vóór dit bestand.',
  },
  hersteld: {
    kind: 'ok',
    title: 'Het bestand is weer in gebruik',
    text: 'De cijfers van dit bestand staan weer in de monitor.',
  },
};

export function DatasetPage(props: {
  csrf: string;
  base: string;
  municipalityCode: string;
  summary: DatasetSummary;
  /** Why this user may not withdraw or restore it; undefined when they may. */
  refusal: string | undefined;
  notice?: DatasetNotice | undefined;
  errors?: FieldErrors;
  reason?: string;
}) {
  const { dataset: d, variables, municipalities } = props.summary;
  const errors = props.errors ?? {};
  const notice = props.notice ? NOTICES[props.notice] : undefined;
  return (
    <DataLayout
      title={`Dataset ${d.file_name}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
    >
      <h1 class="utrecht-heading-1">{d.title}</h1>
      {notice && (
        <Notice kind={notice.kind} title={notice.title}>
          <p class="utrecht-paragraph">{notice.text}</p>
        </Notice>
      )}
      <h2 class="utrecht-heading-2">Herkomst</h2>
      <dl class="wk-details">
        <dt>Status</dt>
        <dd class="wk-dataset-status">{STATUS_LABELS[d.status]}</dd>
        <dt>Bestand</dt>
        <dd>{d.file_name}</dd>
        <dt>Bron</dt>
        <dd>{d.source}</dd>
        <dt>Tabel</dt>
        <dd>{d.table_id ?? '—'}</dd>
        <dt>Editie</dt>
        <dd>{d.edition ?? '—'}</dd>
        <dt>Controlegetal (sha256)</dt>
        <dd>
          <code>{d.file_hash}</code>
        </dd>
        <dt>Gebiedsindeling</dt>
        <dd>{d.indeling_year ?? '—'}</dd>
        <dt>Regels, waarden, gebieden</dt>
        <dd>
          {formatNumber(d.row_count)} regels, {formatNumber(d.observation_count)} waarden,{' '}
          {formatNumber(d.area_count)} gebieden met grens
        </dd>
        <dt>Gemeenten in het bestand</dt>
        <dd>{municipalities.join(', ') || 'alleen landelijke cijfers'}</dd>
        <dt>Geladen</dt>
        <dd>
          {when(d.imported_at)} door {who(d.imported_by)}
        </dd>
        <dt>Bronvermelding</dt>
        <dd>{d.attribution}</dd>
      </dl>
      <h2 class="utrecht-heading-2">Inhoud</h2>
      <TableScroll label="Variabelen">
        <Table>
          <TableCaption>{variables.length} variabelen</TableCaption>
          <THead>
            <Tr>
              <Th>Variabele</Th>
              <Th num>Waarden</Th>
              <Th>Perioden</Th>
            </Tr>
          </THead>
          <TBody>
            {variables.map((v) => (
              <Tr>
                <Td>
                  <code>{v.variable}</code>
                </Td>
                <Td num>{formatNumber(v.values)}</Td>
                <Td>
                  {v.firstPeriod === v.lastPeriod
                    ? v.firstPeriod
                    : `${v.firstPeriod} tot en met ${v.lastPeriod}`}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </TableScroll>
      {props.refusal ? (
        <>
          <h2 class="utrecht-heading-2">Intrekken</h2>
          <p class="utrecht-paragraph">{props.refusal}</p>
        </>
      ) : d.status === 'actief' ? (
        <>
          <h2 class="utrecht-heading-2" id="intrekken">
            Intrekken
          </h2>
          <p class="utrecht-paragraph">
            Na intrekken toont de monitor weer de cijfers van vóór dit bestand. Zijn die er niet,
            dan staat er &quot;nog niet geladen&quot;. U kunt het bestand later weer herstellen.
          </p>
          <ErrorSummary errors={errors} />
          <form method="post" action={`${props.base}/${d.id}/intrekken`} novalidate>
            <CsrfField token={props.csrf} />
            <Field
              name="reden"
              label="Reden van intrekken"
              description="Verplicht. Deze reden komt in het logboek."
              error={errors.reden}
            >
              <textarea
                class={`utrecht-textarea utrecht-textarea--html-textarea${errors.reden ? ' utrecht-textarea--invalid' : ''}`}
                id={fieldId('reden')}
                name="reden"
                rows={3}
                required
                aria-invalid={errors.reden ? 'true' : undefined}
                aria-describedby={describedBy('reden', true, errors.reden)}
              >
                {props.reason ?? ''}
              </textarea>
            </Field>
            <SubmitButton label="Trek dit bestand in" variant="warning" />
          </form>
        </>
      ) : (
        <>
          <h2 class="utrecht-heading-2">Herstellen</h2>
          <p class="utrecht-paragraph">
            Dit bestand is ingetrokken. Na herstellen telt het weer mee in de monitor.
          </p>
          <form method="post" action={`${props.base}/${d.id}/herstellen`}>
            <CsrfField token={props.csrf} />
            <SubmitButton label="Herstel dit bestand" />
          </form>
        </>
      )}
    </DataLayout>
  );
}
