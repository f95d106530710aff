import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { isAllowed, municipalitiesWith } from '../accounts/index.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { indicatorFormValues, type IndicatorFormValues } from './catalogue-editing.service.ts';
import {
  formBody,
  html,
  pageQuery,
  savedVersionParam,
  schemaOptions,
  type ZodSchemas,
} from '../../shared/http.ts';
import { requireUser } from '../../shared/route-helpers.ts';
import { CatalogueListPage } from './views/catalogue-list.page.tsx';
import { IndicatorEditPage } from './views/indicator-edit.page.tsx';
import { ProposalsPage } from './views/proposals.page.tsx';

const indicatorParam = z.object({ indicator: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/) });
const proposalParam = z.object({ id: z.string().uuid() });

/**
 * The indicator catalogue: shared by every municipality, so not scoped by :gemeente. It belongs
 * to the national programme (catalogue:edit); a municipality proposes a change
 * (catalogue:propose), which the national role accepts or rejects (ADR 0017).
 */
export async function catalogueRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { catalogue: catalogues, catalogueEditing: editing } = opts.services;
  const canEdit = (request: FastifyRequest) =>
    isAllowed(requireUser(request).grants, 'catalogue:edit');

  app.get(
    '/werkruimte/catalogus',
    { config: { permission: 'catalogue:propose' } },
    async (request, reply) => {
      const { catalogue } = await catalogues.activeVersion();
      const editor = canEdit(request);
      const open = editor
        ? (await editing.proposals()).filter((p) => p.proposal.status === 'open').length
        : 0;
      return html(
        reply,
        <CatalogueListPage
          catalogue={catalogue}
          versions={await catalogues.versions()}
          canEdit={editor}
          openProposals={open}
        />,
      );
    },
  );

  async function renderIndicator(
    request: FastifyRequest,
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
    const { indicator, catalogue, baseVersion } = await editing.findActiveIndicator(key);
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
        canEdit={canEdit(request)}
      />,
      extra.status ?? 200,
    );
  }

  app.get(
    '/werkruimte/catalogus/:indicator',
    {
      ...schemaOptions({
        params: indicatorParam,
        querystring: pageQuery({
          opgeslagen: savedVersionParam,
          voorgesteld: z.enum(['ja']).optional(),
        }),
      }),
      config: { permission: 'catalogue:propose' },
    },
    async (request, reply) => {
      const { indicator } = request.params;
      const saved = request.query.opgeslagen;
      const proposed = request.query.voorgesteld === 'ja';
      return renderIndicator(request, reply, indicator, {
        saved: saved
          ? `Opgeslagen als catalogusversie ${saved}.`
          : proposed
            ? 'Uw voorstel is verstuurd naar de landelijk beheerder.'
            : undefined,
      });
    },
  );

  app.post(
    '/werkruimte/catalogus/:indicator',
    { ...schemaOptions({ params: indicatorParam }), config: { permission: 'catalogue:edit' } },
    async (request, reply) => {
      const { indicator } = request.params;
      const result = await editing.save({
        key: indicator,
        actor: requireUser(request),
        form: formBody(request),
      });
      if (result.ok)
        return reply.redirect(
          `/werkruimte/catalogus/${indicator}?opgeslagen=${result.version}`,
          303,
        );
      return renderIndicator(request, reply, indicator, {
        status: result.status,
        values: result.values,
        errors: result.errors,
        message: result.message,
      });
    },
  );

  app.post(
    '/werkruimte/catalogus/:indicator/voorstel',
    { ...schemaOptions({ params: indicatorParam }), config: { permission: 'catalogue:propose' } },
    async (request, reply) => {
      const { indicator } = request.params;
      const user = requireUser(request);
      const result = await editing.propose({
        key: indicator,
        actor: user,
        // The proposal is audited in the proposer's (first) municipality.
        municipalityCode: municipalitiesWith(user.grants, 'catalogue:propose')[0] ?? 'onbekend',
        form: formBody(request),
      });
      if (result.ok)
        return reply.redirect(`/werkruimte/catalogus/${indicator}?voorgesteld=ja`, 303);
      return renderIndicator(request, reply, indicator, {
        status: result.status,
        values: result.values,
        errors: result.errors,
        message: result.message,
      });
    },
  );

  async function proposalsPage(
    reply: FastifyReply,
    extra: { message?: string; saved?: string } = {},
    status = 200,
  ) {
    return html(
      reply,
      <ProposalsPage
        csrf={reply.generateCsrf()}
        proposals={await editing.proposals()}
        message={extra.message}
        saved={extra.saved}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/catalogus/voorstellen',
    {
      ...schemaOptions({
        querystring: pageQuery({ besloten: z.enum(['aangenomen', 'afgewezen']).optional() }),
      }),
      config: { permission: 'catalogue:edit' },
    },
    async (request, reply) => {
      const { besloten } = request.query;
      return proposalsPage(reply, besloten ? { saved: `Het voorstel is ${besloten}.` } : {});
    },
  );

  app.post(
    '/werkruimte/catalogus/voorstellen/:id/besluit',
    { ...schemaOptions({ params: proposalParam }), config: { permission: 'catalogue:edit' } },
    async (request, reply) => {
      const { id } = request.params;
      const form = formBody(request);
      const decision = form.besluit;
      if (decision !== 'aannemen' && decision !== 'afwijzen')
        return proposalsPage(reply, { message: 'Kies aannemen of afwijzen.' }, 422);
      const reason = form[`toelichting-${id}`];
      const result = await editing.decide({
        id,
        actor: requireUser(request),
        accept: decision === 'aannemen',
        reason: typeof reason === 'string' ? reason : '',
      });
      if (!result.ok) return proposalsPage(reply, { message: result.message }, 422);
      return reply.redirect(
        `/werkruimte/catalogus/voorstellen?besloten=${decision === 'aannemen' ? 'aangenomen' : 'afgewezen'}`,
        303,
      );
    },
  );
}
