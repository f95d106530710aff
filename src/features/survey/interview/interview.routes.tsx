import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../../composition.ts';
import { NotFoundError } from '../../../shared/errors.ts';
import { Layout } from '../../../views/layout.tsx';
import { actorOf } from '../../accounts/index.ts';
import { CsrfField, SubmitButton } from '../../../views/components/form.tsx';
import {
  formBody,
  html,
  pageQuery,
  parseParams,
  schemaOptions,
  type ZodSchemas,
} from '../../../shared/http.ts';
import { requireUser } from '../../../shared/route-helpers.ts';
import { SavedNotice } from '../../../views/components/form-controls.tsx';
import { textIn } from '../definition/fixed-labels.ts';
import { LANGUAGES, type Language } from '../definition/questionnaire.schema.ts';
import { IDEMPOTENCY_KEY } from '../responses/response.service.ts';
import { postStep, sendPage, stepPage, type StepContext } from '../web/step-flow.tsx';
import { countedMembers } from '../../focus-areas/index.ts';

declare module 'fastify' {
  interface Session {
    /** The one interview this interviewer is taking now; earlier ones are out of reach. */
    interview?: { key: string; id: string; language: Language };
  }
}

const params = z.object({
  gemeente: z.string().regex(/^GM\d{4}$/),
  key: z.string().regex(/^[a-z0-9-]{3,64}$/),
});
const stepParams = params.extend({
  stap: z
    .string()
    .regex(/^\d{1,3}$/)
    .transform(Number),
});

/**
 * Interviewer mode (channel mondeling): one session per respondent, held in the interviewer's
 * own login session. There is no address for an earlier response: once sent it waits for
 * review and this interviewer cannot open it again. Every answer change is logged.
 */
