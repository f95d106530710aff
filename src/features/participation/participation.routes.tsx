import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { CSRF_FIELD } from '../../plugins/csrf.ts';
import { AppError } from '../../shared/errors.ts';
import { ErrorPage } from '../../views/error.page.tsx';
import { renderPage } from '../../views/render.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import type { SheetProblem } from './input-xlsx.ts';
import type { FieldErrors, FormBody } from './participation.forms.ts';
import { sessionFormValues, type Actor } from './participation.service.ts';
import { DoeMeePage } from './views/doe-mee.page.tsx';
import { ImportPreviewPage } from './views/import-preview.page.tsx';
import { SessionFormPage } from './views/session-form.page.tsx';
import { SessionListPage } from './views/session-list.page.tsx';
import { SessionPage } from './views/session.page.tsx';
import { sessionsBase } from './views/labels.ts';
import { html, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

/** The largest template upload: thousands of notes fit in far less. */
const MAX_TEMPLATE_BYTES = 5 * 1024 * 1024;

const municipality = z.object({ gemeente: z.string().regex(/^GM\d{4}$/) });
const sessionParam = municipality.extend({ sessie: z.string().uuid() });
const uploadParam = sessionParam.extend({ upload: z.string().uuid() });
const inputParam = sessionParam.extend({ inbreng: z.string().uuid() });
const participantParam = sessionParam.extend({ deelnemer: z.string().uuid() });
const areaParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });

const NOTICES: Record<string, string> = {
  gepland: 'De bijeenkomst is gepland.',
  gewijzigd: 'De wijzigingen zijn opgeslagen.',
  afgelast: 'De bijeenkomst is afgelast.',
  aanwezigheid: 'Het aantal aanwezigen is opgeslagen.',
  deelnemer: 'De naam is toegevoegd.',
  'deelnemer-weg': 'De naam is verwijderd.',
  inbreng: 'De inbreng is opgeslagen.',
  'inbreng-weg': 'De inbreng is verwijderd.',
  'al-geladen': 'Dit bestand was al geladen. Er is niets veranderd.',
};

function body(request: FastifyRequest): FormBody {
  return request.body && typeof request.body === 'object' ? (request.body as FormBody) : {};
}

function user(request: FastifyRequest) {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return request.user;
}

function actor(request: FastifyRequest): Actor {
  const u = user(request);
  return { id: u.id, audit: actorOf(u) };
}

function notice(request: FastifyRequest): string | undefined {
  const key = (request.query as { melding?: unknown } | undefined)?.melding;
  if (typeof key === 'string' && Object.hasOwn(NOTICES, key)) return NOTICES[key];
  const loaded = (request.query as { geladen?: unknown } | undefined)?.geladen;
  if (typeof loaded === 'string' && /^\d{1,6}$/.test(loaded))
    return `${loaded} briefjes zijn geladen.`;
  return undefined;
}

/**
 * Knowledge sessions in the workspace (every route scoped to :gemeente by the authorization
 * plugin; a session of another municipality does not exist here) and the public "Doe mee" page
 * with its calendar feed. Rules live in ParticipationService.
 */
