import { tableScroll } from '../../../views/table-scroll.ts';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import { SEAT_KIND_LABELS } from '../alliance.labels.ts';
import type { FieldErrors, Register } from '../alliance.service.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { EditLink } from './edit-form.tsx';
import { Checkbox, Input, Select, TextArea } from './fields.tsx';
import { Notice } from '../../../views/components/form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

export interface RegisterPageProps {
  data: Register;
  canEdit: boolean;
  csrf: string;
  /** Which form the errors belong to. */
  form?: 'lid' | 'zetel' | 'einde';
  errors?: FieldErrors;
  values?: Record<string, string>;
  saved?: string | undefined;
  /** The membership whose end form failed. */
  endId?: string;
}

/** The register: seats with their member on a date, every membership ever, and the edit forms. */
export function RegisterPage(props: RegisterPageProps) {
  const { data } = props;
  const base = allianceBase(data.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const err = (form: string, name: string) => (props.form === form ? errors[name] : undefined);
  return (
    <AllianceFrame area={data.area} tab="register" title="Leden">
      <ErrorSummary
        errors={
          // The end form's field carries the membership in its id; the summary links to it.
          props.form === 'einde' && props.endId
            ? Object.fromEntries(Object.entries(errors).map(([k, v]) => [`${k}-${props.endId}`, v]))
            : errors
        }
      />
      <Notice text={props.saved} />
      <form method="get" action={base} class="utrecht-form">
        <Input
          name="datum"
          type="date"
          label="Wie was lid op"
          description="Kies een datum om te zien wie toen lid was."
          value={data.date}
          error={data.dateProblem}
        />
        <SubmitButton label="Toon leden op deze datum" variant="secondary" />
      </form>
      <div {...tableScroll(`Leden op ${formatDay(data.date)}`)}>
        <Table>
          <TableCaption>Leden op {formatDay(data.date)}</TableCaption>
          <THead>
            <Tr>
              <Th scope="col">Zetel</Th>
              <Th scope="col">Organisatie</Th>
              <Th scope="col">Vertegenwoordiger</Th>
              <Th scope="col">Mandaat</Th>
              <Th scope="col">Netwerken en gremia</Th>
            </Tr>
          </THead>
          <TBody>
            {data.seats.map(({ seat, member }) => (
              <Tr>
                <Th scope="row">
                  {seat.sector}
                  <br />
                  <span class="wk-muted">{SEAT_KIND_LABELS[seat.kind]}</span>
                  {props.canEdit && (
                    <>
                      <br />
                      <EditLink
                        href={`${base}/zetels/${seat.id}/wijzigen`}
                        what={`zetel ${seat.sector}`}
                      />
                    </>
                  )}
                </Th>
                <Td>
                  {member ? (
                    <>
                      {member.organisation}
                      <br />
                      <span class="wk-muted">sinds {formatDay(member.starts_on)}</span>
                    </>
                  ) : (
                    'nog niet ingevuld'
                  )}
                </Td>
                <Td>
                  {member?.representative_name
                    ? `${member.representative_name}${member.representative_function ? `, ${member.representative_function}` : ''} (${member.representative_public === 1 ? 'naam openbaar' : 'naam niet openbaar'})`
                    : '—'}
                  {props.canEdit && member?.representative_name && (
                    <form method="post" action={`${base}/leden/${member.id}/openbaar`}>
                      <CsrfField token={props.csrf} />
                      <input
                        type="hidden"
                        name="naam_openbaar"
                        value={member.representative_public === 1 ? 'nee' : 'ja'}
                      />
                      <SubmitButton
                        variant="secondary"
                        label={
                          member.representative_public === 1
                            ? `Naam niet meer openbaar (${member.organisation})`
                            : `Naam openbaar maken (${member.organisation})`
                        }
                      />
                    </form>
                  )}
                </Td>
                <Td>{member?.mandate || '—'}</Td>
                <Td>{member?.networks ? member.networks.split('\n').join(', ') : '—'}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>

      <section aria-labelledby="geschiedenis">
        <h2 class="utrecht-heading-2" id="geschiedenis">
          Wie was wanneer lid
        </h2>
        {data.history.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen leden ingevuld.</p>
        ) : (
          <div {...tableScroll('Alle lidmaatschappen')}>
            <Table>
              <TableCaption>Alle lidmaatschappen</TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Organisatie</Th>
                  <Th scope="col">Zetel</Th>
                  <Th scope="col">Van</Th>
                  <Th scope="col">Tot en met</Th>
                </Tr>
              </THead>
              <TBody>
                {data.history.map((m) => (
                  <Tr>
                    <Th scope="row">
                      <a class="utrecht-link" href={`${base}/leden/${m.id}`}>
                        {m.organisation}
                      </a>
                    </Th>
                    <Td>{m.sector}</Td>
                    <Td>{formatDay(m.starts_on)}</Td>
                    <Td>
                      {m.ends_on ? (
                        formatDay(m.ends_on)
                      ) : props.canEdit ? (
                        <form
                          method="post"
                          action={`${base}/leden/${m.id}/einde`}
                          class="utrecht-form"
                          novalidate
                        >
                          <CsrfField token={props.csrf} />
                          <Input
                            name="tot"
                            idSuffix={m.id}
                            type="date"
                            label={`Lid tot en met (${m.organisation})`}
                            value={props.endId === m.id ? values.tot : undefined}
                            error={props.endId === m.id ? err('einde', 'tot') : undefined}
                          />
                          <SubmitButton label="Beëindigen" variant="secondary" />
                        </form>
                      ) : (
                        'nu lid'
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </section>

      {props.canEdit && (
        <section aria-labelledby="lid-toevoegen">
          <h2 class="utrecht-heading-2" id="lid-toevoegen">
            Lid toevoegen
          </h2>
          <form method="post" action={`${base}/leden`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Select
              name="zetel"
              label="Zetel"
              value={values.zetel}
              error={err('lid', 'zetel')}
              options={[
                { value: '', label: 'Kies een zetel' },
                ...data.seats.map((s) => ({ value: s.seat.id, label: s.seat.sector })),
              ]}
            />
            <Input
              name="organisatie"
              label="Organisatie"
              value={values.organisatie}
              error={err('lid', 'organisatie')}
            />
            <Input
              name="vertegenwoordiger"
              label="Naam vertegenwoordiger"
              value={values.vertegenwoordiger}
              error={err('lid', 'vertegenwoordiger')}
            />
            <Input
              name="functie"
              label="Functie vertegenwoordiger"
              value={values.functie}
              error={err('lid', 'functie')}
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
              error={err('lid', 'mandaat')}
            />
            <TextArea
              name="gremia"
              label="Netwerken en gremia"
              description="Via welke netwerken bereikt dit lid de eigen achterban? Eén per regel."
              value={values.gremia}
              error={err('lid', 'gremia')}
            />
            <Input
              name="vanaf"
              type="date"
              label="Lid vanaf"
              value={values.vanaf}
              error={err('lid', 'vanaf')}
            />
            <SubmitButton label="Lid toevoegen" />
          </form>
        </section>
      )}

      {props.canEdit && (
        <section aria-labelledby="zetel-toevoegen">
          <h2 class="utrecht-heading-2" id="zetel-toevoegen">
            Zetel toevoegen
          </h2>
          <form method="post" action={`${base}/zetels`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Input
              name="sector"
              label="Sector"
              description="Bijvoorbeeld: Zorg, of: Bewoners Wielwijk."
              value={values.sector}
              error={err('zetel', 'sector')}
            />
            <Select
              name="soort"
              label="Soort zetel"
              value={values.soort ?? 'partner'}
              error={err('zetel', 'soort')}
              options={[
                { value: 'partner', label: SEAT_KIND_LABELS.partner },
                { value: 'bewoners', label: SEAT_KIND_LABELS.bewoners },
              ]}
            />
            <Input
              name="toelichting"
              label="Toelichting"
              value={values.toelichting}
              error={err('zetel', 'toelichting')}
            />
            <SubmitButton label="Zetel toevoegen" />
          </form>
        </section>
      )}
    </AllianceFrame>
  );
}
