import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { Layout } from '../../views/layout.tsx';
import { renderPage } from '../../views/render.ts';
import { listFocusAreas } from '../focus-areas/focus-area.repository.ts';

/** The start page: the NPLV focus areas grouped by municipality (issue 3 makes it richer). */
export async function homeRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get('/', async (_request, reply) => {
    const areas = await listFocusAreas(opts.services.db);
    const nonce = reply.cspNonce.script;
    return reply.type('text/html; charset=utf-8').send(
      renderPage(
        <Layout title="Focusgebieden" nonce={nonce}>
          <h1 class="utrecht-heading-1">
            Focusgebieden van het Nationaal Programma Leefbaarheid en Veiligheid
          </h1>
          <p class="utrecht-paragraph">
            In {areas.length} gebieden werken Rijk en gemeenten 15 tot 20 jaar samen aan
            leefbaarheid en veiligheid. Wijkkompas laat per gebied zien hoe het ervoor staat.
          </p>
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">Focusgebieden per gemeente</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Gemeente
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Focusgebied
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Buurten bekend?
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {areas.map((a) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{a.municipality_name}</td>
                  <td class="utrecht-table__cell">
                    {a.composition_status === 'bekend' ? (
                      <a class="utrecht-link" href={`/gebieden/${a.slug}`}>
                        {a.name}
                      </a>
                    ) : (
                      a.name
                    )}
                  </td>
                  <td class="utrecht-table__cell">
                    {a.composition_status === 'bekend' ? 'Ja' : 'Nog niet bekend'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Layout>,
      ),
    );
  });
}
