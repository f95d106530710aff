import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import {
  formBody,
  html,
  noticeParam,
  pageQuery,
  schemaOptions,
  type ZodSchemas,
} from '../../shared/http.ts';
import { focusAreaParam, requireUser } from '../../shared/route-helpers.ts';
import { targetFormValues } from './target-editing.service.ts';
import { TargetEditPage } from './views/target-edit.page.tsx';
import { TargetListPage } from './views/target-list.page.tsx';

const targetParam = focusAreaParam.extend({
  indicator: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
});

const SAVED: Record<string, string> = {
  aangemaakt: 'Het doel is opgeslagen.',
  gewijzigd: 'Het doel is gewijzigd.',
  ongewijzigd: 'Er was niets veranderd; het doel is hetzelfde gebleven.',
  verwijderd: 'Het doel is verwijderd.',
};

/** Targets of a focus area, per indicator. Scoped by :gemeente; the area must be of it too. */
export async function targetRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { catalogue, targets, targetEditing: editing, focusAreaEditing } = opts.services;

  app.get(
    '/werkruimte/:gemeente/doelen/:slug',
    {
      ...schemaOptions({
        params: focusAreaParam,
        querystring: pageQuery({ klaar: noticeParam(SAVED) }),
      }),
      config: { permission: 'targets:edit' },
    },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const area = await focusAreaEditing.inMunicipality(slug, gemeente);
      const klaar = request.query.klaar;
      return html(
        reply,
        <TargetListPage
          municipalityCode={gemeente}
          area={area}
          catalogue={await catalogue.active()}
          targets={await targets.list(slug)}
          saved={klaar ? SAVED[klaar] : undefined}
        />,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/doelen/:slug/:indicator',
    { ...schemaOptions({ params: targetParam }), config: { permission: 'targets:edit' } },
    async (request, reply) => {
      const { gemeente, slug, indicator } = request.params;
      const area = await focusAreaEditing.inMunicipality(slug, gemeente);
      const ind = await editing.indicator(indicator);
      const target = await editing.current(slug, indicator);
      return html(
        reply,
        <TargetEditPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          area={area}
          indicator={ind}
          target={target}
          values={targetFormValues(target)}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/doelen/:slug/:indicator',
    { ...schemaOptions({ params: targetParam }), config: { permission: 'targets:edit' } },
    async (request, reply) => {
      const { gemeente, slug, indicator } = request.params;
      const area = await focusAreaEditing.inMunicipality(slug, gemeente);
      const ind = await editing.indicator(indicator);
      const result = await editing.save({
        slug,
        indicatorKey: indicator,
        actor: requireUser(request),
        form: formBody(request),
      });
      if (result.ok)
        return reply.redirect(
          `/werkruimte/${gemeente}/doelen/${slug}?klaar=${result.outcome}`,
          303,
        );
      return html(
        reply,
        <TargetEditPage
          csrf={reply.generateCsrf()}
          municipalityCode={gemeente}
          area={area}
          indicator={ind}
          target={await editing.current(slug, indicator)}
          values={result.values}
          errors={result.errors}
        />,
        422,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/doelen/:slug/:indicator/verwijderen',
    { ...schemaOptions({ params: targetParam }), config: { permission: 'targets:edit' } },
    async (request, reply) => {
      const { gemeente, slug, indicator } = request.params;
      await focusAreaEditing.inMunicipality(slug, gemeente);
      await editing.remove({ slug, indicatorKey: indicator, actor: requireUser(request) });
      return reply.redirect(`/werkruimte/${gemeente}/doelen/${slug}?klaar=verwijderd`, 303);
    },
  );
}
