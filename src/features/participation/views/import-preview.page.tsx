import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import type { ThemeRef } from '../input-xlsx.ts';
import { KIND_LABELS } from '../participation.forms.ts';
import type { ImportPreview } from '../participation.service.ts';
import { Submit } from './fields.tsx';
import { CsrfField } from '../../../views/components/form.tsx';
import { sessionsBase, themeNames } from './labels.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

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
          <Table>
            <TableCaption>Wat er geladen wordt</TableCaption>
            <THead>
              <Tr>
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
                  <Th scope="col">{h}</Th>
                ))}
              </Tr>
            </THead>
            <TBody>
              {p.rows.map((r) => (
                <Tr>
                  <Td num>{r.row}</Td>
                  <Td>{themeNames(props.themes, [r.themeKey])}</Td>
                  <Td>{r.subTheme ?? ''}</Td>
                  <Td>{KIND_LABELS[r.kind]}</Td>
                  <Td>{r.text}</Td>
                  <Td>{r.tableGroup ?? ''}</Td>
                  <Td num>{r.votes}</Td>
                  <Td>{r.quoteAllowed ? 'ja' : 'nee'}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
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
