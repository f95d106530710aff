import { tableScroll } from '../../../views/table-scroll.ts';
import type { FocusAreaRef } from '../alliance.types.ts';
import type { AllianceDecision } from '../alliance.table.ts';
import { formatDay } from '../dates.ts';
import { AllianceFrame, allianceBase } from './alliance-frame.tsx';

function DecisionTable(props: { caption: string; decisions: AllianceDecision[]; base: string }) {
  if (props.decisions.length === 0)
    return <p class="utrecht-paragraph">Nog geen besluiten in dit deel.</p>;
  return (
    <div {...tableScroll(props.caption)}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{props.caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Nummer
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Datum
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Besluit
            </th>
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {props.decisions.map((d) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                {d.number}
              </th>
              <td class="utrecht-table__cell">
                {d.meeting_id ? (
                  <a class="utrecht-link" href={`${props.base}/vergaderingen/${d.meeting_id}`}>
                    {formatDay(d.decided_on)}
                  </a>
                ) : (
                  formatDay(d.decided_on)
                )}
              </td>
              <td class="utrecht-table__cell">
                <strong>{d.title}</strong>
                {d.text && <p class="utrecht-paragraph">{d.text}</p>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The numbered decision list: the public part and the confidential part. */
export function DecisionsPage(props: { area: FocusAreaRef; decisions: AllianceDecision[] }) {
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
          decisions={props.decisions.filter((d) => d.visibility === 'vertrouwelijk')}
        />
      </section>
    </AllianceFrame>
  );
}
