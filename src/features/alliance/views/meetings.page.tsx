import { tableScroll } from '../../../views/table-scroll.ts';
import { CsrfField, ErrorSummary, SubmitButton } from '../../../views/components/form.tsx';
import type { FocusAreaRef } from '../alliance.types.ts';
import type { FieldErrors } from '../alliance.service.ts';
import type { AllianceMeeting } from '../alliance.table.ts';
import { amsterdamTime, formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { Input, TextArea } from './fields.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

/** All meetings of the Alliance, newest first, and the form to plan one. */
export function MeetingsPage(props: {
  area: FocusAreaRef;
  meetings: AllianceMeeting[];
  canEdit: boolean;
  csrf: string;
  errors?: FieldErrors;
  values?: Record<string, string>;
}) {
  const base = allianceBase(props.area);
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  const meetings = [...props.meetings].reverse();
  return (
    <AllianceFrame area={props.area} tab="vergaderingen" title="Vergaderingen">
      <ErrorSummary errors={errors} />
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/gebieden/${props.area.slug}/alliantie/vergaderingen.ics`}>
          Agenda-bestand met alle vergaderingen (iCal)
        </a>{' '}
        <span class="wk-muted">· zonder vertrouwelijke besluiten</span>
      </p>
      {meetings.length === 0 ? (
        <p class="utrecht-paragraph">Er zijn nog geen vergaderingen.</p>
      ) : (
        <div {...tableScroll('Vergaderingen')}>
          <Table>
            <TableCaption>Vergaderingen, nieuwste eerst</TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Vergadering</Th>
                <Th scope="col">Datum en tijd</Th>
                <Th scope="col">Plaats</Th>
              </Tr>
            </THead>
            <TBody>
              {meetings.map((m) => (
                <Tr>
                  <Th scope="row">
                    <a class="utrecht-link" href={`${base}/vergaderingen/${m.id}`}>
                      {m.title}
                    </a>
                  </Th>
                  <Td>
                    {formatDay(m.starts_at)}, {amsterdamTime(m.starts_at)}–
                    {amsterdamTime(m.ends_at)} uur
                  </Td>
                  <Td>{m.place}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>
      )}
      {props.canEdit && (
        <section aria-labelledby="plannen">
          <h2 class="utrecht-heading-2" id="plannen">
            Vergadering plannen
          </h2>
          <form method="post" action={`${base}/vergaderingen`} class="utrecht-form" novalidate>
            <CsrfField token={props.csrf} />
            <Input
              name="titel"
              label="Titel"
              description={`Leeg laten: "Vergadering Alliantie ${props.area.name}".`}
              value={values.titel}
              error={errors.titel}
            />
            <Input
              name="datum"
              type="date"
              label="Datum"
              value={values.datum}
              error={errors.datum}
            />
            <Input
              name="begintijd"
              type="time"
              label="Begintijd"
              value={values.begintijd}
              error={errors.begintijd}
            />
            <Input
              name="eindtijd"
              type="time"
              label="Eindtijd"
              value={values.eindtijd}
              error={errors.eindtijd}
            />
            <Input name="plaats" label="Plaats" value={values.plaats} error={errors.plaats} />
            <TextArea
              name="agenda"
              label="Agenda"
              description="Eén agendapunt per regel."
              value={values.agenda}
              error={errors.agenda}
            />
            <TextArea
              name="documenten"
              label="Documenten"
              description="Eén link per regel: titel | adres. Bijvoorbeeld: Verslag vorige keer | https://gemeente.nl/verslag.pdf"
              value={values.documenten}
              error={errors.documenten}
            />
            <SubmitButton label="Vergadering plannen" />
          </form>
        </section>
      )}
    </AllianceFrame>
  );
}
