import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import type { FieldErrors, SeatOption } from '../alliance.service.ts';
import type { AllianceAction, AllianceDecision } from '../alliance.table.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { LoadedField, StoredNow } from './edit-form.tsx';
import { Input, Select, TextArea } from './fields.tsx';

export interface ActionEditPageProps {
  area: FocusAreaRef;
  action: AllianceAction;
  seats: SeatOption[];
  decisions: AllianceDecision[];
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** Someone else saved the action in the meantime (409). */
  conflict?: string;
}

/** Correcting an action: what, who and when, and the decision it belongs to. */
export function ActionEditPage(props: ActionEditPageProps) {
  const a = props.action;
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {
    actie: a.description,
    eigenaar: a.owner_seat_id,
    deadline: a.due_on,
    besluit: a.decision_id ?? '',
  };
  const owner = props.seats.find((s) => s.id === a.owner_seat_id)?.label ?? '—';
  const decision = props.decisions.find((d) => d.id === a.decision_id);
  return (
    <AllianceFrame area={props.area} tab="acties" title="Actie wijzigen">
      <ErrorSummary errors={errors} message={props.conflict} />
      {props.conflict && (
        <StoredNow>
          <dt>Actie</dt>
          <dd>{a.description}</dd>
          <dt>Eigenaar</dt>
          <dd>{owner}</dd>
          <dt>Deadline</dt>
          <dd>{formatDay(a.due_on)}</dd>
          <dt>Hoort bij besluit</dt>
          <dd>{decision ? `${decision.number} ${decision.title}` : 'geen besluit'}</dd>
        </StoredNow>
      )}
      <p class="utrecht-paragraph">
        Verbeter hier wat er moet gebeuren, wie het doet of wanneer. De status van de actie zet u op
        de pagina Acties.
      </p>
      <form
        method="post"
        action={`${base}/acties/${a.id}/wijzigen`}
        class="utrecht-form"
        novalidate
      >
        <CsrfField token={props.csrf} />
        <LoadedField value={props.conflict ? a.updated_at : (values.geladen ?? a.updated_at)} />
        <TextArea
          name="actie"
          label="Actie"
          description="Wat moet er gebeuren?"
          rows={2}
          value={values.actie}
          error={errors.actie}
        />
        <Select
          name="eigenaar"
          label="Eigenaar"
          value={values.eigenaar}
          error={errors.eigenaar}
          options={[
            { value: '', label: 'Kies een organisatie' },
            ...props.seats.map((s) => ({ value: s.id, label: s.label })),
          ]}
        />
        <Input
          name="deadline"
          type="date"
          label="Deadline"
          value={values.deadline}
          error={errors.deadline}
        />
        <Select
          name="besluit"
          label="Hoort bij besluit"
          value={values.besluit}
          error={errors.besluit}
          options={[
            { value: '', label: 'Geen besluit' },
            ...props.decisions.map((d) => ({ value: d.id, label: `${d.number} ${d.title}` })),
          ]}
        />
        <SubmitButton label="Wijzigingen opslaan" />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`${base}/acties`}>
          Terug naar de acties
        </a>
      </p>
    </AllianceFrame>
  );
}
