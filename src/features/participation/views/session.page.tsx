import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import { formatSessionTime } from '../amsterdam-time.ts';
import { formatSheetProblem, type SheetProblem } from '../input-xlsx.ts';
import {
  AUDIENCE_LABELS,
  KIND_LABELS,
  type FieldErrors,
  type FormBody,
} from '../participation.forms.ts';
import type { SessionDetail } from '../participation.service.ts';
import { INPUT_KINDS } from '../participation.table.ts';
import { Choices, Select, Submit, TextArea, TextInput } from './fields.tsx';
import { CsrfField, ErrorSummary, Notice } from '../../../views/components/form.tsx';
import { STATUS_LABELS, sessionsBase, themeNames } from './labels.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

export interface SessionPageAccess {
  plan: boolean;
  input: boolean;
}

function Cell(props: { children: preact.ComponentChildren; num?: boolean }) {
  return <Td num={props.num}>{props.children}</Td>;
}

function Head(props: { labels: string[] }) {
  return (
    <THead>
      <Tr>
        {props.labels.map((h) => (
          <Th scope="col">{h}</Th>
        ))}
      </Tr>
    </THead>
  );
}

export function SessionPage(props: {
  municipalityCode: string;
  detail: SessionDetail;
  access: SessionPageAccess;
  csrf: string;
  errors?: FieldErrors;
  values?: FormBody;
  problems?: SheetProblem[];
  notice?: string | undefined;
}) {
  const d = props.detail;
  const s = d.session;
  const base = `${sessionsBase(props.municipalityCode)}/${s.id}`;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const common = { values, errors };
  const themeOptions = d.themes.map((t) => ({ value: t.key, label: t.name }));
  // The session's own themes first: that is where most notes belong.
  themeOptions.sort(
    (a, b) => Number(s.themes.includes(b.value)) - Number(s.themes.includes(a.value)),
  );
  const inputValues: FormBody = { thema: s.themes[0] ?? '', soort: 'knelpunt', ...values };
  return (
    <Layout
      title={s.title}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: sessionsBase(props.municipalityCode), label: 'Bijeenkomsten' },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{s.title}</h1>
        <Notice text={props.notice} />
        <ErrorSummary errors={errors} />
        {props.problems && props.problems.length > 0 && (
          <div class="utrecht-alert utrecht-alert--error" role="alert" id="bestandsfouten">
            <div class="utrecht-alert__content">
              <h2 class="utrecht-heading-2">Het bestand is niet geladen</h2>
              <p class="utrecht-paragraph">
                Er is niets opgeslagen. Verbeter deze punten in het bestand en laad het opnieuw:
              </p>
              <ul class="utrecht-unordered-list">
                {props.problems.map((p) => (
                  <li class="utrecht-unordered-list__item">{formatSheetProblem(p)}</li>
                ))}
              </ul>
            </div>
          </div>
        )}
        <dl class="wk-facts">
          <dt>Status</dt>
          <dd>
            {STATUS_LABELS[s.status]}
            {s.cancel_reason ? ` (${s.cancel_reason})` : ''}
          </dd>
          <dt>Wanneer</dt>
          <dd>{formatSessionTime(s.starts_at, s.ends_at)}</dd>
          <dt>Waar</dt>
          <dd>{s.location}</dd>
          <dt>Focusgebied</dt>
          <dd>{d.focusArea?.name ?? s.focus_area_slug}</dd>
          <dt>Thema’s</dt>
          <dd>{themeNames(d.themes, s.themes)}</dd>
          <dt>Organisator</dt>
          <dd>{s.organiser}</dd>
          <dt>Voor wie</dt>
          <dd>
            {AUDIENCE_LABELS[s.audience]}
            {s.is_public === 1 ? ', openbaar (staat op “Doe mee”)' : ', alleen op uitnodiging'}
          </dd>
          {s.description && (
            <>
              <dt>Omschrijving</dt>
              <dd>{s.description}</dd>
            </>
          )}
        </dl>
        {props.access.plan && (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${base}/bewerken`}>
              Bijeenkomst wijzigen
            </a>
          </p>
        )}

        <section aria-labelledby="aanwezig-titel">
          <h2 class="utrecht-heading-2" id="aanwezig-titel">
            Aanwezig
          </h2>
          {d.attendance.length === 0 ? (
            <p class="utrecht-paragraph">Nog niet vastgelegd.</p>
          ) : (
            <div {...tableScroll('Aantal aanwezigen per groep of sector')}>
              <Table>
                <TableCaption>
                  Aantal aanwezigen per groep of sector (totaal {d.attendanceTotal})
                </TableCaption>
                <Head labels={['Groep of sector', 'Aantal']} />
                <TBody>
                  {d.attendance.map((a) => (
                    <Tr>
                      <Cell>{a.group_label}</Cell>
                      <Cell num>{a.count}</Cell>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
          {props.access.plan && (
            <form method="post" action={`${base}/aanwezigheid`} novalidate>
              <CsrfField token={props.csrf} />
              <TextInput
                name="groep"
                label="Groep of sector"
                description="Bijvoorbeeld bewoners, zorg, onderwijs, woningcorporatie."
                {...common}
              />
              <TextInput
                name="aantal"
                label="Aantal aanwezigen"
                description="0 haalt de groep weg."
                type="number"
                {...common}
              />
              <Submit label="Aantal opslaan" variant="secondary" />
            </form>
          )}
        </section>

        {d.participants !== null && (
          <section aria-labelledby="deelnemers-titel">
            <h2 class="utrecht-heading-2" id="deelnemers-titel">
              Deelnemers met naam
            </h2>
            <p class="utrecht-paragraph">
              Alleen als de deelnemer toestemming gaf. Namen zijn nooit openbaar en alleen zichtbaar
              voor het programmabureau en de beheerder.
            </p>
            {d.participants.length === 0 ? (
              <p class="utrecht-paragraph">Geen namen vastgelegd.</p>
            ) : (
              <ul class="utrecht-unordered-list">
                {d.participants.map((p) => (
                  <li class="utrecht-unordered-list__item">
                    {p.name}
                    {p.organisation ? ` (${p.organisation})` : ''}{' '}
                    <form
                      method="post"
                      action={`${base}/deelnemers/${p.id}/verwijderen`}
                      class="wk-inline-form"
                    >
                      <CsrfField token={props.csrf} />
                      <button type="submit" class="utrecht-button utrecht-button--subtle">
                        Naam verwijderen<span class="wk-visually-hidden"> ({p.name})</span>
                      </button>
                    </form>
                  </li>
                ))}
              </ul>
            )}
            <form method="post" action={`${base}/deelnemers`} novalidate>
              <CsrfField token={props.csrf} />
              <TextInput name="naam" label="Naam" {...common} />
              <TextInput name="organisatie" label="Organisatie (mag leeg)" {...common} />
              <Choices
                name="toestemming"
                legend="Toestemming"
                type="checkbox"
                options={[
                  { value: 'ja', label: 'De deelnemer gaf toestemming om de naam vast te leggen' },
                ]}
                {...common}
              />
              <Submit label="Naam toevoegen" variant="secondary" />
            </form>
          </section>
        )}

        <section aria-labelledby="inbreng-titel">
          <h2 class="utrecht-heading-2" id="inbreng-titel">
            Inbreng
          </h2>
          {d.counts.length === 0 ? (
            <p class="utrecht-paragraph">Nog geen inbreng vastgelegd.</p>
          ) : (
            <div {...tableScroll('Inbreng per thema en soort')}>
              <Table>
                <TableCaption>Inbreng per thema en soort</TableCaption>
                <Head labels={['Thema', 'Soort', 'Aantal', 'Stemmen']} />
                <TBody>
                  {d.counts.map((c) => (
                    <Tr>
                      <Cell>{themeNames(d.themes, [c.theme_key])}</Cell>
                      <Cell>{KIND_LABELS[c.kind]}</Cell>
                      <Cell num>{c.inputs}</Cell>
                      <Cell num>{c.votes}</Cell>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
          {d.inputs !== null && d.inputs.length > 0 && (
            <div {...tableScroll('Alle inbreng van deze bijeenkomst')}>
              <Table>
                <TableCaption>Alle inbreng van deze bijeenkomst</TableCaption>
                <Head
                  labels={[
                    'Thema',
                    'Subthema',
                    'Soort',
                    'Tekst',
                    'Tafel of groep',
                    'Stemmen',
                    'Citeren',
                    ...(props.access.input ? ['Actie'] : []),
                  ]}
                />
                <TBody>
                  {d.inputs.map((i) => (
                    <Tr>
                      <Cell>{themeNames(d.themes, [i.theme_key])}</Cell>
                      <Cell>{i.sub_theme ?? ''}</Cell>
                      <Cell>{KIND_LABELS[i.kind]}</Cell>
                      <Cell>{i.text}</Cell>
                      <Cell>{i.table_group ?? ''}</Cell>
                      <Cell num>{i.votes}</Cell>
                      <Cell>{i.quote_allowed === 1 ? 'mag, na controle' : 'nee'}</Cell>
                      {props.access.input && (
                        <Cell>
                          <form method="post" action={`${base}/inbreng/${i.id}/verwijderen`}>
                            <CsrfField token={props.csrf} />
                            <button type="submit" class="utrecht-button utrecht-button--subtle">
                              Verwijderen
                              <span class="wk-visually-hidden"> ({i.text.slice(0, 40)})</span>
                            </button>
                          </form>
                        </Cell>
                      )}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
          {props.access.input && (
            <>
              <h3 class="utrecht-heading-3">Inbreng toevoegen</h3>
              <form method="post" action={`${base}/inbreng`} novalidate>
                <CsrfField token={props.csrf} />
                <Select
                  name="thema"
                  label="Thema"
                  options={themeOptions}
                  values={inputValues}
                  errors={errors}
                />
                <TextInput
                  name="subthema"
                  label="Subthema (mag leeg)"
                  values={inputValues}
                  errors={errors}
                />
                <Choices
                  name="soort"
                  legend="Soort"
                  type="radio"
                  options={INPUT_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))}
                  values={inputValues}
                  errors={errors}
                />
                <TextArea name="tekst" label="Tekst" values={inputValues} errors={errors} />
                <TextInput
                  name="tafel"
                  label="Tafel of groep (mag leeg)"
                  values={inputValues}
                  errors={errors}
                />
                <TextInput
                  name="stemmen"
                  label="Stemmen"
                  description="Het aantal stickers of stemmen; leeg is 0."
                  type="number"
                  values={inputValues}
                  errors={errors}
                />
                <Choices
                  name="citeren"
                  legend="Citeren"
                  type="checkbox"
                  options={[
                    { value: 'ja', label: 'De tekst mag letterlijk worden gebruikt (na controle)' },
                  ]}
                  values={inputValues}
                  errors={errors}
                />
                <Submit label="Inbreng opslaan" />
              </form>
              <h3 class="utrecht-heading-3">Veel briefjes tegelijk</h3>
              <p class="utrecht-paragraph">
                Neem de briefjes van de flip-over over in het{' '}
                <a class="utrecht-link" href={`${base}/inbreng-sjabloon.xlsx`}>
                  Excel-sjabloon (.xlsx)
                </a>{' '}
                en laad het hier. U ziet eerst wat er geladen wordt.
              </p>
              {/* The CSRF token travels in the address: the server checks it before it reads the file. */}
              <form
                method="post"
                action={`${base}/inbreng/bestand?_csrf=${encodeURIComponent(props.csrf)}`}
                enctype="multipart/form-data"
                novalidate
              >
                <div class="utrecht-form-field">
                  <div class="utrecht-form-field__label">
                    <label class="utrecht-form-label" for="veld-bestand">
                      Ingevuld sjabloon
                    </label>
                  </div>
                  <div class="utrecht-form-field__input">
                    <input
                      class="utrecht-textbox utrecht-textbox--html-input"
                      id="veld-bestand"
                      name="bestand"
                      type="file"
                      accept=".xlsx"
                    />
                  </div>
                </div>
                <Submit label="Bestand bekijken" variant="secondary" />
              </form>
            </>
          )}
        </section>

        {props.access.plan && s.status === 'gepland' && (
          <section aria-labelledby="afgelasten-titel">
            <h2 class="utrecht-heading-2" id="afgelasten-titel">
              Bijeenkomst afgelasten
            </h2>
            <form method="post" action={`${base}/annuleren`} novalidate>
              <CsrfField token={props.csrf} />
              <TextInput
                name="reden"
                label="Reden"
                description="Staat ook op de openbare pagina als de bijeenkomst openbaar is."
                {...common}
              />
              <Submit label="Afgelasten" variant="warning" />
            </form>
          </section>
        )}
      </div>
    </Layout>
  );
}
