import { CsrfField, ErrorSummary, Notice, SubmitButton } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import { tableScroll } from '../../../views/table-scroll.ts';
import { longDate } from '../live-blocks.ts';
import { STATUS_LABELS, type WorkspaceOverview } from '../council-letter.service.ts';
import { InputField } from './parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

export function workspaceBase(area: { municipalityCode: string; slug: string }): string {
  return `/werkruimte/${area.municipalityCode}/raadsbrieven/${area.slug}`;
}

/** The council letters of a focus area in the workspace, and the planning of council moments. */
export function LettersPage(props: {
  data: WorkspaceOverview;
  canEdit: boolean;
  csrf: string;
  saved?: string | undefined;
  form?: 'brief' | 'moment';
  errors?: Record<string, string>;
  values?: Record<string, string>;
}) {
  const { area, letters, moments } = props.data;
  const base = workspaceBase(area);
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  return (
    <Layout
      title={`Raadsinformatie ${area.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Raadsinformatie ${area.name}`, current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Raadsinformatie {area.name}</h1>
        <p class="utrecht-paragraph">
          Hier maakt u de raadsinformatiebrieven over het Nationaal Programma {area.name}. Een brief
          gaat van concept naar ter beoordeling naar gepubliceerd. Een gepubliceerde brief verandert
          niet meer en staat op de{' '}
          <a class="utrecht-link" href={`/gebieden/${area.slug}/raadsbrieven`}>
            openbare pagina met raadsinformatiebrieven
          </a>
          .
        </p>
        <Notice text={props.saved} />
        <section aria-labelledby="brieven">
          <h2 class="utrecht-heading-2" id="brieven">
            Brieven
          </h2>
          {letters.length === 0 ? (
            <p class="utrecht-paragraph">Er is nog geen raadsinformatiebrief.</p>
          ) : (
            <div {...tableScroll('Raadsinformatiebrieven')}>
              <Table>
                <TableCaption>Raadsinformatiebrieven</TableCaption>
                <THead>
                  <Tr>
                    <Th scope="col">Brief</Th>
                    <Th scope="col">Status</Th>
                    <Th scope="col">Nummer</Th>
                    <Th scope="col">Gepubliceerd op</Th>
                  </Tr>
                </THead>
                <TBody>
                  {letters.map((l) => (
                    <Tr>
                      <Th scope="row">
                        <a class="utrecht-link" href={`${base}/${l.id}`}>
                          {l.title}
                        </a>
                      </Th>
                      <Td>{STATUS_LABELS[l.status]}</Td>
                      <Td>{l.number ?? '–'}</Td>
                      <Td>{l.publishedOn ? longDate(l.publishedOn) : '–'}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
          {props.canEdit && (
            <form method="post" action={base} class="wk-stack" noValidate>
              <h3 class="utrecht-heading-3">Nieuwe brief beginnen</h3>
              {props.form === 'brief' && <ErrorSummary errors={errors} />}
              <CsrfField token={props.csrf} />
              <InputField
                name="titel"
                label="Titel van de brief"
                value={props.form === 'brief' ? values.titel : undefined}
                error={props.form === 'brief' ? errors.titel : undefined}
                description={`Leeg laten geeft "Raadsinformatiebrief Nationaal Programma ${area.name}". De tekst begint met de tekst van de laatste brief.`}
              />
              <SubmitButton label="Nieuwe brief beginnen" />
            </form>
          )}
        </section>
        <section aria-labelledby="planning">
          <h2 class="utrecht-heading-2" id="planning">
            Planning: wanneer informeert het college de raad?
          </h2>
          {moments.length === 0 ? (
            <p class="utrecht-paragraph">Er is nog geen moment gepland.</p>
          ) : (
            <ul class="utrecht-unordered-list">
              {moments.map((m) => (
                <li class="utrecht-unordered-list__item">
                  {longDate(m.date)}: {m.subject}
                  {m.contact_email ? ' (met herinnering per e-mail)' : ''}
                </li>
              ))}
            </ul>
          )}
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/gebieden/${area.slug}/raadsbrieven/momenten.ics`}>
              Planning in uw agenda (iCal)
            </a>
          </p>
          {props.canEdit && (
            <form method="post" action={`${base}/momenten`} class="wk-stack" noValidate>
              <h3 class="utrecht-heading-3">Moment toevoegen</h3>
              {props.form === 'moment' && <ErrorSummary errors={errors} />}
              <CsrfField token={props.csrf} />
              <InputField
                name="datum"
                label="Datum"
                type="date"
                value={props.form === 'moment' ? values.datum : undefined}
                error={props.form === 'moment' ? errors.datum : undefined}
              />
              <InputField
                name="onderwerp"
                label="Onderwerp"
                value={props.form === 'moment' ? values.onderwerp : undefined}
                error={props.form === 'moment' ? errors.onderwerp : undefined}
                description="Bijvoorbeeld: de contouren en belangrijkste thema's van het programma."
              />
              <InputField
                name="email"
                label="E-mailadres voor de herinnering (niet verplicht)"
                type="email"
                value={props.form === 'moment' ? values.email : undefined}
                error={props.form === 'moment' ? errors.email : undefined}
                description="Dit adres krijgt een e-mail kort voor de datum."
              />
              <SubmitButton label="Moment toevoegen" />
            </form>
          )}
        </section>
      </div>
    </Layout>
  );
}
