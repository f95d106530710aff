import { createHash } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter, FocusAreaRef } from '../participation/index.ts';
import type { DecidedContours, DecidedContourSet } from './decided-contours.ts';
import type { FeedbackRepository } from './feedback.repository.ts';
import { QUOTE_DECISIONS, type FeedbackQuoteReview, type QuoteDecision } from './feedback.table.ts';

/** The public methods of the repository: what the service uses, and what a fake implements. */
export type FeedbackStore = { [K in keyof FeedbackRepository]: FeedbackRepository[K] };

export type FeedbackTransactor = <T>(
  work: (scope: { repository: FeedbackStore; audit: AuditWriter }) => Promise<T>,
) => Promise<T>;

/** Where a counted or quoted item comes from (the coding sources). */
export type FeedbackSource = 'enquete' | 'professionals' | 'bijeenkomst';
export const FEEDBACK_SOURCES: readonly FeedbackSource[] = [
  'enquete',
  'professionals',
  'bijeenkomst',
];

/** What the feedback page needs from coding: counts of coded items and quotable texts. */
export interface CodedInput {
  themeCounts(slug: string): Promise<{ source: string; theme_key: string; items: number }[]>;
  quoteCandidates(
    slug: string,
  ): Promise<{ source: string; id: string; text: string; theme_key: string }[]>;
}

/** An upcoming public session of the focus area (from participation). */
export interface UpcomingSession {
  title: string;
  starts_at: string;
  ends_at: string;
  location: string;
  cancelled: boolean;
}

export interface FeedbackDeps {
  repository: FeedbackStore;
  transaction: FeedbackTransactor;
  coded: CodedInput;
  decided: DecidedContours;
  upcoming: (slug: string) => Promise<UpcomingSession[]>;
  themes: () => Promise<{ key: string; name: string }[]>;
  focusAreas: { find(slug: string): Promise<FocusAreaRef | null> };
  now: () => Date;
}

export interface ThemeTally {
  key: string;
  name: string;
  /** Coded items per source. */
  counts: Record<FeedbackSource, number>;
  total: number;
}

export interface PublicQuote {
  source: FeedbackSource;
  text: string;
}

export interface FeedbackPage {
  focusArea: FocusAreaRef;
  /** Themes with at least one coded item, most first (ties by the catalogue's order). */
  themes: ThemeTally[];
  /** Approved quotes whose text is still the text that was approved. */
  quotes: PublicQuote[];
  decided: DecidedContourSet | null;
  upcoming: UpcomingSession[];
}

export interface QuoteCandidate {
  source: FeedbackSource;
  id: string;
  text: string;
  decision: QuoteDecision | null;
  /** The text changed after the decision: it needs a new review before it can be shown. */
  changed: boolean;
}

export interface QuoteReviewPage {
  focusArea: FocusAreaRef;
  candidates: QuoteCandidate[];
}

export interface FeedbackActor {
  id: string;
  audit: string;
}

export type FormBody = Record<string, unknown>;
export type ReviewResult = { ok: true } | { ok: false; errors: Record<string, string> };

export function textHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isSource(value: string): value is FeedbackSource {
  return (FEEDBACK_SOURCES as readonly string[]).includes(value);
}

/**
 * The public account "Wat we met uw inbreng deden" (ADR 0035): coded counts per theme and source,
 * reviewed quotes only, the decided contours (through a port) and the upcoming sessions; and the
 * programme bureau's review of quotes, audited.
 */
export class FeedbackService {
  constructor(private readonly deps: FeedbackDeps) {}

  private async publicArea(slug: string): Promise<FocusAreaRef> {
    const area = await this.deps.focusAreas.find(slug);
    if (!area) throw new NotFoundError(`Focusgebied "${slug}" bestaat niet.`);
    return area;
  }

  private async area(gemeente: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.deps.focusAreas.find(slug);
    if (!area || area.municipalityCode !== gemeente)
      throw new NotFoundError('Dit gebied bestaat niet.');
    return area;
  }

