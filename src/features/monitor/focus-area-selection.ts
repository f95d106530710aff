import { countedBuurtCodes, getFocusArea } from '../focus-areas/index.ts';
import { NotFoundError } from '../../shared/errors.ts';
import type { MonitorData } from './monitor-data.ts';
import type { AreaSelection } from './profile.types.ts';

/**
 * A focus area's counted buurten ('lid' only) in the version asked for (newest by default), read
 * once per data version: every profile needs every focus area for the NPLV average.
 */
export function selectionForFocusArea(
  data: MonitorData,
  slug: string,
  version?: number,
): Promise<AreaSelection> {
  return data.read(`selectie\u0000${slug}\u0000${version ?? ''}`, () =>
    readSelection(data, slug, version),
  );
}

async function readSelection(
  data: MonitorData,
  slug: string,
  version: number | undefined,
): Promise<AreaSelection> {
  const detail = await getFocusArea(data.db, slug, version);
  if (!detail.version) {
    throw new NotFoundError(
      `Van focusgebied "${detail.area.name}" is nog niet bekend welke buurten erbij horen.`,
    );
  }
  return {
    kind: 'focusgebied',
    name: detail.area.name,
    municipalityCode: detail.area.municipality_code,
    municipalityName: detail.area.municipality_name,
    indelingYear: detail.version.indeling_year,
    buurtCodes: countedBuurtCodes(detail.members),
    slug,
    version: detail.version.version,
  };
}
