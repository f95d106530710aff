import type { ImportProblem } from '../../../shared/errors.ts';
import { CsrfField, SubmitButton } from '../../../views/components/form.tsx';
import { UPLOAD_KIND_LABELS, type UploadKind } from '../../imports/index.ts';
import type { ImportPreview } from '../data-preview.service.ts';
import {
  formatNumber,
  when,
  DataLayout,
  Th,
  Td,
  Notice,
  Problems,
} from './data-workspace-parts.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Tr,
  TableScroll,
} from '../../../views/components/data-table.tsx';

export interface PreviewPageProps {
  csrf: string;
  base: string;
  municipalityCode: string;
  uploadId: string;
  fileName: string;
  kind: UploadKind;
  expiresAt: string;
  result:
    | { ok: false; problems: ImportProblem[]; page: number }
    | { ok: true; preview: ImportPreview; background: boolean };
}

export function PreviewPage(props: PreviewPageProps) {
  const { result } = props;
  return (
    <DataLayout
      title={`Voorbeeld ${props.fileName}`}
      base={props.base}
      municipalityCode={props.municipalityCode}
    >
      <h1 class="utrecht-heading-1">Wat verandert er met {props.fileName}?</h1>
      <p class="utrecht-paragraph">
        Soort bestand: {UPLOAD_KIND_LABELS[props.kind]}. Er is nog niets geladen.
      </p>
      {!result.ok ? (
        <>
          <Notice kind="error" title="Dit bestand kan niet worden geladen">
            <p class="utrecht-paragraph">
              Er is niets veranderd. Verbeter de problemen hieronder in het bestand en laad het
              daarna opnieuw. Regels en kolommen tellen vanaf 1, zoals in een teksteditor.
            </p>
          </Notice>
          <Problems
            problems={result.problems}
            page={result.page}
            link={(n) => `${props.base}/voorbeeld/${props.uploadId}?pagina=${n}`}
          />
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${props.base}#laden`}>
              Een ander bestand laden
            </a>
          </p>
        </>
      ) : (
        <PreviewSummary {...props} preview={result.preview} background={result.background} />
      )}
    </DataLayout>
  );
}

