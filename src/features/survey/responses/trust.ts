import type { Questionnaire, ResponseSource } from '../definition/questionnaire.schema.ts';
import { COUNTED_STATUSES, type ResponseStatus } from './response.table.ts';

/**
 * The trust rule, in one place (issue 11, ADR 0016): a response feeds a published estimate only
 * when it came in through a way its questionnaire trusts (`trustedSources`), and
 * - with an invitation code: once sent;
 * - by interviewer, on paper or through the open link: once a reviewer approved it.
 * Anything else (an anonymous JSON post, an open-link response nobody reviewed) stays out of the
 * public figures, however many there are.
 */
export function feedsPublishedEstimate(
  q: Pick<Questionnaire, 'trustedSources'>,
  r: { source: ResponseSource; status: ResponseStatus },
): boolean {
  if (!q.trustedSources.includes(r.source)) return false;
  if (r.source === 'uitnodiging') return COUNTED_STATUSES.includes(r.status);
  return r.status === 'goedgekeurd';
}

/** The status of a response that waits for a reviewer (interviewer, paper, trusted open link). */
export const AWAITING_REVIEW = 'te_controleren' satisfies ResponseStatus;

/** Whether a reviewer may still approve or reject this response. */
export function awaitsReview(r: { status: ResponseStatus }): boolean {
  return r.status === AWAITING_REVIEW;
}

/**
 * The status a sent response starts in. A response whose way in needs review to count waits
 * for it: interviewer and paper always, the open link when the questionnaire trusts it after
 * review. A code response, or an open-link one that will never be published, is `ingediend`.
 */
export function statusWhenSent(
  q: Pick<Questionnaire, 'trustedSources'>,
  source: ResponseSource,
): ResponseStatus {
  if (source === 'interviewer' || source === 'papier') return AWAITING_REVIEW;
  if (source === 'open_link' && q.trustedSources.includes('open_link')) return AWAITING_REVIEW;
  return 'ingediend';
}

/** The way in of a response from its channel and whether a valid invitation code came with it. */
export function sourceOf(channel: 'web' | 'mondeling' | 'schriftelijk', withCode: boolean) {
  if (channel === 'mondeling') return 'interviewer' as const;
  if (channel === 'schriftelijk') return 'papier' as const;
  return withCode ? ('uitnodiging' as const) : ('open_link' as const);
}
