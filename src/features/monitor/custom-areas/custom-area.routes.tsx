import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { toJson } from '../../../shared/downloads/json.ts';
import { parseFormat, sendTable } from '../../../shared/downloads/send.ts';
import { BadRequestError } from '../../../shared/errors.ts';
import { routeOptions, type RouteTypes } from '../../../shared/http.ts';
import { htmlPage, renderPage, sendHtmlPage } from '../../../views/render.ts';
import { customAreaApi } from '../../api/index.ts';
import { parseAreaGeometry, type AreaGeometry } from '../../maps/index.ts';
import { chooseMunicipality } from '../comparison/compare.page-builder.tsx';
import {
  checkCustomArea,
  customAreaContext,
  CustomAreaRefusedError,
  parseBuurtParam,
  type CustomAreaContext,
} from './custom-area.service.ts';
import { profileTable } from '../profiles/profile.download.ts';
import { buildProfile, selectionForFocusArea } from '../profiles/profile.service.ts';
import { CustomAreaPage, type CustomAreaPageProps } from './views/custom-area.page.tsx';
import { profileView } from '../profiles/views/profile-section.tsx';

type Query = {
  buurt?: string | string[];
  naam?: string | string[];
  formaat?: string | string[];
  gemeente?: string | string[];
};

/** The municipality of the first code chosen (BU05050301, WK060601 → GM0505, GM0606). */
function municipalityOfCodes(raw: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  const m = first ? /^(?:BU|WK)(\d{4})/.exec(first) : null;
  return m ? `GM${m[1]}` : undefined;
}

const NAME_MAX = 80;

