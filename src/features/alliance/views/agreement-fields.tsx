import { AGREEMENT_SUBJECTS, PARTY_LABELS } from '../alliance.labels.ts';
import type { FieldErrors } from '../alliance.service.ts';
import { Input, Select, TextArea } from './fields.tsx';

/** The fields of an agreement: the same when adding one and when correcting it. */
export function AgreementFields(props: {
  values: Readonly<Record<string, string | undefined>>;
  errors: FieldErrors;
}) {
  const { values, errors } = props;
  return (
    <>
      <Select
        name="onderwerp"
        label="Onderwerp"
        value={values.onderwerp}
        error={errors.onderwerp}
        options={[
          { value: '', label: 'Kies een onderwerp' },
          ...AGREEMENT_SUBJECTS.map((s) => ({ value: s.key, label: s.label })),
        ]}
      />
      <Select
        name="partij"
        label="Wie doet het"
        value={values.partij}
        error={errors.partij}
        options={[
          { value: '', label: 'Kies wie' },
          ...Object.entries(PARTY_LABELS).map(([value, label]) => ({ value, label })),
        ]}
      />
      <TextArea
        name="afspraak"
        label="Afspraak"
        rows={3}
        value={values.afspraak}
        error={errors.afspraak}
      />
      <Input
        name="bron"
        label="Bron"
        description="Waar staat de afspraak? Bijvoorbeeld: Brief van het ministerie van 3 maart 2026."
        value={values.bron}
        error={errors.bron}
      />
      <Input
        name="link"
        label="Link in Wijkkompas (niet verplicht)"
        description="Waar ziet u het in Wijkkompas? Bijvoorbeeld /gebieden/dordt-west."
        value={values.link}
        error={errors.link}
      />
      <Input
        name="link_tekst"
        label="Tekst van de link (niet verplicht)"
        value={values.link_tekst}
        error={errors.link_tekst}
      />
    </>
  );
}
