import { Layout } from '../../../views/layout.tsx';
import { tableScroll } from '../../../views/table-scroll.ts';
import type { PublicComposition } from '../alliance.service.ts';
import { amsterdamDate, amsterdamTime, formatDay } from '../dates.ts';
import { CorrectedNote } from './edit-form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

const NOT_FILLED = 'nog niet ingevuld';

/** The public page of a focus area's Alliance: who sits at the table, and public decisions. */
export function PublicCompositionPage(props: { data: PublicComposition }) {
  const { area, seats, decisions } = props.data;
  const upcoming = props.data.meetings.filter((m) => amsterdamDate(m.starts_at) >= props.data.date);
  return (
    <Layout
      title={`Alliantie ${area.name}`}
      description={`Wie er in de Alliantie ${area.name} zitten en wat de Alliantie openbaar heeft besloten.`}
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: `/gebieden/${area.slug}`, label: area.name },
        { href: `/gebieden/${area.slug}/alliantie`, label: 'Alliantie', current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Alliantie {area.name}</h1>
        <p class="utrecht-paragraph wk-lead">
          In de Alliantie werken partners uit de wijk, de gemeente en het Rijk samen. De
          burgemeester is voorzitter. De Alliantie bepaalt wat er nodig is in {area.name}.
        </p>
        <section aria-labelledby="samenstelling">
          <h2 class="utrecht-heading-2" id="samenstelling">
            Wie zitten er in de Alliantie?
          </h2>
          <p class="utrecht-paragraph">
            Stand op {formatDay(props.data.date)}. Een naam van een vertegenwoordiger staat hier
            alleen als die persoon dat goed vindt.
          </p>
          {seats.length === 0 && (
            <p class="utrecht-paragraph">
              De gemeente heeft de zetels van deze Alliantie nog niet in Wijkkompas gezet.
            </p>
          )}
          <div {...tableScroll(`Zetels van de Alliantie ${area.name}`)} hidden={seats.length === 0}>
            <Table>
              <TableCaption>Zetels van de Alliantie {area.name}</TableCaption>
              <THead>
                <Tr>
                  <Th scope="col">Zetel</Th>
                  <Th scope="col">Organisatie</Th>
                  <Th scope="col">Vertegenwoordiger</Th>
                  <Th scope="col">Netwerken in de wijk</Th>
                </Tr>
              </THead>
              <TBody>
                {seats.map((s) => (
                  <Tr>
                    <Th scope="row">
                      {s.sector}
                      {s.note && (
                        <>
                          <br />
                          <span class="wk-muted">{s.note}</span>
                        </>
                      )}
                    </Th>
                    <Td>{s.organisation ?? NOT_FILLED}</Td>
                    <Td>
                      {s.representative
                        ? `${s.representative.name}${s.representative.function ? `, ${s.representative.function}` : ''}`
                        : s.organisation
                          ? 'niet openbaar'
                          : NOT_FILLED}
                    </Td>
                    <Td>{s.networks.length > 0 ? s.networks.join(', ') : '—'}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        </section>
        <section aria-labelledby="vergaderingen">
          <h2 class="utrecht-heading-2" id="vergaderingen">
            Volgende vergaderingen
          </h2>
          {upcoming.length === 0 ? (
            <p class="utrecht-paragraph">Er staat nog geen vergadering gepland.</p>
          ) : (
            <ul class="utrecht-unordered-list">
              {upcoming.map((m) => (
                <li class="utrecht-unordered-list__item">
                  {formatDay(m.starts_at)} om {amsterdamTime(m.starts_at)} uur, {m.place}
                </li>
              ))}
            </ul>
          )}
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`/gebieden/${area.slug}/alliantie/vergaderingen.ics`}>
              Zet de vergaderingen in uw agenda (iCal)
            </a>
          </p>
        </section>
        <section aria-labelledby="besluiten">
          <h2 class="utrecht-heading-2" id="besluiten">
            Openbare besluiten
          </h2>
          {decisions.length === 0 ? (
            <p class="utrecht-paragraph">De Alliantie heeft nog geen openbare besluiten.</p>
          ) : (
            <dl class="utrecht-data-list">
              {decisions.map((d) => (
                <div class="utrecht-data-list__item">
                  <dt class="utrecht-data-list__item-key">
                    Besluit {d.number} ({formatDay(d.decided_on)})
                  </dt>
                  <dd class="utrecht-data-list__item-value">
                    <strong>{d.title}</strong>
                    <CorrectedNote at={d.corrected_at} />
                    {d.text && <p class="utrecht-paragraph">{d.text}</p>}
                  </dd>
                </div>
              ))}
            </dl>
          )}
        </section>
      </div>
    </Layout>
  );
}
