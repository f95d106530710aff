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
            <div class="wk-table-scroll">
              <table class="utrecht-table">
                <caption class="utrecht-table__caption">{theme.name}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Indicator
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Doel
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Nulmeting en doeljaar
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Laatst gewijzigd
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {items.map((i) => {
                    const t = byKey.get(i.key);
                    return (
                      <tr class="utrecht-table__row" data-indicator={i.key}>
                        <th class="utrecht-table__header-cell" scope="row">
                          <a class="utrecht-link" href={`${base}/${i.key}`}>
                            {i.name}
                          </a>
                        </th>
                        <td class="utrecht-table__cell">
                          {t ? (
                            <>
                              {describeTarget(t, i.unit)}
                              {t.isExample ? ' (voorbeeld)' : ''}
                            </>
                          ) : (
                            <span class="wk-muted">geen doel</span>
                          )}
                        </td>
                        <td class="utrecht-table__cell">
                          {t ? `${t.baselinePeriod} → ${t.targetYear}` : ''}
                        </td>
                        <td class="utrecht-table__cell">
                          {t ? `${formatDateTime(t.updatedAt)}, ${actorName(t.updatedBy)}` : ''}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          );
        })}
      </div>
    </Layout>
  );
}
