import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { formBody, html, pageQuery, schemaOptions, type ZodSchemas } from '../../../shared/http.ts';
import {
  LANGUAGES,
  type Language,
  type Questionnaire,
} from '../definition/questionnaire.schema.ts';
import { IDEMPOTENCY_KEY, StartLimiter } from '../responses/response.service.ts';
import {
  InvitationRefusedError,
  askedGroups,
  newResumeCode,
  openResumeCode,
  sealResumeCode,
} from './session-response.service.ts';
import { postStep, sendPage, stepPage, type StepContext } from './step-flow.tsx';
import { SurveyResumePage } from './views/survey-resume.page.tsx';
import { SurveyStartPage } from './views/survey-start.page.tsx';
import { SurveyThanksPage } from './views/survey-thanks.page.tsx';
import { countedMembers } from '../../focus-areas/index.ts';

declare module 'fastify' {
  interface Session {
    /**
     * The web respondent's concept in progress; no name, address or IP. `sealed`: the resume
     * code until the first page shows it, encrypted (never plain text in the session table).
     */
    survey?: { key: string; id: string; language: Language; sealed?: string | undefined };
  }
}

/** Starts per client address per hour before the start page says "probeer het later". */
export const STARTS_PER_HOUR = 30;

const keyParam = z.object({ key: z.string().regex(/^[a-z0-9-]{3,64}$/) });
const stepParam = keyParam.extend({
  stap: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
});

/** ?taal=en: a single text; which languages a questionnaire has is checked by languageOf. */
const languageQuery = pageQuery({ taal: z.string().optional() });
/** A key or step that does not fit names no questionnaire. */
const unknownSurvey = { notFound: 'Deze vragenlijst bestaat niet.' };

function languageOf(q: Questionnaire, raw: unknown): Language {
  const l = typeof raw === 'string' ? raw : '';
  return (LANGUAGES as readonly string[]).includes(l) && q.languages.includes(l as Language)
    ? (l as Language)
    : (q.languages[0] ?? 'nl');
}

/**
 * The web channel: a public link, one question group per page, plain forms that work without
 * JavaScript, save and resume with a code, and a send that cannot count twice.
 */
