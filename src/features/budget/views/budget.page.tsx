import { Layout } from '../../../views/layout.tsx';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import {
  ENTRY_KIND_LABEL,
  FUNDING_KIND_LABEL,
  type BudgetOverview,
  type Totals,
} from '../budget.service.ts';
import { ENTRY_KINDS, FUNDING_KINDS } from '../budget.table.ts';
import { formatEuro } from '../money.ts';
import { THEMES } from '../themes.ts';
import { Choice, Input, prefixed, type FieldErrors } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import { PlanChart } from './plan-chart.tsx';

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
      <td class="utrecht-table__cell utrecht-table__cell--numeric">
        {formatEuro(props.t.plannedCents)}
      </td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">
        {formatEuro(props.t.committedCents)}
      </td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">
        {formatEuro(props.t.spentCents)}
      </td>
      <td class="utrecht-table__cell utrecht-table__cell--numeric">
        {formatEuro(props.t.availableCents)}
      </td>
    </>
  );
}

function MoneyHeads() {
  return (
    <>
      <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
        Begroot
      </th>
      <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
        Verplicht
      </th>
      <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
        Uitgegeven
      </th>
      <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
        Beschikbaar
      </th>
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
  const themeOptions = [
    { value: '', label: 'Geen thema (programmabureau)' },
    ...THEMES.map((t) => ({ value: t.key, label: t.name })),
  ];
  const lineOptions = [
    { value: '', label: 'Kies een regel' },
    ...plan.rows.map((r) => ({
      value: r.line.id,
      label: `${r.line.code} – ${r.line.description} (${r.line.year})`,
    })),
  ];
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
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          Totaal en eigen bijdrage van de gemeente apart
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Deel
            </th>
            <MoneyHeads />
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="row">
              Eigen bijdrage gemeente (de raad stelt de kaders)
            </th>
            <TotalCells t={plan.ownContribution} />
          </tr>
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="row">
              Rijk, partners en overig
            </th>
            <TotalCells t={plan.otherContributions} />
          </tr>
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="row">
              Totaal
            </th>
            <TotalCells t={plan.total} />
          </tr>
        </tbody>
      </table>

      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          Begrotingsregels per jaar, thema en project
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Regel
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Jaar
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Thema
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Project
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Bron
            </th>
            <MoneyHeads />
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {plan.rows.length === 0 && (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell" colSpan={9}>
                Er zijn nog geen begrotingsregels.
              </td>
            </tr>
          )}
          {plan.rows.map((r) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">
                <a class="utrecht-link" href={`${base}/regels/${r.line.id}`}>
                  {r.line.code}
                </a>{' '}
                {r.line.description}
                {r.line.negative_reason && <> (negatief: {r.line.negative_reason})</>}
              </td>
              <td class="utrecht-table__cell">{r.line.year}</td>
              <td class="utrecht-table__cell">{r.themeName}</td>
              <td class="utrecht-table__cell">{r.line.project || '–'}</td>
              <td class="utrecht-table__cell">{r.source?.name ?? 'onbekend'}</td>
              <TotalCells t={r} />
            </tr>
          ))}
        </tbody>
      </table>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/begroting.xlsx`}>
          Download plan en realisatie (Excel)
        </a>
      </p>

      <h2 class="utrecht-heading-2">Geldbronnen</h2>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">Wie betaalt mee</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Bron
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Soort
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Van
            </th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
              Per jaar
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Toelichting
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {sources.map((s) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{s.name}</td>
              <td class="utrecht-table__cell">{FUNDING_KIND_LABEL[s.kind]}</td>
              <td class="utrecht-table__cell">{s.funder}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric">
                {s.annual_cents === null
                  ? 'nog niet ingevuld'
                  : `${formatEuro(s.annual_cents)}${s.from_year ? ` vanaf ${s.from_year}` : ''}`}
              </td>
              <td class="utrecht-table__cell">{s.note}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 class="utrecht-heading-2">Programmabureau</h2>
      <p class="utrecht-paragraph">Plek: {location ?? 'nog niet bekend'}</p>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">Medewerkers per partnerorganisatie</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Organisatie
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Functie
            </th>
            <th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" scope="col">
              Uren per week
            </th>
            {props.canEdit && (
              <th class="utrecht-table__header-cell" scope="col">
                Actie
              </th>
            )}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {positions.length === 0 && (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell" colSpan={4}>
                Nog geen functies ingevuld.
              </td>
            </tr>
          )}
          {positions.map((p) => (
            <tr class="utrecht-table__row">
              <td class="utrecht-table__cell">{p.organisation}</td>
              <td class="utrecht-table__cell">{p.title}</td>
              <td class="utrecht-table__cell utrecht-table__cell--numeric">
                {p.hours_per_week ?? '–'}
              </td>
              {props.canEdit && (
                <td class="utrecht-table__cell">
                  <form method="post" action={`${base}/functies/${p.id}/verwijderen`}>
                    <CsrfField token={props.csrf} />
                    <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                      Verwijder {p.title} ({p.organisation})
                    </button>
                  </form>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

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
            <Choice
              name="budget_line_id"
              label="Begrotingsregel"
              options={lineOptions}
              {...failed('boeking')}
              prefix="boeking"
            />
            <Choice
              name="kind"
              label="Soort"
              options={ENTRY_KINDS.map((k) => ({ value: k, label: ENTRY_KIND_LABEL[k] }))}
              {...failed('boeking')}
              prefix="boeking"
            />
            <Input
              name="entry_date"
              label="Datum (jjjj-mm-dd)"
              type="date"
              {...failed('boeking')}
              prefix="boeking"
            />
            <Input
              name="amount"
              label="Bedrag in euro, zoals 1.234,56"
              inputmode="decimal"
              {...failed('boeking')}
              prefix="boeking"
            />
            <Input
              name="description"
              label="Omschrijving"
              {...failed('boeking')}
              prefix="boeking"
            />
            <Input
              name="reference"
              label="Kenmerk (factuur- of ordernummer)"
              {...failed('boeking')}
              prefix="boeking"
            />
            <SubmitButton label="Boeking opslaan" />
          </form>

          <form method="post" action={`${base}/regels`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Begrotingsregel toevoegen</h3>
            <Input name="code" label="Code, zoals GL-2025-01" {...failed('regel')} prefix="regel" />
            <Input
              name="year"
              label="Jaar"
              inputmode="numeric"
              {...failed('regel')}
              prefix="regel"
            />
            <Choice
              name="theme"
              label="Thema"
              options={themeOptions}
              {...failed('regel')}
              prefix="regel"
            />
            <Input name="project" label="Project (mag leeg)" {...failed('regel')} prefix="regel" />
            <Choice
              name="funding_source_id"
              label="Geldbron"
              options={[
                { value: '', label: 'Kies een bron' },
                ...sources.map((s) => ({ value: s.id, label: s.name })),
              ]}
              {...failed('regel')}
              prefix="regel"
            />
            <Input name="description" label="Omschrijving" {...failed('regel')} prefix="regel" />
            <Input
              name="planned"
              label="Begroot bedrag in euro"
              inputmode="decimal"
              {...failed('regel')}
              prefix="regel"
            />
            <Input
              name="negative_reason"
              label="Reden, alleen bij een negatief bedrag"
              {...failed('regel')}
              prefix="regel"
            />
            <SubmitButton label="Regel toevoegen" />
          </form>

          <form method="post" action={`${base}/bronnen`}>
            <CsrfField token={props.csrf} />
            <h3 class="utrecht-heading-3">Geldbron toevoegen</h3>
            <Input name="name" label="Naam" {...failed('bron')} prefix="bron" />
            <Choice
              name="kind"
              label="Soort"
              options={FUNDING_KINDS.map((k) => ({ value: k, label: FUNDING_KIND_LABEL[k] }))}
              {...failed('bron')}
              prefix="bron"
            />
            <Input name="funder" label="Van wie" {...failed('bron')} prefix="bron" />
            <Input
              name="annual"
              label="Bedrag per jaar in euro (mag leeg)"
              inputmode="decimal"
              {...failed('bron')}
              prefix="bron"
            />
            <Input
              name="from_year"
              label="Vanaf jaar (mag leeg)"
              inputmode="numeric"
              {...failed('bron')}
              prefix="bron"
            />
            <Input name="note" label="Toelichting" {...failed('bron')} prefix="bron" />
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
