import type { ResolvedEvidence } from '../contours.service.ts';

export function contoursBase(gemeente: string, slug: string): string {
  return `/werkruimte/${gemeente}/contouren/${slug}`;
}

const WHEN = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** "2026-12-04T20:15:00.000Z" → "4 december 2026 om 21:15" (Dutch time, as people read it). */
export function when(iso: string | null): string {
  return iso ? WHEN.format(new Date(iso)) : '';
}

/** The evidence of one item: each a link to its place on the theme card. */
export function EvidenceList(props: {
  refs: readonly string[];
  evidence: Map<string, ResolvedEvidence>;
}) {
  if (props.refs.length === 0)
    return <p class="utrecht-paragraph wk-muted">Nog geen onderbouwing gekozen.</p>;
  return (
    <ul class="utrecht-unordered-list" aria-label="Onderbouwing">
      {props.refs.map((ref) => {
        const e = props.evidence.get(ref);
        const text = `${e?.source ?? 'Onbekend'}: ${e?.label ?? ref}`;
        return (
          <li class="utrecht-unordered-list__item" data-evidence={ref}>
            {e?.href ? (
              <a class="utrecht-link" href={e.href}>
                {text}
              </a>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}
