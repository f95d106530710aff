import { Layout } from '../../../views/layout.tsx';
import type { FocusArea } from '../../focus-areas/focus-area.table.ts';

export interface MunicipalityLinks {
  code: string;
  name: string;
  focusAreas: FocusArea[];
  canEditFocusAreas: boolean;
  canEditTargets: boolean;
  canImport: boolean;
  canReadAudit: boolean;
  canReadAlliance: boolean;
}

function Item(props: { href: string; label: string; hint: string }) {
  return (
    <li class="utrecht-unordered-list__item">
      <a class="utrecht-link" href={props.href}>
        {props.label}
      </a>
      <span class="wk-muted"> · {props.hint}</span>
    </li>
  );
}

export function WorkspaceHomePage(props: {
  userName: string;
  municipalities: MunicipalityLinks[];
  canEditCatalogue: boolean;
}) {
  return (
    <Layout title="Werkruimte">
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Werkruimte</h1>
        <p class="utrecht-paragraph wk-lead">
          Welkom, {props.userName}. Hier houdt u de monitor zelf bij: de buurten van een
          focusgebied, de indicatoren en doelen, en de gegevens.
        </p>
        {props.municipalities.map((m) => (
          <section aria-labelledby={`gemeente-${m.code}`}>
            <h2 class="utrecht-heading-2" id={`gemeente-${m.code}`}>
              Gemeente {m.name} <span class="wk-muted">({m.code})</span>
            </h2>
            <ul class="utrecht-unordered-list">
              {m.canEditFocusAreas && (
                <Item
                  href={`/werkruimte/${m.code}/focusgebieden`}
                  label="Focusgebieden"
                  hint="welke buurten erbij horen, met kaart en versies"
                />
              )}
              {m.canEditTargets &&
                m.focusAreas.map((a) => (
                  <Item
                    href={`/werkruimte/${m.code}/doelen/${a.slug}`}
                    label={`Doelen van ${a.name}`}
                    hint="doel per indicator"
                  />
                ))}
              {m.canImport && (
                <Item
                  href={`/werkruimte/${m.code}/data`}
                  label="Gegevens"
                  hint="bestanden inlezen en datasets bekijken"
                />
              )}
              {m.canReadAlliance &&
                m.focusAreas.map((a) => (
                  <Item
                    href={`/werkruimte/${m.code}/alliantie/${a.slug}`}
                    label={`Alliantie ${a.name}`}
                    hint="leden, vergaderingen, besluiten, acties en afspraken met het Rijk"
                  />
                ))}
              <Item
                href={`/werkruimte/${m.code}/enquetes`}
                label="Enquêtes"
                hint="bewonersenquête en vragenlijst voor professionals: invoer, controle, resultaten"
              />
              {m.canReadAudit && (
                <Item
                  href={`/beheer/${m.code}/audit`}
                  label="Logboek"
                  hint="wie heeft wat veranderd"
                />
              )}
              <Item
                href={m.focusAreas[0] ? `/gebieden/${m.focusAreas[0].slug}` : '/'}
                label="Openbare monitor"
                hint="zoals iedereen hem ziet"
              />
            </ul>
          </section>
        ))}
        {props.canEditCatalogue && (
          <section aria-labelledby="catalogus-titel">
            <h2 class="utrecht-heading-2" id="catalogus-titel">
              Voor alle gemeenten
            </h2>
            <ul class="utrecht-unordered-list">
              <Item
                href="/werkruimte/catalogus"
                label="Indicatorcatalogus"
                hint="definities, richting, bron, eenheid en decimalen"
              />
            </ul>
          </section>
        )}
      </div>
    </Layout>
  );
}
