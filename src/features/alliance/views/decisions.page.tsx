import { tableScroll } from '../../../views/table-scroll.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import type { AllianceDecision } from '../alliance.table.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';
import { CorrectedNote, EditLink } from './edit-form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

function DecisionTable(props: {
  caption: string;
  decisions: AllianceDecision[];
  base: string;
  canEdit: boolean;
}) {
  if (props.decisions.length === 0)
    return <p class="utrecht-paragraph">Nog geen besluiten in dit deel.</p>;
  return (
    <div {...tableScroll(props.caption)}>
      <Table>
        <TableCaption>{props.caption}</TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Nummer</Th>
            <Th scope="col">Datum</Th>
            <Th scope="col">Besluit</Th>
          </Tr>
        </THead>
        <TBody>
          {props.decisions.map((d) => (
            <Tr>
              <Th scope="row">{d.number}</Th>
              <Td>
                {d.meeting_id ? (
                  <a class="utrecht-link" href={`${props.base}/vergaderingen/${d.meeting_id}`}>
                    {formatDay(d.decided_on)}
                  </a>
                ) : (
                  formatDay(d.decided_on)
                )}
              </Td>
              <Td>
                <strong>{d.title}</strong>
                <CorrectedNote at={d.corrected_at} />
                {d.text && <p class="utrecht-paragraph">{d.text}</p>}
                {props.canEdit && (
                  <p class="utrecht-paragraph">
                    <EditLink
                      href={`${props.base}/besluiten/${d.id}/wijzigen`}
                      what={`besluit ${d.number}`}
                    />
                  </p>
                )}
              </Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

/** The numbered decision list: the public part and the confidential part. */
export function DecisionsPage(props: {
  area: FocusAreaRef;
  decisions: AllianceDecision[];
  canEdit?: boolean;
}) {
  const base = allianceBase(props.area);
  return (
    <AllianceFrame area={props.area} tab="besluiten" title="Besluitenlijst">
      <p class="utrecht-paragraph">
        Elk besluit heeft een nummer: het jaar en een volgnummer, zoals 2026-01. Openbare besluiten
        staan ook op de{' '}
        <a class="utrecht-link" href={`/gebieden/${props.area.slug}/alliantie`}>
          openbare pagina van de Alliantie
        </a>
        .
      </p>
      <section aria-labelledby="openbaar">
        <h2 class="utrecht-heading-2" id="openbaar">
          Openbare besluiten
        </h2>
        <DecisionTable
          caption="Lijst van openbare besluiten"
          base={base}
          canEdit={props.canEdit ?? false}
          decisions={props.decisions.filter((d) => d.visibility === 'openbaar')}
        />
      </section>
      <section aria-labelledby="vertrouwelijk">
        <h2 class="utrecht-heading-2" id="vertrouwelijk">
          Vertrouwelijke besluiten
        </h2>
        <p class="utrecht-paragraph">Alleen voor leden van de Alliantie en het programmabureau.</p>
        <DecisionTable
          caption="Lijst van vertrouwelijke besluiten"
          base={base}
          canEdit={props.canEdit ?? false}
          decisions={props.decisions.filter((d) => d.visibility === 'vertrouwelijk')}
        />
      </section>
    </AllianceFrame>
  );
}
