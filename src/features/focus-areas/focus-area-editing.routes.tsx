import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../composition.ts';
import { formValuesOf, type FormValues } from './focus-area-editing.service.ts';
import { FocusAreaEditPage } from './views/focus-area-edit.page.tsx';
import { FocusAreaListPage } from './views/focus-area-list.page.tsx';
import {
  formBody,
  html,
  pageQuery,
  savedVersionParam,
  schemaOptions,
  type ZodSchemas,
} from '../../shared/http.ts';
import { focusAreaParam, municipalityParam, requireUser } from '../../shared/route-helpers.ts';

/**
 * Editing focus areas in the workspace: the list per municipality, the delineation form and the
 * decisions on buurten. Every route is behind login; routes with :gemeente are scoped to that
 * municipality by the authorization plugin, and a focus area of another municipality is refused
 * here.
 */
export async function focusAreaEditingRoutes(
  server: FastifyInstance,
  opts: { services: Services },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, focusAreaEditing: editing } = opts.services;
  const municipalityName = async (code: string): Promise<string> =>
    (await editing.municipalityNames([code])).get(code) ?? code;

  app.get(
    '/werkruimte/:gemeente/focusgebieden',
    { ...schemaOptions({ params: municipalityParam }), config: { permission: 'focus-areas:edit' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      return html(
        reply,
        <FocusAreaListPage
          municipalityCode={gemeente}
          municipalityName={await municipalityName(gemeente)}
          areas={await editing.focusAreasOfMunicipality(gemeente)}
        />,
      );
    },
  );

  async function renderEdit(
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: {
      status?: number;
      values?: FormValues;
      errors?: Record<string, string>;
      message?: string | undefined;
      saved?: string | undefined;
      rejectReasons?: Record<string, string>;
    } = {},
  ) {
    const ctx = await editing.editContext(slug, gemeente);
    const data = ctx.current ? await focusAreas.loadPage(slug) : null;
    return html(
      reply,
      <FocusAreaEditPage
        csrf={reply.generateCsrf()}
        municipalityCode={gemeente}
        ctx={ctx}
        data={data}
        values={extra.values ?? formValuesOf(ctx)}
        errors={extra.errors ?? {}}
        message={extra.message}
        saved={extra.saved}
        rejectReasons={extra.rejectReasons ?? {}}
      />,
      extra.status ?? 200,
    );
  }

  const editUrl = (gemeente: string, slug: string) =>
    `/werkruimte/${gemeente}/focusgebieden/${slug}`;

  app.get(
    '/werkruimte/:gemeente/focusgebieden/:slug',
    {
      ...schemaOptions({
        params: focusAreaParam,
        querystring: pageQuery({ opgeslagen: savedVersionParam }),
      }),
      config: { permission: 'focus-areas:edit' },
    },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const saved = request.query.opgeslagen;
      return renderEdit(reply, gemeente, slug, {
        saved: saved ? `Versie ${saved} is opgeslagen.` : undefined,
      });
    },
  );

  app.post(
    '/werkruimte/:gemeente/focusgebieden/:slug',
    { ...schemaOptions({ params: focusAreaParam }), config: { permission: 'focus-areas:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await editing.save({
        slug,
        municipalityCode: gemeente,
        actor: requireUser(request),
        form: formBody(request),
      });
      if (result.ok)
        return reply.redirect(`${editUrl(gemeente, slug)}?opgeslagen=${result.version}`, 303);
      return renderEdit(reply, gemeente, slug, {
        status: result.status,
        values: result.values,
        errors: result.errors,
        message: result.message,
      });
    },
  );

  for (const decision of ['bevestigen', 'afwijzen'] as const) {
    app.post(
      `/werkruimte/:gemeente/focusgebieden/:slug/${decision}`,
      { ...schemaOptions({ params: focusAreaParam }), config: { permission: 'focus-areas:edit' } },
      async (request, reply) => {
        const { gemeente, slug } = request.params;
        await editing.inMunicipality(slug, gemeente);
        const form = formBody(request);
        const result = await editing.decideBuurt({
          slug,
          municipalityCode: gemeente,
          actor: requireUser(request),
          decision,
          form,
        });
        if (result.ok)
          return reply.redirect(`${editUrl(gemeente, slug)}?opgeslagen=${result.version}`, 303);
        const code = typeof form.buurt === 'string' ? form.buurt : '';
        return renderEdit(reply, gemeente, slug, {
          status: result.status,
          errors: result.errors,
          message: result.message,
          rejectReasons: typeof form.reden === 'string' ? { [code]: form.reden } : {},
        });
      },
    );
  }
}
