/**
 * Links to the same content as files (CSV, JSON, PDF, Word…). One markup for every page, so a
 * reader finds the downloads the same way everywhere and a test or script can find them by
 * `data-downloads`.
 */
export interface DownloadLink {
  href: string;
  label: string;
}

/**
 * The links of a page served in several formats by `?formaat=`: `href` may already carry a
 * query, the format is added with `?` or `&`.
 */
export function formatLinks(
  href: string,
  formats: readonly { format: string; label: string }[],
): DownloadLink[] {
  const sep = href.includes('?') ? '&' : '?';
  return formats.map((f) => ({
    href: `${href}${sep}formaat=${encodeURIComponent(f.format)}`,
    label: f.label,
  }));
}

/**
 * Inline (default): one sentence, "Download deze cijfers: CSV, JSON." List: one link per item,
 * for longer labels. Nothing when there are no links.
 */
export function DownloadLinks(props: {
  links: readonly DownloadLink[];
  /** The start of the sentence, e.g. "Download deze cijfers:" (inline only). */
  intro?: string;
  list?: boolean;
}) {
  if (props.links.length === 0) return null;
  if (props.list) {
    return (
      <ul class="utrecht-unordered-list" data-downloads>
        {props.links.map((l) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={l.href}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <p class="utrecht-paragraph" data-downloads>
      {props.intro ? `${props.intro} ` : ''}
      {props.links.map((l, i) => (
        <>
          {i > 0 && ', '}
          <a class="utrecht-link" href={l.href}>
            {l.label}
          </a>
        </>
      ))}
      .
    </p>
  );
}

/** The formats every DataTable download serves (src/shared/downloads). */
export const TABLE_FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'csv-excel', label: 'CSV voor Nederlandse Excel' },
  { format: 'json', label: 'JSON' },
] as const;