export async function interviewRoutes(server: FastifyInstance, opts: { services: Services }) {
  const app = server.withTypeProvider<ZodSchemas>();
  const { focusAreas, responses, surveys } = opts.services;

  async function load(rawParams: unknown) {
    const { gemeente, key } = parseParams(params, rawParams);
    const q = surveys.questionnaires.get(key);
    const area = q ? ((await focusAreas.find(q.focusArea)) ?? undefined) : undefined;
    if (!q || area?.area.municipality_code !== gemeente) {
      throw new NotFoundError('Deze vragenlijst bestaat niet in deze gemeente.');
    }
    const buurten = countedMembers(area?.members ?? []).map((m) => ({
      code: m.buurt_code,
      name: m.name ?? m.buurt_code,
    }));
    return { q, buurten, base: `/werkruimte/${gemeente}/enquetes/${q.key}/interview` };
  }

  const stepContext = (ctx: Awaited<ReturnType<typeof load>>, language: Language): StepContext => ({
    q: ctx.q,
    base: ctx.base,
    language,
    buurten: ctx.buurten,
    note: 'Interview: lees de vragen voor en vul de antwoorden in.',
    // The interviewer's way back, not the respondent's menu of the public link.
    menu: [{ href: ctx.base, label: 'Interviews' }],
  });

  /** The interview in progress, only if it is this interviewer's own and still open. */
  async function own(request: FastifyRequest, key: string) {
    const s = request.session.interview;
    if (!s || s.key !== key) return undefined;
    const r = await responses.openConcept(s.id, key);
    return r && r.interviewer_id === actorOf(requireUser(request)) ? { r, s } : undefined;
  }

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/interview',
    {
      ...schemaOptions({ params, querystring: pageQuery({ klaar: z.enum(['ja']).optional() }) }),
      config: { permission: 'survey:interview' },
    },
    async (request, reply) => {
      const { q, base } = await load(request.params);
      const current = await own(request, q.key);
      return html(
        reply,
        <Layout
          title={`Interview: ${textIn(q.title, 'nl')}`}
          breadcrumbs={[{ href: base.replace(/\/[^/]+\/interview$/, ''), label: 'Enquêtes' }]}
        >
          <h1 class="utrecht-heading-1">{`Interview: ${textIn(q.title, 'nl')}`}</h1>
          <SavedNotice
            text={
              request.query.klaar === 'ja'
                ? 'Het interview is opgeslagen. Het wacht nu op controle; u kunt het niet meer openen.'
                : undefined
            }
          />
          <p class="utrecht-paragraph">
            Begin voor elke bewoner een nieuw interview. U ziet alleen het interview dat u nu
            afneemt, niet eerdere. Elke wijziging wordt vastgelegd.
          </p>
          {current && (
            <p class="utrecht-paragraph">
              <a class="utrecht-link" href={`${base}/stap/1`}>
                Verder met het interview dat u nu afneemt
              </a>
            </p>
          )}
          <form method="post" action={`${base}/nieuw`} class="wk-stack">
            <CsrfField token={reply.generateCsrf()} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="taal">
                Taal van het interview
              </label>
              <select class="utrecht-select" id="taal" name="taal">
                {q.languages.map((l) => (
                  <option value={l}>{l === 'nl' ? 'Nederlands' : l === 'en' ? 'Engels' : l}</option>
                ))}
              </select>
            </div>
            <SubmitButton label="Nieuw interview beginnen" />
          </form>
        </Layout>,
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/interview/nieuw',
    { ...schemaOptions({ params: params }), config: { permission: 'survey:interview' } },
    async (request, reply) => {
      const { q, base } = await load(request.params);
      const raw = formBody(request).taal;
      const language =
        typeof raw === 'string' &&
        (LANGUAGES as readonly string[]).includes(raw) &&
        q.languages.includes(raw as Language)
          ? (raw as Language)
          : 'nl';
      const id = await responses.startConcept({
        questionnaire: q,
        channel: 'mondeling',
        language,
        secret: surveys.secret,
        interviewerId: actorOf(requireUser(request)),
      });
      request.session.interview = { key: q.key, id, language };
      return reply.redirect(`${base}/stap/1`, 303);
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/interview/stap/:stap',
    { ...schemaOptions({ params: stepParams }), config: { permission: 'survey:interview' } },
    async (request, reply) => {
      const ctx = await load(request.params);
      const { stap } = request.params;
      const current = await own(request, ctx.q.key);
      if (!current) return reply.redirect(ctx.base, 303);
      return stepPage(
        reply,
        stepContext(ctx, current.s.language),
        stap,
        await responses.readAnswers(current.r.id),
      );
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/interview/stap/:stap',
    { ...schemaOptions({ params: stepParams }), config: { permission: 'survey:interview' } },
    async (request, reply) => {
      const ctx = await load(request.params);
      const { stap } = request.params;
      const current = await own(request, ctx.q.key);
      if (!current) return reply.redirect(ctx.base, 303);
      return postStep(responses, request, reply, stepContext(ctx, current.s.language), {
        responseId: current.r.id,
        step: stap,
        logAs: actorOf(requireUser(request)),
      });
    },
  );

  app.get(
    '/werkruimte/:gemeente/enquetes/:key/interview/versturen',
    { ...schemaOptions({ params: params }), config: { permission: 'survey:interview' } },
    async (request, reply) => {
      const ctx = await load(request.params);
      const current = await own(request, ctx.q.key);
      if (!current) return reply.redirect(ctx.base, 303);
      return sendPage(responses, reply, stepContext(ctx, current.s.language), current.r.id);
    },
  );

  app.post(
    '/werkruimte/:gemeente/enquetes/:key/interview/versturen',
    { ...schemaOptions({ params: params }), config: { permission: 'survey:interview' } },
    async (request, reply) => {
      const ctx = await load(request.params);
      const current = await own(request, ctx.q.key);
      const key = formBody(request).sleutel;
      if (!current || typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        return reply.redirect(ctx.base, 303);
      }
      const sent = await responses.submitConcept({
        questionnaire: ctx.q,
        responseId: current.r.id,
        idempotencyKey: key,
        language: current.s.language,
      });
      if (sent.problems.length > 0) {
        return sendPage(responses, reply, stepContext(ctx, current.s.language), current.r.id, {
          idempotencyKey: key,
          problems: sent.problems.map((p) => p.message),
        });
      }
      request.session.interview = undefined;
      return reply.redirect(`${ctx.base}?klaar=ja`, 303);
    },
  );
}
