import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { sendHtmlPage } from '../../../views/render.ts';
import { renderComparePage, type Query } from './compare.page-builder.tsx';

/** Any two areas side by side: a plain GET form, and with a and b the tables per theme. */
export async function compareRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get<{ Querystring: Query }>('/vergelijk', async (request, reply) => {
    return sendHtmlPage(request, reply, await renderComparePage(opts.services, request.query));
  });
}
