import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../composition.ts';
import { AppError } from '../../shared/errors.ts';
import { actorOf, isAllowed } from '../accounts/index.ts';
import type { Actor, EditResult, FormInput } from './alliance.service.ts';
import { ActionEditPage } from './views/action-edit.page.tsx';
import { ActionsPage } from './views/actions.page.tsx';
import { AgreementEditPage } from './views/agreement-edit.page.tsx';
import { AgreementsPage } from './views/agreements.page.tsx';
import { DecisionEditPage } from './views/decision-edit.page.tsx';
import { DecisionsPage } from './views/decisions.page.tsx';
import { MeetingPage } from './views/meeting.page.tsx';
import { MeetingsPage } from './views/meetings.page.tsx';
import { MemberPage } from './views/member.page.tsx';
import { PublicCompositionPage } from './views/public-composition.page.tsx';
import { RegisterPage } from './views/register.page.tsx';
import { SeatEditPage } from './views/seat-edit.page.tsx';
import { html, schemaOptions, type ZodSchemas } from '../../shared/http.ts';

const slugParam = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,80}$/) });
const areaParam = slugParam.extend({ gemeente: z.string().regex(/^GM\d{4}$/) });
const itemParam = areaParam.extend({ id: z.string().uuid() });

function body(request: FastifyRequest): FormInput {
  return request.body && typeof request.body === 'object' ? (request.body as FormInput) : {};
}

function actor(request: FastifyRequest, gemeente: string): Actor {
  if (!request.user) throw new AppError('UNAUTHENTICATED', 'Log eerst in.');
  return { actor: actorOf(request.user), municipalityCode: gemeente };
}

function canEdit(request: FastifyRequest, gemeente: string): boolean {
  return request.user ? isAllowed(request.user.grants, 'alliance:edit', gemeente) : false;
}

function savedMessage(query: unknown): string | undefined {
  const v = (query as { opgeslagen?: unknown } | undefined)?.opgeslagen;
  return v === 'ja' ? 'Opgeslagen.' : undefined;
}

interface EditExtra {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  conflict?: string;
}

/** What an edit page gets back after a refused save: 409 for a conflict, else 400. */
function refused<T>(result: EditResult<T> & { ok: false }): { extra: EditExtra; status: number } {
  return 'conflict' in result
    ? { extra: { values: result.values, conflict: result.conflict }, status: 409 }
    : { extra: { values: result.values, errors: result.errors }, status: 400 };
}

function dateQuery(query: unknown): string | undefined {
  const v = (query as { datum?: unknown } | undefined)?.datum;
  return typeof v === 'string' ? v : undefined;
}

/**
 * The Alliance (issue 15, ADR 0026). Public: the composition page and the meeting feed, which
 * never carry confidential decisions. Workspace: routes under /werkruimte/:gemeente/alliantie,
 * scoped to that municipality by the authorization plugin; the service refuses a focus area of
 * another municipality. Reading needs alliance:read, every form alliance:edit.
 */
