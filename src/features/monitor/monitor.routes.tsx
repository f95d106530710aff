import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import type { DataTable } from '../../shared/data-table.ts';
import { toJson } from '../../shared/downloads/json.ts';
import { parseFormat, sendTable } from '../../shared/downloads/send.ts';
import { htmlPage, renderPage, sendHtmlPage, type HtmlPage } from '../../views/render.ts';
import '../api/profile.api-doc.ts';
import { parseVersion, slugOf, type Query } from '../focus-areas/focus-area.routes.tsx';
import { loadFocusAreaPage } from '../focus-areas/views/focus-area.page-data.ts';
import { FocusAreaPage } from '../focus-areas/views/focus-area.page.tsx';
import { listTargets } from '../targets/target.repository.ts';
import { profileTable } from './profile-table.ts';
import { buildProfile, selectionForFocusArea } from './profile.service.ts';
import { ProfileSection, profileView } from './views/profile-section.tsx';
import { ProfileSummary } from './views/profile-summary.tsx';

/** The focus-area profile as HTML, for the current data version. */
export async function renderProfilePage(
  services: Services,
  slug: string,
  version: number | undefined,
): Promise<HtmlPage> {
  const { db, monitor } = services;
  await monitor.dataVersion();
  return monitor.cached(`profiel:${slug}:${version ?? 'nieuwste'}`, async () => {
    // The focus area's delineation, inhabitants per buurt and outlines: read once per version.
    const data = await monitor.read(`focusgebied-pagina\u0000${slug}\u0000${version ?? ''}`, () =>
      loadFocusAreaPage(db, slug, version),
    );
    if (data.version === null) {
      // Buurten not yet known: the page says so, there is nothing to compute.
      return htmlPage(renderPage(<FocusAreaPage data={data} />));
    }
    const selection = await selectionForFocusArea(monitor, slug, version);
    const profile = await buildProfile(monitor, selection);
    const targets = await monitor.read(`doelen\u0000${slug}`, () => listTargets(db, slug));
    const themes = profileView(profile, targets, await monitor.availability());
    return htmlPage(
      renderPage(
        <FocusAreaPage
          data={data}
          summary={<ProfileSummary themes={themes} areaName={data.name} slug={slug} />}
          profile={
            <ProfileSection
              slug={slug}
              themes={themes}
              downloads={`/gebieden/${slug}${version === undefined ? '' : `?versie=${version}`}`}
            />
          }
        />,
      ),
    );
  });
}

/** The profile table behind the page, for its downloads, cached per data version. */
async function profileDownload(
  services: Services,
  slug: string,
  version: number | undefined,
): Promise<DataTable> {
  const { monitor } = services;
  await monitor.dataVersion();
  return monitor.cached(`profiel-tabel:${slug}:${version ?? 'nieuwste'}`, async () => {
    const selection = await selectionForFocusArea(monitor, slug, version);
    return profileTable(
      await buildProfile(monitor, selection),
      `${slug}-profiel${version === undefined ? '' : `-versie-${version}`}`,
    );
  });
}

/** The public monitor pages: the focus-area profile and its downloads (?formaat=). */
export async function monitorRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get<{ Params: { slug: string }; Querystring: Query }>(
    '/gebieden/:slug',
    async (request, reply) => {
      const version = parseVersion(request.query);
      const format = parseFormat(request.query);
      if (format) {
        const table = await profileDownload(opts.services, slugOf(request.params), version);
        return sendTable(request, reply, table, format);
      }
      return sendHtmlPage(
        request,
        reply,
        await renderProfilePage(opts.services, slugOf(request.params), version),
      );
    },
  );

  app.get<{ Params: { slug: string }; Querystring: Query }>(
    '/api/gebieden/:slug/profiel',
    async (request, reply) => {
      const version = parseVersion(request.query);
      const table = await profileDownload(opts.services, slugOf(request.params), version);
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(toJson(table)));
    },
  );
}
