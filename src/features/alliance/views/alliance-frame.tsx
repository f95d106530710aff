import type { ComponentChildren } from 'preact';
import { Layout } from '../../../views/layout.tsx';
import type { FocusAreaRef } from '../alliance.types.ts';

export type AllianceTab = 'register' | 'vergaderingen' | 'besluiten' | 'acties' | 'afspraken';

const TABS: readonly { key: AllianceTab; path: string; label: string }[] = [
  { key: 'register', path: '', label: 'Leden' },
  { key: 'vergaderingen', path: '/vergaderingen', label: 'Vergaderingen' },
  { key: 'besluiten', path: '/besluiten', label: 'Besluitenlijst' },
  { key: 'acties', path: '/acties', label: 'Acties' },
  { key: 'afspraken', path: '/afspraken', label: 'Afspraken met het Rijk' },
];

export function allianceBase(area: FocusAreaRef): string {
  return `/werkruimte/${area.municipalityCode}/alliantie/${area.slug}`;
}

/** The workspace frame of every Alliance page: breadcrumbs, title and the section links. */
export function AllianceFrame(props: {
  area: FocusAreaRef;
  tab: AllianceTab;
  title: string;
  children: ComponentChildren;
}) {
  const base = allianceBase(props.area);
  return (
    <Layout
      title={`${props.title} · Alliantie ${props.area.name}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Alliantie ${props.area.name}` },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">
          {props.title} <span class="wk-muted">· Alliantie {props.area.name}</span>
        </h1>
        <nav aria-label="Onderdelen van de Alliantie">
          <ul class="utrecht-unordered-list">
            {TABS.map((t) => (
              <li class="utrecht-unordered-list__item">
                <a
                  class="utrecht-link"
                  href={`${base}${t.path}`}
                  aria-current={t.key === props.tab ? 'page' : undefined}
                >
                  {t.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {props.children}
      </div>
    </Layout>
  );
}
