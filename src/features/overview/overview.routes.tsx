import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { parseFormat, sendTable } from '../../shared/downloads/send.ts';
import { parseQuery } from '../../shared/http.ts';
import { htmlPage, renderPage, sendHtmlPage } from '../../views/render.ts';
import { OverviewPage } from './overview.page.tsx';
import { buildOverview, overviewTable } from './overview.service.ts';

type Query = { indicator?: string | string[]; formaat?: string | string[] };

const BAD_INDICATOR =
  'De indicator in het adres klopt niet. Gebruik een sleutel zoals ?indicator=aantal-inwoners.';
const overviewQuery = z.object({
  indicator: z
    .string({ error: BAD_INDICATOR })
    .regex(/^([a-z0-9-]{1,80})?$/, { error: BAD_INDICATOR })
    .optional(),
});

function parseIndicator(query: Query): string | undefined {
  return parseQuery(overviewQuery, query).indicator || undefined;
}

/** The national overview: all focus areas for one indicator (?indicator=), and its downloads. */
export async function overviewRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { monitor } = opts.services;
  app.get<{ Querystring: Query }>('/gebieden', async (request, reply) => {
    const format = parseFormat(request.query);
    const overview = await buildOverview(monitor, parseIndicator(request.query));
    if (format) return sendTable(request, reply, overviewTable(overview), format);
    const page = await monitor.cached(`overzicht-html\u0000${overview.indicator.key}`, async () =>
      htmlPage(renderPage(<OverviewPage o={overview} />)),
    );
    return sendHtmlPage(request, reply, page);
  });
}
