import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { isAllowed } from '../accounts/permissions.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { renderPage } from '../../views/render.ts';

export const municipalityOnly = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
export const areaParams = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});
export const idParams = areaParams.extend({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

export function params<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new NotFoundError('Deze pagina bestaat niet.');
  return parsed.data;
}

export function html(reply: FastifyReply, page: VNode, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

export function body(request: FastifyRequest): Record<string, unknown> {
  return request.body && typeof request.body === 'object'
    ? (request.body as Record<string, unknown>)
    : {};
}

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
