import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { htmlPage, renderPage, sendHtmlPage } from '../../views/render.ts';
import { schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import { focusAreaParams, parseVersion, type Query } from '../focus-areas/index.ts';
import { DOCX_CONTENT_TYPE, factsheetDocx } from './factsheet.docx.ts';
import { FACTSHEET_MAP_SELECTOR, FactsheetPage } from './factsheet.page.tsx';
import { appPageFetcher, factsheetMapKey, factsheetPdfKey } from './factsheet.pdf.ts';

type Route = { Params: { slug: string }; Querystring: Query };

/** The slug is checked with the route (an odd one is the 404 of an unknown focus area). */
const slugParams = schemaOptions(
  { params: focusAreaParams },
  { notFound: 'Er is geen focusgebied met dit adres.' },
);

/** The query string to pass on (only ?versie=), so the PDF shows the version asked for. */
function versionQuery(version: number | undefined): string {
  return version === undefined ? '' : `?versie=${version}`;
}

/** The factsheet of a focus area: print HTML, tagged PDF (Chromium) and .docx. */
export async function factsheetRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { services } = opts;
  app.addHook('onClose', () => services.pdf.close());

  app.get<Route>('/gebieden/:slug/factsheet', slugParams, async (request, reply) => {
    const { slug } = request.params;
    const version = parseVersion(request.query);
    await services.monitor.dataVersion();
    const page = await services.monitor.cached(
      `factsheet-html:${slug}:${version ?? 'nieuwste'}`,
      async () =>
        htmlPage(
          renderPage(<FactsheetPage sheet={await services.factsheets.load(slug, version)} />),
        ),
    );
    return sendHtmlPage(request, reply, page);
  });

  app.get<Route>('/gebieden/:slug/factsheet.pdf', slugParams, async (request, reply) => {
    const { slug } = request.params;
    const version = parseVersion(request.query);
    // Loading first gives the Dutch 404 for an unknown area before any browser starts.
    await services.factsheets.load(slug, version);
    const unavailable = services.pdf.unavailable();
    if (unavailable) {
      return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
    }
    // One render per data version: later requests get the same bytes until the data changes.
    const pdf = await services.pdf.render(
      factsheetPdfKey(slug, version, await services.monitor.dataVersion()),
      appPageFetcher(app),
      `/gebieden/${encodeURIComponent(slug)}/factsheet${versionQuery(version)}`,
    );
    return reply
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="factsheet-${slug}.pdf"`)
      .send(pdf);
  });

  app.get<Route>('/gebieden/:slug/factsheet.docx', slugParams, async (request, reply) => {
    const { slug } = request.params;
    const version = parseVersion(request.query);
    const sheet = await services.factsheets.load(slug, version);
    // The boundary map as the PDF prints it, drawn by the same browser; without Chromium the
    // Word file says where the map is.
    const map =
      sheet.boundary && !services.pdf.unavailable()
        ? await services.pdf.image(
            factsheetMapKey(slug, version, await services.monitor.dataVersion()),
            appPageFetcher(app),
            `/gebieden/${encodeURIComponent(slug)}/factsheet${versionQuery(version)}`,
            FACTSHEET_MAP_SELECTOR,
          )
        : null;
    return reply
      .type(DOCX_CONTENT_TYPE)
      .header('content-disposition', `attachment; filename="factsheet-${slug}.docx"`)
      .send(await factsheetDocx(sheet, map));
  });
}