async function municipalityList(monitor: Services['monitor']) {
  const seen = new Map<string, string>();
  for (const a of await monitor.focusAreas()) seen.set(a.municipality_code, a.municipality_name);
  return [...seen]
    .map(([code, name]) => ({ code, name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

function parseName(raw: string | string[] | undefined): string {
  if (raw === undefined) return '';
  if (typeof raw !== 'string') throw new BadRequestError('Geef de naam van uw gebied één keer op.');
  // Printable text only: the name is shown as a heading and written into downloads.
  return raw
    .replace(/[\p{C}]/gu, '')
    .trim()
    .slice(0, NAME_MAX);
}

async function pageParts(services: Services, ctx: CustomAreaContext) {
  const { monitor, areas, focusAreas } = services;
  return monitor.cached(
    `eigen-gebied-kaart:${ctx.municipalityCode}:${ctx.indelingYear}`,
    async () => {
      const geometry = new Map<string, AreaGeometry>();
      for (const a of await areas.listWithGeometry({
        indelingYear: ctx.indelingYear,
        municipalityCode: ctx.municipalityCode,
        kind: ctx.level,
      })) {
        const g = parseAreaGeometry(a.geometry);
        if (g) geometry.set(a.code, g);
      }
      const startingPoints: CustomAreaPageProps['startingPoints'] = [];
      const known = new Set(ctx.buurten.map((b) => b.code));
      for (const f of await focusAreas.list()) {
        if (f.composition_status !== 'bekend' || f.latestVersion === null) continue;
        const s = await selectionForFocusArea(monitor, f.slug);
        // Only where every buurt is also one of the form's (same code in the newest indeling).
        if (s.buurtCodes.length === 0 || !s.buurtCodes.every((c) => known.has(c))) continue;
        startingPoints.push({
          label: `de ${ctx.level === 'wijk' ? 'wijken' : 'buurten'} van ${f.name}`,
          buurtCodes: s.buurtCodes,
        });
      }
      return { geometry, startingPoints };
    },
  );
}

const cacheKey = (codes: readonly string[], name: string) =>
  `eigen-gebied:${[...codes].sort().join(',')}\u0000${name}`;

/**
 * A visitor's own set of buurten: a plain GET form (every state is a URL), with a map that a
 * small script makes clickable. A set that breaks a rule on /methode is refused with a 400 and
 * the form, still ticked, so the visitor can change it.
 */
export async function customAreaRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { services } = opts;
  app.route<RouteTypes<typeof customAreaApi.schema>>({
    ...routeOptions(customAreaApi),
    handler: async (request, reply) => {
      const { monitor } = services;
      await monitor.dataVersion();
      const name = parseName(request.query.naam);
      const municipality = await chooseMunicipality(
        monitor,
        request.query.gemeente,
        municipalityOfCodes(request.query.buurt),
      );
      const ctx = await customAreaContext(monitor, municipality);
      const codes = parseBuurtParam(request.query.buurt);
      if (codes.length === 0)
        throw new BadRequestError('Geef minstens één buurt op, bijvoorbeeld ?buurt=BU05050301.');
      const selection = checkCustomArea(ctx, codes, name);
      const table = await monitor.cached(`${cacheKey(codes, name)}:tabel`, async () =>
        profileTable(
          await buildProfile(monitor, selection),
          `eigen-gebied-${codes.length}-buurten`,
        ),
      );
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(JSON.stringify(toJson(table)));
    },
  });

  app.get<{ Querystring: Query }>('/eigen-gebied', async (request, reply) => {
    const { monitor } = services;
    await monitor.dataVersion();
    const format = parseFormat(request.query);
    const name = parseName(request.query.naam);
    const municipality = await chooseMunicipality(
      monitor,
      request.query.gemeente,
      municipalityOfCodes(request.query.buurt),
    );
    const ctx = await customAreaContext(monitor, municipality);
    let codes: string[] = [];
    let refusal: CustomAreaRefusedError | undefined;
    try {
      codes = parseBuurtParam(request.query.buurt);
    } catch (error) {
      if (!(error instanceof CustomAreaRefusedError)) throw error;
      refusal = error;
    }
    const selection = (() => {
      if (refusal || codes.length === 0) return undefined;
      try {
        return checkCustomArea(ctx, codes, name);
      } catch (error) {
        if (!(error instanceof CustomAreaRefusedError)) throw error;
        refusal = error;
        return undefined;
      }
    })();
    if (format && !selection) {
      throw new BadRequestError(
        refusal?.message ?? 'Kies eerst buurten (parameter buurt) om cijfers te downloaden.',
      );
    }
    const key = `${ctx.municipalityCode}:${cacheKey(codes, name)}`;
    if (format && selection) {
      const table = await monitor.cached(`${key}:tabel`, async () =>
        profileTable(
          await buildProfile(monitor, selection),
          `eigen-gebied-${codes.length}-buurten`,
        ),
      );
      return sendTable(request, reply, table, format);
    }
    const page = await monitor.cached(`${key}:${refusal?.message ?? ''}`, async () => {
      const parts = await pageParts(services, ctx);
      let result: CustomAreaPageProps['result'];
      if (selection) {
        const profile = await buildProfile(monitor, selection);
        const inhabitants = ctx.buurten
          .filter((b) => selection.buurtCodes.includes(b.code))
          .reduce((s, b) => s + (b.inhabitants ?? 0), 0);
        result = {
          selection,
          inhabitants,
          themes: profileView(profile, [], await monitor.availability()),
        };
      }
      const downloadQuery = selection
        ? [
            `gemeente=${ctx.municipalityCode}`,
            ...selection.buurtCodes.map((c) => `buurt=${encodeURIComponent(c)}`),
            ...(name ? [`naam=${encodeURIComponent(name)}`] : []),
          ].join('&')
        : undefined;
      return htmlPage(
        renderPage(
          <CustomAreaPage
            ctx={ctx}
            geometry={parts.geometry}
            startingPoints={parts.startingPoints}
            municipalities={await municipalityList(monitor)}
            chosen={codes}
            name={name}
            {...(refusal ? { refusal: refusal.message } : {})}
            {...(result ? { result } : {})}
            {...(downloadQuery ? { downloadQuery } : {})}
          />,
        ),
      );
    });
    return sendHtmlPage(request, reply.code(refusal ? 400 : 200), page);
  });
}
