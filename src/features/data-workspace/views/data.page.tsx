import {
  ErrorSummary,
  SubmitButton,
  fieldId,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { Dataset } from '../../datasets/index.ts';
import { PDOK_LEVELS, UPLOAD_KINDS, UPLOAD_KIND_LABELS } from '../../imports/index.ts';
import { Field } from '../../../views/components/field.tsx';
import {
  formatNumber,
  when,
  who,
  STATUS_LABELS,
  DataLayout,
  Th,
  Td,
  type UploadFormValues,
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
    <DataLayout
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
      <TableScroll label="Ingelezen bestanden">
        <Table>
          <TableCaption>{props.datasets.length} bestanden, nieuwste eerst</TableCaption>
          <THead>
            <Tr>
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
            </Tr>
          </THead>
          <TBody>
            {props.datasets.map((d) => (
              <Tr>
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
              </Tr>
            ))}
          </TBody>
        </Table>
      </TableScroll>
    </DataLayout>
  );
}
