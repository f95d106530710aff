import type { FastifyInstance } from 'fastify';
import { sendHtmlPage } from '../../views/render.ts';
import { renderHomePage, type HomeServices } from './home.page-builder.tsx';

/** The start page: the NPLV focus areas grouped by municipality, with what data each has. */
export async function homeRoutes(app: FastifyInstance, opts: { services: HomeServices }) {
  app.get('/', async (request, reply) =>
    sendHtmlPage(request, reply, await renderHomePage(opts.services)),
  );
}
