import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import { codebookText, type CodingActor, type FormBody } from './coding.service.ts';
import { CODING_SOURCES } from './coding.table.ts';
import { CodebookPage } from './views/codebook.page.tsx';
import { CodingScreenPage } from './views/coding-screen.page.tsx';
import { CodingOverviewPage } from './views/overview.page.tsx';
import { codingBase } from './views/parts.tsx';
import { html, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

const areaParam = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

const NOTICES: Record<string, string> = {
  codeboek: 'Het codeboek is opgeslagen als nieuwe versie.',
  opgeslagen: 'De code is opgeslagen.',
  steekproef: 'De steekproef is getrokken.',
};

function params(value: unknown) {
  const parsed = areaParam.safeParse(value);
  if (!parsed.success) throw new NotFoundError('Deze pagina bestaat niet.');
  return parsed.data;
}

function body(request: FastifyRequest): FormBody {
  return request.body && typeof request.body === 'object' ? (request.body as FormBody) : {};
}

function actor(request: FastifyRequest): CodingActor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return { id: request.user.id, audit: actorOf(request.user) };
}

function query(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

function notice(request: FastifyRequest): string | undefined {
  const key = query(request, 'melding');
  return key && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
}

/**
 * Coding open text in the workspace (ADR 0031), scoped to :gemeente by the authorization plugin.
 * Readers see the agreement and counts; coders edit the codebook, code and draw the sample.
 */
export async function codingRoutes(
  server: FastifyInstance,
  opts: { services: Pick<Services, 'coding'> },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const service = opts.services.coding;

  async function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
    values: FormBody = {},
  ) {
    const { gemeente, slug } = params(request.params);
    const canCode = isAllowed(request.user?.grants ?? [], 'coding:code', gemeente);
    return html(
      reply,
      <CodingOverviewPage
        gemeente={gemeente}
        data={await service.summary(gemeente, slug)}
        canCode={canCode}
        csrf={reply.generateCsrf()}
        errors={errors}
        values={values}
        notice={notice(request)}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/coderen/:slug',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:read' } },
    async (request, reply) => overview(request, reply),
  );

  app.post(
    '/werkruimte/:gemeente/coderen/:slug/steekproef',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:code' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const result = await service.drawSample(gemeente, slug, actor(request), body(request));
      if (result.ok) return reply.redirect(`${codingBase(gemeente, slug)}?melding=steekproef`, 303);
      return overview(request, reply, result.errors, result.values);
    },
  );

  app.get(
    '/werkruimte/:gemeente/coderen/:slug/codeboek',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:code' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const wanted = query(request, 'versie');
      if (wanted !== undefined && !/^\d{1,6}$/.test(wanted))
        throw new NotFoundError('Deze versie bestaat niet.');
      const data = await service.codebookPage(
        gemeente,
        slug,
        wanted === undefined ? undefined : Number(wanted),
      );
      return html(
        reply,
        <CodebookPage
          gemeente={gemeente}
          data={data}
          text={codebookText(data.codebook)}
          note=""
          csrf={reply.generateCsrf()}
          errors={{}}
          notice={notice(request)}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/coderen/:slug/codeboek',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:code' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const result = await service.saveCodebook(gemeente, slug, actor(request), body(request));
      if (result.ok)
        return reply.redirect(`${codingBase(gemeente, slug)}/codeboek?melding=codeboek`, 303);
      const data = await service.codebookPage(gemeente, slug);
      const value = (name: string) => {
        const v = result.values[name];
        return typeof v === 'string' ? v : '';
      };
      return html(
        reply,
        <CodebookPage
          gemeente={gemeente}
          data={data}
          text={value('codes')}
          note={value('toelichting')}
          csrf={reply.generateCsrf()}
          errors={result.errors}
        />,
        400,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/coderen/:slug/item',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:code' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const source = query(request, 'bron');
      const id = query(request, 'id');
      const wanted =
        source !== undefined && id !== undefined && CODING_SOURCES.includes(source as 'enquete')
          ? { source: source as 'enquete', id }
          : undefined;
      return html(
        reply,
        <CodingScreenPage
          gemeente={gemeente}
          data={await service.screen(gemeente, slug, actor(request).id, wanted)}
          csrf={reply.generateCsrf()}
          errors={{}}
          notice={notice(request)}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/coderen/:slug/item',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'coding:code' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const form = body(request);
      const result = await service.assign(gemeente, slug, actor(request), form);
      if (result.ok)
        return reply.redirect(`${codingBase(gemeente, slug)}/item?melding=opgeslagen`, 303);
      const source = form['bron'] as 'enquete';
      const id = typeof form['item'] === 'string' ? form['item'] : '';
      return html(
        reply,
        <CodingScreenPage
          gemeente={gemeente}
          data={await service.screen(gemeente, slug, actor(request).id, { source, id })}
          csrf={reply.generateCsrf()}
          errors={result.errors}
        />,
        400,
      );
    },
  );
}
