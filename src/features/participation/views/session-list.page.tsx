import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import { formatSessionTime } from '../amsterdam-time.ts';
import type { ThemeRef } from '../input-xlsx.ts';
import { AUDIENCE_LABELS } from '../participation.forms.ts';
import type { SessionWithThemes } from '../participation.service.ts';
import type { FocusAreaRef } from '../participation.service.ts';
import { Notice } from '../../../views/components/form.tsx';
import { STATUS_LABELS, sessionsBase, themeNames } from './labels.ts';

export function SessionListPage(props: {
  municipalityCode: string;
  sessions: SessionWithThemes[];
  focusAreas: FocusAreaRef[];
  themes: ThemeRef[];
  canPlan: boolean;
  notice?: string | undefined;
}) {
  const base = sessionsBase(props.municipalityCode);
  const areaName = new Map(props.focusAreas.map((a) => [a.slug, a.name]));
  return (
    <Layout
      title={`Bijeenkomsten ${props.municipalityCode}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Kennissessies en bijeenkomsten</h1>
        <Notice text={props.notice} />
        <p class="utrecht-paragraph wk-lead">
          Hier plant u bijeenkomsten over de thema’s van het programma en legt u vast wie er waren
          en wat er is gezegd.
        </p>
        {props.canPlan && (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${base}/nieuw`}>
              Nieuwe bijeenkomst plannen
            </a>
          </p>
        )}
        {props.sessions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen bijeenkomsten.</p>
        ) : (
          <div {...tableScroll('Alle bijeenkomsten, nieuwste eerst')}>
            <table class="utrecht-table">
              <caption class="utrecht-table__caption">Alle bijeenkomsten, nieuwste eerst</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  {['Bijeenkomst', 'Wanneer', 'Gebied', 'Thema’s', 'Voor wie', 'Status'].map(
                    (h) => (
                      <th class="utrecht-table__header-cell" scope="col">
                        {h}
                      </th>
                    ),
                  )}
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {props.sessions.map((s) => (
                  <tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">
                      <a class="utrecht-link" href={`${base}/${s.id}`}>
                        {s.title}
                      </a>
                    </td>
                    <td class="utrecht-table__cell">{formatSessionTime(s.starts_at, s.ends_at)}</td>
                    <td class="utrecht-table__cell">
                      {areaName.get(s.focus_area_slug) ?? s.focus_area_slug}
                    </td>
                    <td class="utrecht-table__cell">{themeNames(props.themes, s.themes)}</td>
                    <td class="utrecht-table__cell">
                      {AUDIENCE_LABELS[s.audience]}
                      {s.is_public === 1 ? ', openbaar' : ', besloten'}
                    </td>
                    <td class="utrecht-table__cell">{STATUS_LABELS[s.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </Layout>
  );
}
