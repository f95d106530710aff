import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { AGREEMENT_SUBJECTS, PARTY_LABELS } from '../alliance.labels.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { AllianceAgreement } from '../alliance.table.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { CorrectedNote, LoadedField, StoredNow } from './edit-form.tsx';
import { AgreementFields } from './agreement-fields.tsx';

export interface AgreementEditPageProps {
  area: FocusAreaRef;
  agreement: AllianceAgreement;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** Someone else saved the agreement in the meantime (409). */
  conflict?: string;
}

/** Correcting what an agreement says; its status and evidence keep their own form. */
export function AgreementEditPage(props: AgreementEditPageProps) {
  const a = props.agreement;
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {
    onderwerp: a.subject,
    partij: a.party,
    afspraak: a.commitment,
    bron: a.source,
    link: a.link_path ?? '',
    link_tekst: a.link_label ?? '',
  };
  const subject = AGREEMENT_SUBJECTS.find((s) => s.key === a.subject)?.label ?? a.subject;
  return (
    <AllianceFrame area={props.area} tab="afspraken" title="Afspraak wijzigen">
      <ErrorSummary errors={errors} message={props.conflict} />
      {props.conflict && (
        <StoredNow>
          <dt>Onderwerp</dt>
          <dd>{subject}</dd>
          <dt>Wie</dt>
          <dd>{PARTY_LABELS[a.party]}</dd>
          <dt>Afspraak</dt>
          <dd>{a.commitment}</dd>
          <dt>Bron</dt>
          <dd>{a.source}</dd>
        </StoredNow>
      )}
      <p class="utrecht-paragraph">
        Verbeter hier een fout in hoe de afspraak is opgeschreven
        <CorrectedNote at={a.corrected_at} />. Na het opslaan staat bij de afspraak &quot;gewijzigd
        op&quot; met de datum; de vorige tekst blijft bewaard in het auditlogboek. De status zet u
        op de pagina Afspraken met het Rijk.
      </p>
      <form
        method="post"
        action={`${base}/afspraken/${a.id}/wijzigen`}
        class="utrecht-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <LoadedField value={props.conflict ? a.updated_at : (values.geladen ?? a.updated_at)} />
        <AgreementFields values={values} errors={errors} />
        <SubmitButton label="Wijzigingen opslaan" />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/afspraken`}>
          Terug naar de afspraken
        </a>
      </p>
    </AllianceFrame>
  );
}
