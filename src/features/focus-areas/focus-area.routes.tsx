import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { BadRequestError, NotFoundError } from '../../shared/errors.ts';
import { focusAreaJson } from './views/focus-area.json.ts';
import { loadFocusAreaPage } from './views/focus-area.page-data.ts';

const paramsSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const querySchema = z.object({
  versie: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/)
    .transform(Number)
    .optional(),
});

export type Query = { versie?: string | string[] };

export function parseVersion(query: Query): number | undefined {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    throw new BadRequestError(
      'De versie in het adres klopt niet. Gebruik een heel getal vanaf 1, bijvoorbeeld ?versie=1.',
    );
  }
  return parsed.data.versie;
}

export function slugOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  // An odd slug cannot name a focus area: the same answer as an unknown one.
  if (!parsed.success) throw new NotFoundError('Er is geen focusgebied met dit adres.');
  return parsed.data.slug;
}

/** The public delineation of a focus area as JSON (the page is part of the monitor profile). */
export async function focusAreaRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { db } = opts.services;

  // GET /gebieden/:slug is the monitor profile with this delineation below it: monitor.routes.tsx.

  app.get<{ Params: { slug: string }; Querystring: Query }>(
    '/api/gebieden/:slug',
    async (request, reply) => {
      const version = parseVersion(request.query);
      const data = await loadFocusAreaPage(db, slugOf(request.params), version);
      reply.header('access-control-allow-origin', '*');
      return reply.type('application/json; charset=utf-8').send(focusAreaJson(data));
    },
  );
}
