import { Layout } from '../../../../views/layout.tsx';
import { textIn, THEME_LABELS } from '../../definition/fixed-labels.ts';
import type { Questionnaire } from '../../definition/questionnaire.schema.ts';
import { SURVEY_EXPORT_FORMATS } from '../../export/formats.ts';
import { MINIMUM_CELL_N } from '../../weighting/suppression.ts';
import type { ResultTable, SuppressedTable, Weighting } from '../survey-results.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
  TableScroll,
} from '../../../../views/components/data-table.tsx';
import { DownloadLinks, formatLinks } from '../../../../views/components/download-links.tsx';

const pct = (v: number) =>
  (v * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

type Cell = SuppressedTable['categories'][number];

/** A share with its logit 95% interval (always within 0–100%), or why it is not shown. */
function share(cell: Cell | undefined, key: 'weighted' | 'unweighted'): string {
  if (!cell) return '–';
  if (cell.onderdrukt) return 'niet getoond';
  const e = cell[key];
  if (!e || !Number.isFinite(e.estimate)) return '–';
  return `${pct(e.estimate)}% (${pct(e.logitLower)}–${pct(e.logitUpper)})`;
}

const count = (cell: Cell | undefined) =>
  !cell ? '–' : cell.onderdrukt || cell.n === null ? 'niet getoond' : String(cell.n);

export const EXPORT_LABELS: Record<(typeof SURVEY_EXPORT_FORMATS)[number], string> = {
  csv: 'Gegevens (CSV, één regel per antwoord)',
  'codeboek-csv': 'Codeboek (CSV)',
  'codeboek-md': 'Codeboek (Markdown)',
  sav: 'SPSS (.sav, met labels, ontbrekende waarden en weegfactor)',
  xlsx: 'Excel (.xlsx, gegevens en codeboek)',
};

function ResultTableView({ table: result }: { table: ResultTable }) {
  const { spec, table, weighted } = result;
  const missing = spec.categories.filter((c) => c.missing);
  return (
    <TableScroll label={spec.title} data-result={spec.variable}>
      <Table>
        <TableCaption>
          {spec.title}
          <span class="wk-cell-note">
            {table.onderdrukt
              ? 'Niet getoond: te weinig antwoorden, of uit te rekenen uit andere getallen.'
              : `${table.nValid} geldige antwoorden, ${table.nMissing ?? 'niet getoond'} zonder antwoord.`}
          </span>
        </TableCaption>
        <THead>
          <Tr>
            <Th scope="col">Antwoord</Th>
            <Th scope="col">Aantal</Th>
            <Th scope="col">Ongewogen (95%-marge)</Th>
            {weighted && <Th scope="col">Gewogen (95%-marge)</Th>}
          </Tr>
        </THead>
        <TBody>
          {spec.categories
            .filter((c) => !c.missing)
            .map((c) => {
              const cell = table.categories.find((x) => x.category === c.value);
              return (
                <Tr data-category={c.value}>
                  <Th scope="row">{c.label}</Th>
                  <Td data-cell="aantal">{count(cell)}</Td>
                  <Td data-cell="ongewogen">{share(cell, 'unweighted')}</Td>
                  {weighted && <Td data-cell="gewogen">{share(cell, 'weighted')}</Td>}
                </Tr>
              );
            })}
          {missing.map((c) => (
            <Tr data-category={c.value} data-missing>
              <Th scope="row">{c.label}</Th>
              <Td data-cell="aantal">
                {count(table.missingCategories.find((x) => x.category === c.value))}
              </Td>
              <Td colspan={weighted ? 2 : 1}>telt niet mee in de percentages</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </TableScroll>
  );
}

export interface DomainView {
  title: string;
  variable: string;
  by: 'kanaal' | 'buurt' | 'wijk';
  rows: { domain: string; weighted: boolean; table: SuppressedTable }[];
  categories: { value: string; label: string }[];
}

const BY_LABELS = { kanaal: 'Kanaal', buurt: 'Buurt', wijk: 'Wijk' } as const;

function DomainTable({ view }: { view: DomainView }) {
  return (
    <TableScroll
      label={`${view.title}, per ${view.by} (${view.rows[0]?.weighted ? 'gewogen' : 'ongewogen'})`}
    >
      <Table data-domain={view.by}>
        <TableCaption>
          {`${view.title}, per ${view.by} (${view.rows[0]?.weighted ? 'gewogen' : 'ongewogen'})`}
        </TableCaption>
        <THead>
          <Tr>
            <Th scope="col">{BY_LABELS[view.by]}</Th>
            <Th scope="col">Antwoorden</Th>
            {view.categories.map((c) => (
              <Th scope="col">{c.label}</Th>
            ))}
          </Tr>
        </THead>
        <TBody>
          {view.rows.map((r) => (
            <Tr>
              <Th scope="row">{r.domain}</Th>
              <Td data-cell="n">{r.table.nValid ?? 'niet getoond'}</Td>
              {view.categories.map((c) => (
                <Td data-category={c.value}>
                  {share(
                    r.table.categories.find((x) => x.category === c.value),
                    r.weighted ? 'weighted' : 'unweighted',
                  )}
                </Td>
              ))}
            </Tr>
          ))}
        </TBody>
      </Table>
    </TableScroll>
  );
}

/** How an answer came in, after "3": "3 via internet", "2 uit een interview", "1 op papier". */
const CHANNEL_PHRASES: Record<string, string> = {
  internet: 'via internet',
  interview: 'uit een interview',
  papier: 'op papier',
};

/**
 * Which answers count, in whole sentences: never "0 antwoorden tellen mee (…): ." for a survey
 * without answers, and "1 antwoord telt mee" for one.
 */
export function countedSentence(responses: number, byChannel: Record<string, number>): string {
  const rule =
    'Een antwoord telt mee als het op internet is verstuurd, of als het is goedgekeurd. Antwoorden die nog gecontroleerd worden, tellen niet mee.';
  if (responses === 0) return `Er telt nog geen antwoord mee. ${rule}`;
  const parts = Object.entries(byChannel)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${n} ${CHANNEL_PHRASES[name] ?? name}`);
  const counted = responses === 1 ? '1 antwoord telt mee' : `${responses} antwoorden tellen mee`;
  return `${counted}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}. ${rule}`;
}

export function ResultsPage(props: {
  base: string;
  questionnaire: Questionnaire;
  responses: number;
  byChannel: Record<string, number>;
  weighting: Weighting;
  /** Postcode answers not mapped to a buurt, and why (undefined: none). */
  postcodes?: string | undefined;
  tables: ResultTable[];
  domain?: DomainView | undefined;
}) {
  const { questionnaire: q, weighting } = props;
  const themes = [...new Set(props.tables.map((t) => t.spec.theme))];
  const title = `Resultaten: ${textIn(q.title, 'nl')}`;
  return (
    <Layout
      title={title}
      breadcrumbs={[
        { href: '/werkruimte', label: 'Werkruimte' },
        { href: props.base, label: 'Enquêtes' },
      ]}
    >
      <h1 class="utrecht-heading-1">{title}</h1>
      <p class="utrecht-paragraph" data-meetellen>
        {countedSentence(props.responses, props.byChannel)}
      </p>
      <section class="wk-stack" aria-labelledby="weging">
        <h2 class="utrecht-heading-2" id="weging">
          Weging
        </h2>
        <p class="utrecht-paragraph" data-weighting={weighting.status}>
          {weighting.note}
        </p>
        {props.postcodes && (
          <p class="utrecht-paragraph" data-postcodes>
            {props.postcodes}
          </p>
        )}
        {weighting.summary && (
          <dl class="wk-definitions">
            <dt>Gewogen antwoorden</dt>
            <dd>{weighting.summary.n}</dd>
            <dt>Effectief aantal (Kish)</dt>
            <dd data-effective-n>
              {weighting.summary.effectiveN.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}
            </dd>
            <dt>Design-effect van de weging</dt>
            <dd>
              {weighting.summary.designEffect.toLocaleString('nl-NL', { maximumFractionDigits: 2 })}
            </dd>
            <dt>Kleinste en grootste gewicht</dt>
            <dd>
              {`${weighting.summary.minWeight.toLocaleString('nl-NL', { maximumFractionDigits: 1 })} en ${weighting.summary.maxWeight.toLocaleString('nl-NL', { maximumFractionDigits: 1 })}`}
            </dd>
            <dt>Weegniveau gebied</dt>
            <dd data-level>{weighting.level ?? '–'}</dd>
            <dt>Afkappen</dt>
            <dd data-trimmed={weighting.trimmed ?? 0}>
              {`${weighting.trimRule ?? '–'}: ${weighting.trimmed ?? 0} van de ${weighting.summary.n} gewichten afgekapt`}
            </dd>
          </dl>
        )}
        {weighting.marginFit && (
          <Table data-margin-fit>
            <TableCaption>
              Hoe ver elk kenmerk na het afkappen van de CBS-cijfers af ligt (grootste afwijking)
            </TableCaption>
            <THead>
              <Tr>
                <Th scope="col">Kenmerk</Th>
                <Th scope="col">Categorie</Th>
                <Th scope="col">CBS</Th>
                <Th scope="col">Gewogen</Th>
                <Th scope="col">Afwijking</Th>
              </Tr>
            </THead>
            <TBody>
              {weighting.marginFit.map((f) => (
                <Tr data-margin={f.variable}>
                  <Th scope="row">{f.variable}</Th>
                  <Td>{f.category}</Td>
                  <Td>{f.target.toLocaleString('nl-NL')}</Td>
                  <Td>{f.reached.toLocaleString('nl-NL', { maximumFractionDigits: 0 })}</Td>
                  <Td data-deviation={f.deviation}>
                    {`${(f.deviation * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <p class="utrecht-paragraph wk-muted">
          {`Een aantal van 1 tot en met ${MINIMUM_CELL_N - 1} tonen we niet (0 wel), en zo nodig nog een ander getal, zodat het niet uit te rekenen is (zie de methode). "Weet niet" en "zeg ik liever niet" tellen apart en niet mee in de percentages. De marge is het 95%-betrouwbaarheidsinterval (logit, blijft tussen 0 en 100%).`}
        </p>
      </section>
      <section class="wk-stack" aria-labelledby="downloads">
        <h2 class="utrecht-heading-2" id="downloads">
          Gegevens voor onderzoekers
        </h2>
        <DownloadLinks
          list
          links={formatLinks(
            `${props.base}/${q.key}/export`,
            SURVEY_EXPORT_FORMATS.map((f) => ({ format: f, label: EXPORT_LABELS[f] })),
          )}
        />
      </section>
      {props.domain && (
        <section class="wk-stack" aria-labelledby="uitsplitsing">
          <h2 class="utrecht-heading-2" id="uitsplitsing">
            Uitsplitsing
          </h2>
          <DomainTable view={props.domain} />
        </section>
      )}
      {themes.map((theme) => (
        <section class="wk-stack" aria-labelledby={`thema-${theme}`}>
          <h2 class="utrecht-heading-2" id={`thema-${theme}`}>
            {THEME_LABELS[theme]}
          </h2>
          {props.tables
            .filter((t) => t.spec.theme === theme)
            .map((t) => (
              <>
                <ResultTableView table={t} />
                <p class="utrecht-paragraph wk-muted">
                  {'Uitsplitsen: '}
                  <a
                    class="utrecht-link"
                    href={`${props.base}/${q.key}/resultaten?vraag=${t.spec.variable}&naar=kanaal#uitsplitsing`}
                  >
                    per kanaal
                  </a>
                  {', '}
                  <a
                    class="utrecht-link"
                    href={`${props.base}/${q.key}/resultaten?vraag=${t.spec.variable}&naar=buurt#uitsplitsing`}
                  >
                    per buurt
                  </a>
                  {', '}
                  <a
                    class="utrecht-link"
                    href={`${props.base}/${q.key}/resultaten?vraag=${t.spec.variable}&naar=wijk#uitsplitsing`}
                  >
                    per wijk
                  </a>
                </p>
              </>
            ))}
        </section>
      ))}
    </Layout>
  );
}
