import type { ResolvedEvidence } from '../contours.service.ts';

export function contoursBase(gemeente: string, slug: string): string {
  return `/werkruimte/${gemeente}/contouren/${slug}`;
}

/** "2026-12-04T20:15:00.000Z" → "2026-12-04 20:15 (UTC)". */
export function when(iso: string | null): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} (UTC)` : '';
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