export async function surveyWebRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, responses, surveys } = opts.services;
  const limiter = new StartLimiter(surveys.secret, STARTS_PER_HOUR);

  async function load(params: unknown) {
    const p = keyParam.safeParse(params);
    const q = p.success ? surveys.questionnaires.get(p.data.key) : undefined;
    if (!q) throw new NotFoundError('Deze vragenlijst bestaat niet.');
    const area = (await focusAreas.find(q.focusArea)) ?? undefined;
    const buurten = countedMembers(area?.members ?? []).map((m) => ({
      code: m.buurt_code,
      name: m.name ?? m.buurt_code,
    }));
    return { q, buurten, base: `/enquete/${q.key}` };
  }

  /** The visitor's concept of this questionnaire, or a redirect to its start page. */
  async function current(request: FastifyRequest, q: Questionnaire) {
    const s = request.session.survey;
    if (!s || s.key !== q.key) return undefined;
    const r = await responses.openConcept(s.id, q.key);
    return r ? { response: r, session: s } : undefined;
  }

  const stepContext = (
    ctx: Awaited<ReturnType<typeof load>>,
    session: NonNullable<FastifyRequest['session']['survey']>,
  ): StepContext => ({
    q: ctx.q,
    base: ctx.base,
    language: session.language,
    buurten: ctx.buurten,
    resumeCode: session.sealed ? openResumeCode(surveys.secret, session.sealed) : undefined,
  });

  /** The start or resume page, with an error and its status where the visitor must try again. */
  function entryPage(
    reply: FastifyReply,
    ctx: Awaited<ReturnType<typeof load>>,
    page: 'start' | 'hervatten',
    language: Language,
    error?: string,
    status = error ? 400 : 200,
  ) {
    const Page = page === 'start' ? SurveyStartPage : SurveyResumePage;
    return html(
      reply,
      <Page
        q={ctx.q}
        language={language}
        csrf={reply.generateCsrf()}
        base={ctx.base}
        error={error}
      />,
      status,
    );
  }

  app.get(
    '/enquete/:key',
    { ...schemaOptions({ params: keyParam, querystring: languageQuery }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      return entryPage(reply, ctx, 'start', languageOf(ctx.q, request.query.taal));
    },
  );

  app.post(
    '/enquete/:key/start',
    { ...schemaOptions({ params: keyParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const language = languageOf(ctx.q, formBody(request).taal);
      if (!limiter.allow(request.ip)) {
        const message =
          language === 'en'
            ? 'Many questionnaires were started from this connection. Please try again in an hour.'
            : 'Vanaf deze verbinding zijn veel vragenlijsten begonnen. Probeer het over een uur opnieuw.';
        return entryPage(reply, ctx, 'start', language, message, 429);
      }
      const invitation = String(formBody(request).uitnodiging ?? '').trim();
      if (ctx.q.invitations === 'verplicht' && invitation === '') {
        const message =
          language === 'en' ? 'Fill in the code from your letter.' : 'Vul de code uit uw brief in.';
        return entryPage(reply, ctx, 'start', language, message);
      }
      const code = newResumeCode();
      let id: string;
      try {
        id = await responses.startConcept({
          questionnaire: ctx.q,
          channel: 'web',
          language,
          secret: surveys.secret,
          resumeCode: code,
          ...(ctx.q.invitations !== 'uit' && invitation !== ''
            ? { invitationCode: invitation }
            : {}),
        });
      } catch (error) {
        if (!(error instanceof InvitationRefusedError)) throw error;
        const message =
          language === 'en'
            ? 'We do not know this code, or it has been used already.'
            : error.message;
        return entryPage(reply, ctx, 'start', language, message);
      }
      request.session.survey = {
        key: ctx.q.key,
        id,
        language,
        sealed: sealResumeCode(surveys.secret, code),
      };
      return reply.redirect(`${ctx.base}/stap/1`, 303);
    },
  );

  app.get(
    '/enquete/:key/stap/:stap',
    { ...schemaOptions({ params: stepParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const { stap } = request.params;
      const open = await current(request, ctx.q);
      if (!open) return reply.redirect(ctx.base, 303);
      const answers = await responses.readAnswers(open.response.id);
      const page = stepPage(reply, stepContext(ctx, open.session), Math.max(1, stap), answers);
      // The resume code is shown once, on the first page after starting.
      if (open.session.sealed && stap === 1)
        request.session.survey = { ...open.session, sealed: undefined };
      return page;
    },
  );

  app.post(
    '/enquete/:key/stap/:stap',
    { ...schemaOptions({ params: stepParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const { stap } = request.params;
      const open = await current(request, ctx.q);
      if (!open) return reply.redirect(ctx.base, 303);
      return postStep(responses, request, reply, stepContext(ctx, open.session), {
        responseId: open.response.id,
        step: stap,
      });
    },
  );

  app.get(
    '/enquete/:key/versturen',
    { ...schemaOptions({ params: keyParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const open = await current(request, ctx.q);
      if (!open) return reply.redirect(ctx.base, 303);
      return sendPage(responses, reply, stepContext(ctx, open.session), open.response.id);
    },
  );

  app.post(
    '/enquete/:key/versturen',
    { ...schemaOptions({ params: keyParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const body = formBody(request);
      const key =
        typeof body.sleutel === 'string' && IDEMPOTENCY_KEY.test(body.sleutel)
          ? body.sleutel
          : undefined;
      const s = request.session.survey;
      if (!s || s.key !== ctx.q.key || !key) return reply.redirect(ctx.base, 303);
      const sent = await responses.submitConcept({
        questionnaire: ctx.q,
        responseId: s.id,
        idempotencyKey: key,
        language: s.language,
      });
      if (sent.problems.length > 0) {
        return sendPage(
          responses,
          reply,
          { q: ctx.q, base: ctx.base, language: s.language, buurten: ctx.buurten },
          s.id,
          {
            idempotencyKey: key,
            problems: sent.problems.map((p) => p.message),
          },
        );
      }
      request.session.survey = undefined;
      return html(reply, <SurveyThanksPage q={ctx.q} language={s.language} />);
    },
  );

  app.get(
    '/enquete/:key/hervatten',
    { ...schemaOptions({ params: keyParam, querystring: languageQuery }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      return entryPage(reply, ctx, 'hervatten', languageOf(ctx.q, request.query.taal));
    },
  );

  app.post(
    '/enquete/:key/hervatten',
    { ...schemaOptions({ params: keyParam }, unknownSurvey) },
    async (request, reply) => {
      const ctx = await load(request.params);
      const body = formBody(request);
      const language = languageOf(ctx.q, body.taal);
      const r =
        typeof body.code === 'string'
          ? await responses.resumeByCode(surveys.secret, ctx.q.key, body.code)
          : undefined;
      if (!r || !limiter.allow(request.ip)) {
        const message =
          language === 'en'
            ? 'We do not know this code, or the questionnaire was already sent.'
            : 'Deze code kennen wij niet, of de vragenlijst is al verstuurd.';
        return entryPage(reply, ctx, 'hervatten', language, message);
      }
      request.session.survey = {
        key: ctx.q.key,
        id: r.id,
        language: languageOf(ctx.q, r.language),
      };
      const answers = await responses.readAnswers(r.id);
      const groups = askedGroups(ctx.q, answers);
      const firstOpen = groups.findIndex((g) =>
        g.questions.every((q) =>
          q.type === 'matrix'
            ? q.rows.every((row) => answers[row.name] === undefined)
            : answers[q.name] === undefined,
        ),
      );
      return reply.redirect(
        `${ctx.base}/stap/${firstOpen === -1 ? groups.length : firstOpen + 1}`,
        303,
      );
    },
  );
}
