import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { formatEuro } from '../money.ts';
import { STATUS_LABEL, type ApplicationStatus, type SubsidyOverview } from '../subsidy.service.ts';
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

export function subsidyBase(code: string, slug: string): string {
  return `/werkruimte/${code}/subsidies/${slug}`;
}

const money = (c: number | null) => (c === null ? '–' : formatEuro(c));

/** The national schemes and this focus area's applications to them. */
export function SubsidiesPage(props: {
  csrf: string;
  municipalityCode: string;
  overview: SubsidyOverview;
  canEdit: boolean;
  saved?: string | undefined;
  failed?: { values: Record<string, string>; errors: FieldErrors } | undefined;
}) {
  const { area, schemes, applications, lines } = props.overview;
  const base = subsidyBase(props.municipalityCode, area.slug);
  const schemeName = new Map(schemes.map((s) => [s.id, s.name]));
  const form = props.failed ?? { values: {}, errors: {} };
  return (
    <Layout
      title={`Subsidies ${area.name}`}
      description={`Regelingen van het Rijk en de aanvragen van ${area.name}, met deadlines.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: `/werkruimte/${props.municipalityCode}/programma`, label: 'Programma' },
        { href: base, label: `Subsidies ${area.name}`, current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Subsidies {area.name}</h1>
      <Notice text={props.saved} />
      {props.failed && <ErrorSummary errors={props.failed.errors} />}
      <h2 class="utrecht-heading-2">Aanvragen</h2>
      <Table>
        <TableCaption>Aanvragen met status en deadlines</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Aanvraag</Th>
            <Th scope="col">Regeling</Th>
            <Th scope="col">Status</Th>
            <Th num scope="col">
              Gevraagd
            </Th>
            <Th num scope="col">
              Toegekend
            </Th>
            <Th scope="col">Indienen vóór</Th>
            <Th scope="col">Verantwoorden vóór</Th>
          </Tr>
        </THead>
        <TBody>
          {applications.length === 0 && (
            <Tr>
              <Td colSpan={7}>Nog geen aanvragen.</Td>
            </Tr>
          )}
          {applications.map((a) => (
            <Tr>
              <Td>
                <a class="utrecht-link" href={`${base}/aanvragen/${a.id}`}>
                  {a.title}
                </a>
                {a.theme && <> ({themeName(a.theme)})</>}
              </Td>
              <Td>{schemeName.get(a.scheme_id) ?? a.scheme_id}</Td>
              <Td>{STATUS_LABEL[a.status as ApplicationStatus] ?? a.status}</Td>
              <Td num>{money(a.requested_cents)}</Td>
              <Td num>{money(a.granted_cents)}</Td>
              <Td>{a.submission_deadline ?? '–'}</Td>
              <Td>{a.accountability_deadline ?? '–'}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/deadlines.ics`}>
          Deadlines in uw agenda (iCal)
        </a>
      </p>

      <h2 class="utrecht-heading-2">Regelingen</h2>
      <Table>
        <TableCaption>Regelingen die bij het Nationaal Programma horen</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Regeling</Th>
            <Th scope="col">Ministerie</Th>
            <Th scope="col">Regels</Th>
          </Tr>
        </THead>
        <TBody>
          {schemes.map((s) => (
            <Tr>
              <Td>{s.name}</Td>
              <Td>{s.ministry}</Td>
              <Td>{s.rules}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>

      {props.canEdit && (
        <form method="post" action={`${base}/aanvragen`}>
          <CsrfField token={props.csrf} />
          <h2 class="utrecht-heading-2">Nieuwe aanvraag</h2>
          <Choice
            name="scheme_id"
            label="Regeling"
            options={[
              { value: '', label: 'Kies een regeling' },
              ...schemes.map((s) => ({ value: s.id, label: s.name })),
            ]}
            {...form}
          />
          <Input name="title" label="Titel" {...form} />
          <Input name="project" label="Project (mag leeg)" {...form} />
          <Choice
            name="theme"
            label="Thema"
            options={[
              { value: '', label: 'Geen thema' },
              ...THEMES.map((t) => ({ value: t.key, label: t.name })),
            ]}
            {...form}
          />
          <Input
            name="requested"
            label="Gevraagd bedrag in euro (mag leeg)"
            inputmode="decimal"
            {...form}
          />
          <Input
            name="submission_deadline"
            label="Indienen vóór (jjjj-mm-dd)"
            type="date"
            {...form}
          />
          <Input
            name="accountability_deadline"
            label="Verantwoorden vóór (jjjj-mm-dd)"
            type="date"
            {...form}
          />
          <Choice
            name="budget_line_id"
            label="Begrotingsregel (mag leeg)"
            options={[
              { value: '', label: 'Geen' },
              ...lines.map((l) => ({ value: l.id, label: `${l.code} – ${l.description}` })),
            ]}
            {...form}
          />
          <Input
            name="contact_email"
            label="E-mail voor herinneringen (mag leeg)"
            type="email"
            {...form}
          />
          <SubmitButton label="Aanvraag opslaan" />
        </form>
      )}
    </Layout>
  );
}
