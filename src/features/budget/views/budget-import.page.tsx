import { Layout } from '../../../views/layout.tsx';
import { CsrfField, SubmitButton } from '../../../views/components/form.tsx';
import type { FocusAreaRef } from '../budget.service.ts';
import { ENTRY_KIND_LABEL } from '../budget.service.ts';
import type { ImportedEntry } from '../budget.xlsx.ts';
import { formatEuro } from '../money.ts';
import { budgetBase } from './budget.page.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

/**
 * Upload → preview → confirm. The preview carries the file itself (base64, small by limit) in
 * the confirm form, so nothing is stored until the user confirms and no JavaScript is needed.
 */
export function BudgetImportPage(props: {
  csrf: string;
  municipalityCode: string;
  area: FocusAreaRef;
  problems?: string[] | undefined;
  preview?: { fileName: string; file: string; rows: ImportedEntry[] } | undefined;
  maxKilobytes: number;
}) {
  const base = budgetBase(props.municipalityCode, props.area.slug);
  return (
    <Layout
      title={`Boekingen inlezen, ${props.area.name}`}
      description="Verplichtingen en uitgaven inlezen uit een Excel-bestand."
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: base, label: `Begroting ${props.area.name}` },
        { href: `${base}/importeren`, label: 'Inlezen', current: true },
      ]}
    >
      <h1 class="utrecht-heading-1">Boekingen inlezen uit Excel</h1>
      {props.problems && props.problems.length > 0 && (
        <div class="utrecht-alert utrecht-alert--error" role="alert" aria-labelledby="import-fout">
          <div class="utrecht-alert__content">
            <h2 class="utrecht-heading-2" id="import-fout">
              Het bestand is niet ingelezen
            </h2>
            <p class="utrecht-paragraph">
              Er is niets opgeslagen. Verbeter het bestand en probeer het opnieuw:
            </p>
            <ul class="utrecht-unordered-list">
              {props.problems.map((p) => (
                <li class="utrecht-unordered-list__item">{p}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {props.preview ? (
        <>
          <h2 class="utrecht-heading-2">Controleer de boekingen</h2>
          <p class="utrecht-paragraph">
            {props.preview.rows.length} boekingen uit {props.preview.fileName}. Nog niets is
            opgeslagen. Boekingen die al eerder zijn ingelezen, worden niet nog eens geteld.
          </p>
          <Table>
            <TableCaption>Voorbeeld</TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Rij</Th>
                <Th scope="col">Regel</Th>
                <Th scope="col">Soort</Th>
                <Th scope="col">Datum</Th>
                <Th num scope="col">
                  Bedrag
                </Th>
                <Th scope="col">Omschrijving</Th>
              </Tr>
            </THead>
            <TBody>
              {props.preview.rows.map((r) => (
                <Tr>
                  <Td>{r.row}</Td>
                  <Td>{r.lineCode}</Td>
                  <Td>{ENTRY_KIND_LABEL[r.kind]}</Td>
                  <Td>{r.date}</Td>
                  <Td num>{formatEuro(r.cents)}</Td>
                  <Td>{r.description}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
          <form method="post" action={`${base}/importeren/bevestigen`}>
            <CsrfField token={props.csrf} />
            <input type="hidden" name="file_name" value={props.preview.fileName} />
            <input type="hidden" name="file" value={props.preview.file} />
            <SubmitButton label="Boekingen opslaan" />
          </form>
        </>
      ) : (
        <>
          <p class="utrecht-paragraph">
            <a class="utrecht-link" href={`${base}/sjabloon.xlsx`}>
              Download het sjabloon (Excel)
            </a>
            . Vul op het blad Boekingen per rij één verplichting of uitgave in. Daarna ziet u eerst
            een voorbeeld; pas als u bevestigt, wordt het opgeslagen.
          </p>
          <form
            method="post"
            action={`${base}/importeren?_csrf=${encodeURIComponent(props.csrf)}`}
            enctype="multipart/form-data"
          >
            <div class="utrecht-form-field">
              <div class="utrecht-form-field__label">
                <label class="utrecht-form-label" for="veld-bestand">
                  Excel-bestand (.xlsx, hoogstens {props.maxKilobytes} kB)
                </label>
              </div>
              <div class="utrecht-form-field__input">
                <input
                  class="utrecht-textbox utrecht-textbox--html-input"
                  id="veld-bestand"
                  type="file"
                  name="bestand"
                  accept=".xlsx"
                  required
                />
              </div>
            </div>
            <SubmitButton label="Bekijk voorbeeld" />
          </form>
        </>
      )}
    </Layout>
  );
}
