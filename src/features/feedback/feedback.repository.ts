import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FeedbackQuoteReview } from './feedback.table.ts';

/** Every query of the feedback feature (ADR 0035). Built on a database or a transaction. */
export class FeedbackRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The quote reviews of a focus area. */
  async listReviews(slug: string): Promise<FeedbackQuoteReview[]> {
    return this.db
      .selectFrom('feedback_quote_reviews')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('source')
      .orderBy('item_id')
      .execute();
  }

  async findReview(source: string, itemId: string): Promise<FeedbackQuoteReview | null> {
    const row = await this.db
      .selectFrom('feedback_quote_reviews')
      .selectAll()
      .where('source', '=', source)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    return row ?? null;
  }

  /** Records (or replaces) the decision on one quote. */
  async saveReview(row: FeedbackQuoteReview): Promise<void> {
    await this.db
      .insertInto('feedback_quote_reviews')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['source', 'item_id']).doUpdateSet({
          decision: row.decision,
          text_hash: row.text_hash,
          reviewed_by: row.reviewed_by,
          reviewed_at: row.reviewed_at,
        }),
      )
      .execute();
  }
}
