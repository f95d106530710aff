import type { Services } from '../../composition.ts';
import { htmlPage, renderPage, type HtmlPage } from '../../views/render.ts';
import { nplvAreaSeries } from '../monitor/index.ts';
import { HomePage, type AreaLine } from './views/home.page.tsx';

/** What the start page needs; route tests may pass fakes of these. */
export type HomeServices = Pick<Services, 'monitor' | 'focusAreas'>;

/**
 * What data each focus area has: the indicators with a figure for its counted members, read
 * from the national series /gebieden and the NPLV average share, so the start page costs no
 * profile per area.
 */
async function areaLines(services: HomeServices): Promise<AreaLine[]> {
  const { monitor } = services;
  const catalogue = await monitor.catalogue();
  const total = catalogue.indicators.length;
  const withValue = new Map<string, number>();
  for (const availability of await monitor.availability()) {
    if (availability.status !== 'geladen') continue;
    const indicator = catalogue.indicators.find((i) => i.key === availability.key);
    if (!indicator) continue;
    const periods = availability.periods.map((p) => p.period);
    for (const { selection, points } of await nplvAreaSeries(monitor, indicator, periods)) {
      if (points.some((p) => p.result.status === 'berekend' || p.result.status === 'bereik'))
        withValue.set(selection.slug ?? '', (withValue.get(selection.slug ?? '') ?? 0) + 1);
    }
  }
  const lines: AreaLine[] = [];
  for (const area of await monitor.focusAreas()) {
    if (area.composition_status !== 'bekend' || area.latestVersion === null) {
      lines.push({ area, data: 'Buurten nog niet bekend', delineation: 'nog niet bekend' });
      continue;
    }
    const version = await monitor.read(`versie\u0000${area.slug}`, () =>
      services.focusAreas.get(area.slug),
    );
    const v = version.version;
    lines.push({
      area,
      data: `${withValue.get(area.slug) ?? 0} van ${total} indicatoren met een cijfer`,
      delineation:
        v && v.provisional === 1
          ? `voorlopig, betrouwbaarheid ${v.confidence ?? 'onbekend'}`
          : 'vastgesteld door de gemeente',
    });
  }
  return lines;
}

/** The start page as HTML, cached per data version. */
export async function renderHomePage(services: HomeServices): Promise<HtmlPage> {
  await services.monitor.dataVersion();
  return services.monitor.cached('home', async () =>
    htmlPage(renderPage(<HomePage lines={await areaLines(services)} />)),
  );
}
