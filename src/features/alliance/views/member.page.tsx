import { CsrfField, ErrorSummary, Notice, SubmitButton } from '../../../views/components/form.tsx';
import type { AllianceMembership } from '../alliance.table.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { Checkbox, Input, TextArea } from './fields.tsx';

export interface MemberPageProps {
  area: FocusAreaRef;
  membership: AllianceMembership;
  sector: string;
  canEdit: boolean;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: string | undefined;
}

/** The form's values from what is stored, so a correction starts from the current text. */
function storedValues(m: AllianceMembership): Record<string, string> {
  return {
    organisatie: m.organisation,
    vertegenwoordiger: m.representative_name ?? '',
    functie: m.representative_function ?? '',
    naam_openbaar: m.representative_public === 1 ? 'ja' : '',
    mandaat: m.mandate,
    gremia: m.networks,
    vanaf: m.starts_on,
  };
}

/** One membership: its details, and for the programme bureau a form to correct them. */
export function MemberPage(props: MemberPageProps) {
  const m = props.membership;
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? storedValues(m);
  return (
    <AllianceFrame area={props.area} tab="register" title={m.organisation}>
      <ErrorSummary errors={errors} />
      <Notice text={props.saved} />
      <dl class="wk-facts">
        <dt>Zetel</dt>
        <dd>{props.sector}</dd>
        <dt>Vertegenwoordiger</dt>
        <dd>
          {m.representative_name
            ? `${m.representative_name}${m.representative_function ? `, ${m.representative_function}` : ''} (${m.representative_public === 1 ? 'naam openbaar' : 'naam niet openbaar'})`
            : '—'}
        </dd>
        <dt>Mandaat</dt>
        <dd>{m.mandate || '—'}</dd>
        <dt>Netwerken en gremia</dt>
        <dd>{m.networks ? m.networks.split('\n').join(', ') : '—'}</dd>
        <dt>Lid</dt>
        <dd>
          vanaf {formatDay(m.starts_on)}
          {m.ends_on ? ` tot en met ${formatDay(m.ends_on)}` : ', nu lid'}
        </dd>
        <dt>Laatst gewijzigd</dt>
        <dd>{formatDay(m.updated_at.slice(0, 10))}</dd>
      </dl>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={base}>
          Terug naar de leden
        </a>
      </p>
      {props.canEdit && (
        <section aria-labelledby="gegevens-wijzigen">
          <h2 class="utrecht-heading-2" id="gegevens-wijzigen">
            Gegevens wijzigen
          </h2>
          <p class="utrecht-paragraph">
            Verbeter hier een fout. Neemt een andere organisatie de zetel over? Beëindig dan dit
            lidmaatschap op de ledenpagina en voeg het nieuwe lid toe; zo blijft zichtbaar wie
            wanneer lid was.
          </p>
          <form method="post" action={`${base}/leden/${m.id}`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Input
              name="organisatie"
              label="Organisatie"
              value={values.organisatie}
              error={errors.organisatie}
            />
            <Input
              name="vertegenwoordiger"
              label="Naam vertegenwoordiger"
              value={values.vertegenwoordiger}
              error={errors.vertegenwoordiger}
            />
            <Input
              name="functie"
              label="Functie vertegenwoordiger"
              value={values.functie}
              error={errors.functie}
            />
            <Checkbox
              name="naam_openbaar"
              label="De vertegenwoordiger vindt het goed dat naam en functie op de openbare pagina staan"
              checked={values.naam_openbaar === 'ja'}
            />
            <TextArea
              name="mandaat"
              label="Mandaat"
              description="Waarover mag deze vertegenwoordiger namens de organisatie beslissen?"
              value={values.mandaat}
              error={errors.mandaat}
            />
            <TextArea
              name="gremia"
              label="Netwerken en gremia"
              description="Via welke netwerken bereikt dit lid de eigen achterban? Eén per regel."
              value={values.gremia}
              error={errors.gremia}
            />
            <Input
              name="vanaf"
              type="date"
              label="Lid vanaf"
              value={values.vanaf}
              error={errors.vanaf}
            />
            <SubmitButton label="Wijzigingen opslaan" />
          </form>
        </section>
      )}
    </AllianceFrame>
  );
}
