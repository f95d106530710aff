export function codingBase(gemeente: string, slug: string): string {
  return `/werkruimte/${gemeente}/coderen/${slug}`;
}

export function ErrorList(props: { errors: Record<string, string> }) {
  const entries = Object.entries(props.errors);
  if (entries.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error" role="alert" id="foutoverzicht">
      <div class="utrecht-alert__content">
        <h2 class="utrecht-heading-2">Er is een probleem</h2>
        <ul class="utrecht-unordered-list">
          {entries.map(([name, message]) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`#veld-${name}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