export async function participationRoutes(
  server: FastifyInstance,
  opts: { services: Pick<Services, 'participation'>; publicUrl: string },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const service = opts.services.participation;

  // Only these routes take multipart bodies, read in the handler after the session, role and
  // CSRF checks. A file form cannot send the token in a header, so it travels in the address.
  await app.register(multipart, {
    limits: { fileSize: MAX_TEMPLATE_BYTES, files: 1, fields: 5, parts: 6 },
  });
  app.addHook('onRequest', async (request) => {
    if (!String(request.headers['content-type'] ?? '').startsWith('multipart/')) return;
    const token = (request.query as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (typeof token === 'string' && request.headers['x-csrf-token'] === undefined)
      request.headers['x-csrf-token'] = token;
  });
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error.code !== 'FST_REQ_FILE_TOO_LARGE' && error.code !== 'FST_FILES_LIMIT') throw error;
    return html(
      reply,
      <ErrorPage
        status={413}
        title="Het bestand is niet ontvangen"
        message={`Kies één ingevuld sjabloon van hoogstens ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB. Er is niets geladen.`}
      />,
      413,
    );
  });

  const access = (request: FastifyRequest, gemeente: string) => {
    const grants = user(request).grants;
    return {
      plan: isAllowed(grants, 'participation:plan', gemeente),
      input: isAllowed(grants, 'participation:input', gemeente),
      participants: isAllowed(grants, 'participation:participants', gemeente),
    };
  };

  async function renderSession(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    id: string,
    extra: {
      status?: number;
      errors?: FieldErrors;
      values?: FormBody;
      problems?: SheetProblem[];
    } = {},
  ) {
    const a = access(request, gemeente);
    const detail = await service.detail(gemeente, id, {
      inputTexts: a.input,
      participants: a.participants,
    });
    return html(
      reply,
      <SessionPage
        municipalityCode={gemeente}
        detail={detail}
        access={a}
        csrf={reply.generateCsrf()}
        errors={extra.errors ?? {}}
        values={extra.values ?? {}}
        problems={extra.problems ?? []}
        notice={notice(request)}
      />,
      extra.status ?? 200,
    );
  }

  async function renderForm(
    reply: FastifyReply,
    gemeente: string,
    values: FormBody,
    errors: FieldErrors,
    sessionId?: string,
  ) {
    return html(
      reply,
      <SessionFormPage
        municipalityCode={gemeente}
        {...(sessionId ? { sessionId } : {})}
        csrf={reply.generateCsrf()}
        focusAreas={await service.focusAreasOf(gemeente)}
        themes={await service.themes()}
        values={values}
        errors={errors}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  }

  const sessionUrl = (gemeente: string, id: string, melding?: string) =>
    `${sessionsBase(gemeente)}/${id}${melding ? `?melding=${melding}` : ''}`;

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten',
    { ...schemaOptions({ params: municipality }), config: { permission: 'participation:read' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      return html(
        reply,
        <SessionListPage
          municipalityCode={gemeente}
          sessions={await service.listSessions(gemeente)}
          focusAreas={await service.focusAreasOf(gemeente)}
          themes={await service.themes()}
          canPlan={access(request, gemeente).plan}
          notice={notice(request)}
        />,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten/nieuw',
    { ...schemaOptions({ params: municipality }), config: { permission: 'participation:plan' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const areas = await service.focusAreasOf(gemeente);
      return renderForm(reply, gemeente, { gebied: areas[0]?.slug ?? '' }, {});
    },
  );

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten',
    { ...schemaOptions({ params: municipality }), config: { permission: 'participation:plan' } },
    async (request, reply) => {
      const { gemeente } = request.params;
      const result = await service.planSession(actor(request), gemeente, body(request));
      if (result.ok) return reply.redirect(sessionUrl(gemeente, result.id, 'gepland'), 303);
      return renderForm(reply, gemeente, result.values, result.errors);
    },
  );

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie',
    { ...schemaOptions({ params: sessionParam }), config: { permission: 'participation:read' } },
    async (request, reply) => {
      const { gemeente, sessie } = request.params;
      return renderSession(request, reply, gemeente, sessie);
    },
  );

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/bewerken',
    { ...schemaOptions({ params: sessionParam }), config: { permission: 'participation:plan' } },
    async (request, reply) => {
      const { gemeente, sessie } = request.params;
      const session = await service.session(gemeente, sessie);
      return renderForm(reply, gemeente, sessionFormValues(session), {}, sessie);
    },
  );

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie',
    { ...schemaOptions({ params: sessionParam }), config: { permission: 'participation:plan' } },
    async (request, reply) => {
      const { gemeente, sessie } = request.params;
      const result = await service.updateSession(actor(request), gemeente, sessie, body(request));
      if (result.ok) return reply.redirect(sessionUrl(gemeente, sessie, 'gewijzigd'), 303);
      return renderForm(reply, gemeente, result.values, result.errors, sessie);
    },
  );

  // Form posts on the session page: on success back to it, otherwise the page with the errors.
  const sessionForms = [
    ['annuleren', 'participation:plan', 'afgelast', 'cancelSession'],
    ['aanwezigheid', 'participation:plan', 'aanwezigheid', 'setAttendance'],
    ['deelnemers', 'participation:participants', 'deelnemer', 'addParticipant'],
    ['inbreng', 'participation:input', 'inbreng', 'addInput'],
  ] as const;
  for (const [path, permission, melding, method] of sessionForms) {
    app.post(
      `/werkruimte/:gemeente/bijeenkomsten/:sessie/${path}`,
      { ...schemaOptions({ params: sessionParam }), config: { permission } },
      async (request, reply) => {
        const { gemeente, sessie } = request.params;
        const result = await service[method](actor(request), gemeente, sessie, body(request));
        if (result.ok) return reply.redirect(sessionUrl(gemeente, sessie, melding), 303);
        return renderSession(request, reply, gemeente, sessie, {
          status: 400,
          errors: result.errors,
          values: result.values,
        });
      },
    );
  }

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/deelnemers/:deelnemer/verwijderen',
    {
      ...schemaOptions({ params: participantParam }),
      config: { permission: 'participation:participants' },
    },
    async (request, reply) => {
      const { gemeente, sessie, deelnemer } = request.params;
      await service.removeParticipant(actor(request), gemeente, sessie, deelnemer);
      return reply.redirect(sessionUrl(gemeente, sessie, 'deelnemer-weg'), 303);
    },
  );

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng/:inbreng/verwijderen',
    { ...schemaOptions({ params: inputParam }), config: { permission: 'participation:input' } },
    async (request, reply) => {
      const { gemeente, sessie, inbreng } = request.params;
      await service.removeInput(actor(request), gemeente, sessie, inbreng);
      return reply.redirect(sessionUrl(gemeente, sessie, 'inbreng-weg'), 303);
    },
  );

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng-sjabloon.xlsx',
    { ...schemaOptions({ params: sessionParam }), config: { permission: 'participation:input' } },
    async (request, reply) => {
      const { gemeente, sessie } = request.params;
      const bytes = await service.template(gemeente, sessie);
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="inbreng-sjabloon.xlsx"')
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(bytes);
    },
  );

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng/bestand',
    { ...schemaOptions({ params: sessionParam }), config: { permission: 'participation:input' } },
    async (request, reply) => {
      const { gemeente, sessie } = request.params;
      await service.session(gemeente, sessie);
      if (!request.isMultipart())
        return renderSession(request, reply, gemeente, sessie, {
          status: 400,
          problems: [{ sheet: '(bestand)', message: 'kies een .xlsx-bestand' }],
        });
      let file: { fileName: string; bytes: Buffer } | null = null;
      for await (const part of request.parts()) {
        if (part.type === 'file' && part.fieldname === 'bestand')
          file = { fileName: part.filename, bytes: await part.toBuffer() };
        else if (part.type === 'file') await part.toBuffer();
      }
      const staged = await service.stageImport(actor(request), gemeente, sessie, file);
      if (!staged.ok)
        return renderSession(request, reply, gemeente, sessie, {
          status: 400,
          problems: staged.problems,
        });
      return reply.redirect(
        `${sessionsBase(gemeente)}/${sessie}/inbreng/bestand/${staged.importId}`,
        303,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng/bestand/:upload',
    { ...schemaOptions({ params: uploadParam }), config: { permission: 'participation:input' } },
    async (request, reply) => {
      const { gemeente, sessie, upload } = request.params;
      const session = await service.session(gemeente, sessie);
      return html(
        reply,
        <ImportPreviewPage
          municipalityCode={gemeente}
          sessionId={sessie}
          sessionTitle={session.title}
          preview={await service.importPreview(gemeente, sessie, upload)}
          themes={await service.themes()}
          csrf={reply.generateCsrf()}
        />,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/bijeenkomsten/:sessie/inbreng/bestand/:upload/bevestigen',
    { ...schemaOptions({ params: uploadParam }), config: { permission: 'participation:input' } },
    async (request, reply) => {
      const { gemeente, sessie, upload } = request.params;
      const result = await service.confirmImport(actor(request), gemeente, sessie, upload);
      const url = `${sessionsBase(gemeente)}/${sessie}`;
      return reply.redirect(
        result.status === 'geladen'
          ? `${url}?geladen=${result.count}`
          : `${url}?melding=al-geladen`,
        303,
      );
    },
  );

  app.get(
    '/gebieden/:slug/doe-mee',
    { ...schemaOptions({ params: areaParam }) },
    async (request, reply) => {
      const { slug } = request.params;
      const data = await service.doeMee(slug);
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(renderPage(<DoeMeePage data={data} />));
    },
  );

  app.get(
    '/gebieden/:slug/doe-mee/bijeenkomsten.ics',
    { ...schemaOptions({ params: areaParam }) },
    async (request, reply) => {
      const { slug } = request.params;
      const ics = await service.calendar(slug, opts.publicUrl);
      return reply
        .header('cache-control', 'no-cache')
        .header('content-disposition', `inline; filename="bijeenkomsten-${slug}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(ics);
    },
  );
}
