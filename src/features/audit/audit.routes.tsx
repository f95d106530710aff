import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { renderPage } from '../../views/render.ts';
import { auditToCsv } from './audit.csv.ts';
import { AuditPage } from './views/audit.page.tsx';
import { pageQuery, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

export const AUDIT_PAGE_SIZE = 100;

const params = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
const query = pageQuery({ pagina: z.coerce.number().int().min(1).max(1_000_000).default(1) });

/** A malformed :gemeente names no municipality. */
const refusals = { notFound: 'Deze gemeente bestaat niet.' };

/**
 * Read and export only: there are no routes that change the log. The :gemeente scope is
 * checked by the authorization plugin (only a beheerder of that municipality gets in).
 */
export async function auditRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { audit } = opts.services;

  app.get(
    '/beheer/:gemeente/audit',
    {
      ...schemaOptions({ params, querystring: query }, refusals),
      config: { permission: 'audit:read' },
    },
    async (request, reply) => {
      const { gemeente } = request.params;
      const page = request.query.pagina;
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
    { ...schemaOptions({ params }, refusals), config: { permission: 'audit:read' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const records = await audit.list({ municipalityCode: gemeente });
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="logboek-${gemeente}.csv"`)
        .type('text/csv; charset=utf-8')
        .send(auditToCsv(records));
    },
  );
}
