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
