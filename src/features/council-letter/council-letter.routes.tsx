import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError } from '../../shared/errors.ts';
import { renderPage } from '../../views/render.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import { appPageFetcher } from '../factsheet/index.ts';
import { DOCX_CONTENT_TYPE, councilLetterDocx } from './council-letter.docx.ts';
import type { Actor, FormInput } from './council-letter.service.ts';
import { ArchivePage } from './views/archive.page.tsx';
import { LetterPage } from './views/letter.page.tsx';
import { LettersPage } from './views/letters.page.tsx';
import { PublishedLetterPage } from './views/published-letter.page.tsx';
import { schemaOptions, type ZodSchemas } from '../../shared/http.ts';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const areaParam = slugParam.extend({ gemeente: z.string().regex(/^GM\d{4}$/) });
const letterParam = areaParam.extend({ brief: z.string().uuid() });
const numberParam = slugParam.extend({ nummer: z.string().regex(/^[1-9]\d{0,5}$/) });

function html(reply: FastifyReply, page: VNode, status = 200) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(renderPage(page));
}

function body(request: FastifyRequest): FormInput {
  return request.body && typeof request.body === 'object' ? (request.body as FormInput) : {};
}

function actor(request: FastifyRequest, gemeente: string): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return { actor: actorOf(request.user), municipalityCode: gemeente };
}

function can(
  request: FastifyRequest,
  permission: 'council-letter:edit' | 'council-letter:publish',
  gemeente: string,
) {
  return request.user ? isAllowed(request.user.grants, permission, gemeente) : false;
}

function savedMessage(query: unknown): string | undefined {
  const v = (query as { opgeslagen?: unknown } | undefined)?.opgeslagen;
  if (v === 'ja') return 'Opgeslagen.';
  if (v === 'gepubliceerd') return 'De brief is gepubliceerd.';
  return undefined;
}

/**
 * Council information letters (issue 15, ADR 0032). Workspace routes under
 * /werkruimte/:gemeente/raadsbrieven/:slug, scoped to that municipality; public routes under
 * /gebieden/:slug/raadsbrieven show only published letters, from their snapshot.
 */
