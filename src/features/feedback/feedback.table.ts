import type { Selectable } from 'kysely';

export const QUOTE_DECISIONS = ['goedgekeurd', 'afgewezen'] as const;
export type QuoteDecision = (typeof QUOTE_DECISIONS)[number];

/** The programme bureau's decision on one quote (ADR 0035). */
export interface FeedbackQuoteReviewTable {
  focus_area_slug: string;
  /** A coding source: `bijeenkomst`, `enquete` or `professionals`. */
  source: string;
  item_id: string;
  decision: QuoteDecision;
  /** sha256 (hex) of the text as it was reviewed; another text is not approved. */
  text_hash: string;
  reviewed_by: string;
  reviewed_at: string;
}
export type FeedbackQuoteReview = Selectable<FeedbackQuoteReviewTable>;
