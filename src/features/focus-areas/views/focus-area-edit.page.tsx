import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { FocusAreaPageData } from '../focus-area.page-data.ts';
import { LEGEND, shapeFor, STATUS_LABEL } from './focus-area.page.tsx';
import { AreaMap, MapLegend, type MapShape } from '../../maps/index.ts';
import {
  FORM_STATUS_LABEL,
  FORM_STATUSES,
  NOTE_MAX,
  REASON_MAX,
  reasonField,
  rejectField,
  statusField,
  type EditContext,
  type FormValues,
} from '../focus-area-editing.service.ts';
import {
  actorName,
  describedBy,
  Field,
  FieldError,
  formatDateTime,
  SavedNotice,
  TextArea,
} from '../../../views/components/form-controls.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

function workspaceCrumbs(code: string) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `/werkruimte/${code}/focusgebieden`, label: 'Focusgebieden' },
  ];
}

function MapSection({ data }: { data: FocusAreaPageData }) {
  const shapes = data.map.buurten.map(shapeFor);
  if (shapes.length === 0) {
    return (
      <p class="utrecht-paragraph wk-muted">
        Er is geen kaart: de buurtgrenzen van deze indeling zijn nog niet ingelezen.
      </p>
    );
  }
  const focus = shapes.filter((_, i) => data.map.buurten[i]?.status !== undefined);
  const outlines: MapShape[] = data.map.wijken
    .filter((w) => !w.isWater)
    .map((w) => ({
      code: w.code,
      geometry: w.geometry,
      className: 'wk-map__wijk',
      title: `Wijk ${w.name}`,
    }));
  const mapId = 'kaart-werkruimte';
  const byStatus = (s: string) =>
    data.members
      .filter((m) => m.status === s)
      .map((m) => m.name)
      .join(', ');
  return (
    <figure class="wk-figure">
      <div class="wk-map-frame">
        <AreaMap
          id={mapId}
          title={`Kaart van ${data.name}, versie ${data.version ?? ''}`}
          description={
            `De buurten van ${data.name} in versie ${data.version ?? ''}. ` +
            `Hoort erbij: ${byStatus('lid') || 'geen'}. ` +
            `Te bevestigen: ${byStatus('te_bevestigen') || 'geen'}. ` +
            `Uitgesloten: ${byStatus('uitgesloten') || 'geen'}. ` +
            'De tabel hieronder geeft dezelfde buurten.'
          }
          shapes={shapes}
          outlines={outlines}
          fitTo={focus.length > 0 ? focus : shapes}
          height={480}
          padding={20}
        />
      </div>
      <figcaption>
        <MapLegend mapId={mapId} heading="Legenda" items={LEGEND} />
      </figcaption>
    </figure>
  );
}

