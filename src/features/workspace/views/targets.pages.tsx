import { Layout } from '../../../views/layout.tsx';
import {
  CsrfField,
  ErrorSummary,
  fieldId,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { FocusArea } from '../../focus-areas/focus-area.table.ts';
import type { Catalogue, Indicator } from '../../indicators/catalogue.schema.ts';
import type { StoredTarget, TargetKind, TargetReference } from '../../targets/target.types.ts';
import {
  KIND_LABEL,
  REFERENCE_IN_SENTENCE,
  REFERENCE_LABEL,
  TARGET_NOTE_MAX,
  type TargetFormValues,
} from '../target-editing.service.ts';
import { actorName, formatDateTime, SavedNotice, Select, TextArea } from './common.tsx';

const pct = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 3 });

function crumbs(code: string, area: FocusArea) {
  return [
    { href: '/werkruimte', label: 'Werkruimte' },
    { href: `/werkruimte/${code}/doelen/${area.slug}`, label: `Doelen van ${area.name}` },
  ];
}

export function describeTarget(t: StoredTarget, unit: string): string {
  switch (t.kind) {
    case 'gap':
      return `${pct.format((t.gapShare ?? 0) * 100)}% van de achterstand op ${REFERENCE_IN_SENTENCE[t.reference ?? 'nederland']} inlopen`;
    case 'value':
      return `${num.format(t.targetValue ?? 0)} (${unit}) bereiken`;
    case 'change':
      return `${num.format(t.change ?? 0)} (${unit}) veranderen`;
    case 'guard':
      return 'niet slechter worden';
  }
}

export function TargetListPage(props: {
  municipalityCode: string;
  area: FocusArea;
  catalogue: Catalogue;
  targets: StoredTarget[];
  saved?: string | undefined;
}) {
  const { area, catalogue } = props;
  const byKey = new Map(props.targets.map((t) => [t.indicatorKey, t]));
  const base = `/werkruimte/${props.municipalityCode}/doelen/${area.slug}`;
  return (
    <Layout
      title={`Doelen van ${area.name}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Doelen van {area.name}</h1>
        <SavedNotice text={props.saved} />
        <p class="utrecht-paragraph wk-lead">
          Per indicator één doel: waar wil het programma naartoe, en wanneer. Doelen die
          &quot;voorbeeld&quot; heten, zijn nog niet vastgesteld door de Alliantie.
        </p>
        {catalogue.themes.map((theme) => {
          const items = catalogue.indicators.filter((i) => i.theme === theme.key);
          if (items.length === 0) return null;
          return (
            <div class="wk-table-scroll">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">{theme.name}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Indicator
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Doel
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Nulmeting en doeljaar
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Laatst gewijzigd
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {items.map((i) => {
                    const t = byKey.get(i.key);
                    return (
                      <tr class="utrecht-table__row" data-indicator={i.key}>
                        <th class="utrecht-table__header-cell" scope="row">
                          <a class="utrecht-link" href={`${base}/${i.key}`}>
                            {i.name}
                          </a>
                        </th>
                        <td class="utrecht-table__cell">
                          {t ? (
                            <>
                              {describeTarget(t, i.unit)}
                              {t.isExample ? ' (voorbeeld)' : ''}
                            </>
                          ) : (
                            <span class="wk-muted">geen doel</span>
                          )}
                        </td>
                        <td class="utrecht-table__cell">
                          {t ? `${t.baselinePeriod} → ${t.targetYear}` : ''}
                        </td>
                        <td class="utrecht-table__cell">
                          {t ? `${formatDateTime(t.updatedAt)}, ${actorName(t.updatedBy)}` : ''}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>
    </Layout>
  );
}

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