  /** The public page's content; only approved quotes whose text is still the approved text. */
  async page(slug: string): Promise<FeedbackPage> {
    const focusArea = await this.publicArea(slug);
    const themes = await this.deps.themes();
    const counts = await this.deps.coded.themeCounts(slug);
    const tallies: ThemeTally[] = themes.map((t) => {
      const per: Record<FeedbackSource, number> = { enquete: 0, professionals: 0, bijeenkomst: 0 };
      for (const c of counts)
        if (c.theme_key === t.key && isSource(c.source)) per[c.source] += c.items;
      return {
        key: t.key,
        name: t.name,
        counts: per,
        total: per.enquete + per.professionals + per.bijeenkomst,
      };
    });
    const order = new Map(themes.map((t, i) => [t.key, i]));
    const approved = new Map(
      (await this.deps.repository.listReviews(slug))
        .filter((r) => r.decision === 'goedgekeurd')
        .map((r) => [`${r.source}\u0000${r.item_id}`, r.text_hash]),
    );
    const quotes = approved.size
      ? (await this.deps.coded.quoteCandidates(slug))
          .filter(
            (c) =>
              isSource(c.source) && approved.get(`${c.source}\u0000${c.id}`) === textHash(c.text),
          )
          .map((c) => ({ source: c.source as FeedbackSource, text: c.text }))
      : [];
    return {
      focusArea,
      themes: tallies
        .filter((t) => t.total > 0)
        .sort((a, b) => b.total - a.total || (order.get(a.key) ?? 0) - (order.get(b.key) ?? 0)),
      quotes,
      decided: await this.deps.decided.decided(slug),
      upcoming: await this.deps.upcoming(slug),
    };
  }

  /** The quotes the sources allowed, with the decision on each (workspace). */
  async reviewPage(gemeente: string, slug: string): Promise<QuoteReviewPage> {
    const focusArea = await this.area(gemeente, slug);
    const reviews = new Map(
      (await this.deps.repository.listReviews(slug)).map((r) => [
        `${r.source}\u0000${r.item_id}`,
        r,
      ]),
    );
    const candidates = (await this.deps.coded.quoteCandidates(slug))
      .filter((c) => isSource(c.source))
      .map((c) => {
        const review = reviews.get(`${c.source}\u0000${c.id}`);
        return {
          source: c.source as FeedbackSource,
          id: c.id,
          text: c.text,
          decision: review?.decision ?? null,
          changed: review !== undefined && review.text_hash !== textHash(c.text),
        };
      });
    return { focusArea, candidates };
  }

  /** Approves or rejects one quote; audited without the text (respondent data stays out). */
  async review(
    gemeente: string,
    slug: string,
    actor: FeedbackActor,
    body: FormBody,
  ): Promise<ReviewResult> {
    const focusArea = await this.area(gemeente, slug);
    const source = typeof body['bron'] === 'string' ? body['bron'] : '';
    const itemId = typeof body['item'] === 'string' ? body['item'] : '';
    const decision = typeof body['besluit'] === 'string' ? body['besluit'] : '';
    const candidate = (await this.deps.coded.quoteCandidates(slug)).find(
      (c) => c.source === source && c.id === itemId,
    );
    // An item whose source did not allow quoting is not offered, so it cannot be approved.
    if (!candidate || !isSource(source)) throw new NotFoundError('Dit citaat bestaat niet.');
    if (!(QUOTE_DECISIONS as readonly string[]).includes(decision)) {
      return { ok: false, errors: { besluit: 'Besluit: kies goedkeuren of afwijzen.' } };
    }
    const row: FeedbackQuoteReview = {
      focus_area_slug: slug,
      source,
      item_id: itemId,
      decision: decision as QuoteDecision,
      text_hash: textHash(candidate.text),
      reviewed_by: actor.id,
      reviewed_at: this.deps.now().toISOString(),
    };
    await this.deps.transaction(async ({ repository, audit }) => {
      const before = await repository.findReview(source, itemId);
      await repository.saveReview(row);
      await audit.record({
        actor: actor.audit,
        action: decision === 'goedgekeurd' ? 'citaat.goedgekeurd' : 'citaat.afgewezen',
        entity: 'citaat',
        entityId: `${source}:${itemId}`,
        municipalityCode: focusArea.municipalityCode,
        before: before ? { besluit: before.decision } : null,
        after: { besluit: decision, tekst_sha256: row.text_hash },
      });
    });
    return { ok: true };
  }
}
