import { Layout } from '../../../views/layout.tsx';
import type { Catalogue } from '../catalogue.schema.ts';
import type { CatalogueVersionInfo } from '../catalogue.store.ts';
import { POLARITY_LABEL } from '../catalogue-editing.service.ts';
import { actorName, formatDateTime } from '../../../views/components/form-controls.tsx';
import { crumbs } from './catalogue-parts.tsx';
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

export function CatalogueListPage(props: {
  catalogue: Catalogue;
  versions: CatalogueVersionInfo[];
  /** The national role changes the catalogue; a municipality proposes a change. */
  canEdit: boolean;
  openProposals: number;
}) {
  const { catalogue } = props;
  return (
    <Layout title="Indicatorcatalogus" breadcrumbs={crumbs}>
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Indicatorcatalogus</h1>
        <p class="utrecht-paragraph wk-lead">
          {props.versions[0]
            ? `In gebruik: versie ${props.versions[0].version} van ${formatDateTime(props.versions[0].createdAt)}.`
            : 'In gebruik: de catalogus zoals hij is meegeleverd. Er is nog niets gewijzigd.'}{' '}
          Elke wijziging wordt een nieuwe versie. De catalogus geldt voor alle gemeenten.
        </p>
        {props.canEdit ? (
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href="/werkruimte/catalogus/voorstellen">
              Voorstellen van gemeenten ({props.openProposals} open)
            </a>
          </p>
        ) : (
          <p class="utrecht-paragraph">
            De catalogus is van het landelijk programma. U kunt een wijziging voorstellen; de
            landelijk beheerder neemt die aan of wijst die af.
          </p>
        )}
        {catalogue.themes.map((theme) => {
          const items = catalogue.indicators.filter((i) => i.theme === theme.key);
          return (
            <section aria-labelledby={`thema-${theme.key}`}>
              <h2 class="utrecht-heading-2" id={`thema-${theme.key}`}>
                {theme.name}
              </h2>
              {items.length === 0 ? (
                <p class="utrecht-paragraph">Nog geen indicatoren.</p>
              ) : (
                <TableScroll label={`Indicatoren van ${theme.name} (${items.length})`}>
                  <Table>
                    <TableCaption>
                      Indicatoren van {theme.name} ({items.length})
                    </TableCaption>
                    <THead>
                      <Tr>
                        <Th scope="col">Indicator</Th>
                        <Th scope="col">Eenheid</Th>
                        <Th scope="col">Richting</Th>
                        <Th scope="col">Bron</Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {items.map((i) => (
                        <Tr data-indicator={i.key}>
                          <Th scope="row">
                            <a class="utrecht-link" href={`/werkruimte/catalogus/${i.key}`}>
                              {i.name}
                            </a>
                          </Th>
                          <Td>{i.unit}</Td>
                          <Td>{POLARITY_LABEL[i.polarity]}</Td>
                          <Td>{i.source.tableId ?? i.source.publisher}</Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </TableScroll>
              )}
            </section>
          );
        })}
        <h2 class="utrecht-heading-2">Versies</h2>
        {props.versions.length === 0 ? (
          <p class="utrecht-paragraph">Er zijn nog geen gewijzigde versies.</p>
        ) : (
          <ul class="utrecht-unordered-list">
            {props.versions.map((v) => (
              <li class="utrecht-unordered-list__item" data-catalogusversie={v.version}>
                Versie {v.version}, {formatDateTime(v.createdAt)}, door {actorName(v.createdBy)}:{' '}
                {v.note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Layout>
  );
}
