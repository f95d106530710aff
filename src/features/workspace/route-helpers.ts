import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { renderPage } from '../../views/render.ts';

export const municipalityParam = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
export const focusAreaParam = municipalityParam.extend({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

export function html(reply: FastifyReply, page: Parameters<typeof renderPage>[0], status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

export function formBody(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

export function parseParams<T>(schema: z.ZodType<T>, params: unknown): T {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new NotFoundError('Deze pagina bestaat niet.');
  return parsed.data;
}

export function requireUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

/** "?opgeslagen=3" after a save (POST → redirect → GET), so a reload does not post again. */
export function savedVersion(query: unknown): number | undefined {
  const v = (query as { opgeslagen?: unknown } | undefined)?.opgeslagen;
  return typeof v === 'string' && /^[1-9][0-9]{0,5}$/.test(v) ? Number(v) : undefined;
}
