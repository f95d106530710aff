import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { FUNDING_KIND_LABEL, type BudgetOverview, type Totals } from '../budget.service.ts';
import { formatEuro } from '../money.ts';
import { EntryFields, LineFields, SourceFields } from './budget-forms.tsx';
import { Input, prefixed, type FieldErrors } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import { PlanChart } from './plan-chart.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';
import { DownloadLinks } from '../../../views/components/download-links.tsx';

export type BudgetForm = 'locatie' | 'functie' | 'bron' | 'regel' | 'boeking';

export interface BudgetPageProps {
  csrf: string;
  municipalityCode: string;
  overview: BudgetOverview;
  canEdit: boolean;
  saved?: string | undefined;
  /** The form that was sent and refused, with its values and errors. */
  failed?: { form: BudgetForm; values: Record<string, string>; errors: FieldErrors } | undefined;
}

function TotalCells(props: { t: Totals }) {
  return (
    <>
      <Td num>{formatEuro(props.t.plannedCents)}</Td>
      <Td num>{formatEuro(props.t.committedCents)}</Td>
      <Td num>{formatEuro(props.t.spentCents)}</Td>
      <Td num>{formatEuro(props.t.availableCents)}</Td>
    </>
  );
}

function MoneyHeads() {
  return (
    <>
      <Th num scope="col">
        Begroot
      </Th>
      <Th num scope="col">
        Verplicht
      </Th>
      <Th num scope="col">
        Uitgegeven
      </Th>
      <Th num scope="col">
        Beschikbaar
      </Th>
    </>
  );
}

export function budgetBase(code: string, slug: string): string {
  return `/werkruimte/${code}/begroting/${slug}`;
}

