import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError } from '../../shared/errors.ts';
import { formBody, html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import { themakaartPath, type FormBody } from './synthesis.service.ts';
import { ThemakaartPage } from './views/themakaart.page.tsx';

const areaParam = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

function params(value: unknown) {
  return parseParams(areaParam, value);
}

/**
 * The themakaart in the workspace (issue 14 point 4, ADR 0033), scoped to :gemeente by the
 * authorization plugin. Readers see the synthesis (never a raw response); the programme bureau
 * and the administrator change the ranking's weights.
 */
export async function synthesisRoutes(
  server: FastifyInstance,
  opts: { services: Pick<Services, 'synthesis'> },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const service = opts.services.synthesis;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
    values: Record<string, string> = {},
  ) {
    const { gemeente, slug } = params(request.params);
    const grants = request.user?.grants ?? [];
    const data = await service.page(gemeente, slug, {
      inputTexts: isAllowed(grants, 'participation:input', gemeente),
    });
    const saved = (request.query as Record<string, unknown> | undefined)?.['melding'];
    return html(
      reply,
      <ThemakaartPage
        gemeente={gemeente}
        data={data}
        canEdit={isAllowed(grants, 'synthesis:weights', gemeente)}
        access={{
          results: isAllowed(grants, 'survey:review', gemeente),
          sessions: isAllowed(grants, 'participation:read', gemeente),
          coding: isAllowed(grants, 'coding:read', gemeente),
        }}
        csrf={reply.generateCsrf()}
        errors={errors}
        values={values}
        notice={saved === 'gewichten' ? 'De gewichten zijn opgeslagen.' : undefined}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/themakaart/:slug',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'synthesis:read' } },
    async (request, reply) => show(request, reply),
  );

  app.post(
    '/werkruimte/:gemeente/themakaart/:slug/gewichten',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'synthesis:weights' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
      const result = await service.saveWeights(
        gemeente,
        slug,
        { id: request.user.id, name: request.user.name, audit: actorOf(request.user) },
        formBody<FormBody>(request),
      );
      if (result.ok)
        return reply.redirect(`${themakaartPath(gemeente, slug)}?melding=gewichten#rangorde`, 303);
      return show(request, reply, result.errors, result.values);
    },
  );
}
