import { Layout } from '../../../views/layout.tsx';
import { crumbs } from './catalogue-parts.tsx';
import { CsrfField, ErrorSummary } from '../../../views/components/form.tsx';
import type { Indicator } from '../catalogue.schema.ts';
import { POLARITY_LABEL, type ProposalView } from '../catalogue-editing.service.ts';
import type { CatalogueProposal } from '../catalogue-proposal.table.ts';
import {
  actorName,
  formatDateTime,
  SavedNotice,
  TextArea,
} from '../../../views/components/form-controls.tsx';

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
