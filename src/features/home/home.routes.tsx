import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { Layout } from '../../views/layout.tsx';
import { htmlPage, renderPage, sendHtmlPage, type HtmlPage } from '../../views/render.ts';
import { listFocusAreas, type FocusAreaSummary } from '../focus-areas/focus-area.service.ts';
import { buildProfile, selectionForFocusArea } from '../monitor/profile.service.ts';

interface AreaLine {
  area: FocusAreaSummary;
  /** "N van M indicatoren geladen", or why there is nothing yet. */
  data: string;
}

/** What data each focus area has: loaded indicators where its buurten are known. */
async function areaLines(services: Services): Promise<AreaLine[]> {
  const { monitor } = services;
  const total = (await monitor.catalogue()).indicators.length;
  const lines: AreaLine[] = [];
  for (const area of await listFocusAreas(services.db)) {
    if (area.composition_status !== 'bekend' || area.latestVersion === null) {
      lines.push({ area, data: 'Buurten nog niet bekend' });
      continue;
    }
    const profile = await buildProfile(monitor, await selectionForFocusArea(monitor, area.slug));
    const loaded = profile.themes
      .flatMap((t) => t.indicators)
      .filter((i) => i.loaded && i.latest !== null).length;
    lines.push({ area, data: `${loaded} van ${total} indicatoren geladen` });
  }
  return lines;
}

function byMunicipality(lines: AreaLine[]): [string, AreaLine[]][] {
  const groups = new Map<string, AreaLine[]>();
  for (const line of lines) {
    const name = line.area.municipality_name;
    groups.set(name, [...(groups.get(name) ?? []), line]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl'));
}

function HomePage({ lines }: { lines: AreaLine[] }) {
  const groups = byMunicipality(lines);
  return (
    <Layout title="Focusgebieden">
      <h1 class="utrecht-heading-1">
        Focusgebieden van het Nationaal Programma Leefbaarheid en Veiligheid
      </h1>
      <p class="utrecht-paragraph">
        In {lines.length} gebieden in {groups.length} gemeenten werken Rijk en gemeenten 15 tot 20
        jaar samen aan leefbaarheid en veiligheid. Wijkkompas laat per gebied zien hoe het ervoor
        staat.
      </p>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          Focusgebieden per gemeente, met de cijfers die er zijn
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Focusgebied
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Cijfers
            </th>
          </tr>
        </thead>
        {groups.map(([municipality, group]) => (
          <tbody class="utrecht-table__body" data-gemeente={municipality}>
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="colgroup" colSpan={2}>
                {`Gemeente ${municipality}`}
              </th>
            </tr>
            {group.map(({ area, data }) => (
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell">
                  {area.latestVersion !== null ? (
                    <a class="utrecht-link" href={`/gebieden/${area.slug}`}>
                      {area.name}
                    </a>
                  ) : (
                    area.name
                  )}
                </td>
                <td class="utrecht-table__cell">{data}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </Layout>
  );
}

/** The start page as HTML, cached per data version. */
export async function renderHomePage(services: Services): Promise<HtmlPage> {
  await services.monitor.dataVersion();
  return services.monitor.cached('home', async () =>
    htmlPage(renderPage(<HomePage lines={await areaLines(services)} />)),
  );
}

/** The start page: the NPLV focus areas grouped by municipality, with what data each has. */
export async function homeRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get('/', async (request, reply) =>
    sendHtmlPage(request, reply, await renderHomePage(opts.services)),
  );
}
