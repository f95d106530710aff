import { Layout } from '../../../views/layout.tsx';
import type { FocusArea } from '../../focus-areas/index.ts';
import type { Catalogue } from '../../indicators/index.ts';
import type { StoredTarget } from '../target.types.ts';
import {
  actorName,
  formatDateTime,
  SavedNotice,
} from '../../../views/components/form-controls.tsx';
import { describeTarget } from './targets-parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

export function TargetListPage(props: {
  municipalityCode: string;
  area: FocusArea;
  catalogue: Catalogue;
  targets: StoredTarget[];
  saved?: string | undefined;
}) {
  const { area, catalogue } = props;
  const byKey = new Map(props.targets.map((t) => [t.indicatorKey, t]));
  const base = `/werkruimte/${props.municipalityCode}/doelen/${area.slug}`;
  return (
    <Layout
      title={`Doelen van ${area.name}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Doelen van {area.name}</h1>
        <SavedNotice text={props.saved} />
        <p class="utrecht-paragraph wk-lead">
          Per indicator één doel: waar wil het programma naartoe, en wanneer. Doelen die
          &quot;voorbeeld&quot; heten, zijn nog niet vastgesteld door de Alliantie.
        </p>
        {catalogue.themes.map((theme) => {
          const items = catalogue.indicators.filter((i) => i.theme === theme.key);
          if (items.length === 0) return null;
          return (
            <TableScroll label={theme.name}>
              <Table>
                <TableCaption>{theme.name}</TableCaption>
                <THead>
                  <Tr>
                    <Th scope="col">Indicator</Th>
                    <Th scope="col">Doel</Th>
                    <Th scope="col">Nulmeting en doeljaar</Th>
                    <Th scope="col">Laatst gewijzigd</Th>
                  </Tr>
                </THead>
                <TBody>
                  {items.map((i) => {
                    const t = byKey.get(i.key);
                    return (
                      <Tr data-indicator={i.key}>
                        <Th scope="row">
                          <a class="utrecht-link" href={`${base}/${i.key}`}>
                            {i.name}
                          </a>
                        </Th>
                        <Td>
                          {t ? (
                            <>
                              {describeTarget(t, i.unit)}
                              {t.isExample ? ' (voorbeeld)' : ''}
                            </>
                          ) : (
                            <span class="wk-muted">geen doel</span>
                          )}
                        </Td>
                        <Td>{t ? `${t.baselinePeriod} → ${t.targetYear}` : ''}</Td>
                        <Td>
                          {t ? `${formatDateTime(t.updatedAt)}, ${actorName(t.updatedBy)}` : ''}
                        </Td>
                      </Tr>
                    );
                  })}
                </TBody>
              </Table>
            </TableScroll>
          );
        })}
      </div>
    </Layout>
  );
}
