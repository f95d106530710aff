import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { Catalogue, Indicator } from '../../indicators/catalogue.schema.ts';
import type { Polarity } from '../../indicators/catalogue.schema.ts';
import type { CatalogueVersionInfo } from '../../indicators/catalogue.store.ts';
import {
  DEFINITION_MAX,
  NOTE_MAX,
  POLARITY_LABEL,
  variableField,
  type IndicatorFormValues,
  type ProposalView,
} from '../catalogue-editing.service.ts';
import type { CatalogueProposal } from '../catalogue-proposal.table.ts';
import { actorName, formatDateTime, SavedNotice, Select, TextArea } from './common.tsx';

const crumbs = [{ href: '/werkruimte', label: 'Werkruimte' }];

export function CatalogueListPage(props: {
  catalogue: Catalogue;
  versions: CatalogueVersionInfo[];
  /** The national role changes the catalogue; a municipality proposes a change. */
  canEdit: boolean;
  openProposals: number;
}) {
  const { catalogue } = props;
  return (
    <Layout title="Indicatorcatalogus" breadcrumbs={crumbs}>
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Indicatorcatalogus</h1>
        <p class="utrecht-paragraph wk-lead">
          {props.versions[0]
            ? `In gebruik: versie ${props.versions[0].version} van ${formatDateTime(props.versions[0].createdAt)}.`
            : 'In gebruik: de catalogus zoals hij is meegeleverd. Er is nog niets gewijzigd.'}{' '}
          Elke wijziging wordt een nieuwe versie. De catalogus geldt voor alle gemeenten.
        </p>
        {props.canEdit ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/werkruimte/catalogus/voorstellen">
              Voorstellen van gemeenten ({props.openProposals} open)
            </a>
          </p>
        ) : (
          <p class="utrecht-paragraph">
            De catalogus is van het landelijk programma. U kunt een wijziging voorstellen; de
            landelijk beheerder neemt die aan of wijst die af.
          </p>
        )}
        {catalogue.themes.map((theme) => {
          const items = catalogue.indicators.filter((i) => i.theme === theme.key);
          return (
            <section aria-labelledby={`thema-${theme.key}`}>
              <h2 class="utrecht-heading-2" id={`thema-${theme.key}`}>
                {theme.name}
              </h2>
              {items.length === 0 ? (
                <p class="utrecht-paragraph">Nog geen indicatoren.</p>
              ) : (
                <div class="wk-table-scroll">
                  <table class="utrecht-table">
                    <caption class="utrecht-table__caption">
                      Indicatoren van {theme.name} ({items.length})
                    </caption>
                    <thead class="utrecht-table__header">
                      <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="col">
                          Indicator
                        </th>
                        <th class="utrecht-table__header-cell" scope="col">
                          Eenheid
                        </th>
                        <th class="utrecht-table__header-cell" scope="col">
                          Richting
                        </th>
                        <th class="utrecht-table__header-cell" scope="col">
                          Bron
                        </th>
                      </tr>
                    </thead>
                    <tbody class="utrecht-table__body">
                      {items.map((i) => (
                        <tr class="utrecht-table__row" data-indicator={i.key}>
                          <th class="utrecht-table__header-cell" scope="row">
                            <a class="utrecht-link" href={`/werkruimte/catalogus/${i.key}`}>
                              {i.name}
                            </a>
                          </th>
                          <td class="utrecht-table__cell">{i.unit}</td>
                          <td class="utrecht-table__cell">{POLARITY_LABEL[i.polarity]}</td>
                          <td class="utrecht-table__cell">
                            {i.source.tableId ?? i.source.publisher}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          );
        })}
        <h2 class="utrecht-heading-2">Versies</h2>
        {props.versions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen gewijzigde versies.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {props.versions.map((v) => (
              <li class="utrecht-unordered-list__item" data-catalogusversie={v.version}>
                Versie {v.version}, {formatDateTime(v.createdAt)}, door {actorName(v.createdBy)}:{' '}
                {v.note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}

export function IndicatorEditPage(props: {
  csrf: string;
  indicator: Indicator;
  themeName: string;
  values: IndicatorFormValues;
  errors?: FieldErrors;
  message?: string | undefined;
  saved?: string | undefined;
  /** Saves directly (national role) or sends a proposal (a municipality). */
  canEdit: boolean;
}) {
  const { indicator, values } = props;
  const errors = props.errors ?? {};
  const polarities = Object.entries(POLARITY_LABEL) as [Polarity, string][];
  return (
    <Layout
      title={`${indicator.name} bewerken`}
      breadcrumbs={[...crumbs, { href: '/werkruimte/catalogus', label: 'Indicatorcatalogus' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{indicator.name}</h1>
        <p class="utrecht-paragraph wk-lead">
          Thema {props.themeName} · sleutel <code>{indicator.key}</code> · soort meting{' '}
          <code>{indicator.measure.type}</code>
        </p>
        <SavedNotice text={props.saved} />
        <ErrorSummary errors={errors} message={props.message} />
        <form
          class="utrecht-form"
          method="post"
          action={`/werkruimte/catalogus/${indicator.key}${props.canEdit ? '' : '/voorstel'}`}
          novalidate
        >
          {props.canEdit ? null : (
            <p class="utrecht-paragraph">
              Uw wijziging wordt een voorstel aan de landelijk beheerder. De catalogus verandert pas
              als die het voorstel aanneemt.
            </p>
          )}
          <CsrfField token={props.csrf} />
          <input type="hidden" name="versie" value={String(values.baseVersion)} />
          <TextArea
            name="definitie"
            label="Definitie"
            description={`Wat de indicator meet, in gewone taal. Hoogstens ${DEFINITION_MAX} tekens.`}
            value={values.definition}
            error={errors.definitie}
            rows={5}
            required
          />
          <Select
            name="polariteit"
            label="Richting: wanneer is het beter?"
            value={values.polarity}
            options={polarities.map(([value, label]) => ({ value, label }))}
            error={errors.polariteit}
          />
          <TextField
            name="bron_tabel"
            label="Tabel van de bron"
            description={`Bijvoorbeeld 85984NED. Uitgever: ${indicator.source.publisher}. Leeg laten als er geen tabel is.`}
            value={values.tableId}
            error={errors.bron_tabel}
          />
          {values.variables.map((v, i) => (
            <TextField
              name={variableField(i)}
              label={
                values.variables.length === 1
                  ? 'Variabele (stam) in de bron'
                  : `Variabele ${i + 1} (stam) in de bron`
              }
              description="De naam zonder jaargangnummer, bijvoorbeeld AantalInwoners (niet AantalInwoners_5)."
              value={v}
              error={errors[variableField(i)]}
              required
            />
          ))}
          <TextField
            name="eenheid"
            label="Eenheid"
            value={values.unit}
            error={errors.eenheid}
            required
          />
          <TextField
            name="decimalen"
            label="Aantal decimalen"
            description="0 tot en met 3."
            value={values.decimals}
            error={errors.decimalen}
            required
          />
          <TextArea
            name="notitie"
            label="Wat verandert u en waarom? (verplicht)"
            description={`Komt in de geschiedenis van de catalogus. Hoogstens ${NOTE_MAX} tekens.`}
            value={values.note}
            error={errors.notitie}
            rows={3}
            required
          />
          <SubmitButton
            label={props.canEdit ? 'Opslaan als nieuwe versie' : 'Wijziging voorstellen'}
          />
        </form>
      </div>
    </Layout>
  );
}

function describe(ind: Indicator | undefined): string {
  if (!ind) return '(niet meer in de catalogus)';
  return `${ind.definition} · eenheid ${ind.unit} · ${POLARITY_LABEL[ind.polarity]} · ${ind.decimals} decimalen · bron ${ind.source.tableId ?? ind.source.publisher}: ${ind.source.variables.join(', ')}`;
}

const STATUS_LABEL: Record<CatalogueProposal['status'], string> = {
  open: 'Open',
  aangenomen: 'Aangenomen',
  afgewezen: 'Afgewezen',
};

export function ProposalsPage(props: {
  csrf: string;
  proposals: ProposalView[];
  message?: string | undefined;
  saved?: string | undefined;
}) {
  return (
    <Layout
      title="Voorstellen voor de catalogus"
      breadcrumbs={[...crumbs, { href: '/werkruimte/catalogus', label: 'Indicatorcatalogus' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Voorstellen voor de catalogus</h1>
        <p class="utrecht-paragraph wk-lead">
          Gemeenten stellen wijzigingen voor. Neemt u een voorstel aan, dan wordt het een nieuwe
          versie van de catalogus voor alle gemeenten. Wijst u het af, schrijf dan op waarom.
        </p>
        <SavedNotice text={props.saved} />
        <ErrorSummary errors={{}} message={props.message} />
        {props.proposals.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn geen voorstellen.</p>
        ) : (
          props.proposals.map(({ proposal, current, proposed, outdated }) => (
            <section
              aria-labelledby={`voorstel-${proposal.id}`}
              data-voorstel={proposal.id}
              data-status={proposal.status}
            >
              <h2 class="utrecht-heading-2" id={`voorstel-${proposal.id}`}>
                {proposed.name} ({proposal.municipality_code}): {STATUS_LABEL[proposal.status]}
              </h2>
              <dl>
                <dt>Voorgesteld door</dt>
                <dd>
                  {actorName(proposal.proposed_by)}, {formatDateTime(proposal.proposed_at)}
                </dd>
                <dt>Waarom</dt>
                <dd>{proposal.note}</dd>
                <dt>Nu</dt>
                <dd>{describe(current)}</dd>
                <dt>Voorstel</dt>
                <dd>{describe(proposed)}</dd>
                {proposal.decided_by ? (
                  <>
                    <dt>Besluit</dt>
                    <dd>
                      {actorName(proposal.decided_by)}, {formatDateTime(proposal.decided_at ?? '')}
                      {proposal.decision_note ? `: ${proposal.decision_note}` : ''}
                    </dd>
                  </>
                ) : null}
              </dl>
              {proposal.status === 'open' ? (
                <form
                  class="utrecht-form"
                  method="post"
                  action={`/werkruimte/catalogus/voorstellen/${proposal.id}/besluit`}
                >
                  <CsrfField token={props.csrf} />
                  {outdated ? (
                    <p class="utrecht-paragraph">
                      De catalogus is gewijzigd na dit voorstel. U kunt het alleen afwijzen.
                    </p>
                  ) : null}
                  <TextArea
                    name={`toelichting-${proposal.id}`}
                    label="Toelichting (verplicht bij afwijzen)"
                    value=""
                    error={undefined}
                    rows={2}
                  />
                  <div>
                    {outdated ? null : (
                      <button
                        class="utrecht-button utrecht-button--primary-action"
                        type="submit"
                        name="besluit"
                        value="aannemen"
                      >
                        Aannemen
                      </button>
                    )}
                    <button
                      class="utrecht-button utrecht-button--secondary-action"
                      type="submit"
                      name="besluit"
                      value="afwijzen"
                    >
                      Afwijzen
                    </button>
                  </div>
                </form>
              ) : null}
            </section>
          ))
        )}
      </div>
    </Layout>
  );
}
