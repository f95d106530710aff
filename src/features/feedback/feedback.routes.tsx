import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import type { PageFetcher } from '../../shared/pdf/pdf-renderer.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { renderPage } from '../../views/render.ts';
import { actorOf } from '../accounts/index.ts';
import type { FeedbackActor, FormBody } from './feedback.service.ts';
import { FeedbackPublicPage } from './views/feedback.page.tsx';
import { FeedbackFlyerPage } from './views/flyer.page.tsx';
import { QuoteReviewPage } from './views/quotes.page.tsx';
import { feedbackPaths, type FeedbackLanguage } from './views/texts.ts';
import { schemaOptions, type ZodSchemas } from '../../shared/http.ts';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const areaParam = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new NotFoundError('Deze pagina bestaat niet.');
  return parsed.data;
}

function html(reply: FastifyReply, page: Parameters<typeof renderPage>[0], status = 200) {
  return reply.status(status).type('text/html; charset=utf-8').send(renderPage(page));
}

function actor(request: FastifyRequest): FeedbackActor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return { id: request.user.id, audit: actorOf(request.user) };
}

/** The browser of the PDF renderer reaches the app only through app.inject (no cookies). */
function pageFetcher(app: FastifyInstance): PageFetcher {
  return async (pathAndQuery) => {
    const res = await app.inject({ method: 'GET', url: pathAndQuery });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined && name !== 'set-cookie')
        headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    return { status: res.statusCode, headers, body: res.rawPayload };
  };
}

export const QUOTE_NOTICE = 'Het besluit over het citaat is opgeslagen.';

/**
 * "Wat we met uw inbreng deden" (ADR 0035): the public page in Dutch and English, the A4 flyer as
 * print HTML and PDF, and the programme bureau's review of quotes in the workspace.
 */
export async function feedbackRoutes(
  server: FastifyInstance,
  opts: { services: Pick<Services, 'feedback' | 'pdf'>; publicUrl: string },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const service = opts.services.feedback;
  const pdf = opts.services.pdf;

  const bases: [FeedbackLanguage, string][] = [
    ['nl', '/gebieden/:slug/inbreng'],
    ['en', '/en/areas/:slug/input'],
  ];
  for (const [lang, base] of bases) {
    app.get(
      base,
      { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
      async (request, reply) => {
        const { slug } = request.params;
        reply.header('cache-control', 'no-cache');
        return html(reply, <FeedbackPublicPage data={await service.page(slug)} lang={lang} />);
      },
    );

    app.get(
      `${base}/folder`,
      { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
      async (request, reply) => {
        const { slug } = request.params;
        reply.header('cache-control', 'no-cache');
        return html(
          reply,
          <FeedbackFlyerPage
            data={await service.page(slug)}
            lang={lang}
            publicUrl={opts.publicUrl}
          />,
        );
      },
    );

    app.get(
      `${base}/folder.pdf`,
      { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
      async (request, reply) => {
        const { slug } = request.params;
        // Loading first gives the Dutch 404 for an unknown area before any browser starts; the
        // key names the content, so a new count, quote or decision makes a new PDF.
        const data = await service.page(slug);
        const unavailable = pdf.unavailable();
        if (unavailable) return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
        const key = `inbreng\u0000${lang}\u0000${createHash('sha256')
          .update(JSON.stringify(data))
          .digest('hex')}`;
        const file = await pdf.render(key, pageFetcher(app), feedbackPaths(slug, lang).flyer);
        return reply
          .type('application/pdf')
          .header(
            'content-disposition',
            `attachment; filename="${lang === 'nl' ? 'inbreng' : 'input'}-${slug}.pdf"`,
          )
          .send(file);
      },
    );
  }

  async function reviewPage(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: Record<string, string> = {},
  ) {
    const { gemeente, slug } = parse(areaParam, request.params);
    const saved = (request.query as Record<string, unknown> | undefined)?.['melding'] === 'ok';
    return html(
      reply.header('cache-control', 'no-store'),
      <QuoteReviewPage
        gemeente={gemeente}
        data={await service.reviewPage(gemeente, slug)}
        csrf={reply.generateCsrf()}
        errors={errors}
        notice={saved ? QUOTE_NOTICE : undefined}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  app.get(
    '/werkruimte/:gemeente/inbreng/:slug/citaten',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'feedback:quotes' } },
    async (request, reply) => reviewPage(request, reply),
  );

  app.post(
    '/werkruimte/:gemeente/inbreng/:slug/citaten',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'feedback:quotes' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const body =
        request.body && typeof request.body === 'object' ? (request.body as FormBody) : {};
      const result = await service.review(gemeente, slug, actor(request), body);
      if (result.ok)
        return reply.redirect(`/werkruimte/${gemeente}/inbreng/${slug}/citaten?melding=ok`, 303);
      return reviewPage(request, reply, result.errors);
    },
  );
}
