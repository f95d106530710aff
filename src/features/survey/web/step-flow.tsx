import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ResponseService } from '../responses/responses.facade.ts';
import { formBody, html } from '../../../shared/http.ts';
import { isAsked, variablesOf, type Answers } from '../definition/answers.ts';
import type { Language, Questionnaire } from '../definition/questionnaire.schema.ts';
import { newIdempotencyKey } from '../responses/response.service.ts';
import { askedGroups } from './session-response.service.ts';
import { readGroupForm, SHOWN_FIELD, type FormBody } from './web-form.ts';
import { SurveyGroupPage } from './views/survey-group.page.tsx';
import { SurveySendPage } from './views/survey-send.page.tsx';

/**
 * The page-by-page flow both the web respondent and the interviewer walk: show a group, save it,
 * go to the next group the routing asks, then the send page. Where the concept lives (the
 * visitor's or the interviewer's session) and who is logged as changing it stay with the routes.
 */
/** The part of the response service the flow uses. */
export type StepResponses = Pick<ResponseService, 'readAnswers' | 'saveGroup'>;

export interface StepContext {
  q: Questionnaire;
  /** Where `/stap/:n` and `/versturen` live for this channel. */
  base: string;
  language: Language;
  buurten: readonly { code: string; name: string }[];
  /** Shown above the questions, e.g. for the interviewer. */
  note?: string | undefined;
  /** The resume code, shown once on the first page. */
  resumeCode?: string | undefined;
  /** The page menu instead of the respondent's (the interviewer's way back). */
  menu?: { href: string; label: string }[] | undefined;
}

/** The first problem per variable, for the error summary and beside each question. */
export function errorMap(problems: readonly { variable: string; message: string }[]) {
  const out: Record<string, string> = {};
  for (const p of problems) out[p.variable] ??= p.message;
  return out;
}

export function stepPage(
  reply: FastifyReply,
  ctx: StepContext,
  step: number,
  answers: Answers,
  errors: Record<string, string> = {},
  status = 200,
  /** Follow-up questions that an answer on this page just brought in (shown with a notice). */
  added: readonly string[] = [],
) {
  const groups = askedGroups(ctx.q, answers);
  const group = groups[step - 1];
  if (!group) return reply.redirect(`${ctx.base}/versturen`, 303);
  // Asked on the answers as they stand on this page, saved or just posted (issue 12).
  const asked = group.questions.filter((question) => isAsked(group, question, answers));
  return html(
    reply,
    <SurveyGroupPage
      q={ctx.q}
      language={ctx.language}
      csrf={reply.generateCsrf()}
      action={`${ctx.base}/stap/${step}`}
      previous={step > 1 ? `${ctx.base}/stap/${step - 1}` : undefined}
      group={group}
      step={step}
      steps={groups.length + 1}
      asked={(question) => asked.includes(question)}
      shown={asked.map((question) => question.name)}
      added={added}
      answers={answers}
      errors={errors}
      buurten={ctx.buurten}
      resumeCode={step === 1 ? ctx.resumeCode : undefined}
      note={ctx.note}
      menu={ctx.menu}
    />,
    status,
  );
}

/** Saves the posted group; the page again with errors, or a redirect to the next asked group. */
export async function postStep(
  responses: StepResponses,
  request: FastifyRequest,
  reply: FastifyReply,
  ctx: StepContext,
  input: { responseId: string; step: number; logAs?: string },
) {
  const before = await responses.readAnswers(input.responseId);
  const group = askedGroups(ctx.q, before)[input.step - 1];
  if (!group) return reply.redirect(`${ctx.base}/versturen`, 303);
  const body = formBody(request) as FormBody;
  const given = readGroupForm(group, body);
  // A follow-up on this page that the posted answers bring in (Ja to "voelt u zich onveilig?")
  // and that the respondent has not seen: the same page again, with it, before anything is
  // saved. Without JavaScript this is the way to ask it in the same visit (ADR 0016).
  const merged = { ...before, ...given };
  const shown = shownQuestions(body) ?? group.questions.filter((x) => isAsked(group, x, before));
  const added = group.questions.filter(
    (x) =>
      isAsked(group, x, merged) &&
      !shown.some((s) => (typeof s === 'string' ? s : s.name) === x.name) &&
      variablesOf(x).every((v) => given[v] === undefined),
  );
  if (added.length > 0) {
    return stepPage(
      reply,
      ctx,
      input.step,
      merged,
      {},
      200,
      added.map((x) => x.name),
    );
  }
  const saved = await responses.saveGroup({
    questionnaire: ctx.q,
    responseId: input.responseId,
    group,
    given,
    language: ctx.language,
    ...(input.logAs ? { logAs: input.logAs } : {}),
  });
  if (saved.problems.length > 0) {
    return stepPage(reply, ctx, input.step, { ...before, ...given }, errorMap(saved.problems), 400);
  }
  // The next group is counted on the new answers: the routing may have changed.
  const groups = askedGroups(ctx.q, saved.answers);
  const next = groups.findIndex((g) => g.name === group.name) + 2;
  return reply.redirect(
    next <= groups.length ? `${ctx.base}/stap/${next}` : `${ctx.base}/versturen`,
    303,
  );
}

/** The question names the posted page showed (a hidden field), when it says so. */
function shownQuestions(body: FormBody): string[] | undefined {
  const raw = body[SHOWN_FIELD];
  if (typeof raw !== 'string') return undefined;
  return raw.split(' ').filter((n) => /^[a-z][a-z0-9_]{0,31}$/.test(n));
}

/** The send page, with a fresh idempotency key (or the posted one when showing problems). */
export async function sendPage(
  responses: StepResponses,
  reply: FastifyReply,
  ctx: StepContext,
  responseId: string,
  shown: { idempotencyKey?: string; problems?: string[] } = {},
) {
  const answers = await responses.readAnswers(responseId);
  const problems = shown.problems ?? [];
  return html(
    reply,
    <SurveySendPage
      q={ctx.q}
      language={ctx.language}
      csrf={reply.generateCsrf()}
      action={`${ctx.base}/versturen`}
      previous={`${ctx.base}/stap/${Math.max(1, askedGroups(ctx.q, answers).length)}`}
      idempotencyKey={shown.idempotencyKey ?? newIdempotencyKey()}
      problems={problems}
      menu={ctx.menu}
    />,
    problems.length > 0 ? 400 : 200,
  );
}
