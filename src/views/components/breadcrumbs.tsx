/**
 * The trail above a page. Mark the crumb that is this page itself with `current` (it gets
 * aria-current="page"); some trails end at the parent page, so this is not assumed.
 */
export interface Breadcrumb {
  href: string;
  label: string;
  current?: boolean;
}

/** The trail as a named navigation landmark with an ordered list; nothing when it is empty. */
export function Breadcrumbs(props: { items: readonly Breadcrumb[] }) {
  if (props.items.length === 0) return null;
  return (
    <nav aria-label="Kruimelpad" class="wk-container wk-breadcrumbs">
      <ol>
        {props.items.map((b) => (
          <li>
            <a class="utrecht-link" href={b.href} aria-current={b.current ? 'page' : undefined}>
              {b.label}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