export function BudgetPage(props: BudgetPageProps) {
  const { area, location, positions, sources, plan } = props.overview;
  const base = budgetBase(props.municipalityCode, area.slug);
  const failed = (form: BudgetForm) =>
    props.failed?.form === form ? props.failed : { values: {}, errors: {} as FieldErrors };
  return (
    <Layout
      title={`Begroting ${area.name}`}
      description={`Programmabureau, geldbronnen en begroting van ${area.name}: plan en realisatie.`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: `/werkruimte/${props.municipalityCode}/programma`, label: 'Programma' },
        { href: base, label: `Begroting ${area.name}`, current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Begroting {area.name}</h1>
      <Notice text={props.saved} />
      {props.failed && <ErrorSummary errors={prefixed(props.failed.form, props.failed.errors)} />}

      <h2 class="utrecht-heading-2" id="plan">
        Plan en realisatie
      </h2>
      <p class="utrecht-paragraph">
        Beschikbaar is begroot min verplicht (nog niet betaald) min uitgegeven. Alle bedragen in
        euro, tot op de cent.
      </p>
      <PlanChart
        title={`Begroot tegen verplicht en uitgegeven per thema, ${area.name}`}
        groups={plan.byTheme.map((t) => ({ label: t.name, ...t }))}
      />
      <Table>
        <TableCaption>Totaal en eigen bijdrage van de gemeente apart</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Deel</Th>
            <MoneyHeads />
          </Tr>
        </THead>
        <TBody>
          <Tr>
            <Th scope="row">Eigen bijdrage gemeente (de raad stelt de kaders)</Th>
            <TotalCells t={plan.ownContribution} />
          </Tr>
          <Tr>
            <Th scope="row">Rijk, partners en overig</Th>
            <TotalCells t={plan.otherContributions} />
          </Tr>
          <Tr>
            <Th scope="row">Totaal</Th>
            <TotalCells t={plan.total} />
          </Tr>
        </TBody>
      </Table>

      <Table>
        <TableCaption>Begrotingsregels per jaar, thema en project</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Regel</Th>
            <Th scope="col">Jaar</Th>
            <Th scope="col">Thema</Th>
            <Th scope="col">Project</Th>
            <Th scope="col">Bron</Th>
            <MoneyHeads />
          </Tr>
        </THead>
        <TBody>
          {plan.rows.length === 0 && (
            <Tr>
              <Td colSpan={9}>Er zijn nog geen begrotingsregels.</Td>
            </Tr>
          )}
          {plan.rows.map((r) => (
            <Tr>
              <Td>
                <a class="utrecht-link" href={`${base}/regels/${r.line.id}`}>
                  {r.line.code}
                </a>{' '}
                {r.line.description}
                {r.line.negative_reason && <> (negatief: {r.line.negative_reason})</>}
              </Td>
              <Td>{r.line.year}</Td>
              <Td>{r.themeName}</Td>
              <Td>{r.line.project || '–'}</Td>
              <Td>{r.source?.name ?? 'onbekend'}</Td>
              <TotalCells t={r} />
            </Tr>
          ))}
        </TBody>
      </Table>
      <DownloadLinks
        intro="Download plan en realisatie:"
        links={[{ href: `${base}/begroting.xlsx`, label: 'Excel (.xlsx)' }]}
      />

      <h2 class="utrecht-heading-2" id="bronnen">
        Geldbronnen
      </h2>
      <Table>
        <TableCaption>Wie betaalt mee</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Bron</Th>
            <Th scope="col">Soort</Th>
            <Th scope="col">Van</Th>
            <Th num scope="col">
              Per jaar
            </Th>
            <Th scope="col">Toelichting</Th>
            {props.canEdit && <Th scope="col">Actie</Th>}
          </Tr>
        </THead>
        <TBody>
          {sources.map((s) => (
            <Tr>
              <Td>{s.name}</Td>
              <Td>{FUNDING_KIND_LABEL[s.kind]}</Td>
              <Td>{s.funder}</Td>
              <Td num>
                {s.annual_cents === null
                  ? 'nog niet ingevuld'
                  : `${formatEuro(s.annual_cents)}${s.from_year ? ` vanaf ${s.from_year}` : ''}`}
              </Td>
              <Td>{s.note}</Td>
              {props.canEdit && (
                <Td>
                  <a class="utrecht-link" href={`${base}/bronnen/${s.id}/wijzigen`}>
                    Wijzigen<span class="wk-visually-hidden"> {s.name}</span>
                  </a>
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>

      <h2 class="utrecht-heading-2">Programmabureau</h2>
      <p class="utrecht-paragraph">Plek: {location ?? 'nog niet bekend'}</p>
      <Table>
        <TableCaption>Medewerkers per partnerorganisatie</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Organisatie</Th>
            <Th scope="col">Functie</Th>
            <Th num scope="col">
              Uren per week
            </Th>
            {props.canEdit && <Th scope="col">Actie</Th>}
          </Tr>
        </THead>
        <TBody>
          {positions.length === 0 && (
            <Tr>
              <Td colSpan={4}>Nog geen functies ingevuld.</Td>
            </Tr>
          )}
          {positions.map((p) => (
            <Tr>
              <Td>{p.organisation}</Td>
              <Td>{p.title}</Td>
              <Td num>{p.hours_per_week ?? '–'}</Td>
              {props.canEdit && (
                <Td>
                  <form method="post" action={`${base}/functies/${p.id}/verwijderen`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      Verwijder {p.title} ({p.organisation})
                    </button>
                  </form>
                </Td>
              )}
            </Tr>
          ))}
        </TBody>
      </Table>

      {props.canEdit && (
        <>
          <h2 class="utrecht-heading-2">Invoeren</h2>
          <p class="utrecht-paragraph">
            Veel boekingen tegelijk?{' '}
            <a class="utrecht-link" href={`${base}/importeren`}>
              Lees een Excel-bestand in
            </a>
            .
          </p>
          <form method="post" action={`${base}/boekingen`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Verplichting of uitgave boeken</h3>
            <EntryFields
              lines={plan.rows.map((r) => r.line)}
              {...failed('boeking')}
              prefix="boeking"
            />
            <SubmitButton label="Boeking opslaan" />
          </form>

          <form method="post" action={`${base}/regels`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Begrotingsregel toevoegen</h3>
            <LineFields sources={sources} {...failed('regel')} prefix="regel" />
            <SubmitButton label="Regel toevoegen" />
          </form>

          <form method="post" action={`${base}/bronnen`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Geldbron toevoegen</h3>
            <SourceFields {...failed('bron')} prefix="bron" />
            <SubmitButton label="Bron toevoegen" />
          </form>

          <form method="post" action={`${base}/functies`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Functie in het programmabureau toevoegen</h3>
            <Input
              name="organisation"
              label="Partnerorganisatie"
              {...failed('functie')}
              prefix="functie"
            />
            <Input name="title" label="Functie" {...failed('functie')} prefix="functie" />
            <Input
              name="hours_per_week"
              label="Uren per week (mag leeg)"
              inputmode="numeric"
              {...failed('functie')}
              prefix="functie"
            />
            <SubmitButton label="Functie toevoegen" />
          </form>

          <form method="post" action={`${base}/locatie`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Plek van het programmabureau</h3>
            <Input
              name="location"
              prefix="locatie"
              label="Adres of plek in het focusgebied"
              {...(props.failed?.form === 'locatie'
                ? props.failed
                : { values: { location: location ?? '' }, errors: {} })}
            />
            <SubmitButton label="Plek opslaan" />
          </form>
        </>
      )}
    </Layout>
  );
}
