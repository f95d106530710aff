import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import type { ThemeRef } from '../input-xlsx.ts';
import { KIND_LABELS } from '../participation.forms.ts';
import type { ImportPreview } from '../participation.service.ts';
import { Submit } from './fields.tsx';
import { CsrfField } from '../../../views/components/form.tsx';
import { sessionsBase, themeNames } from './labels.ts';

export function ImportPreviewPage(props: {
  municipalityCode: string;
  sessionId: string;
  sessionTitle: string;
  preview: ImportPreview;
  themes: ThemeRef[];
  csrf: string;
}) {
  const p = props.preview;
  const base = `${sessionsBase(props.municipalityCode)}/${props.sessionId}`;
  return (
    <Layout
      title={`Bestand bekijken: ${p.fileName}`}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: sessionsBase(props.municipalityCode), label: 'Bijeenkomsten' },
        { href: base, label: props.sessionTitle },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Bestand bekijken</h1>
        {p.loadedAt ? (
          <div class="utrecht-alert wk-notice" role="status">
            <p class="utrecht-paragraph">
              Dit bestand is al geladen bij deze bijeenkomst. Nog een keer laden verandert niets.
            </p>
          </div>
        ) : (
          <p class="utrecht-paragraph wk-lead">
            {`In ${p.fileName} staan ${p.rows.length} briefjes. Klopt dit? Dan laadt u ze met de knop onder de tabel. Er is nog niets opgeslagen.`}
          </p>
        )}
        <div {...tableScroll('Wat er geladen wordt')}>
          <table class="utrecht-table">
            <caption class="utrecht-table__caption">Wat er geladen wordt</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                {[
                  'Rij',
                  'Thema',
                  'Subthema',
                  'Soort',
                  'Tekst',
                  'Tafel of groep',
                  'Stemmen',
                  'Citeren',
                ].map((h) => (
                  <th class="utrecht-table__header-cell" scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {p.rows.map((r) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell wk-num">{r.row}</td>
                  <td class="utrecht-table__cell">{themeNames(props.themes, [r.themeKey])}</td>
                  <td class="utrecht-table__cell">{r.subTheme ?? ''}</td>
                  <td class="utrecht-table__cell">{KIND_LABELS[r.kind]}</td>
                  <td class="utrecht-table__cell">{r.text}</td>
                  <td class="utrecht-table__cell">{r.tableGroup ?? ''}</td>
                  <td class="utrecht-table__cell wk-num">{r.votes}</td>
                  <td class="utrecht-table__cell">{r.quoteAllowed ? 'ja' : 'nee'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!p.loadedAt && (
          <form method="post" action={`${base}/inbreng/bestand/${p.importId}/bevestigen`}>
            <CsrfField token={props.csrf} />
            <Submit label={`${p.rows.length} briefjes laden`} />
          </form>
        )}
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href={base}>
            Terug naar de bijeenkomst
          </a>
        </p>
      </div>
    </Layout>
  );
}
