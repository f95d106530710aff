import type { ComponentChildren } from 'preact';
import type { ImportProblem } from '../../../shared/errors.ts';
import { Layout } from '../../../views/layout.tsx';
import { actorLabel } from '../../../shared/actor-label.ts';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  fieldId,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { Dataset } from '../../datasets/dataset.table.ts';
import {
  PDOK_LEVELS,
  UPLOAD_KINDS,
  UPLOAD_KIND_LABELS,
  type UploadKind,
} from '../../imports/parse-upload.ts';
import type { ImportPreview } from '../data-preview.service.ts';
import type { DatasetSummary } from '../data-workspace.service.ts';
import type { ImportJob } from '../import-jobs.ts';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6 });

export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : numberFormat.format(n);
}

function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
}

/** "gebruiker:<id> <naam>" → the name; "cli", "seed" and the like stay as they are. */
/** Who loaded a dataset, as a reader says it (not "start" or "cli"). */
const who = actorLabel;

const STATUS_LABELS: Record<Dataset['status'], string> = {
  actief: 'In gebruik',
  ingetrokken: 'Ingetrokken',
};

export function dataBase(prefix: string, municipalityCode: string): string {
  return `${prefix}/werkruimte/${municipalityCode}/data`;
}

function Page(props: {
  title: string;
  base: string;
  municipalityCode: string;
  children: ComponentChildren;
  head?: ComponentChildren;
  crumbs?: boolean;
}) {
  return (
    <Layout
      title={props.title}
      {...(props.head ? { head: props.head } : {})}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        ...(props.crumbs === false
          ? []
          : [{ href: props.base, label: `Gegevens ${props.municipalityCode}` }]),
      ]}
    >
      {props.children}
    </Layout>
  );
}

function Th(props: { children: ComponentChildren; num?: boolean }) {
  return (
    <th class={`utrecht-table__header-cell${props.num ? ' wk-num' : ''}`} scope="col">
      {props.children}
    </th>
  );
}

function Td(props: { children: ComponentChildren; num?: boolean }) {
  return <td class={`utrecht-table__cell${props.num ? ' wk-num' : ''}`}>{props.children}</td>;
}

