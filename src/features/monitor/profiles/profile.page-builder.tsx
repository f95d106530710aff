import type { Services } from '../../../composition.ts';
import type { DataTable } from '../../../shared/data-table.ts';
import { htmlPage, renderPage, type HtmlPage } from '../../../views/render.ts';
import { FocusAreaPage } from '../../focus-areas/index.ts';
import { profileTable } from './profile.download.ts';
import { buildProfile, selectionForFocusArea } from './profile.service.ts';
import { ProfileSection, profileView } from './views/profile-section.tsx';
import { ProfileSummary } from './views/profile-summary.tsx';

/** What the profile page needs; route tests may pass fakes of these. */
export type ProfileServices = Pick<Services, 'monitor' | 'focusAreas' | 'targets'>;

/** The focus-area profile as HTML, for the current data version. */
export async function renderProfilePage(
  services: ProfileServices,
  slug: string,
  version: number | undefined,
): Promise<HtmlPage> {
  const { monitor, focusAreas, targets: targetService } = services;
  await monitor.dataVersion();
  return monitor.cached(`profiel:${slug}:${version ?? 'nieuwste'}`, async () => {
    // The focus area's delineation, inhabitants per buurt and outlines: read once per version.
    const data = await monitor.read(`focusgebied-pagina\u0000${slug}\u0000${version ?? ''}`, () =>
      focusAreas.loadPage(slug, version),
    );
    if (data.version === null) {
      // Buurten not yet known: the page says so, there is nothing to compute.
      return htmlPage(renderPage(<FocusAreaPage data={data} />));
    }
    const selection = await selectionForFocusArea(monitor, slug, version);
    const profile = await buildProfile(monitor, selection);
    const targets = await monitor.read(`doelen\u0000${slug}`, () => targetService.list(slug));
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
export async function profileDownload(
  services: ProfileServices,
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
