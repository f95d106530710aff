import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { formBody, html, parseParams, schemaOptions, type ZodSchemas } from '../../shared/http.ts';
import { parseVersion } from '../../shared/version-query.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import { appPageFetcher } from '../factsheet/index.ts';
import { parseItemRef, type ItemRef } from './contours.content.ts';
import { contoursDocument } from './contours.document.ts';
import { DOCX_CONTENT_TYPE, contoursDocx } from './contours.docx.ts';
import type { ContoursActor, FieldErrors, FormBody } from './contours.service.ts';
import { EvidencePage } from './views/evidence.page.tsx';
import { HistoryPage } from './views/history.page.tsx';
import { ContoursOverviewPage } from './views/overview.page.tsx';
import { contoursBase } from './views/parts.tsx';
import { ContoursPrintPage } from './views/print.page.tsx';
import { ThemeFormPage, themeFormValues } from './views/theme-form.page.tsx';

const areaParam = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  slug: z.string().regex(/^[a-z0-9-]{1,80}$/),
  thema: z
    .string()
    .regex(/^[a-z0-9-]{1,80}$/)
    .optional(),
});

const NOTICES: Record<string, string> = {
  opgeslagen: 'Opgeslagen als nieuwe versie.',
  voorgelegd: 'Het voorstel is voorgelegd aan de Alliantie.',
  vastgesteld:
    'Vastgelegd: de Alliantie heeft het voorstel vastgesteld. Deze versie verandert niet meer.',
  concept: 'Er is een nieuw concept gemaakt op basis van de vastgestelde versie.',
};

function params(value: unknown) {
  return parseParams(areaParam, value);
}

function theme(value: unknown): { gemeente: string; slug: string; thema: string } {
  const p = params(value);
  if (!p.thema) throw new NotFoundError('Dit thema bestaat niet.');
  return { ...p, thema: p.thema };
}

function actor(request: FastifyRequest): ContoursActor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return { id: request.user.id, name: request.user.name, audit: actorOf(request.user) };
}

function query(request: FastifyRequest, name: string): string | undefined {
  const v = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : undefined;
}

function item(value: unknown): ItemRef {
  const parsed = typeof value === 'string' ? parseItemRef(value) : null;
  if (!parsed) throw new NotFoundError('Dit onderdeel bestaat niet.');
  return parsed;
}

function notice(request: FastifyRequest): string | undefined {
  const key = query(request, 'melding');
  return key && Object.hasOwn(NOTICES, key) ? NOTICES[key] : undefined;
}

/**
 * The contours proposal in the workspace (issue 14 point 5, ADR 0034), scoped to :gemeente by the
 * authorization plugin: readers see the proposal, its versions and exports; the programme bureau
 * drafts it, picks its evidence and records its status.
 */
