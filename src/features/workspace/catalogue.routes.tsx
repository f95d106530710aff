import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import type { FieldErrors } from '../accounts/views/form.tsx';
import { activeCatalogueVersion, listCatalogueVersions } from '../indicators/catalogue.store.ts';
import {
  findActiveIndicator,
  indicatorFormValues,
  saveIndicatorForm,
  type IndicatorFormValues,
} from './catalogue-editing.service.ts';
import { formBody, html, parseParams, requireUser, savedVersion } from './route-helpers.ts';
import { CatalogueListPage, IndicatorEditPage } from './views/catalogue.pages.tsx';

const indicatorParam = z.object({ indicator: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });

/** The indicator catalogue: shared by every municipality, so not scoped by :gemeente. */
export async function catalogueRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { db } = opts.services;

  app.get(
    '/werkruimte/catalogus',
    { config: { permission: 'catalogue:edit' } },
    async (_request, reply) => {
      const { catalogue } = await activeCatalogueVersion(db);
      return html(
        reply,
        <CatalogueListPage catalogue={catalogue} versions={await listCatalogueVersions(db)} />,
      );
    },
  );

  async function renderIndicator(
    reply: FastifyReply,
    key: string,
    extra: {
      status?: number;
      values?: IndicatorFormValues;
      errors?: FieldErrors;
      message?: string | undefined;
      saved?: string | undefined;
    } = {},
  ) {
    const { indicator, catalogue, baseVersion } = await findActiveIndicator(db, key);
    const theme = catalogue.themes.find((t) => t.key === indicator.theme);
    return html(
      reply,
      <IndicatorEditPage
        csrf={reply.generateCsrf()}
        indicator={indicator}
        themeName={theme?.name ?? indicator.theme}
        values={extra.values ?? indicatorFormValues(indicator, baseVersion)}
        errors={extra.errors ?? {}}
        message={extra.message}
        saved={extra.saved}
      />,
      extra.status ?? 200,
    );
  }

  app.get(
    '/werkruimte/catalogus/:indicator',
    { config: { permission: 'catalogue:edit' } },
    async (request, reply) => {
      const { indicator } = parseParams(indicatorParam, request.params);
      const saved = savedVersion(request.query);
      return renderIndicator(reply, indicator, {
        saved: saved ? `Opgeslagen als catalogusversie ${saved}.` : undefined,
      });
    },
  );

  app.post(
    '/werkruimte/catalogus/:indicator',
    { config: { permission: 'catalogue:edit' } },
    async (request, reply) => {
      const { indicator } = parseParams(indicatorParam, request.params);
      const result = await saveIndicatorForm(db, {
        key: indicator,
        actor: requireUser(request),
        form: formBody(request),
      });
      if (result.ok)
        return reply.redirect(
          `/werkruimte/catalogus/${indicator}?opgeslagen=${result.version}`,
          303,
        );
      return renderIndicator(reply, indicator, {
        status: result.status,
        values: result.values,
        errors: result.errors,
        message: result.message,
      });
    },
  );
}
