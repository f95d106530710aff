import { Layout } from '../../../views/layout.tsx';
import type { FocusAreaRef } from '../budget.service.ts';

/** The programme's money per focus area of a municipality: where to go. */
export function ProgrammePage(props: { municipalityCode: string; areas: FocusAreaRef[] }) {
  const code = props.municipalityCode;
  return (
    <Layout
      title="Programma: begroting en subsidies"
      description="Begroting, programmabureau en subsidieaanvragen per focusgebied."
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: `/werkruimte/${code}/programma`, label: 'Programma', current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Begroting en subsidies</h1>
      {props.areas.length === 0 && (
        <p class="utrecht-paragraph">Deze gemeente heeft nog geen focusgebied.</p>
      )}
      <ul class="utrecht-unordered-list">
        {props.areas.map((a) => (
          <li class="utrecht-unordered-list__item">
            {a.name}:{' '}
            <a class="utrecht-link" href={`/werkruimte/${code}/begroting/${a.slug}`}>
              begroting en programmabureau
            </a>
            ,{' '}
            <a class="utrecht-link" href={`/werkruimte/${code}/subsidies/${a.slug}`}>
              subsidieaanvragen
            </a>
          </li>
        ))}
      </ul>
      <p class="utrecht-paragraph">
        <a class="utrecht-link" href={`/werkruimte/${code}/projecten`}>
          Projecten per thema, ook van andere focusgebieden
        </a>
      </p>
    </Layout>
  );
}
