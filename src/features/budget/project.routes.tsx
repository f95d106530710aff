import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import type { FieldErrors } from './budget.service.ts';
import { formBody, html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import { canEditBudget, municipalityOnly, savedMessage, user } from './route-helpers.ts';
import { ProjectsPage } from './views/projects.page.tsx';
import { NotFoundError } from '../../shared/errors.ts';
import { z } from 'zod';

const projectParams = municipalityOnly.extend({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) });

/** Projects of a municipality's focus areas, and other areas' projects by theme (read-only). */
export async function projectRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const projects = opts.services.projects;

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const { gemeente } = parseParams(municipalityOnly, request.params);
    return html(
      reply,
      <ProjectsPage
        csrf={reply.generateCsrf()}
        municipalityCode={gemeente}
        overview={await projects.overview(gemeente)}
        canEdit={canEditBudget(request, gemeente)}
        saved={savedMessage(request.query, {
          project: 'Het project is opgeslagen.',
          status: 'De status van het project is veranderd.',
        })}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/projecten',
    { ...schemaOptions({ params: municipalityOnly }), config: { permission: 'budget:read' } },
    page,
  );

  app.post(
    '/werkruimte/:gemeente/projecten',
    { ...schemaOptions({ params: municipalityOnly }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const result = await projects.create(user(request), gemeente, formBody(request));
      if (result.ok) return reply.redirect(`/werkruimte/${gemeente}/projecten?klaar=project`, 303);
      return page(request, reply, result);
    },
  );

  app.post(
    '/werkruimte/:gemeente/projecten/:id/status',
    { ...schemaOptions({ params: projectParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, id } = request.params;
      const result = await projects.setStatus(user(request), gemeente, id, formBody(request));
      if (result === null) throw new NotFoundError('Dit project bestaat niet (meer).');
      if (result.ok) return reply.redirect(`/werkruimte/${gemeente}/projecten?klaar=status`, 303);
      return page(request, reply, result);
    },
  );
}
