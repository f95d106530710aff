import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { AGREEMENT_STATUS_LABELS, PARTY_LABELS } from '../alliance.labels.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { AgreementSubject, AllianceAgreement } from '../alliance.table.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { CorrectedNote, EditLink } from './edit-form.tsx';
import { AgreementFields } from './agreement-fields.tsx';
import { Input, Select } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';

/** The agreements between the state and the municipality, by the letter's six subjects. */
export function AgreementsPage(props: {
  area: FocusAreaRef;
  subjects: { key: AgreementSubject; label: string; agreements: AllianceAgreement[] }[];
  canEdit: boolean;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  failedId?: string;
  saved?: string | undefined;
}) {
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  // Errors of the "add" form come without a failed id.
  const addErrors = props.failedId === undefined ? errors : {};
  const added = props.failedId === undefined ? (props.values ?? {}) : {};
  return (
    <AllianceFrame area={props.area} tab="afspraken" title="Afspraken met het Rijk">
      <ErrorSummary
        errors={
          props.failedId
            ? Object.fromEntries(
                Object.entries(errors).map(([k, v]) => [`${k}-${props.failedId}`, v]),
              )
            : errors
        }
      />
      <Notice text={props.saved} />
      <p class="utrecht-paragraph">
        Het Rijk en de gemeente maakten samenwerkingsafspraken over zes onderwerpen. Per afspraak
        ziet u wie wat beloofde, hoe ver het is en waar u het in Wijkkompas terugziet.
      </p>
      {props.subjects.map((subject) => (
        <section aria-labelledby={`onderwerp-${subject.key}`}>
          <h2 class="utrecht-heading-2" id={`onderwerp-${subject.key}`}>
            {subject.label}
          </h2>
          {subject.agreements.length === 0 && (
            <p class="utrecht-paragraph">Nog geen afspraken vastgelegd.</p>
          )}
          {subject.agreements.map((a) => {
            const failed = props.failedId === a.id;
            const values = failed ? (props.values ?? {}) : {};
            return (
              <article class="wk-stack" aria-label={`Afspraak: ${a.commitment.slice(0, 60)}`}>
                <dl class="utrecht-data-list">
                  <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">Wie</dt>
                    <dd class="utrecht-data-list__item-value">{PARTY_LABELS[a.party]}</dd>
                  </div>
                  <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">Afspraak</dt>
                    <dd class="utrecht-data-list__item-value">
                      {a.commitment}
                      <CorrectedNote at={a.corrected_at} />
                    </dd>
                  </div>
                  <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">Bron</dt>
                    <dd class="utrecht-data-list__item-value">{a.source}</dd>
                  </div>
                  <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">Status</dt>
                    <dd class="utrecht-data-list__item-value">
                      {AGREEMENT_STATUS_LABELS[a.status]}
                    </dd>
                  </div>
                  <div class="utrecht-data-list__item">
                    <dt class="utrecht-data-list__item-key">Onderbouwing</dt>
                    <dd class="utrecht-data-list__item-value">
                      {a.evidence || 'nog niet ingevuld'}
                    </dd>
                  </div>
                  {a.link_path && (
                    <div class="utrecht-data-list__item">
                      <dt class="utrecht-data-list__item-key">In Wijkkompas</dt>
                      <dd class="utrecht-data-list__item-value">
                        <a class="utrecht-link" href={a.link_path}>
                          {a.link_label ?? a.link_path}
                        </a>
                      </dd>
                    </div>
                  )}
                </dl>
                {props.canEdit && (
                  <p class="utrecht-paragraph">
                    <EditLink
                      href={`${base}/afspraken/${a.id}/wijzigen`}
                      what={`afspraak ${a.commitment.slice(0, 60)}`}
                    />
                  </p>
                )}
                {props.canEdit && (
                  <form
                    method="post"
                    action={`${base}/afspraken/${a.id}`}
                    class="utrecht-form"
                    novalidate
                  >
                    <CsrfField token={props.csrf} />
                    <Select
                      name="status"
                      idSuffix={a.id}
                      label="Nieuwe status"
                      value={values.status ?? a.status}
                      error={failed ? errors.status : undefined}
                      options={Object.entries(AGREEMENT_STATUS_LABELS).map(([value, label]) => ({
                        value,
                        label,
                      }))}
                    />
                    <Input
                      name="onderbouwing"
                      idSuffix={a.id}
                      label="Onderbouwing"
                      description="Waaruit blijkt de status? Bijvoorbeeld een besluit of een document."
                      value={values.onderbouwing ?? a.evidence}
                      error={failed ? errors.onderbouwing : undefined}
                    />
                    <SubmitButton label="Afspraak bijwerken" variant="secondary" />
                  </form>
                )}
              </article>
            );
          })}
        </section>
      ))}
      {props.canEdit && (
        <section aria-labelledby="afspraak-toevoegen">
          <h2 class="utrecht-heading-2" id="afspraak-toevoegen">
            Afspraak toevoegen
          </h2>
          <form method="post" action={`${base}/afspraken`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <AgreementFields values={added} errors={addErrors} />
            <SubmitButton label="Afspraak toevoegen" />
          </form>
        </section>
      )}
    </AllianceFrame>
  );
}