function PreviewSummary(props: PreviewPageProps & { preview: ImportPreview; background: boolean }) {
  const p = props.preview;
  return (
    <>
      {p.alreadyLoaded ? (
        <Notice kind="warning" title="Dit bestand is al geladen">
          <p class="utrecht-paragraph">
            Hetzelfde bestand met dezelfde instellingen is op {when(p.alreadyLoaded.imported_at)}{' '}
            geladen
            {p.alreadyLoaded.status === 'ingetrokken' ? ' en daarna ingetrokken' : ''}. Opnieuw
            laden verandert niets.{' '}
            <a class="utrecht-link" href={`${props.base}/${p.alreadyLoaded.id}`}>
              Bekijk het geladen bestand
            </a>
            .
          </p>
        </Notice>
      ) : (
        <Notice kind="ok" title="Het bestand is goedgekeurd">
          <p class="utrecht-paragraph">
            {formatNumber(p.totals.added)} nieuwe waarden, {formatNumber(p.totals.changed)}{' '}
            gewijzigde waarden en {formatNumber(p.totals.unchanged)} waarden die gelijk blijven.
          </p>
        </Notice>
      )}
      <dl class="wk-details">
        <dt>Regels in het bestand</dt>
        <dd>{formatNumber(p.rows)}</dd>
        <dt>Waarden</dt>
        <dd>{formatNumber(p.observations)}</dd>
        <dt>Variabelen</dt>
        <dd>{formatNumber(p.variables.length)}</dd>
        <dt>Perioden</dt>
        <dd>{p.periods.join(', ') || '—'}</dd>
        <dt>Gebieden met cijfers</dt>
        <dd>{formatNumber(p.areaCount)}</dd>
        {p.areaDefinitions > 0 && (
          <>
            <dt>Gebieden met naam en grens</dt>
            <dd>{formatNumber(p.areaDefinitions)}</dd>
          </>
        )}
        <dt>Gebiedsindeling</dt>
        <dd>{p.indelingYears.join(', ') || '—'}</dd>
      </dl>
      <h2 class="utrecht-heading-2">Per variabele</h2>
      <TableScroll label="Vergeleken met wat de monitor nu toont">
        <Table class="wk-preview-variables">
          <TableCaption>Vergeleken met wat de monitor nu toont</TableCaption>
          <THead>
            <Tr>
              <Th>Variabele</Th>
              <Th>Omschrijving</Th>
              <Th num>Nieuw</Th>
              <Th num>Gewijzigd</Th>
              <Th num>Gelijk</Th>
            </Tr>
          </THead>
          <TBody>
            {p.variables.map((v) => (
              <Tr data-variable={v.variable}>
                <Td>
                  <code>{v.variable}</code>
                </Td>
                <Td>{v.title ?? '—'}</Td>
                <Td num>{formatNumber(v.added)}</Td>
                <Td num>{formatNumber(v.changed)}</Td>
                <Td num>{formatNumber(v.unchanged)}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </TableScroll>
      {p.largeChanges.length > 0 && (
        <Notice kind="warning" title="Let op: grote veranderingen">
          <p class="utrecht-paragraph">
            {formatNumber(p.largeChangeCount)}{' '}
            {p.largeChangeCount === 1 ? 'waarde verandert' : 'waarden veranderen'} meer dan 25% ten
            opzichte van het cijfer dat nu in de monitor staat. Kijk of dat klopt voordat u het
            bestand laadt.
          </p>
          <ul class="utrecht-unordered-list">
            {p.largeChanges.map((c) => (
              <li class="utrecht-unordered-list__item wk-large-change">
                <code>{c.variable}</code>, {c.areaCode}, {c.period}: {c.text}
              </li>
            ))}
          </ul>
        </Notice>
      )}
      {p.samples.length > 0 && (
        <>
          <h2 class="utrecht-heading-2">Voorbeelden van gewijzigde waarden</h2>
          <TableScroll label="Voorbeelden van gewijzigde waarden">
            <Table>
              <TableCaption>
                De eerste {p.samples.length} van {formatNumber(p.totals.changed)} gewijzigde waarden
              </TableCaption>
              <THead>
                <Tr>
                  <Th>Variabele</Th>
                  <Th>Gebied</Th>
                  <Th>Periode</Th>
                  <Th num>Nu</Th>
                  <Th num>Wordt</Th>
                </Tr>
              </THead>
              <TBody>
                {p.samples.map((s) => (
                  <Tr class="wk-sample">
                    <Td>
                      <code>{s.variable}</code>
                    </Td>
                    <Td>{s.areaCode}</Td>
                    <Td>{s.period}</Td>
                    <Td num>
                      {formatNumber(s.before)}
                      {s.beforeStatus !== 'definitief' ? ` (${s.beforeStatus})` : ''}
                    </Td>
                    <Td num>
                      {formatNumber(s.after)}
                      {s.afterStatus !== 'definitief' ? ` (${s.afterStatus})` : ''}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </TableScroll>
        </>
      )}
      <h2 class="utrecht-heading-2">Bevestigen</h2>
      <p class="utrecht-paragraph">
        {p.alreadyLoaded
          ? 'U kunt dit voorbeeld sluiten; er valt niets te laden.'
          : props.background
            ? 'Dit is een groot bestand. Het laden gaat op de achtergrond verder; u ziet de voortgang op de volgende pagina.'
            : 'Na bevestigen staan de cijfers direct in de monitor.'}{' '}
        Dit voorbeeld blijft bewaard tot {when(props.expiresAt)}.
      </p>
      <form method="post" action={`${props.base}/bevestig/${props.uploadId}`}>
        <CsrfField token={props.csrf} />
        <SubmitButton label={p.alreadyLoaded ? 'Toch bevestigen' : 'Bevestig en laad de cijfers'} />
      </form>
      <p class="utrecht-paragraph">
        <a class="utrecht-link wk-target" href={props.base}>
          Niet laden, terug naar de lijst
        </a>
      </p>
    </>
  );
}
