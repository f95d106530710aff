import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { buildProfile, selectionForFocusArea, type MonitorData } from '../monitor/index.ts';
import { listActiveDatasetImports } from '../datasets/index.ts';
import { listTargets } from '../targets/index.ts';
import { STATUS_LABEL, type FocusAreaService } from '../focus-areas/index.ts';
import { buildFactsheet, type Factsheet } from './factsheet.model.ts';

/** The factsheet of a focus area for the current data version (cached per version). */
export async function loadFactsheet(
  services: {
    db: Kysely<Database>;
    monitor: MonitorData;
    focusAreas: Pick<FocusAreaService, 'loadPage'>;
  },
  slug: string,
  version?: number,
): Promise<Factsheet> {
  const { db, monitor, focusAreas } = services;
  await monitor.dataVersion();
  return monitor.cached(`factsheet:${slug}:${version ?? 'nieuwste'}`, async () => {
    const selection = await selectionForFocusArea(monitor, slug, version);
    const profile = await buildProfile(monitor, selection);
    // The same read (and cache key) as the profile page: the members with status and the map.
    const page = await monitor.read(`focusgebied-pagina\u0000${slug}\u0000${version ?? ''}`, () =>
      focusAreas.loadPage(slug, version),
    );
    const datasets = await listActiveDatasetImports(db);
    const newest = datasets.reduce<string | null>(
      (max, d) => (max === null || String(d.imported_at) > max ? String(d.imported_at) : max),
      null,
    );
    return buildFactsheet({
      profile,
      targets: await listTargets(db, slug),
      availability: await monitor.availability(),
      dataDate: newest,
      sources: datasets.map((d) => ({ kind: d.kind, tableId: d.table_id })),
      page,
      statusLabels: STATUS_LABEL,
    });
  });
}

/** The factsheets for routes: the database stays here, with the composition root. */
export function factsheetService(
  db: Kysely<Database>,
  monitor: MonitorData,
  focusAreas: Pick<FocusAreaService, 'loadPage'>,
) {
  return {
    load: (slug: string, version?: number) =>
      loadFactsheet({ db, monitor, focusAreas }, slug, version),
  };
}
export type FactsheetService = ReturnType<typeof factsheetService>;
