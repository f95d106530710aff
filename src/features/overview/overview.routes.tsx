import type { FastifyInstance } from 'fastify';
import type { Services } from '../../composition.ts';
import { parseFormat, sendTable } from '../../shared/downloads/send.ts';
import { BadRequestError } from '../../shared/errors.ts';
import { htmlPage, renderPage, sendHtmlPage } from '../../views/render.ts';
import { OverviewPage } from './overview.page.tsx';
import { buildOverview, overviewTable } from './overview.service.ts';

type Query = { indicator?: string | string[]; formaat?: string | string[] };

function parseIndicator(query: Query): string | undefined {
  const value = query.indicator;
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^[a-z0-9-]{1,80}$/.test(value)) {
    throw new BadRequestError(
      'De indicator in het adres klopt niet. Gebruik een sleutel zoals ?indicator=aantal-inwoners.',
    );
  }
  return value;
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
