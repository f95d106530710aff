import { Layout } from '../../../views/layout.tsx';
import { longDate } from '../live-blocks.ts';
import type { ArchiveEntry } from '../council-letter.service.ts';
import type { FocusAreaRef } from '../council-letter.service.ts';
import type { CouncilMoment } from '../council-letter.table.ts';
import { DataTable } from '../../../views/components/data-table.tsx';

/** Public: the published council letters of a focus area and the planned moments. */
export function ArchivePage(props: {
  area: FocusAreaRef;
  letters: ArchiveEntry[];
  moments: CouncilMoment[];
}) {
  const { area } = props;
  return (
    <Layout
      title={`Raadsinformatiebrieven ${area.name}`}
      description={`De raadsinformatiebrieven over het Nationaal Programma ${area.name}.`}
      breadcrumbs={[
        { href: `/gebieden/${area.slug}`, label: area.name },
        {
          href: `/gebieden/${area.slug}/raadsbrieven`,
          label: 'Raadsinformatiebrieven',
          current: true,
        },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Raadsinformatiebrieven {area.name}</h1>
        <p class="utrecht-paragraph">
          Het college informeert de gemeenteraad regelmatig over het Nationaal Programma {area.name}
          . Hier staan alle brieven die zijn gepubliceerd. Een brief verandert na publicatie niet
          meer; de cijfers erin zijn de cijfers van die dag.
        </p>
        {props.letters.length === 0 ? (
          <p class="utrecht-paragraph">Er is nog geen raadsinformatiebrief gepubliceerd.</p>
        ) : (
          <DataTable
            caption="Gepubliceerde raadsinformatiebrieven"
            scroll
            rows={props.letters}
            columns={[
              { label: 'Nummer', rowHeader: true, cell: (l) => l.number },
              {
                label: 'Brief',
                cell: (l) => (
                  <a class="utrecht-link" href={`/gebieden/${area.slug}/raadsbrieven/${l.number}`}>
                    {l.title}
                  </a>
                ),
              },
              { label: 'Gepubliceerd op', cell: (l) => longDate(l.publishedOn) },
            ]}
          />
        )}
        <h2 class="utrecht-heading-2">Volgende momenten</h2>
        {props.moments.length === 0 ? (
          <p class="utrecht-paragraph">Er is nog geen volgend moment gepland.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {props.moments.map((m) => (
              <li class="utrecht-unordered-list__item">
                {longDate(m.date)}: {m.subject}
              </li>
            ))}
          </ul>
        )}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={`/gebieden/${area.slug}/raadsbrieven/momenten.ics`}>
            Deze momenten in uw agenda (iCal)
          </a>
        </p>
      </div>
    </Layout>
  );
}
