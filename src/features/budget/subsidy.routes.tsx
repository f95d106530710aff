import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../composition.ts';
import type { FieldErrors } from './budget.service.ts';
import { formBody, html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import { areaParams, canEditBudget, idParams, savedMessage, user } from './route-helpers.ts';
import { SubsidiesPage, subsidyBase } from './views/subsidies.page.tsx';
import { SubsidyApplicationPage } from './views/subsidy-application.page.tsx';

const SAVED: Record<string, string> = {
  aanvraag: 'De aanvraag is opgeslagen.',
  status: 'De status is gewijzigd.',
  gegevens: 'De gegevens van de aanvraag zijn gewijzigd.',
};

/** Schemes, applications, their status and an iCal feed of their deadlines. */
export async function subsidyRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const subsidies = opts.services.subsidies;

  async function listPage(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { values: Record<string, string>; errors: FieldErrors },
  ) {
    const { gemeente, slug } = parseParams(areaParams, request.params);
    return html(
      reply,
      <SubsidiesPage
        csrf={reply.generateCsrf()}
        municipalityCode={gemeente}
        overview={await subsidies.overview(gemeente, slug)}
        canEdit={canEditBudget(request, gemeente)}
        saved={savedMessage(request.query, SAVED)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  async function detailPage(
    request: FastifyRequest,
    reply: FastifyReply,
    failed?: { form: 'status' | 'gegevens'; values: Record<string, string>; errors: FieldErrors },
  ) {
    const { gemeente, slug, id } = parseParams(idParams, request.params);
    const { app: application, ...overview } = await subsidies.application(gemeente, slug, id);
    return html(
      reply,
      <SubsidyApplicationPage
        csrf={reply.generateCsrf()}
        municipalityCode={gemeente}
        overview={overview}
        app={application}
        canEdit={canEditBudget(request, gemeente)}
        saved={savedMessage(request.query, SAVED)}
        failed={failed}
      />,
      failed ? 422 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/subsidies/:slug',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:read' } },
    listPage,
  );

  app.get(
    '/werkruimte/:gemeente/subsidies/:slug/deadlines.ics',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `attachment; filename="subsidiedeadlines-${slug}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(await subsidies.deadlineCalendar(gemeente, slug));
    },
  );

  app.get(
    '/werkruimte/:gemeente/subsidies/:slug/aanvragen/:id',
    { ...schemaOptions({ params: idParams }), config: { permission: 'budget:read' } },
    detailPage,
  );

  app.post(
    '/werkruimte/:gemeente/subsidies/:slug/aanvragen',
    { ...schemaOptions({ params: areaParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await subsidies.create(user(request), gemeente, slug, formBody(request));
      if (result.ok)
        return reply.redirect(
          `${subsidyBase(gemeente, slug)}/aanvragen/${result.value}?klaar=aanvraag`,
          303,
        );
      return listPage(request, reply, result);
    },
  );

  app.post(
    '/werkruimte/:gemeente/subsidies/:slug/aanvragen/:id/status',
    { ...schemaOptions({ params: idParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await subsidies.changeStatus(
        user(request),
        gemeente,
        slug,
        id,
        formBody(request),
      );
      if (result.ok)
        return reply.redirect(`${subsidyBase(gemeente, slug)}/aanvragen/${id}?klaar=status`, 303);
      return detailPage(request, reply, { form: 'status', ...result });
    },
  );

  app.post(
    '/werkruimte/:gemeente/subsidies/:slug/aanvragen/:id',
    { ...schemaOptions({ params: idParams }), config: { permission: 'budget:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await subsidies.update(user(request), gemeente, slug, id, formBody(request));
      if (result.ok)
        return reply.redirect(`${subsidyBase(gemeente, slug)}/aanvragen/${id}?klaar=gegevens`, 303);
      return detailPage(request, reply, { form: 'gegevens', ...result });
    },
  );
}
