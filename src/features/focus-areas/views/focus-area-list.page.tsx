import { Layout } from '../../../views/layout.tsx';
import type { FocusArea } from '../focus-area.table.ts';

export function FocusAreaListPage(props: {
  municipalityCode: string;
  municipalityName: string;
  areas: FocusArea[];
}) {
  const code = props.municipalityCode;
  return (
    <Layout
      title={`Focusgebieden van ${props.municipalityName}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <h1 class="utrecht-heading-1">Focusgebieden van {props.municipalityName}</h1>
      {props.areas.length === 0 ? (
        <p class="utrecht-paragraph">Deze gemeente heeft nog geen focusgebied.</p>
      ) : (
        <ul class="utrecht-unordered-list">
          {props.areas.map((a) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`/werkruimte/${code}/focusgebieden/${a.slug}`}>
                {a.name}
              </a>
              {a.composition_status === 'onbekend' && (
                <span class="wk-muted"> (buurten nog niet vastgelegd)</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Layout>
  );
}