export async function contoursRoutes(
  server: FastifyInstance,
  opts: { services: Pick<Services, 'contours' | 'pdf'>; publicUrl: string },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const service = opts.services.contours;
  const pdf = opts.services.pdf;
  const base = '/werkruimte/:gemeente/contouren/:slug';

  async function overview(
    request: FastifyRequest,
    reply: FastifyReply,
    errors: FieldErrors = {},
    values: FormBody = {},
  ) {
    const { gemeente, slug } = params(request.params);
    const canEdit = isAllowed(request.user?.grants ?? [], 'contours:edit', gemeente);
    const data = await service.view(gemeente, slug, parseVersion(request.query));
    return html(
      reply,
      <ContoursOverviewPage
        gemeente={gemeente}
        data={data}
        canEdit={canEdit}
        csrf={reply.generateCsrf()}
        errors={errors}
        values={values}
        notice={notice(request)}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  async function document(request: FastifyRequest) {
    const { gemeente, slug } = params(request.params);
    const doc = contoursDocument(await service.view(gemeente, slug, parseVersion(request.query)));
    if (!doc) throw new NotFoundError('Er is nog geen voorstel opgeslagen.');
    return { gemeente, slug, doc };
  }

  app.get(
    base,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:read' } },
    async (request, reply) => overview(request, reply),
  );

  app.get(
    `${base}/versies`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:read' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const data = await service.history(gemeente, slug);
      return html(reply, <HistoryPage gemeente={gemeente} {...data} />);
    },
  );

  app.get(
    `${base}/afdrukken`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:read' } },
    async (request, reply) => {
      const { gemeente, slug, doc } = await document(request);
      return html(reply, <ContoursPrintPage doc={doc} base={contoursBase(gemeente, slug)} />);
    },
  );

  app.get(
    `${base}/contouren.pdf`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:read' } },
    async (request, reply) => {
      const { gemeente, slug, doc } = await document(request);
      const unavailable = pdf.unavailable();
      if (unavailable) return reply.code(503).type('text/plain; charset=utf-8').send(unavailable);
      // Evidence labels come from live sources: the key is the document itself, so a changed
      // label or status renders anew and an unchanged document is rendered once.
      const key = `contouren\u0000${createHash('sha256').update(JSON.stringify(doc)).digest('hex')}`;
      const bytes = await pdf.render(
        key,
        appPageFetcher(app, request.headers.cookie),
        `${contoursBase(gemeente, slug)}/afdrukken?versie=${doc.version}`,
      );
      return reply
        .type('application/pdf')
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="contouren-${slug}-v${doc.version}.pdf"`,
        )
        .send(bytes);
    },
  );

  app.get(
    `${base}/contouren.docx`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:read' } },
    async (request, reply) => {
      const { slug, doc } = await document(request);
      return reply
        .type(DOCX_CONTENT_TYPE)
        .header('cache-control', 'no-store')
        .header(
          'content-disposition',
          `attachment; filename="contouren-${slug}-v${doc.version}.docx"`,
        )
        .send(await contoursDocx(doc, opts.publicUrl));
    },
  );

  app.get(
    `${base}/thema/:thema`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug, thema } = theme(request.params);
      const data = await service.themeForm(gemeente, slug, thema);
      return html(
        reply,
        <ThemeFormPage
          gemeente={gemeente}
          data={data}
          values={themeFormValues(data.current)}
          csrf={reply.generateCsrf()}
          errors={{}}
        />,
      );
    },
  );

  app.post(
    `${base}/thema/:thema`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug, thema } = theme(request.params);
      const form = formBody<FormBody>(request);
      const result = await service.saveTheme(gemeente, slug, thema, actor(request), form);
      if (result.ok)
        return reply.redirect(`${contoursBase(gemeente, slug)}?melding=opgeslagen`, 303);
      const data = await service.themeForm(gemeente, slug, thema);
      return html(
        reply,
        <ThemeFormPage
          gemeente={gemeente}
          data={data}
          values={form}
          csrf={reply.generateCsrf()}
          errors={result.errors}
        />,
        result.conflict ? 409 : 400,
      );
    },
  );

  app.get(
    `${base}/thema/:thema/bewijs`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug, thema } = theme(request.params);
      const data = await service.picker(gemeente, slug, thema, item(query(request, 'onderdeel')));
      return html(
        reply,
        <EvidencePage
          gemeente={gemeente}
          data={data}
          chosen={data.chosen}
          csrf={reply.generateCsrf()}
          errors={{}}
        />,
      );
    },
  );

  app.post(
    `${base}/thema/:thema/bewijs`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug, thema } = theme(request.params);
      const form = formBody<FormBody>(request);
      const which = item(form['onderdeel']);
      const result = await service.saveEvidence(gemeente, slug, thema, which, actor(request), form);
      if (result.ok)
        return reply.redirect(`${contoursBase(gemeente, slug)}?melding=opgeslagen`, 303);
      const data = await service.picker(gemeente, slug, thema, which);
      const wanted = form['bewijs'];
      const chosen =
        typeof wanted === 'string' ? [wanted] : Array.isArray(wanted) ? wanted.map(String) : [];
      return html(
        reply,
        <EvidencePage
          gemeente={gemeente}
          data={data}
          chosen={chosen}
          csrf={reply.generateCsrf()}
          errors={result.errors}
        />,
        result.conflict ? 409 : 400,
      );
    },
  );

  app.post(
    `${base}/voorleggen`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      await service.submit(gemeente, slug, actor(request), formBody<FormBody>(request));
      return reply.redirect(`${contoursBase(gemeente, slug)}?melding=voorgelegd`, 303);
    },
  );

  app.post(
    `${base}/vaststellen`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      const form = formBody<FormBody>(request);
      const result = await service.decide(gemeente, slug, actor(request), form);
      if (result.ok)
        return reply.redirect(`${contoursBase(gemeente, slug)}?melding=vastgesteld`, 303);
      return overview(request, reply, result.errors, form);
    },
  );

  app.post(
    `${base}/nieuw-concept`,
    { ...schemaOptions({ params: areaParam }), config: { permission: 'contours:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = params(request.params);
      await service.newConcept(gemeente, slug, actor(request), formBody<FormBody>(request));
      return reply.redirect(`${contoursBase(gemeente, slug)}?melding=concept`, 303);
    },
  );
}
