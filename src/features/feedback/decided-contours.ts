/**
 * What the Alliance decided for a focus area: the main themes of the programme with their
 * ambition, the date and the decision reference. The contours feature provides it; the feedback
 * page only reads it through this port (ADR 0035).
 */
export interface DecidedContourSet {
  themes: { name: string; ambition: string }[];
  /** The date of the decision (YYYY-MM-DD or ISO-8601). */
  decidedOn: string;
  /** The decision reference, e.g. "Alliantie 12 maart 2027, besluit 4". */
  reference: string;
}

export interface DecidedContours {
  /** The contours set for this focus area; null while nothing has been decided. */
  decided(focusAreaId: string): Promise<DecidedContourSet | null>;
}

/** The default until the contours feature is wired in: nothing decided. */
export const NOTHING_DECIDED: DecidedContours = {
  decided: async () => null,
};
