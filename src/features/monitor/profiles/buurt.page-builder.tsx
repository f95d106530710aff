import type { Services } from '../../../composition.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { htmlPage, renderPage, type HtmlPage } from '../../../views/render.ts';
import { findArea, listIndelingYears } from '../../areas/index.ts';
import type { MonitorData } from '../monitor-data.ts';
import { buildProfile } from './profile.service.ts';
import type { AreaSelection } from '../profile.types.ts';
import { BuurtPage, buurtView } from './views/buurt.page.tsx';

export const BUURT_CODE = /^BU\d{8}$/;
/** CBS wijk codes: 4 digits of the municipality and 2 characters (Amsterdam uses letters). */
export const WIJK_CODE = /^WK\d{4}[0-9A-Z]{2}$/;

/** The newest CBS indeling year in the areas table; every buurt and wijk page uses it. */
export async function newestIndelingYear(monitor: MonitorData): Promise<number> {
  const year = (await listIndelingYears(monitor.db)).at(-1);
  if (year === undefined) throw new NotFoundError('Er zijn nog geen buurten ingelezen.');
  return year;
}

async function municipalityName(monitor: MonitorData, year: number, code: string) {
  return (await findArea(monitor.db, year, code))?.name ?? code;
}

/** One area of the given kind in the newest indeling, selected by its code; undefined if none. */
async function selectionFor(
  monitor: MonitorData,
  kind: 'buurt' | 'wijk',
  code: string,
): Promise<AreaSelection | undefined> {
  if (!(kind === 'buurt' ? BUURT_CODE : WIJK_CODE).test(code)) return undefined;
  const year = await newestIndelingYear(monitor);
  const area = await findArea(monitor.db, year, code);
  if (!area || area.kind !== kind || !area.municipality_code) return undefined;
  return {
    kind,
    name: area.name,
    municipalityCode: area.municipality_code,
    municipalityName: await municipalityName(monitor, year, area.municipality_code),
    indelingYear: year,
    buurtCodes: [code],
    code,
    // A buurt is compared with its wijk.
    ...(kind === 'buurt' && area.parent_code ? { parentCode: area.parent_code } : {}),
  };
}

/** One buurt of the newest indeling, compared with its wijk; undefined when there is none. */
export const selectionForBuurt = (monitor: MonitorData, code: string) =>
  selectionFor(monitor, 'buurt', code);

/**
 * One wijk of the newest indeling. Its figure is the one CBS publishes for the wijk (as the wijk
 * reference on a buurt page), not a sum of buurten, so secret buurten cannot distort it.
 */
export const selectionForWijk = (monitor: MonitorData, code: string) =>
  selectionFor(monitor, 'wijk', code);

/** The buurt page as HTML, cached per data version. */
export async function renderBuurtPage(
  services: Pick<Services, 'monitor' | 'areas'>,
  code: string,
): Promise<HtmlPage> {
  const { monitor, areas } = services;
  await monitor.dataVersion();
  const selection = await selectionForBuurt(monitor, code);
  if (!selection) throw new NotFoundError(`Er is geen buurt met code "${code.slice(0, 20)}".`);
  return monitor.cached(`buurt:${code}`, async () => {
    const wijk = selection.parentCode
      ? await areas.find(selection.indelingYear, selection.parentCode)
      : undefined;
    const profile = await buildProfile(monitor, selection);
    const siblings = selection.parentCode
      ? (
          await areas.list({
            indelingYear: selection.indelingYear,
            municipalityCode: selection.municipalityCode,
            kind: 'buurt',
          })
        ).filter((b) => b.parent_code === selection.parentCode && b.code !== selection.code)
      : [];
    return htmlPage(
      renderPage(
        <BuurtPage
          selection={selection}
          wijkName={wijk?.name ?? null}
          siblings={siblings.map((b) => ({ code: b.code, name: b.name }))}
          themes={buurtView(profile, await monitor.availability())}
        />,
      ),
    );
  });
}
