import { tableScroll } from '../../../views/table-scroll.ts';
import { Layout } from '../../../views/layout.tsx';
import { SOURCE_LABELS, type AgreementSummary } from '../coding.service.ts';
import { codingBase, ErrorList } from './parts.tsx';
import { CsrfField, Notice } from '../../../views/components/form.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../views/components/data-table.tsx';

const nl = (x: number, digits = 2) =>
  x.toLocaleString('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** Agreement on the sample and the counts per code per source; links to code when allowed. */
export function CodingOverviewPage(props: {
  gemeente: string;
  data: AgreementSummary;
  canCode: boolean;
  csrf: string;
  errors: Record<string, string>;
  values: Record<string, unknown>;
  notice?: string | undefined;
}) {
  const { data } = props;
  const base = codingBase(props.gemeente, data.focusArea.slug);
  const value = (name: string) => {
    const v = props.values[name];
    return typeof v === 'string' ? v : '';
  };
  return (
    <Layout
      title={`Coderen ${data.focusArea.name}`}
      breadcrumbs={[{ href: '/werkruimte', label: 'Werkruimte' }]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">Open tekst coderen: {data.focusArea.name}</h1>
        <Notice text={props.notice} />
        <ErrorList errors={props.errors} />
        {props.canCode && (
          <ul class="utrecht-unordered-list">
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`${base}/item`}>
                Verder met coderen
              </a>
            </li>
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`${base}/codeboek`}>
                Codeboek bekijken of aanpassen
              </a>
            </li>
          </ul>
        )}
        <h2 class="utrecht-heading-2">Overeenstemming tussen codeurs</h2>
        {data.sample === null ? (
          <p class="utrecht-paragraph">Er is nog geen steekproef getrokken.</p>
        ) : (
          <p class="utrecht-paragraph">
            Steekproef van {data.sample.size} items (startgetal “{data.sample.seed}”). Door twee
            codeurs gecodeerd: {data.doubleCoded}.{' '}
            {'kappa' in data.kappa
              ? `Cohens kappa: ${nl(data.kappa.kappa)} (gelijk: ${nl(data.kappa.observed * 100, 0)}%, bij toeval verwacht: ${nl(data.kappa.expected * 100, 0)}%).`
              : 'Kappa is er nog niet: geen item is al door twee codeurs gecodeerd.'}
          </p>
        )}
        {props.canCode && (
          <form method="post" action={`${base}/steekproef`}>
            <CsrfField token={props.csrf} />
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="veld-aantal">
                Aantal items in de steekproef
              </label>
              {props.errors['aantal'] && (
                <div class="utrecht-form-field-error-message">{props.errors['aantal']}</div>
              )}
              <input
                class="utrecht-textbox"
                id="veld-aantal"
                name="aantal"
                inputMode="numeric"
                value={value('aantal')}
              />
            </div>
            <div class="utrecht-form-field">
              <label class="utrecht-form-label" for="veld-zaad">
                Startgetal (dezelfde waarde geeft dezelfde steekproef)
              </label>
              {props.errors['zaad'] && (
                <div class="utrecht-form-field-error-message">{props.errors['zaad']}</div>
              )}
              <input class="utrecht-textbox" id="veld-zaad" name="zaad" value={value('zaad')} />
            </div>
            <button class="utrecht-button utrecht-button--secondary-action" type="submit">
              Steekproef trekken
            </button>
          </form>
        )}
        <h2 class="utrecht-heading-2">Aantallen per code</h2>
        {data.counts.length === 0 ? (
          <p class="utrecht-paragraph">Er is nog niets gecodeerd.</p>
        ) : (
          <div {...tableScroll('Aantal items per code en bron')}>
            <Table>
              <TableCaption>Aantal items per code en bron</TableCaption>
              <THead>
                <Tr>
                  {['Bron', 'Thema', 'Code', 'Items'].map((h) => (
                    <Th scope="col">{h}</Th>
                  ))}
                </Tr>
              </THead>
              <TBody>
                {data.counts.map((c) => (
                  <Tr>
                    <Td>{SOURCE_LABELS[c.source]}</Td>
                    <Td>{c.theme_key}</Td>
                    <Td>{c.label}</Td>
                    <Td num>{c.items}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </div>
        )}
      </div>
    </Layout>
  );
}
