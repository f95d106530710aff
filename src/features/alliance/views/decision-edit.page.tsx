import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { VISIBILITY_LABELS } from '../alliance.labels.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { AllianceDecision } from '../alliance.table.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { CorrectedNote, LoadedField, StoredNow } from './edit-form.tsx';
import { Input, Select, TextArea } from './fields.tsx';

export interface DecisionEditPageProps {
  area: FocusAreaRef;
  decision: AllianceDecision;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** Someone else saved the decision in the meantime (409). */
  conflict?: string;
}

/** Correcting a recorded decision: its wording and visibility; number and date stay. */
export function DecisionEditPage(props: DecisionEditPageProps) {
  const d = props.decision;
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {
    besluit_titel: d.title,
    besluit_tekst: d.text,
    openbaarheid: d.visibility,
  };
  const back = d.meeting_id ? `${base}/vergaderingen/${d.meeting_id}` : `${base}/besluiten`;
  return (
    <AllianceFrame area={props.area} tab="besluiten" title={`Besluit ${d.number} wijzigen`}>
      <ErrorSummary errors={errors} message={props.conflict} />
      {props.conflict && (
        <StoredNow>
          <dt>Besluit</dt>
          <dd>{d.title}</dd>
          <dt>Toelichting</dt>
          <dd>{d.text || '—'}</dd>
          <dt>Openbaarheid</dt>
          <dd>{VISIBILITY_LABELS[d.visibility]}</dd>
        </StoredNow>
      )}
      <p class="utrecht-paragraph">
        Besluit {d.number} van {formatDay(d.decided_on)}
        <CorrectedNote at={d.corrected_at} />. Verbeter hier alleen een fout in hoe het besluit is
        opgeschreven. Na het opslaan staat bij het besluit &quot;gewijzigd op&quot; met de datum; de
        vorige tekst blijft bewaard in het auditlogboek. Nummer en datum blijven hetzelfde.
      </p>
      <form
        method="post"
        action={`${base}/besluiten/${d.id}/wijzigen`}
        class="utrecht-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <LoadedField value={props.conflict ? d.updated_at : (values.geladen ?? d.updated_at)} />
        <Input
          name="besluit_titel"
          label="Besluit"
          description="In één zin: wat besloot de Alliantie?"
          value={values.besluit_titel}
          error={errors.besluit_titel}
        />
        <TextArea
          name="besluit_tekst"
          label="Toelichting"
          value={values.besluit_tekst}
          error={errors.besluit_tekst}
        />
        <Select
          name="openbaarheid"
          label="Openbaarheid"
          value={values.openbaarheid}
          error={errors.openbaarheid}
          options={[
            { value: 'openbaar', label: 'Openbaar: iedereen mag het zien' },
            { value: 'vertrouwelijk', label: 'Vertrouwelijk: alleen voor de Alliantie' },
          ]}
        />
        <SubmitButton label="Wijzigingen opslaan" />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={back}>
          Terug zonder op te slaan
        </a>
      </p>
    </AllianceFrame>
  );
}
