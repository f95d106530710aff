import { CsrfField, ErrorSummary, Notice, fieldId } from '../../../views/components/form.tsx';
import { Layout } from '../../../views/layout.tsx';
import type { MainTheme } from '../contours.content.ts';
import { STATUS_LABELS, type ContoursView, type FieldErrors } from '../contours.service.ts';
import { EvidenceList, contoursBase, when } from './parts.tsx';
import { DownloadLinks } from '../../../views/components/download-links.tsx';

function ItemTools(props: { show: boolean; href: string; label: string }) {
  if (!props.show) return null;
  return (
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href={props.href}>
        {props.label}
      </a>
    </p>
  );
}

function MainThemeSection(props: {
  data: ContoursView;
  theme: MainTheme;
  editable: boolean;
  base: string;
}) {
  const { data, theme, base } = props;
  const name = data.themes.find((t) => t.key === theme.themeKey)?.name ?? theme.themeKey;
  const themeBase = `${base}/thema/${theme.themeKey}`;
  const pick = (item: string, what: string) => (
    <ItemTools
      show={props.editable}
      href={`${themeBase}/bewijs?onderdeel=${item}`}
      label={`Onderbouwing kiezen voor ${what}`}
    />
  );
  return (
    <section class="wk-stack" aria-labelledby={`hoofdthema-${theme.themeKey}`}>
      <h2 class="utrecht-heading-2" id={`hoofdthema-${theme.themeKey}`}>
        {theme.title}
      </h2>
      <p class="utrecht-paragraph wk-muted">Thema: {name}</p>
      <ItemTools
        show={props.editable}
        href={themeBase}
        label={`Hoofdthema "${theme.title}" bewerken`}
      />
      <h3 class="utrecht-heading-3">Ambitie</h3>
      <p class="utrecht-paragraph">{theme.ambition || 'Nog geen ambitie beschreven.'}</p>
      <EvidenceList refs={theme.evidence} evidence={data.evidence} />
      {pick('ambitie', 'de ambitie')}
      <h3 class="utrecht-heading-3">Doelen</h3>
      {theme.goals.length === 0 ? (
        <p class="utrecht-paragraph">Nog geen doelen.</p>
      ) : (
        <ol class="utrecht-ordered-list">
          {theme.goals.map((g, i) => (
            <li class="utrecht-ordered-list__item">
              <p class="utrecht-paragraph">{g.text}</p>
              {g.indicatorKey && (
                <p class="utrecht-paragraph wk-muted">
                  Gemeten met: {data.indicatorNames.get(g.indicatorKey) ?? g.indicatorKey}
                  {data.targets.has(g.indicatorKey)
                    ? ' (er is een doel voor deze indicator)'
                    : ' (nog geen doel voor deze indicator)'}
                </p>
              )}
              <EvidenceList refs={g.evidence} evidence={data.evidence} />
              {pick(`doel-${i + 1}`, `doel ${i + 1}`)}
            </li>
          ))}
        </ol>
      )}
      <h3 class="utrecht-heading-3">Eerste acties</h3>
      {theme.actions.length === 0 ? (
        <p class="utrecht-paragraph">Nog geen acties.</p>
      ) : (
        <ol class="utrecht-ordered-list">
          {theme.actions.map((a, i) => (
            <li class="utrecht-ordered-list__item">
              <p class="utrecht-paragraph">{a.text}</p>
              <EvidenceList refs={a.evidence} evidence={data.evidence} />
              {pick(`actie-${i + 1}`, `actie ${i + 1}`)}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function DecideForm(props: {
  data: ContoursView;
  base: string;
  csrf: string;
  errors: FieldErrors;
  values: Record<string, unknown>;
}) {
  const v = (name: string) => {
    const x = props.values[name];
    return typeof x === 'string' ? x : '';
  };
  const err = (name: string) =>
    props.errors[name] ? (
      <div class="utrecht-form-field-error-message" id={`${fieldId(name)}-fout`}>
        {props.errors[name]}
      </div>
    ) : null;
  const described = (name: string, hint?: string) =>
    [hint ? `${fieldId(name)}-uitleg` : '', props.errors[name] ? `${fieldId(name)}-fout` : '']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <form method="post" action={`${props.base}/vaststellen`} class="wk-stack">
      <CsrfField token={props.csrf} />
      <input type="hidden" name="versie" value={String(props.data.version?.version ?? '')} />
      <h3 class="utrecht-heading-3">Besluit van de Alliantie vastleggen</h3>
      {props.data.decisions.length > 0 && (
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={fieldId('besluit')}>
            Besluit uit de besluitenlijst (mag leeg)
          </label>
          {err('besluit')}
          <select
            class="utrecht-select"
            id={fieldId('besluit')}
            name="besluit"
            aria-describedby={described('besluit')}
          >
            <option value="">Geen: ik vul datum en kenmerk zelf in</option>
            {props.data.decisions.map((d) => (
              <option value={d.id} selected={v('besluit') === d.id}>
                {`${d.number} (${d.decided_on}): ${d.title}`}
              </option>
            ))}
          </select>
        </div>
      )}
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for={fieldId('datum')}>
          Datum van het besluit
        </label>
        <p class="utrecht-form-field-description" id={`${fieldId('datum')}-uitleg`}>
          Bijvoorbeeld 2026-12-04. Leeg bij een gekozen besluit: dan geldt de datum van dat besluit.
        </p>
        {err('datum')}
        <input
          class="utrecht-textbox"
          id={fieldId('datum')}
          name="datum"
          type="date"
          value={v('datum')}
          aria-describedby={described('datum', 'ja')}
          aria-invalid={props.errors['datum'] ? 'true' : undefined}
        />
      </div>
      <div class="utrecht-form-field">
        <label class="utrecht-form-label" for={fieldId('kenmerk')}>
          Kenmerk van het besluit
        </label>
        <p class="utrecht-form-field-description" id={`${fieldId('kenmerk')}-uitleg`}>
          Bijvoorbeeld het besluitnummer uit de besluitenlijst. Leeg bij een gekozen besluit.
        </p>
        {err('kenmerk')}
        <input
          class="utrecht-textbox"
          id={fieldId('kenmerk')}
          name="kenmerk"
          value={v('kenmerk')}
          aria-describedby={described('kenmerk', 'ja')}
          aria-invalid={props.errors['kenmerk'] ? 'true' : undefined}
        />
      </div>
      <button class="utrecht-button utrecht-button--primary-action" type="submit">
        Vastleggen: de Alliantie heeft dit vastgesteld
      </button>
    </form>
  );
}

/** The proposal of an area: its status, main themes with evidence, and (for the bureau) its forms. */
export function ContoursOverviewPage(props: {
  gemeente: string;
  data: ContoursView;
  canEdit: boolean;
  csrf: string;
  errors: FieldErrors;
  values: Record<string, unknown>;
  notice?: string | undefined;
}) {
  const { data } = props;
  const base = contoursBase(props.gemeente, data.focusArea.slug);
  const version = data.version;
  const isLatest = version !== null && version.version === data.latest;
  const editable =
    props.canEdit && (version === null || (isLatest && version.status !== 'vastgesteld'));
  const included = new Set(data.content.themes.map((t) => t.themeKey));
  const versionQuery = version && !isLatest ? `?versie=${version.version}` : '';
  return (
    <Layout
      title={`Contouren programma ${data.focusArea.name}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Contouren programma {data.focusArea.name}</h1>
        <Notice text={props.notice} />
        <ErrorSummary errors={props.errors} />
        <p class="utrecht-paragraph">
          De hoofdthema’s van het programma, met per thema een ambitie, doelen en eerste acties. Bij
          elk onderdeel staat waarop het rust: cijfers, de enquêtes en de kennissessies.
        </p>
        {version === null ? (
          <p class="utrecht-paragraph">Er is nog geen voorstel opgeslagen.</p>
        ) : (
          <>
            {!isLatest && (
              <div class="utrecht-alert" role="note">
                <div class="utrecht-alert__content">
                  <p class="utrecht-paragraph">
                    U ziet een oudere versie.{' '}
                    <a class="utrecht-link" href={base}>
                      Naar de nieuwste versie ({data.latest})
                    </a>
                  </p>
                </div>
              </div>
            )}
            <dl class="wk-facts">
              <div>
                <dt>Versie</dt>
                <dd>{version.version}</dd>
              </div>
              <div>
                <dt>Status</dt>
                <dd data-status={version.status}>{STATUS_LABELS[version.status]}</dd>
              </div>
              <div>
                <dt>Opgeslagen</dt>
                <dd>{`${when(version.created_at)} door ${version.created_by_name}`}</dd>
              </div>
              {version.submitted_at && (
                <div>
                  <dt>Voorgelegd</dt>
                  <dd>{`${when(version.submitted_at)} door ${version.submitted_by_name ?? ''}`}</dd>
                </div>
              )}
              {version.status === 'vastgesteld' && (
                <div>
                  <dt>Vastgesteld</dt>
                  <dd>{`${version.decided_on ?? ''}, ${version.decision_reference ?? ''}`}</dd>
                </div>
              )}
            </dl>
            <ul class="utrecht-unordered-list">
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`${base}/versies`}>
                  Alle versies (wie, wanneer, wat)
                </a>
              </li>
              <li class="utrecht-unordered-list__item">
                <a class="utrecht-link" href={`${base}/afdrukken${versionQuery}`}>
                  Afdrukversie
                </a>
              </li>
            </ul>
            <DownloadLinks
              intro="Download deze versie:"
              links={[
                { href: `${base}/contouren.pdf${versionQuery}`, label: 'PDF' },
                { href: `${base}/contouren.docx${versionQuery}`, label: 'Word-bestand (.docx)' },
              ]}
            />
          </>
        )}
        {data.content.themes.map((t) => (
          <MainThemeSection data={data} theme={t} editable={editable} base={base} />
        ))}
        {editable && data.themes.some((t) => !included.has(t.key)) && (
          <section class="wk-stack" aria-labelledby="toevoegen">
            <h2 class="utrecht-heading-2" id="toevoegen">
              Hoofdthema toevoegen
            </h2>
            <ul class="utrecht-unordered-list">
              {data.themes
                .filter((t) => !included.has(t.key))
                .map((t) => (
                  <li class="utrecht-unordered-list__item">
                    <a class="utrecht-link" href={`${base}/thema/${t.key}`}>
                      {`Hoofdthema bij ${t.name}`}
                    </a>
                  </li>
                ))}
            </ul>
          </section>
        )}
        {props.canEdit && version !== null && isLatest && (
          <section class="wk-stack" aria-labelledby="status">
            <h2 class="utrecht-heading-2" id="status">
              Status
            </h2>
            {version.status === 'concept' && (
              <form method="post" action={`${base}/voorleggen`}>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="versie" value={String(version.version)} />
                <p class="utrecht-paragraph">
                  Klaar? Leg deze versie voor aan de Alliantie. Daarna kunt u vastleggen dat de
                  Alliantie hem heeft vastgesteld.
                </p>
                <button class="utrecht-button utrecht-button--primary-action" type="submit">
                  Voorleggen aan de Alliantie
                </button>
              </form>
            )}
            {version.status === 'voorgelegd' && (
              <>
                <p class="utrecht-paragraph">
                  Deze versie ligt bij de Alliantie. Verandert u nog iets, dan wordt dat een nieuw
                  concept.
                </p>
                <DecideForm
                  data={data}
                  base={base}
                  csrf={props.csrf}
                  errors={props.errors}
                  values={props.values}
                />
              </>
            )}
            {version.status === 'vastgesteld' && (
              <form method="post" action={`${base}/nieuw-concept`}>
                <CsrfField token={props.csrf} />
                <input type="hidden" name="versie" value={String(version.version)} />
                <p class="utrecht-paragraph">
                  Deze versie is vastgesteld en verandert niet meer. Wilt u verder werken, begin dan
                  een nieuw concept op basis van deze versie.
                </p>
                <button class="utrecht-button utrecht-button--secondary-action" type="submit">
                  Nieuw concept beginnen
                </button>
              </form>
            )}
          </section>
        )}
      </div>
    </Layout>
  );
}