function CurrentMembers({ data }: { data: FocusAreaPageData }) {
  return (
    <TableScroll label={`Buurten in versie ${data.version} met hun status`}>
      <Table>
        <TableCaption>Buurten in versie {data.version} met hun status</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Code</Th>
            <Th scope="col">Buurt</Th>
            <Th scope="col">Wijk</Th>
            <Th scope="col">Status</Th>
            <Th scope="col">Reden</Th>
          </Tr>
        </THead>
        <TBody>
          {data.members.map((m) => (
            <Tr data-status={m.status} data-code={m.code}>
              <Td>{m.code}</Td>
              <Th scope="row">{m.name}</Th>
              <Td>{m.wijk ?? 'onbekend'}</Td>
              <Td>{STATUS_LABEL[m.status]}</Td>
              <Td>{m.reason ?? ''}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </TableScroll>
  );
}

function QuickActions(props: {
  ctx: EditContext;
  data: FocusAreaPageData;
  csrf: string;
  action: string;
  errors: FieldErrors;
  rejectReasons: Record<string, string>;
}) {
  const toConfirm = props.data.members.filter((m) => m.status === 'te_bevestigen');
  if (toConfirm.length === 0) return null;
  const version = String(props.ctx.current?.version ?? '');
  return (
    <section aria-labelledby="te-bevestigen-titel">
      <h2 class="utrecht-heading-2" id="te-bevestigen-titel">
        Te bevestigen buurten ({toConfirm.length})
      </h2>
      <p class="utrecht-paragraph">
        Deze buurten horen misschien bij {props.data.name}. Ze tellen pas mee als u ze bevestigt.
        Wijst u een buurt af, schrijf dan op waarom. Elke keuze maakt een nieuwe versie.
      </p>
      <ul class="utrecht-unordered-list">
        {toConfirm.map((m) => {
          const field = rejectField(m.code);
          const error = props.errors[field];
          return (
            <li class="utrecht-unordered-list__item" data-te-bevestigen={m.code}>
              <h3 class="utrecht-heading-3">
                {m.name} <span class="wk-muted">({m.code})</span>
              </h3>
              {m.reason && <p class="utrecht-paragraph">{m.reason}</p>}
              <div class="utrecht-button-group">
                <form method="post" action={`${props.action}/bevestigen`}>
                  <CsrfField token={props.csrf} />
                  <input type="hidden" name="buurt" value={m.code} />
                  <input type="hidden" name="versie" value={version} />
                  <button type="submit" class="utrecht-button utrecht-button--primary-action">
                    Bevestigen voor {m.name}
                  </button>
                </form>
              </div>
              <form method="post" action={`${props.action}/afwijzen`} novalidate>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="buurt" value={m.code} />
                <input type="hidden" name="versie" value={version} />
                <Field name={field} label={`Reden om ${m.name} af te wijzen`} error={error}>
                  <input
                    class={`utrecht-textbox utrecht-textbox--html-input${error ? ' utrecht-textbox--invalid' : ''}`}
                    id={fieldId(field)}
                    name="reden"
                    type="text"
                    maxLength={REASON_MAX}
                    value={props.rejectReasons[m.code] ?? ''}
                    aria-invalid={error ? 'true' : undefined}
                    aria-describedby={describedBy(field, error)}
                  />
                </Field>
                <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                  Afwijzen<span class="wk-muted"> voor {m.name}</span>
                </button>
              </form>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function MembershipForm(props: {
  ctx: EditContext;
  values: FormValues;
  errors: FieldErrors;
  csrf: string;
  action: string;
}) {
  const { ctx, values, errors } = props;
  return (
    <form class="utrecht-form" method="post" action={props.action} novalidate>
      <CsrfField token={props.csrf} />
      <input type="hidden" name="versie" value={String(values.baseVersion ?? '')} />
      <p class="utrecht-paragraph">
        Kies voor elke buurt of ze erbij hoort. Alleen buurten met &quot;Hoort erbij&quot; tellen
        mee in de cijfers. Bij &quot;Uitgesloten&quot; schrijft u de reden op. Buurtindeling van het
        CBS van {ctx.indelingYear}.
      </p>
      {ctx.wijken.map((w) => (
        <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
          <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
            {w.code ? `Wijk ${w.name}` : w.name}
          </legend>
          <TableScroll label={w.code ? `Buurten van wijk ${w.name}` : `Buurten van ${w.name}`}>
            <Table>
              <TableCaption>
                {w.code ? `Buurten van wijk ${w.name}` : `Buurten van ${w.name}`}
              </TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Buurt</Th>
                  <Th scope="col">Status</Th>
                  <Th scope="col">Reden (nodig bij uitgesloten)</Th>
                </Tr>
              </THead>
              <TBody>
                {w.buurten.map((b) => {
                  const sName = statusField(b.code);
                  const rName = reasonField(b.code);
                  const sError = errors[sName];
                  const rError = errors[rName];
                  return (
                    <Tr>
                      <Th scope="row">
                        <label class="utrecht-form-label" for={fieldId(sName)}>
                          {b.name}
                        </label>{' '}
                        <span class="wk-muted">
                          {b.code}
                          {b.isWater ? ' (water)' : ''}
                        </span>
                      </Th>
                      <Td>
                        <FieldError name={sName} error={sError} />
                        <select
                          class={`utrecht-select utrecht-select--html-select${sError ? ' utrecht-select--invalid' : ''}`}
                          id={fieldId(sName)}
                          name={sName}
                          aria-invalid={sError ? 'true' : undefined}
                          aria-describedby={describedBy(sName, sError)}
                        >
                          {FORM_STATUSES.map((s) => (
                            <option value={s} selected={(values.statuses[b.code] ?? 'geen') === s}>
                              {FORM_STATUS_LABEL[s]}
                            </option>
                          ))}
                        </select>
                      </Td>
                      <Td>
                        <FieldError name={rName} error={rError} />
                        <input
                          class={`utrecht-textbox utrecht-textbox--html-input${rError ? ' utrecht-textbox--invalid' : ''}`}
                          id={fieldId(rName)}
                          name={rName}
                          type="text"
                          maxLength={REASON_MAX}
                          value={values.reasons[b.code] ?? ''}
                          aria-label={`Reden bij ${b.name}`}
                          aria-invalid={rError ? 'true' : undefined}
                          aria-describedby={describedBy(rName, rError)}
                        />
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
          </TableScroll>
        </fieldset>
      ))}
      <TextArea
        name="toelichting"
        label="Toelichting: waarom deze buurten"
        value={values.rationale}
        error={errors.toelichting}
        rows={8}
        required
      />
      <TextArea
        name="notitie"
        label="Wat verandert u en waarom? (verplicht)"
        description={`Komt in de versiegeschiedenis. Hoogstens ${NOTE_MAX} tekens.`}
        value={values.note}
        error={errors.notitie}
        rows={3}
        required
      />
      <SubmitButton label="Opslaan als nieuwe versie" />
    </form>
  );
}

export interface FocusAreaEditPageProps {
  csrf: string;
  municipalityCode: string;
  ctx: EditContext;
  /** The current version as the public page shows it (map and names); null without version. */
  data: FocusAreaPageData | null;
  values: FormValues;
  errors?: FieldErrors;
  message?: string | undefined;
  saved?: string | undefined;
  rejectReasons?: Record<string, string>;
}

export function FocusAreaEditPage(props: FocusAreaEditPageProps) {
  const { ctx, data } = props;
  const errors = props.errors ?? {};
  const code = props.municipalityCode;
  const action = `/werkruimte/${code}/focusgebieden/${ctx.area.slug}`;
  return (
    <Layout title={`${ctx.area.name} bewerken`} breadcrumbs={workspaceCrumbs(code)}>
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{ctx.area.name}: afbakening bewerken</h1>
        <SavedNotice text={props.saved} />
        <ErrorSummary errors={errors} message={props.message} />
        {ctx.current ? (
          <p class="utrecht-paragraph wk-lead">
            Nieuwste versie: {ctx.current.version}, opgeslagen op{' '}
            {formatDateTime(ctx.current.created_at)} door {actorName(ctx.current.created_by)}.{' '}
            <a class="utrecht-link" href={`/gebieden/${ctx.area.slug}`}>
              Bekijk de openbare pagina
            </a>
          </p>
        ) : (
          <p class="utrecht-paragraph wk-lead">
            Van dit focusgebied zijn de buurten nog niet vastgelegd. Met het formulier hieronder
            maakt u versie 1.
          </p>
        )}

        {data && data.version !== null && (
          <>
            <h2 class="utrecht-heading-2">Kaart van de nieuwste versie</h2>
            <MapSection data={data} />
            <h2 class="utrecht-heading-2">Buurten in de nieuwste versie</h2>
            <CurrentMembers data={data} />
            <QuickActions
              ctx={ctx}
              data={data}
              csrf={props.csrf}
              action={action}
              errors={errors}
              rejectReasons={props.rejectReasons ?? {}}
            />
          </>
        )}

        <h2 class="utrecht-heading-2">Buurten en toelichting wijzigen</h2>
        {ctx.wijken.length === 0 ? (
          <p class="utrecht-paragraph">
            Er zijn nog geen buurtgrenzen van deze gemeente ingelezen. Lees eerst de buurten in bij{' '}
            <a class="utrecht-link" href={`/werkruimte/${code}/data`}>
              Gegevens
            </a>
            .
          </p>
        ) : (
          <MembershipForm
            ctx={ctx}
            values={props.values}
            errors={errors}
            csrf={props.csrf}
            action={action}
          />
        )}

        <h2 class="utrecht-heading-2">Versiegeschiedenis</h2>
        {ctx.history.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen versies.</p>
        ) : (
          <TableScroll label="Alle versies, de nieuwste eerst">
            <Table>
              <TableCaption>Alle versies, de nieuwste eerst</TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Versie</Th>
                  <Th scope="col">Opgeslagen</Th>
                  <Th scope="col">Door</Th>
                  <Th num scope="col">
                    Buurten die meetellen
                  </Th>
                  <Th scope="col">Wat is er veranderd</Th>
                </Tr>
              </THead>
              <TBody>
                {ctx.history.map((v) => (
                  <Tr data-versie={v.version}>
                    <Th scope="row">
                      <a
                        class="utrecht-link"
                        href={`/gebieden/${ctx.area.slug}?versie=${v.version}`}
                      >
                        Versie {v.version}
                      </a>
                    </Th>
                    <Td>{formatDateTime(v.createdAt)}</Td>
                    <Td>{actorName(v.createdBy)}</Td>
                    <Td num>{v.members}</Td>
                    <Td>{v.note ?? 'geen notitie'}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </TableScroll>
        )}
      </div>
    </Layout>
  );
}
