import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { FocusArea } from '../../focus-areas/index.ts';
import type { Indicator } from '../../indicators/index.ts';
import type { StoredTarget, TargetKind, TargetReference } from '../target.types.ts';
import {
  KIND_LABEL,
  REFERENCE_LABEL,
  TARGET_NOTE_MAX,
  type TargetFormValues,
} from '../target-editing.service.ts';
import {
  actorName,
  formatDateTime,
  Select,
  TextArea,
} from '../../../views/components/form-controls.tsx';
import { crumbs } from './targets-parts.tsx';

export function TargetEditPage(props: {
  csrf: string;
  municipalityCode: string;
  area: FocusArea;
  indicator: Indicator;
  target: StoredTarget | undefined;
  values: TargetFormValues;
  errors?: FieldErrors;
}) {
  const { area, indicator, values } = props;
  const errors = props.errors ?? {};
  const action = `/werkruimte/${props.municipalityCode}/doelen/${area.slug}/${indicator.key}`;
  const kinds = Object.entries(KIND_LABEL) as [TargetKind, string][];
  const references = Object.entries(REFERENCE_LABEL) as [TargetReference, string][];
  return (
    <Layout
      title={`Doel voor ${indicator.name}`}
      breadcrumbs={crumbs(props.municipalityCode, area)}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">
          Doel voor {indicator.name} in {area.name}
        </h1>
        <p class="utrecht-paragraph wk-lead">
          Eenheid: {indicator.unit}.{' '}
          {indicator.polarity === 'hoger-is-beter'
            ? 'Hoger is beter.'
            : indicator.polarity === 'lager-is-beter'
              ? 'Lager is beter.'
              : 'Deze indicator heeft geen richting.'}{' '}
          {props.target
            ? `Laatst gewijzigd op ${formatDateTime(props.target.updatedAt)} door ${actorName(props.target.updatedBy)}.`
            : 'Er is nog geen doel.'}
        </p>
        <ErrorSummary errors={errors} />
        <form class="utrecht-form" method="post" action={action} novalidate>
          <CsrfField token={props.csrf} />
          <Select
            name="soort"
            label="Soort doel"
            value={values.kind}
            options={kinds.map(([value, label]) => ({ value, label }))}
            error={errors.soort}
          />
          <fieldset class="utrecht-form-fieldset utrecht-form-fieldset--html-fieldset">
            <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">
              Alleen bij &quot;achterstand inlopen&quot;
            </legend>
            <Select
              name="vergelijking"
              label="Vergelijken met"
              value={values.reference}
              options={references.map(([value, label]) => ({ value, label }))}
              error={errors.vergelijking}
            />
            <TextField
              name="deel"
              label="Hoeveel van de achterstand inlopen (in %)"
              description="100 betekent: in het doeljaar even goed als het vergelijkingsgebied."
              value={values.gapPercent}
              error={errors.deel}
            />
          </fieldset>
          <TextField
            name="doelwaarde"
            label={`Doelwaarde (${indicator.unit}), alleen bij "een vaste waarde bereiken"`}
            value={values.targetValue}
            error={errors.doelwaarde}
          />
          <TextField
            name="verandering"
            label={`Verandering (${indicator.unit}), alleen bij "een vaste verandering"`}
            description="Een min-teken voor een daling, bijvoorbeeld -2,5."
            value={values.change}
            error={errors.verandering}
          />
          <TextField
            name="nulmeting"
            label="Jaar van de nulmeting"
            description="Bijvoorbeeld 2023."
            value={values.baselinePeriod}
            error={errors.nulmeting}
            required
          />
          <TextField
            name="doeljaar"
            label="Doeljaar"
            description="Bijvoorbeeld 2043."
            value={values.targetYear}
            error={errors.doeljaar}
            required
          />
          <div class="utrecht-form-field utrecht-form-field--checkbox">
            <div class="utrecht-form-field__input">
              <input
                class="utrecht-checkbox utrecht-checkbox--html-input"
                type="checkbox"
                id={fieldId('voorbeeld')}
                name="voorbeeld"
                value="ja"
                checked={values.isExample}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class="utrecht-form-label" for={fieldId('voorbeeld')}>
                Dit is een voorbeeld, nog niet vastgesteld door de Alliantie
              </label>
            </div>
          </div>
          <TextArea
            name="toelichting"
            label="Toelichting bij het doel"
            description={`Hoogstens ${TARGET_NOTE_MAX} tekens.`}
            value={values.note}
            error={errors.toelichting}
            rows={3}
          />
          <SubmitButton label="Doel opslaan" />
        </form>
        {props.target && (
          <form class="utrecht-form" method="post" action={`${action}/verwijderen`}>
            <CsrfField token={props.csrf} />
            <button type="submit" class="utrecht-button utrecht-button--warning">
              Doel verwijderen<span class="wk-muted"> voor {indicator.name}</span>
            </button>
          </form>
        )}
      </div>
    </Layout>
  );
}
