import type { Services } from '../../../composition.ts';
import { BadRequestError } from '../../../shared/errors.ts';
import { htmlPage, renderPage, type HtmlPage } from '../../../views/render.ts';
import { listAreas } from '../../areas/index.ts';
import { getFocusArea, listFocusAreas } from '../../focus-areas/index.ts';
import {
  BUURT_CODE,
  WIJK_CODE,
  newestIndelingYear,
  selectionForBuurt,
  selectionForWijk,
} from '../profiles/buurt.page-builder.tsx';
import type { MonitorData } from '../monitor-data.ts';
import { buildProfile, selectionForFocusArea } from '../profiles/profile.service.ts';
import type { AreaSelection } from '../profile.types.ts';
import {
  ComparePage,
  compareView,
  type CompareOptions,
  type Option,
} from './views/compare.page.tsx';

const SLUG = /^[a-z0-9-]{1,80}$/;

type Param = 'a' | 'b';
export type Query = Partial<Record<Param | 'gemeente', string | string[]>>;

const MUNICIPALITY_CODE = /^GM\d{4}$/;

/**
 * The municipality whose wijken and buurten a form offers: the one asked for (?gemeente=), else
 * that of the first area given, else that of the first focus area whose delineation the
 * municipality confirmed (else the first focus area). Every municipality is treated alike; no
 * code is written into the code.
 */
export async function chooseMunicipality(
  monitor: MonitorData,
  asked: string | string[] | undefined,
  fallback?: string,
): Promise<string> {
  if (asked !== undefined && asked !== '') {
    if (typeof asked !== 'string' || !MUNICIPALITY_CODE.test(asked)) {
      throw new BadRequestError(
        'De gemeente in het adres klopt niet. Gebruik een CBS-gemeentecode, bijvoorbeeld ?gemeente=GM0606.',
      );
    }
    return asked;
  }
  if (fallback) return fallback;
  const areas = await monitor.focusAreas();
  for (const area of areas) {
    if (area.latestVersion === null) continue;
    const detail = await monitor.read(`versie\u0000${area.slug}`, () =>
      getFocusArea(monitor.db, area.slug),
    );
    if (detail.version && detail.version.provisional === 0) return area.municipality_code;
  }
  const first = areas[0];
  if (!first) throw new BadRequestError('Er zijn nog geen focusgebieden ingelezen.');
  return first.municipality_code;
}

/** The municipalities of the focus areas, for the form's choice of municipality. */
async function municipalityOptions(monitor: MonitorData): Promise<Option[]> {
  const seen = new Map<string, string>();
  for (const a of await monitor.focusAreas()) seen.set(a.municipality_code, a.municipality_name);
  return [...seen]
    .sort(([, a], [, b]) => a.localeCompare(b, 'nl'))
    .map(([value, label]) => ({ value, label }));
}

const EXAMPLE = 'Gebruik fg:<naam>, wk:<wijkcode> of bu:<buurtcode>, bijvoorbeeld fg:dordt-west.';

/** The raw value of a or b: undefined when absent or empty, 400 when given twice. */
function rawParam(query: Query, name: Param): string | undefined {
  const value = query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new BadRequestError(`Parameter ${name} staat meer dan één keer in het adres. ${EXAMPLE}`);
  }
  return value;
}

/** `fg:<slug>`, `wk:<code>` or `bu:<code>` as an area; 400 naming the parameter otherwise. */
export async function parseAreaParam(
  monitor: MonitorData,
  name: Param,
  value: string,
): Promise<AreaSelection> {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  const m = /^(fg|wk|bu):(.+)$/.exec(value);
  if (!m) {
    throw new BadRequestError(`Parameter ${name} ("${shown}") klopt niet. ${EXAMPLE}`);
  }
  const [, kind, id] = m as unknown as [string, 'fg' | 'wk' | 'bu', string];
  let selection: AreaSelection | undefined;
  if (kind === 'fg') {
    if (SLUG.test(id)) {
      const known = (await listFocusAreas(monitor.db)).find(
        (f) => f.slug === id && f.composition_status === 'bekend' && f.latestVersion !== null,
      );
      if (known) selection = await selectionForFocusArea(monitor, id);
    }
  } else if (kind === 'wk') {
    selection = WIJK_CODE.test(id) ? await selectionForWijk(monitor, id) : undefined;
  } else {
    selection = BUURT_CODE.test(id) ? await selectionForBuurt(monitor, id) : undefined;
  }
  if (!selection) {
    const what = { fg: 'focusgebied met bekende buurten', wk: 'wijk', bu: 'buurt' }[kind];
    throw new BadRequestError(
      `Parameter ${name} ("${shown}"): er is geen ${what} met deze naam of code. ${EXAMPLE}`,
    );
  }
  return selection;
}

async function formOptions(monitor: MonitorData, municipality: string): Promise<CompareOptions> {
  const year = await newestIndelingYear(monitor);
  const focus = (await listFocusAreas(monitor.db))
    .filter((f) => f.composition_status === 'bekend' && f.latestVersion !== null)
    .map((f) => ({ value: `fg:${f.slug}`, label: f.name }));
  const areas = await listAreas(monitor.db, {
    indelingYear: year,
    municipalityCode: municipality,
  });
  const gemeente = areas.find((a) => a.kind === 'gemeente');
  const wijken = areas
    .filter((a) => a.kind === 'wijk' && a.is_water === 0)
    .map((a) => ({ value: `wk:${a.code}`, label: `${a.name} (${a.code})` }));
  const buurten = areas
    .filter((a) => a.kind === 'buurt' && a.is_water === 0)
    .map((a) => ({ value: `bu:${a.code}`, label: `${a.name} (${a.code})` }));
  return {
    focus,
    wijken,
    buurten,
    municipality: { code: municipality, name: gemeente?.name ?? municipality },
    municipalities: await municipalityOptions(monitor),
  };
}

/** The compare page as HTML, cached per data version. */
export async function renderComparePage(services: Services, query: Query): Promise<HtmlPage> {
  const { monitor } = services;
  await monitor.dataVersion();
  const rawA = rawParam(query, 'a');
  const rawB = rawParam(query, 'b');
  // Validate whatever is given, so a typo is a 400 even when the other half is missing.
  const a = rawA === undefined ? undefined : await parseAreaParam(monitor, 'a', rawA);
  const b = rawB === undefined ? undefined : await parseAreaParam(monitor, 'b', rawB);
  const municipality = await chooseMunicipality(monitor, query.gemeente, a?.municipalityCode);
  return monitor.cached(
    `vergelijk:${rawA ?? ''}\u0000${rawB ?? ''}\u0000${municipality}`,
    async () => {
      const options = await formOptions(monitor, municipality);
      const selected = { a: rawA ?? '', b: rawB ?? '' };
      if (!a || !b) {
        return htmlPage(renderPage(<ComparePage options={options} selected={selected} />));
      }
      const availability = await monitor.availability();
      const themes = compareView(
        await buildProfile(monitor, a),
        await buildProfile(monitor, b),
        availability,
      );
      return htmlPage(
        renderPage(
          <ComparePage options={options} selected={selected} comparison={{ a, b, themes }} />,
        ),
      );
    },
  );
}
