import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError } from '../../shared/errors.ts';
import { renderPage } from '../../views/render.ts';
import { auditToCsv } from './audit.csv.ts';
import { AuditPage } from './views/audit.page.tsx';

export const AUDIT_PAGE_SIZE = 100;

const params = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
const query = z.object({ pagina: z.coerce.number().int().min(1).max(1_000_000).default(1) });

function municipality(raw: unknown): string {
  const parsed = params.safeParse(raw);
  if (!parsed.success) throw new AppError('NOT_FOUND', 'Deze gemeente bestaat niet.');
  return parsed.data.gemeente;
}

/**
 * Read and export only: there are no routes that change the log. The :gemeente scope is
 * checked by the authorization plugin (only a beheerder of that municipality gets in).
 */
export async function auditRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { audit } = opts.services;

  app.get(
    '/beheer/:gemeente/audit',
    { config: { permission: 'audit:read' } },
    async (request, reply) => {
      const gemeente = municipality(request.params);
      const q = query.safeParse(request.query);
      const page = q.success ? q.data.pagina : 1;
      const total = await audit.count(gemeente);
      const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
      const records = await audit.list({
        municipalityCode: gemeente,
        limit: AUDIT_PAGE_SIZE,
        offset: (Math.min(page, pageCount) - 1) * AUDIT_PAGE_SIZE,
      });
      reply.header('cache-control', 'no-store');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          renderPage(
            <AuditPage
              municipalityCode={gemeente}
              records={records}
              page={Math.min(page, pageCount)}
              pageCount={pageCount}
              total={total}
            />,
          ),
        );
    },
  );

  app.get(
    '/beheer/:gemeente/audit.csv',
    { config: { permission: 'audit:read' } },
    async (request, reply) => {
      const gemeente = municipality(request.params);
      const records = await audit.list({ municipalityCode: gemeente });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="logboek-${gemeente}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(auditToCsv(records));
    },
  );
}
