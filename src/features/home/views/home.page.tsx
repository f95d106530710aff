import { Layout } from '../../../views/layout.tsx';
import { tableScroll } from '../../../views/table-scroll.ts';
import type { FocusAreaSummary } from '../../focus-areas/index.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

export interface AreaLine {
  area: FocusAreaSummary;
  /** "N van M indicatoren met een cijfer", or why there is nothing yet. */
  data: string;
  /** "voorlopig, betrouwbaarheid midden", or "vastgesteld". */
  delineation: string;
}

function byMunicipality(lines: AreaLine[]): [string, AreaLine[]][] {
  const groups = new Map<string, AreaLine[]>();
  for (const line of lines) {
    const name = line.area.municipality_name;
    groups.set(name, [...(groups.get(name) ?? []), line]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, 'nl'));
}

export function HomePage({ lines }: { lines: AreaLine[] }) {
  const groups = byMunicipality(lines);
  return (
    <Layout
      title="Focusgebieden van het NPLV"
      description={`Cijfers over de ${lines.length} focusgebieden van het Nationaal Programma Leefbaarheid en Veiligheid: wonen, veiligheid, gezondheid en meedoen, per gebied en per buurt.`}
    >
      <h1 class="utrecht-heading-1">
        Focusgebieden van het Nationaal Programma Leefbaarheid en Veiligheid
      </h1>
      <p class="utrecht-paragraph">
        In {lines.length} gebieden in {groups.length} gemeenten werken Rijk en gemeenten 15 tot 20
        jaar samen aan leefbaarheid en veiligheid. Wijkkompas laat per gebied zien hoe het ervoor
        staat.{' '}
        <a class="utrecht-link" href="/gebieden">
          Alle focusgebieden naast elkaar, per indicator
        </a>
        .
      </p>
      <p class="utrecht-paragraph">
        {`Van ${lines.filter((l) => l.delineation.startsWith('voorlopig')).length} gebieden is de afbakening voorlopig`}
        : samengesteld uit openbare bronnen, in wijken, tot de gemeente haar bevestigt. Per gebied
        staat erbij hoe zeker die afbakening is.
      </p>
      <div {...tableScroll('Focusgebieden per gemeente, met de cijfers die er zijn')}>
        <Table>
          <TableCaption>Focusgebieden per gemeente, met de cijfers die er zijn</TableCaption>
          <THead>
            <Tr>
              <Th scope="col">Focusgebied</Th>
              <Th scope="col">Afbakening</Th>
              <Th scope="col">Cijfers</Th>
            </Tr>
          </THead>
          {groups.map(([municipality, group]) => (
            <TBody data-gemeente={municipality}>
              <Tr>
                <Th scope="colgroup" colSpan={3}>
                  {`Gemeente ${municipality}`}
                </Th>
              </Tr>
              {group.map(({ area, data, delineation }) => (
                <Tr>
                  <Td>
                    {area.latestVersion !== null ? (
                      <a class="utrecht-link" href={`/gebieden/${area.slug}`}>
                        {area.name}
                      </a>
                    ) : (
                      area.name
                    )}
                    <br />
                    <a class="utrecht-link" href={`/gebieden/${area.slug}/doe-mee`}>
                      Doe mee<span class="wk-visually-hidden"> in {area.name}</span>
                    </a>
                  </Td>
                  <Td>{delineation}</Td>
                  <Td>{data}</Td>
                </Tr>
              ))}
            </TBody>
          ))}
        </Table>
      </div>
    </Layout>
  );
}
