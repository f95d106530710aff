import { Layout } from '../../../views/layout.tsx';
import { crumbs } from './catalogue-parts.tsx';
import {
  CsrfField,
  ErrorSummary,
  SubmitButton,
  TextField,
  type FieldErrors,
} from '../../../views/components/form.tsx';
import type { Indicator } from '../catalogue.schema.ts';
import type { Polarity } from '../catalogue.schema.ts';
import {
  DEFINITION_MAX,
  NOTE_MAX,
  POLARITY_LABEL,
  variableField,
  type IndicatorFormValues,
} from '../catalogue-editing.service.ts';
import { SavedNotice, Select, TextArea } from '../../../views/components/form-controls.tsx';

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
