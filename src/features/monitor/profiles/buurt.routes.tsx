import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../composition.ts';
import { sendHtmlPage } from '../../../views/render.ts';
import { renderBuurtPage } from './buurt.page-builder.tsx';

/** The public buurt page: every indicator of one buurt against its wijk, municipality and NL. */
export async function buurtRoutes(app: FastifyInstance, opts: { services: Services }) {
  app.get<{ Params: { code: string } }>('/buurten/:code', async (request, reply) => {
    return sendHtmlPage(request, reply, await renderBuurtPage(opts.services, request.params.code));
  });
}
