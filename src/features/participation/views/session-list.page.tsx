import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import { formatSessionTime } from '../amsterdam-time.ts';
import type { ThemeRef } from '../input-xlsx.ts';
import { AUDIENCE_LABELS } from '../participation.forms.ts';
import type { SessionWithThemes } from '../participation.service.ts';
import type { FocusAreaRef } from '../participation.service.ts';
import { Notice } from '../../../views/components/form.tsx';
import { STATUS_LABELS, sessionsBase, themeNames } from './labels.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

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
            <Table>
              <TableCaption>Alle bijeenkomsten, nieuwste eerst</TableCaption>
              <THead>
                <Tr>
                  {['Bijeenkomst', 'Wanneer', 'Gebied', 'Thema’s', 'Voor wie', 'Status'].map(
                    (h) => (
                      <Th scope="col">{h}</Th>
                    ),
                  )}
                </Tr>
              </THead>
              <TBody>
                {props.sessions.map((s) => (
                  <Tr>
                    <Td>
                      <a class="utrecht-link" href={`${base}/${s.id}`}>
                        {s.title}
                      </a>
                    </Td>
                    <Td>{formatSessionTime(s.starts_at, s.ends_at)}</Td>
                    <Td>{areaName.get(s.focus_area_slug) ?? s.focus_area_slug}</Td>
                    <Td>{themeNames(props.themes, s.themes)}</Td>
                    <Td>
                      {AUDIENCE_LABELS[s.audience]}
                      {s.is_public === 1 ? ', openbaar' : ', besloten'}
                    </Td>
                    <Td>{STATUS_LABELS[s.status]}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </div>
    </Layout>
  );
}