export async function allianceRoutes(
  server: FastifyInstance,
  opts: { services: Services; publicUrl: string },
) {
  const app = server.withTypeProvider<ZodSchemas>();
  const alliance = opts.services.alliance;
  const base = (gemeente: string, slug: string) => `/werkruimte/${gemeente}/alliantie/${slug}`;

  app.get(
    '/gebieden/:slug/alliantie',
    { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug } = request.params;
      return html(reply, <PublicCompositionPage data={await alliance.publicComposition(slug)} />);
    },
  );

  app.get(
    '/gebieden/:slug/alliantie/vergaderingen.ics',
    { ...schemaOptions({ params: slugParam }), config: { permission: 'public' } },
    async (request, reply) => {
      const { slug } = request.params;
      const calendar = await alliance.meetingsCalendar(slug, opts.publicUrl);
      return reply
        .header('cache-control', 'no-cache')
        .header('content-disposition', `attachment; filename="alliantie-${slug}.ics"`)
        .type('text/calendar; charset=utf-8')
        .send(calendar);
    },
  );

  // The register.
  async function renderRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: Partial<Parameters<typeof RegisterPage>[0]> = {},
    status = 200,
  ) {
    const data = await alliance.register(slug, gemeente, dateQuery(request.query));
    return html(
      reply,
      <RegisterPage
        data={data}
        canEdit={canEdit(request, gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return renderRegister(request, reply, gemeente, slug);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/leden',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await alliance.addMembership(actor(request, gemeente), slug, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja`, 303);
      return renderRegister(request, reply, gemeente, slug, { form: 'lid', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/zetels',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await alliance.addSeat(actor(request, gemeente), slug, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja`, 303);
      return renderRegister(request, reply, gemeente, slug, { form: 'zetel', ...result }, 400);
    },
  );

  async function renderMember(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { gemeente: string; slug: string; id: string },
    extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
    status = 200,
  ) {
    const data = await alliance.membership(params.slug, params.gemeente, params.id);
    return html(
      reply,
      <MemberPage
        {...data}
        canEdit={canEdit(request, params.gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/leden/:id',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => renderMember(request, reply, request.params),
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/leden/:id',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const params = request.params;
      const result = await alliance.updateMembership(
        actor(request, params.gemeente),
        params.slug,
        params.id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          `${base(params.gemeente, params.slug)}/leden/${params.id}?opgeslagen=ja`,
          303,
        );
      return renderMember(request, reply, params, result, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/leden/:id/openbaar',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.setRepresentativeConsent(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja`, 303);
      return renderRegister(request, reply, gemeente, slug, { form: 'lid', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/leden/:id/einde',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.endMembership(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja`, 303);
      return renderRegister(
        request,
        reply,
        gemeente,
        slug,
        { form: 'einde', endId: id, ...result },
        400,
      );
    },
  );

  // Meetings.
  async function renderMeetings(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: { errors?: Record<string, string>; values?: Record<string, string> } = {},
    status = 200,
  ) {
    const { area, meetings } = await alliance.meetings(slug, gemeente);
    return html(
      reply,
      <MeetingsPage
        area={area}
        meetings={meetings}
        canEdit={canEdit(request, gemeente)}
        csrf={reply.generateCsrf()}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return renderMeetings(request, reply, gemeente, slug);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await alliance.planMeeting(actor(request, gemeente), slug, body(request));
      if (result.ok)
        return reply.redirect(
          `${base(gemeente, slug)}/vergaderingen/${result.value.id}?opgeslagen=ja`,
          303,
        );
      return renderMeetings(request, reply, gemeente, slug, result, 400);
    },
  );

  async function renderMeeting(
    request: FastifyRequest,
    reply: FastifyReply,
    params: { gemeente: string; slug: string; id: string },
    extra: Partial<Parameters<typeof MeetingPage>[0]> = {},
    status = 200,
  ) {
    const data = await alliance.meeting(params.slug, params.gemeente, params.id);
    return html(
      reply,
      <MeetingPage
        data={data}
        canEdit={canEdit(request, params.gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen/:id',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => renderMeeting(request, reply, request.params),
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen/:id',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const params = request.params;
      const result = await alliance.updateMeeting(
        actor(request, params.gemeente),
        params.slug,
        params.id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          `${base(params.gemeente, params.slug)}/vergaderingen/${params.id}?opgeslagen=ja`,
          303,
        );
      return renderMeeting(request, reply, params, { form: 'wijzigen', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen/:id/besluiten',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const params = request.params;
      const result = await alliance.recordDecision(
        actor(request, params.gemeente),
        params.slug,
        params.id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          `${base(params.gemeente, params.slug)}/vergaderingen/${params.id}?opgeslagen=ja`,
          303,
        );
      return renderMeeting(request, reply, params, { form: 'besluit', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen/:id/documenten',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const params = request.params;
      const result = await alliance.addDocuments(
        actor(request, params.gemeente),
        params.slug,
        params.id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          `${base(params.gemeente, params.slug)}/vergaderingen/${params.id}?opgeslagen=ja`,
          303,
        );
      return renderMeeting(request, reply, params, { form: 'documenten', ...result }, 400);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/vergaderingen/:id/acties',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const params = request.params;
      const result = await alliance.addAction(
        actor(request, params.gemeente),
        params.slug,
        params.id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          `${base(params.gemeente, params.slug)}/vergaderingen/${params.id}?opgeslagen=ja`,
          303,
        );
      return renderMeeting(request, reply, params, { form: 'actie', ...result }, 400);
    },
  );

  // Decisions and actions.
  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/besluiten',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const { area, decisions } = await alliance.decisions(slug, gemeente);
      return html(
        reply,
        <DecisionsPage area={area} decisions={decisions} canEdit={canEdit(request, gemeente)} />,
      );
    },
  );

  async function renderActions(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: { errors?: Record<string, string>; failedId?: string } = {},
    status = 200,
  ) {
    const data = await alliance.actions(slug, gemeente);
    return html(
      reply,
      <ActionsPage
        {...data}
        canEdit={canEdit(request, gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/acties',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return renderActions(request, reply, gemeente, slug);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/acties/:id/status',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.setActionStatus(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/acties?opgeslagen=ja`, 303);
      return renderActions(
        request,
        reply,
        gemeente,
        slug,
        { errors: result.errors, failedId: id },
        400,
      );
    },
  );

  // Agreements with the state.
  async function renderAgreements(
    request: FastifyRequest,
    reply: FastifyReply,
    gemeente: string,
    slug: string,
    extra: {
      errors?: Record<string, string>;
      values?: Record<string, string>;
      failedId?: string;
    } = {},
    status = 200,
  ) {
    const data = await alliance.agreements(slug, gemeente);
    return html(
      reply,
      <AgreementsPage
        {...data}
        canEdit={canEdit(request, gemeente)}
        csrf={reply.generateCsrf()}
        saved={savedMessage(request.query)}
        {...extra}
      />,
      status,
    );
  }

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/afspraken',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:read' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      return renderAgreements(request, reply, gemeente, slug);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/afspraken',
    { ...schemaOptions({ params: areaParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug } = request.params;
      const result = await alliance.addAgreement(actor(request, gemeente), slug, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/afspraken?opgeslagen=ja`, 303);
      return renderAgreements(
        request,
        reply,
        gemeente,
        slug,
        { errors: result.errors, values: result.values },
        400,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/afspraken/:id',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.updateAgreement(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/afspraken?opgeslagen=ja`, 303);
      return renderAgreements(
        request,
        reply,
        gemeente,
        slug,
        { errors: result.errors, values: result.values, failedId: id },
        400,
      );
    },
  );
  // Corrections: an edit form (GET) and its save (POST) for a seat, a decision, an action and
  // an agreement. Both need alliance:edit, like adding; another municipality's record is a 404
  // (the service looks it up within the focus area of the route's municipality).
  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/zetels/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const data = await alliance.seatForEdit(slug, gemeente, id);
      return html(reply, <SeatEditPage {...data} csrf={reply.generateCsrf()} />);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/zetels/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.updateSeat(actor(request, gemeente), slug, id, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}?opgeslagen=ja`, 303);
      const { extra, status } = refused(result);
      const data = await alliance.seatForEdit(slug, gemeente, id);
      return html(reply, <SeatEditPage {...data} csrf={reply.generateCsrf()} {...extra} />, status);
    },
  );

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/besluiten/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const data = await alliance.decisionForEdit(slug, gemeente, id);
      return html(reply, <DecisionEditPage {...data} csrf={reply.generateCsrf()} />);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/besluiten/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.updateDecision(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok)
        return reply.redirect(
          result.value.meeting_id
            ? `${base(gemeente, slug)}/vergaderingen/${result.value.meeting_id}?opgeslagen=ja`
            : `${base(gemeente, slug)}/besluiten`,
          303,
        );
      const { extra, status } = refused(result);
      const data = await alliance.decisionForEdit(slug, gemeente, id);
      return html(
        reply,
        <DecisionEditPage {...data} csrf={reply.generateCsrf()} {...extra} />,
        status,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/acties/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const data = await alliance.actionForEdit(slug, gemeente, id);
      return html(reply, <ActionEditPage {...data} csrf={reply.generateCsrf()} />);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/acties/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.updateAction(actor(request, gemeente), slug, id, body(request));
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/acties?opgeslagen=ja`, 303);
      const { extra, status } = refused(result);
      const data = await alliance.actionForEdit(slug, gemeente, id);
      return html(
        reply,
        <ActionEditPage {...data} csrf={reply.generateCsrf()} {...extra} />,
        status,
      );
    },
  );

  app.get(
    '/werkruimte/:gemeente/alliantie/:slug/afspraken/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const data = await alliance.agreementForEdit(slug, gemeente, id);
      return html(reply, <AgreementEditPage {...data} csrf={reply.generateCsrf()} />);
    },
  );

  app.post(
    '/werkruimte/:gemeente/alliantie/:slug/afspraken/:id/wijzigen',
    { ...schemaOptions({ params: itemParam }), config: { permission: 'alliance:edit' } },
    async (request, reply) => {
      const { gemeente, slug, id } = request.params;
      const result = await alliance.correctAgreement(
        actor(request, gemeente),
        slug,
        id,
        body(request),
      );
      if (result.ok) return reply.redirect(`${base(gemeente, slug)}/afspraken?opgeslagen=ja`, 303);
      const { extra, status } = refused(result);
      const data = await alliance.agreementForEdit(slug, gemeente, id);
      return html(
        reply,
        <AgreementEditPage {...data} csrf={reply.generateCsrf()} {...extra} />,
        status,
      );
    },
  );
}
