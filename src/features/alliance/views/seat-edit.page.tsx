import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { SEAT_KIND_LABELS } from '../alliance.labels.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { AllianceSeat } from '../alliance.table.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { LoadedField, StoredNow } from './edit-form.tsx';
import { Input, Select, TextArea } from './fields.tsx';

export interface SeatEditPageProps {
  area: FocusAreaRef;
  seat: AllianceSeat;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** Someone else saved the seat in the meantime (409). */
  conflict?: string;
}

/** Correcting a seat: its sector, its kind (not the chair's) and its note. */
export function SeatEditPage(props: SeatEditPageProps) {
  const { seat } = props;
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {
    sector: seat.sector,
    soort: seat.kind,
    toelichting: seat.note,
  };
  return (
    <AllianceFrame area={props.area} tab="register" title={`Zetel wijzigen: ${seat.sector}`}>
      <ErrorSummary errors={errors} message={props.conflict} />
      {props.conflict && (
        <StoredNow>
          <dt>Sector</dt>
          <dd>{seat.sector}</dd>
          <dt>Soort zetel</dt>
          <dd>{SEAT_KIND_LABELS[seat.kind]}</dd>
          <dt>Toelichting</dt>
          <dd>{seat.note || '—'}</dd>
        </StoredNow>
      )}
      <p class="utrecht-paragraph">
        Verbeter hier een fout in de zetel. De leden van de zetel en wie wanneer lid was blijven
        zoals ze zijn.
      </p>
      <form
        method="post"
        action={`${base}/zetels/${seat.id}/wijzigen`}
        class="utrecht-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <LoadedField
          value={props.conflict ? seat.updated_at : (values.geladen ?? seat.updated_at)}
        />
        <Input name="sector" label="Sector" value={values.sector} error={errors.sector} />
        {seat.kind !== 'voorzitter' && (
          <Select
            name="soort"
            label="Soort zetel"
            value={values.soort}
            error={errors.soort}
            options={[
              { value: 'partner', label: SEAT_KIND_LABELS.partner },
              { value: 'bewoners', label: SEAT_KIND_LABELS.bewoners },
            ]}
          />
        )}
        <TextArea
          name="toelichting"
          label="Toelichting (niet verplicht)"
          value={values.toelichting}
          error={errors.toelichting}
        />
        <SubmitButton label="Wijzigingen opslaan" />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={base}>
          Terug naar de leden
        </a>
      </p>
    </AllianceFrame>
  );
}
