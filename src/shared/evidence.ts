/**
 * A reference to one piece of evidence behind a statement in the programme: a monitor figure, a
 * survey result, a session input or a code from the codebook. The theme card (themakaart) gives
 * each item it shows an anchor made from its reference, and the contours proposal and the council
 * letter store references in this form, so "every statement links to its evidence" (issue 14).
 *
 * Text form: `<kind>:<id>`, e.g. `indicator:bevolkingsdichtheid`, `survey:12:q7`,
 * `professionals:3:q2`, `input:41`, `code:veiligheid.overlast`.
 */
export const EVIDENCE_KINDS = ['indicator', 'survey', 'professionals', 'input', 'code'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export interface EvidenceRef {
  readonly kind: EvidenceKind;
  /** The identifier within its kind; never empty, no whitespace. */
  readonly id: string;
}

/** Dutch names of the four sources of the synthesis (the monitor, the survey, professionals, sessions). */
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  indicator: 'Monitor (cijfers)',
  survey: 'Bewonersenquête',
  professionals: 'Vragenlijst professionals',
  input: 'Kennissessie',
  code: 'Gecodeerde open antwoorden',
};

export function formatEvidenceRef(ref: EvidenceRef): string {
  return `${ref.kind}:${ref.id}`;
}

/** Parses the text form; null when it is not a valid reference (the caller says where). */
export function parseEvidenceRef(text: string): EvidenceRef | null {
  const at = text.indexOf(':');
  if (at <= 0) return null;
  const kind = text.slice(0, at);
  const id = text.slice(at + 1);
  if (!(EVIDENCE_KINDS as readonly string[]).includes(kind)) return null;
  if (id === '' || /\s/.test(id)) return null;
  return { kind: kind as EvidenceKind, id };
}

/** The HTML id of an item on the theme card, so `themakaart#<anchor>` links to it. */
export function evidenceAnchor(ref: EvidenceRef): string {
  return `bewijs-${ref.kind}-${ref.id.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
