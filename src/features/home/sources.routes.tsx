import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { Layout } from '../../views/layout.tsx';
import { htmlPage, renderPage, sendHtmlPage } from '../../views/render.ts';
import type { Dataset } from '../datasets/index.ts';
import { tableScroll } from '../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../views/components/data-table.tsx';

const dateFormat = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});
const numberFormat = new Intl.NumberFormat('nl-NL');

/** Every loaded dataset with its provenance and attribution. */
export async function sourcesRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get('/bronnen', async (request, reply) => {
    const { monitor } = opts.services;
    await monitor.dataVersion();
    // The list changes with the datasets only: one page (and its gzip form) per data version.
    const page = await monitor.cached('bronnen', async () =>
      htmlPage(renderSources(await opts.services.datasets.list())),
    );
    return sendHtmlPage(request, reply, page);
  });
}

function renderSources(datasets: readonly Dataset[]): string {
  return renderPage(
    <Layout
      title="Bronnen van de cijfers"
      description="Waar de cijfers van Wijkkompas vandaan komen: CBS, Politie via CBS en de wijk- en buurtkaart van Kadaster en CBS. Met elk geladen bestand en de licentie."
    >
      <h1 class="utrecht-heading-1">Bronnen van de cijfers</h1>
      <p class="utrecht-paragraph">
        Bron: CBS. De cijfers komen van het Centraal Bureau voor de Statistiek (Kerncijfers wijken
        en buurten), de Politie via CBS, en de wijk- en buurtkaart van Kadaster en CBS via PDOK.
        Deze gegevens vallen onder de licentie CC BY 4.0.
      </p>
      <div {...tableScroll(`Geladen bestanden (${datasets.length})`)}>
        <Table>
          <TableCaption>Geladen bestanden ({datasets.length})</TableCaption>
          <THead>
            <Tr>
              <Th scope="col">Bestand</Th>
              <Th scope="col">Bron en tabel</Th>
              <Th scope="col">Regels</Th>
              <Th scope="col">Waarden</Th>
              <Th scope="col">Geladen op</Th>
              <Th scope="col">Controlegetal (SHA-256)</Th>
            </Tr>
          </THead>
          <TBody>
            {datasets.map((d) => (
              <Tr>
                <Td>
                  {d.title}
                  <br />
                  <span class="wk-muted">{d.file_name}</span>
                  {d.status === 'ingetrokken' && (
                    <strong class="wk-cell-note" data-status="ingetrokken">
                      Ingetrokken: telt niet mee in de cijfers.
                    </strong>
                  )}
                </Td>
                <Td>
                  {d.source}
                  {d.table_id ? `, tabel ${d.table_id}` : ''}
                  {d.edition ? ` (${d.edition})` : ''}
                </Td>
                <Td num>{numberFormat.format(Number(d.row_count))}</Td>
                <Td num>{numberFormat.format(Number(d.observation_count))}</Td>
                <Td>{dateFormat.format(new Date(d.imported_at))}</Td>
                <Td>
                  <code>{d.file_hash.slice(0, 12)}</code>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
    </Layout>,
  );
}
