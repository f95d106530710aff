import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isAllowed } from '../accounts/index.ts';
import { AppError } from '../../shared/errors.ts';

export const municipalityOnly = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
export const areaParams = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});
export const idParams = areaParams.extend({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

export function user(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

export function canEditBudget(request: FastifyRequest, municipalityCode: string): boolean {
  return request.user !== null && isAllowed(request.user.grants, 'budget:edit', municipalityCode);
}

export function savedMessage(query: unknown, messages: Record<string, string>): string | undefined {
  const v = (query as { klaar?: unknown } | undefined)?.klaar;
  return typeof v === 'string' ? messages[v] : undefined;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
