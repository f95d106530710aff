import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from './errors.ts';

export const municipalityParam = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
export const focusAreaParam = municipalityParam.extend({
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

export function requireUser(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

/** "?opgeslagen=3" after a save (POST → redirect → GET), so a reload does not post again. */
export function savedVersion(query: unknown): number | undefined {
  const v = (query as { opgeslagen?: unknown } | undefined)?.opgeslagen;
  return typeof v === 'string' && /^[1-9][0-9]{0,5}$/.test(v) ? Number(v) : undefined;
}