function Notice(props: {
  kind: 'ok' | 'warning' | 'error';
  title: string;
  children?: ComponentChildren;
}) {
  const cls =
    props.kind === 'ok'
      ? 'utrecht-alert--ok'
      : props.kind === 'warning'
        ? 'utrecht-alert--warning'
        : 'utrecht-alert--error';
  return (
    <div class={`utrecht-alert ${cls}`} role={props.kind === 'error' ? 'alert' : 'status'}>
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2">{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

export interface UploadFormValues {
  soort?: string;
  indeling?: string;
  periode?: string;
  tabel?: string;
  niveau?: string;
  bron?: string;
  /** "ja": a local file replaces CBS figures on purpose (issue 11.10). */
  vervangt_cbs?: string;
  /** "ja": a StatLine CSV uses a decimal comma, also when its fields are separated by ','. */
  decimale_komma?: string;
}

function Field(props: {
  name: string;
  label: string;
  description?: string;
  error?: string | undefined;
  children: ComponentChildren;
}) {
  const id = fieldId(props.name);
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
      <div class="utrecht-form-field__input">{props.children}</div>
    </div>
  );
}

function describedBy(name: string, description: boolean, error: string | undefined) {
  const id = fieldId(name);
  return (
    [description ? `${id}-uitleg` : '', error ? `${id}-fout` : ''].filter(Boolean).join(' ') ||
    undefined
  );
}

function UploadForm(props: {
  action: string;
  csrf: string;
  years: readonly number[];
  values: UploadFormValues;
  errors: FieldErrors;
  maxMegabytes: number;
}) {
  const { values, errors } = props;
  const text = (name: keyof UploadFormValues, label: string, description: string) => (
    <Field name={name} label={label} description={description} error={errors[name]}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${errors[name] ? ' utrecht-textbox--invalid' : ''}`}
        id={fieldId(name)}
        name={name}
        type="text"
        value={values[name] ?? ''}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={describedBy(name, true, errors[name])}
      />
    </Field>
  );
  return (
    // The CSRF token travels in the address: the server checks it before it reads the file.
    <form
      method="post"
      action={`${props.action}?_csrf=${encodeURIComponent(props.csrf)}`}
      enctype="multipart/form-data"
      novalidate
    >
      <Field
        name="bestand"
        label="Bestand"
        description={`Het bestand dat u wilt laden, hoogstens ${props.maxMegabytes} MB.`}
        error={errors.bestand}
      >
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id={fieldId('bestand')}
          name="bestand"
          type="file"
          required
          aria-invalid={errors.bestand ? 'true' : undefined}
          aria-describedby={describedBy('bestand', true, errors.bestand)}
        />
      </Field>
      <Field
        name="soort"
        label="Soort bestand"
        description="Kies wie het bestand maakte en in welke vorm."
        error={errors.soort}
      >
        <select
          class="utrecht-select utrecht-select--html-select"
          id={fieldId('soort')}
          name="soort"
          aria-invalid={errors.soort ? 'true' : undefined}
          aria-describedby={describedBy('soort', true, errors.soort)}
        >
          {UPLOAD_KINDS.map((k) => (
            <option value={k} selected={values.soort === k}>
              {UPLOAD_KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        name="indeling"
        label="Gebiedsindeling (jaar)"
        description="Het jaar van de CBS-indeling in wijken en buurten waar de gebieden in het bestand bij horen."
        error={errors.indeling}
      >
        <select
          class="utrecht-select utrecht-select--html-select"
          id={fieldId('indeling')}
          name="indeling"
          aria-invalid={errors.indeling ? 'true' : undefined}
          aria-describedby={describedBy('indeling', true, errors.indeling)}
        >
          {props.years.map((y) => (
            <option value={String(y)} selected={values.indeling === String(y)}>
              {y}
            </option>
          ))}
        </select>
      </Field>
      {text(
        'periode',
        'Periode',
        'Nodig bij StatLine CSV: het jaar van de cijfers, bijvoorbeeld 2024 (of 2024* als de cijfers voorlopig zijn). Bij OData: alleen deze periode laden (mag leeg).',
      )}
      {text(
        'tabel',
        'CBS-tabel',
        'Nodig bij StatLine CSV en OData: het tabelnummer, bijvoorbeeld 85984NED.',
      )}
      <Field
        name="metadata"
        label="DataProperties van de tabel"
        description="Nodig bij StatLine CSV en OData: het JSON-bestand met de beschrijving van de kolommen (DataProperties)."
        error={errors.metadata}
      >
        <input
          class="utrecht-textbox utrecht-textbox--html-input"
          id={fieldId('metadata')}
          name="metadata"
          type="file"
          accept=".json,application/json"
          aria-invalid={errors.metadata ? 'true' : undefined}
          aria-describedby={describedBy('metadata', true, errors.metadata)}
        />
      </Field>
      <Field
        name="niveau"
        label="Niveau (PDOK)"
        description="Alleen bij de PDOK-kaart: welke gebieden het bestand bevat."
        error={errors.niveau}
      >
        <select
          class="utrecht-select utrecht-select--html-select"
          id={fieldId('niveau')}
          name="niveau"
          aria-invalid={errors.niveau ? 'true' : undefined}
          aria-describedby={describedBy('niveau', true, errors.niveau)}
        >
          <option value="">(niet van toepassing)</option>
          {PDOK_LEVELS.map((l) => (
            <option value={l} selected={values.niveau === l}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      {text(
        'bron',
        'Bron (lokale gegevens)',
        'Alleen bij lokale CSV: wie de cijfers maakte, bijvoorbeeld Gemeente Dordrecht, Onderzoekcentrum Drechtsteden.',
      )}
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={fieldId('decimale_komma')}
            name="decimale_komma"
            value="ja"
            checked={values.decimale_komma === 'ja'}
            aria-describedby={`${fieldId('decimale_komma')}-uitleg`}
          />
        </div>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={fieldId('decimale_komma')}>
            Decimale komma
          </label>
        </div>
        <div class="utrecht-form-field-description" id={`${fieldId('decimale_komma')}-uitleg`}>
          Alleen bij StatLine CSV. Vink aan als getallen een komma voor decimalen en een punt tussen
          duizendtallen hebben (2,1 en 17.942.942), ook als de kolommen met een komma gescheiden
          zijn. Bij een puntkomma als scheidingsteken gaan we daar al van uit.
        </div>
      </div>
      <div class="utrecht-form-field utrecht-form-field--checkbox">
        <div class="utrecht-form-field__input">
          <input
            class="utrecht-checkbox utrecht-checkbox--html-input"
            type="checkbox"
            id={fieldId('vervangt_cbs')}
            name="vervangt_cbs"
            value="ja"
            checked={values.vervangt_cbs === 'ja'}
            aria-describedby={`${fieldId('vervangt_cbs')}-uitleg`}
          />
        </div>
        <div class="utrecht-form-field__label">
          <label class="utrecht-form-label" for={fieldId('vervangt_cbs')}>
            Dit lokale bestand vervangt CBS-cijfers
          </label>
        </div>
        <div class="utrecht-form-field-description" id={`${fieldId('vervangt_cbs')}-uitleg`}>
          Alleen bij lokale CSV. Zonder dit vinkje weigeren we regels voor een CBS-variabele, zoals
          AantalInwoners. Met dit vinkje noemen alle pagina's en downloads uw bron in plaats van
          CBS.
        </div>
      </div>
      <SubmitButton label="Bekijk wat er verandert" />
    </form>
  );
}

export function DataPage(props: {
  csrf: string;
  base: string;
  municipalityCode: string;
  datasets: Dataset[];
  years: readonly number[];
  values?: UploadFormValues;
  errors?: FieldErrors;
  message?: string | undefined;
  maxMegabytes: number;
}) {
  const errors = props.errors ?? {};
  return (
    <Page
      title={`Gegevens ${props.municipalityCode}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
      crumbs={false}
    >
      <h1 class="utrecht-heading-1">Gegevens laden en beheren ({props.municipalityCode})</h1>
      <p class="utrecht-paragraph">
        Hier laadt u nieuwe cijfers in de monitor. U ziet eerst wat er verandert. Pas als u dat
        bevestigt, komen de cijfers in de monitor. Een geladen bestand kunt u later intrekken: dan
        ziet de monitor weer de cijfers van daarvoor.
      </p>
      <h2 class="utrecht-heading-2" id="laden">
        Een bestand laden
      </h2>
      <ErrorSummary errors={errors} message={props.message} />
      <UploadForm
        action={`${props.base}/voorbeeld`}
        csrf={props.csrf}
        years={props.years}
        values={props.values ?? {}}
        errors={errors}
        maxMegabytes={props.maxMegabytes}
      />
      <h2 class="utrecht-heading-2" id="geladen">
        Geladen bestanden
      </h2>
      <div class="wk-table-scroll">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">
            {props.datasets.length} bestanden, nieuwste eerst
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <Th>Bestand</Th>
              <Th>Bron</Th>
              <Th>Tabel</Th>
              <Th>Editie</Th>
              <Th>Controlegetal</Th>
              <Th num>Regels</Th>
              <Th num>Waarden</Th>
              <Th>Geladen op</Th>
              <Th>Door</Th>
              <Th>Status</Th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {props.datasets.map((d) => (
              <tr class="utrecht-table__row">
                <Td>
                  <a class="utrecht-link" href={`${props.base}/${d.id}`}>
                    {d.file_name}
                  </a>
                </Td>
                <Td>{d.source}</Td>
                <Td>{d.table_id ?? '—'}</Td>
                <Td>{d.edition ?? '—'}</Td>
                <Td>
                  <code title={`sha256 ${d.file_hash}`}>{d.file_hash.slice(0, 12)}</code>
                </Td>
                <Td num>{formatNumber(Number(d.row_count))}</Td>
                <Td num>{formatNumber(Number(d.observation_count))}</Td>
                <Td>{when(d.imported_at)}</Td>
                <Td>{who(d.imported_by)}</Td>
                <Td>{STATUS_LABELS[d.status]}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}

export const PROBLEMS_PER_PAGE = 200;

function Problems(props: {
  problems: ImportProblem[];
  page: number;
  link: (page: number) => string;
}) {
  const pageCount = Math.max(1, Math.ceil(props.problems.length / PROBLEMS_PER_PAGE));
  const page = Math.min(Math.max(1, props.page), pageCount);
  const shown = props.problems.slice((page - 1) * PROBLEMS_PER_PAGE, page * PROBLEMS_PER_PAGE);
  return (
    <>
      <div class="wk-table-scroll">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">
            {props.problems.length} {props.problems.length === 1 ? 'probleem' : 'problemen'}
            {pageCount > 1 ? `, pagina ${page} van ${pageCount}` : ''}
          </caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <Th>Bestand</Th>
              <Th num>Regel</Th>
              <Th num>Kolom</Th>
              <Th>Veld</Th>
              <Th>Wat er mis is</Th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {shown.map((p) => (
              <tr class="utrecht-table__row wk-problem">
                <Td>{p.file}</Td>
                <Td num>{p.line ?? '—'}</Td>
                <Td num>{p.column ?? '—'}</Td>
                <Td>{p.field ?? '—'}</Td>
                <Td>{p.message}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pageCount > 1 && (
        <nav aria-label="Pagina's met problemen">
          <ul class="utrecht-unordered-list">
            {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
              <li class="utrecht-unordered-list__item">
                {n === page ? (
                  <span aria-current="page">Pagina {n}</span>
                ) : (
                  <a class="utrecht-link" href={props.link(n)}>
                    Pagina {n}
                  </a>
                )}
              </li>
            ))}
          </ul>
        </nav>
      )}
    </>
  );
}

export interface PreviewPageProps {
  csrf: string;
  base: string;
  municipalityCode: string;
  uploadId: string;
  fileName: string;
  kind: UploadKind;
  expiresAt: string;
  result:
    | { ok: false; problems: ImportProblem[]; page: number }
    | { ok: true; preview: ImportPreview; background: boolean };
}

export function PreviewPage(props: PreviewPageProps) {
  const { result } = props;
  return (
    <Page
      title={`Voorbeeld ${props.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
    >
      <h1 class="utrecht-heading-1">Wat verandert er met {props.fileName}?</h1>
      <p class="utrecht-paragraph">
        Soort bestand: {UPLOAD_KIND_LABELS[props.kind]}. Er is nog niets geladen.
      </p>
      {!result.ok ? (
        <>
          <Notice kind="error" title="Dit bestand kan niet worden geladen">
            <p class="utrecht-paragraph">
              Er is niets veranderd. Verbeter de problemen hieronder in het bestand en laad het
              daarna opnieuw. Regels en kolommen tellen vanaf 1, zoals in een teksteditor.
            </p>
          </Notice>
          <Problems
            problems={result.problems}
            page={result.page}
            link={(n) => `${props.base}/voorbeeld/${props.uploadId}?pagina=${n}`}
          />
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${props.base}#laden`}>
              Een ander bestand laden
            </a>
          </p>
        </>
      ) : (
        <PreviewSummary {...props} preview={result.preview} background={result.background} />
      )}
    </Page>
  );
}

function PreviewSummary(props: PreviewPageProps & { preview: ImportPreview; background: boolean }) {
  const p = props.preview;
  return (
    <>
      {p.alreadyLoaded ? (
        <Notice kind="warning" title="Dit bestand is al geladen">
          <p class="utrecht-paragraph">
            Hetzelfde bestand met dezelfde instellingen is op {when(p.alreadyLoaded.imported_at)}{' '}
            geladen
            {p.alreadyLoaded.status === 'ingetrokken' ? ' en daarna ingetrokken' : ''}. Opnieuw
            laden verandert niets.{' '}
            <a class="utrecht-link" href={`${props.base}/${p.alreadyLoaded.id}`}>
              Bekijk het geladen bestand
            </a>
            .
          </p>
        </Notice>
      ) : (
        <Notice kind="ok" title="Het bestand is goedgekeurd">
          <p class="utrecht-paragraph">
            {formatNumber(p.totals.added)} nieuwe waarden, {formatNumber(p.totals.changed)}{' '}
            gewijzigde waarden en {formatNumber(p.totals.unchanged)} waarden die gelijk blijven.
          </p>
        </Notice>
      )}
      <dl class="wk-details">
        <dt>Regels in het bestand</dt>
        <dd>{formatNumber(p.rows)}</dd>
        <dt>Waarden</dt>
        <dd>{formatNumber(p.observations)}</dd>
        <dt>Variabelen</dt>
        <dd>{formatNumber(p.variables.length)}</dd>
        <dt>Perioden</dt>
        <dd>{p.periods.join(', ') || '—'}</dd>
        <dt>Gebieden met cijfers</dt>
        <dd>{formatNumber(p.areaCount)}</dd>
        {p.areaDefinitions > 0 && (
          <>
            <dt>Gebieden met naam en grens</dt>
            <dd>{formatNumber(p.areaDefinitions)}</dd>
          </>
        )}
        <dt>Gebiedsindeling</dt>
        <dd>{p.indelingYears.join(', ') || '—'}</dd>
      </dl>
      <h2 class="utrecht-heading-2">Per variabele</h2>
      <div class="wk-table-scroll">
        <table class="utrecht-table wk-preview-variables">
          <caption class="utrecht-table__caption">Vergeleken met wat de monitor nu toont</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <Th>Variabele</Th>
              <Th>Omschrijving</Th>
              <Th num>Nieuw</Th>
              <Th num>Gewijzigd</Th>
              <Th num>Gelijk</Th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {p.variables.map((v) => (
              <tr class="utrecht-table__row" data-variable={v.variable}>
                <Td>
                  <code>{v.variable}</code>
                </Td>
                <Td>{v.title ?? '—'}</Td>
                <Td num>{formatNumber(v.added)}</Td>
                <Td num>{formatNumber(v.changed)}</Td>
                <Td num>{formatNumber(v.unchanged)}</Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.largeChanges.length > 0 && (
        <Notice kind="warning" title="Let op: grote veranderingen">
          <p class="utrecht-paragraph">
            {formatNumber(p.largeChangeCount)}{' '}
            {p.largeChangeCount === 1 ? 'waarde verandert' : 'waarden veranderen'} meer dan 25% ten
            opzichte van het cijfer dat nu in de monitor staat. Kijk of dat klopt voordat u het
            bestand laadt.
          </p>
          <ul class="utrecht-unordered-list">
            {p.largeChanges.map((c) => (
              <li class="utrecht-unordered-list__item wk-large-change">
                <code>{c.variable}</code>, {c.areaCode}, {c.period}: {c.text}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {p.samples.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">Voorbeelden van gewijzigde waarden</h2>
          <div class="wk-table-scroll">
            <table class="utrecht-table">
              <caption class="utrecht-table__caption">
                De eerste {p.samples.length} van {formatNumber(p.totals.changed)} gewijzigde waarden
              </caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <Th>Variabele</Th>
                  <Th>Gebied</Th>
                  <Th>Periode</Th>
                  <Th num>Nu</Th>
                  <Th num>Wordt</Th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {p.samples.map((s) => (
                  <tr class="utrecht-table__row wk-sample">
                    <Td>
                      <code>{s.variable}</code>
                    </Td>
                    <Td>{s.areaCode}</Td>
                    <Td>{s.period}</Td>
                    <Td num>
                      {formatNumber(s.before)}
                      {s.beforeStatus !== 'definitief' ? ` (${s.beforeStatus})` : ''}
                    </Td>
                    <Td num>
                      {formatNumber(s.after)}
                      {s.afterStatus !== 'definitief' ? ` (${s.afterStatus})` : ''}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <h2 class="utrecht-heading-2">Bevestigen</h2>
      <p class="utrecht-paragraph">
        {p.alreadyLoaded
          ? 'U kunt dit voorbeeld sluiten; er valt niets te laden.'
          : props.background
            ? 'Dit is een groot bestand. Het laden gaat op de achtergrond verder; u ziet de voortgang op de volgende pagina.'
            : 'Na bevestigen staan de cijfers direct in de monitor.'}{' '}
        Dit voorbeeld blijft bewaard tot {when(props.expiresAt)}.
      </p>
      <form method="post" action={`${props.base}/bevestig/${props.uploadId}`}>
        <CsrfField token={props.csrf} />
        <SubmitButton label={p.alreadyLoaded ? 'Toch bevestigen' : 'Bevestig en laad de cijfers'} />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link wk-target" href={props.base}>
          Niet laden, terug naar de lijst
        </a>
      </p>
    </>
  );
}

/** While a staged file is being read in the background (or when that reading failed). */
export function ReadingPage(props: {
  base: string;
  municipalityCode: string;
  fileName: string;
  failed: boolean;
  selfUrl: string;
  autoRefresh: boolean;
}) {
  const refresh = !props.failed && props.autoRefresh;
  return (
    <Page
      title={`Lezen van ${props.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
      {...(refresh ? { head: <meta http-equiv="refresh" content="2" /> } : {})}
    >
      <h1 class="utrecht-heading-1">Wat verandert er met {props.fileName}?</h1>
      {props.failed ? (
        <Notice kind="error" title="Het lezen is mislukt">
          <p class="utrecht-paragraph">
            Er is niets veranderd. Laad het bestand opnieuw, of vraag de beheerder om hulp.{' '}
            <a class="utrecht-link" href={`${props.base}#laden`}>
              Een bestand laden
            </a>
          </p>
        </Notice>
      ) : (
        <>
          <p class="utrecht-paragraph" role="status">
            Bezig met lezen: het bestand wordt gecontroleerd en vergeleken met de cijfers in de
            monitor. Er is nog niets geladen.
          </p>
          <p class="utrecht-paragraph">
            {props.autoRefresh ? (
              <>
                Deze pagina ververst zichzelf elke 2 seconden.{' '}
                <a class="utrecht-link" href={`${props.selfUrl}?verversen=nee`}>
                  Niet meer automatisch verversen
                </a>
              </>
            ) : (
              <a class="utrecht-link" href={props.selfUrl}>
                Kijk of het lezen klaar is
              </a>
            )}
          </p>
        </>
      )}
    </Page>
  );
}

export function JobPage(props: {
  base: string;
  municipalityCode: string;
  job: ImportJob;
  selfUrl: string;
  autoRefresh: boolean;
}) {
  const { job } = props;
  const percent = job.total > 0 ? Math.floor((job.done / job.total) * 100) : 0;
  const refresh = job.state === 'bezig' && props.autoRefresh;
  return (
    <Page
      title={`Laden van ${job.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
      {...(refresh ? { head: <meta http-equiv="refresh" content="2" /> } : {})}
    >
      <h1 class="utrecht-heading-1">Laden van {job.fileName}</h1>
      {job.state === 'bezig' && (
        <>
          <p class="utrecht-paragraph" role="status">
            Bezig: {formatNumber(job.done)} van {formatNumber(job.total)} waarden opgeslagen (
            {percent}%).
          </p>
          <progress max={job.total} value={job.done} aria-label="Voortgang van het laden">
            {percent}%
          </progress>
          <p class="utrecht-paragraph">
            {props.autoRefresh ? (
              <>
                Deze pagina ververst zichzelf elke 2 seconden.{' '}
                <a class="utrecht-link" href={`${props.selfUrl}?verversen=nee`}>
                  Niet meer automatisch verversen
                </a>
              </>
            ) : (
              <a class="utrecht-link" href={props.selfUrl}>
                Ververs de voortgang
              </a>
            )}
          </p>
        </>
      )}
      {job.state === 'klaar' && job.outcome && (
        <Notice
          kind="ok"
          title={
            job.outcome.status === 'geimporteerd'
              ? 'Het bestand is geladen'
              : 'Dit bestand is al geladen'
          }
        >
          <p class="utrecht-paragraph">
            {job.outcome.status === 'geimporteerd'
              ? `${formatNumber(job.outcome.observations)} waarden staan nu in de monitor.`
              : 'Er is niets veranderd.'}{' '}
            <a class="utrecht-link" href={`${props.base}/${job.outcome.datasetId}`}>
              Bekijk het geladen bestand
            </a>
          </p>
        </Notice>
      )}
      {job.state === 'mislukt' && (
        <Notice kind="error" title="Het laden is mislukt">
          <p class="utrecht-paragraph">{job.message}</p>
        </Notice>
      )}
    </Page>
  );
}

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
    <Page
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
      <div class="wk-table-scroll">
        <table class="utrecht-table">
          <caption class="utrecht-table__caption">{variables.length} variabelen</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <Th>Variabele</Th>
              <Th num>Waarden</Th>
              <Th>Perioden</Th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {variables.map((v) => (
              <tr class="utrecht-table__row">
                <Td>
                  <code>{v.variable}</code>
                </Td>
                <Td num>{formatNumber(v.values)}</Td>
                <Td>
                  {v.firstPeriod === v.lastPeriod
                    ? v.firstPeriod
                    : `${v.firstPeriod} tot en met ${v.lastPeriod}`}
                </Td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
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
    </Page>
  );
}