export async function councilLetterRoutes(
  server: FastifyInstance,
  opts: { services: Services; publicUrl: string },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const letters = opts.services.councilLetters;
  const pdf = opts.services.pdf;
  const base = (gemeente: string, slug: string) => `/werkruimte/${gemeente}/raadsbrieven/${slug}`;

  async function renderOverview(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: {
      form?: 'brief' | 'moment';
      errors?: Record<string, string>;
      values?: Record<string, string>;
    } = {},
    status = 200,
  ) {
    return html(
      reply,
      <LettersPage
        data={await letters.overview(slug, gemeente)}
        canEdit={can(request, 'council-letter:edit', gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  async function renderLetter(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    id: string,
    extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
    status = 200,
  ) {
    return html(
      reply,
      <LetterPage
        data={await letters.letter(slug, gemeente, id)}
        canEdit={can(request, 'council-letter:edit', gemeente)}
        canPublish={can(request, 'council-letter:publish', gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/raadsbrieven/:slug',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'council-letter:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return renderOverview(request, reply, gemeente, slug);
    },
  );

  app.post(
    '/werkruimte/:gemeente/raadsbrieven/:slug',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'council-letter:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await letters.startLetter(actor(request, gemeente), slug, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/${result.value.id}`, 303);
      return renderOverview(request, reply, gemeente, slug, { form: 'brief', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/raadsbrieven/:slug/momenten',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'council-letter:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await letters.addMoment(actor(request, gemeente), slug, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja#planning`, 303);
      return renderOverview(request, reply, gemeente, slug, { form: 'moment', ...result }, 400);
    },
  );

  app.get(
    '/werkruimte/:gemeente/raadsbrieven/:slug/:brief',
    { ...schemaOptions({ params: letterParam }), config: { permission: 'council-letter:read' } },
    async (request, reply) => {
      const { gemeente, slug, brief } = request.params;
      return renderLetter(request, reply, gemeente, slug, brief);
    },
  );

  app.post(
    '/werkruimte/:gemeente/raadsbrieven/:slug/:brief',
    { ...schemaOptions({ params: letterParam }), config: { permission: 'council-letter:edit' } },
    async (request, reply) => {
      const { gemeente, slug, brief } = request.params;
      const result = await letters.saveTexts(actor(request, gemeente), slug, brief, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/${brief}?opgeslagen=ja`, 303);
      return renderLetter(request, reply, gemeente, slug, brief, result, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/raadsbrieven/:slug/:brief/status',
    { ...schemaOptions({ params: letterParam }), config: { permission: 'council-letter:edit' } },
    async (request, reply) => {
      const { gemeente, slug, brief } = request.params;
      const to = body(request).naar;
      if (to !== 'ter-beoordeling' && to !== 'concept')
        throw new AppError('BAD_REQUEST', 'Kies ter beoordeling of terug naar concept.');
      await letters.changeStatus(actor(request, gemeente), slug, brief, to);
      return reply.redirect(`${base(gemeente, slug)}/${brief}?opgeslagen=ja`, 303);
    },
  );

  app.post(
    '/werkruimte/:gemeente/raadsbrieven/:slug/:brief/publiceren',
    { ...schemaOptions({ params: letterParam }), config: { permission: 'council-letter:publish' } },
    async (request, reply) => {
      const { gemeente, slug, brief } = request.params;
      await letters.publish(actor(request, gemeente), slug, brief);
      return reply.redirect(`${base(gemeente, slug)}/${brief}?opgeslagen=gepubliceerd`, 303);
    },
  );

  // Public: the archive, the planning feed, and each published letter with its exports.
  app.get(
    '/gebieden/:slug/raadsbrieven',
    { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug } = request.params;
      return html(reply, <ArchivePage {...await letters.archive(slug)} />);
    },
  );

  app.get(
    '/gebieden/:slug/raadsbrieven/momenten.ics',
    { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug } = request.params;
      return reply
        .header('cache-control', 'no-cache')
        .header('content-disposition', `attachment; filename="raadsinformatie-${slug}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(await letters.momentsCalendar(slug, opts.publicUrl));
    },
  );

  app.get(
    '/gebieden/:slug/raadsbrieven/:nummer',
    { ...schemaOptions({ params: numberParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug, nummer } = request.params;
      return html(
        reply,
        <PublishedLetterPage data={await letters.published(slug, Number(nummer))} />,
      );
    },
  );

  app.get(
    '/gebieden/:slug/raadsbrieven/:nummer/raadsbrief.docx',
    { ...schemaOptions({ params: numberParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug, nummer } = request.params;
      const letter = await letters.published(slug, Number(nummer));
      return reply
        .type(DOCX_CONTENT_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="raadsinformatiebrief-${slug}-${nummer}.docx"`,
        )
        .send(await councilLetterDocx(letter.snapshot, letter.contentHash));
    },
  );

  app.get(
    '/gebieden/:slug/raadsbrieven/:nummer/raadsbrief.pdf',
    { ...schemaOptions({ params: numberParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug, nummer } = request.params;
      // The letter first: the Dutch 404 for a letter that does not exist, before any browser.
      const letter = await letters.published(slug, Number(nummer));
      const unavailable = pdf.unavailable();
      if (unavailable) return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
      // Keyed on the content hash: a frozen letter renders once.
      const bytes = await pdf.render(
        `raadsbrief\u0000${slug}\u0000${letter.contentHash}`,
        appPageFetcher(app),
        `/gebieden/${encodeURIComponent(slug)}/raadsbrieven/${nummer}`,
      );
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `attachment; filename="raadsinformatiebrief-${slug}-${nummer}.pdf"`,
        )
        .send(bytes);
    },
  );
}
