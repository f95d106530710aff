import { Layout } from '../../../../views/layout.tsx';
import { textIn, THEME_LABELS } from '../../definition/fixed-labels.ts';
import type { Questionnaire } from '../../definition/questionnaire.schema.ts';
import { SURVEY_EXPORT_FORMATS } from '../../export/formats.ts';
import { MINIMUM_CELL_N } from '../../weighting/suppression.ts';
import type { ResultTable, SuppressedTable, Weighting } from '../survey-results.ts';

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
    <div class="wk-table-scroll" data-result={spec.variable}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          {spec.title}
          <span class="wk-cell-note">
            {table.onderdrukt
              ? 'Niet getoond: te weinig antwoorden, of uit te rekenen uit andere getallen.'
              : `${table.nValid} geldige antwoorden, ${table.nMissing ?? 'niet getoond'} zonder antwoord.`}
          </span>
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              Antwoord
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Aantal
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Ongewogen (95%-marge)
            </th>
            {weighted && (
              <th class="utrecht-table__header-cell" scope="col">
                Gewogen (95%-marge)
              </th>
            )}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {spec.categories
            .filter((c) => !c.missing)
            .map((c) => {
              const cell = table.categories.find((x) => x.category === c.value);
              return (
                <tr class="utrecht-table__row" data-category={c.value}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {c.label}
                  </th>
                  <td class="utrecht-table__cell" data-cell="aantal">
                    {count(cell)}
                  </td>
                  <td class="utrecht-table__cell" data-cell="ongewogen">
                    {share(cell, 'unweighted')}
                  </td>
                  {weighted && (
                    <td class="utrecht-table__cell" data-cell="gewogen">
                      {share(cell, 'weighted')}
                    </td>
                  )}
                </tr>
              );
            })}
          {missing.map((c) => (
            <tr class="utrecht-table__row" data-category={c.value} data-missing>
              <th class="utrecht-table__header-cell" scope="row">
                {c.label}
              </th>
              <td class="utrecht-table__cell" data-cell="aantal">
                {count(table.missingCategories.find((x) => x.category === c.value))}
              </td>
              <td class="utrecht-table__cell" colspan={weighted ? 2 : 1}>
                telt niet mee in de percentages
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
    <div class="wk-table-scroll">
      <table class="utrecht-table" data-domain={view.by}>
        <caption class="utrecht-table__caption">
          {`${view.title}, per ${view.by} (${view.rows[0]?.weighted ? 'gewogen' : 'ongewogen'})`}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {BY_LABELS[view.by]}
            </th>
            <th class="utrecht-table__header-cell" scope="col">
              Antwoorden
            </th>
            {view.categories.map((c) => (
              <th class="utrecht-table__header-cell" scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {view.rows.map((r) => (
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="row">
                {r.domain}
              </th>
              <td class="utrecht-table__cell" data-cell="n">
                {r.table.nValid ?? 'niet getoond'}
              </td>
              {view.categories.map((c) => (
                <td class="utrecht-table__cell" data-category={c.value}>
                  {share(
                    r.table.categories.find((x) => x.category === c.value),
                    r.weighted ? 'weighted' : 'unweighted',
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
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
          <table class="utrecht-table" data-margin-fit>
            <caption class="utrecht-table__caption">
              Hoe ver elk kenmerk na het afkappen van de CBS-cijfers af ligt (grootste afwijking)
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Kenmerk
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Categorie
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  CBS
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Gewogen
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Afwijking
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {weighting.marginFit.map((f) => (
                <tr class="utrecht-table__row" data-margin={f.variable}>
                  <th class="utrecht-table__header-cell" scope="row">
                    {f.variable}
                  </th>
                  <td class="utrecht-table__cell">{f.category}</td>
                  <td class="utrecht-table__cell">{f.target.toLocaleString('nl-NL')}</td>
                  <td class="utrecht-table__cell">
                    {f.reached.toLocaleString('nl-NL', { maximumFractionDigits: 0 })}
                  </td>
                  <td class="utrecht-table__cell" data-deviation={f.deviation}>
                    {`${(f.deviation * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1 })}%`}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <p class="utrecht-paragraph wk-muted">
          {`Een aantal van 1 tot en met ${MINIMUM_CELL_N - 1} tonen we niet (0 wel), en zo nodig nog een ander getal, zodat het niet uit te rekenen is (zie de methode). "Weet niet" en "zeg ik liever niet" tellen apart en niet mee in de percentages. De marge is het 95%-betrouwbaarheidsinterval (logit, blijft tussen 0 en 100%).`}
        </p>
      </section>
      <section class="wk-stack" aria-labelledby="downloads">
        <h2 class="utrecht-heading-2" id="downloads">
          Gegevens voor onderzoekers
        </h2>
        <ul class="utrecht-unordered-list">
          {SURVEY_EXPORT_FORMATS.map((f) => (
            <li class="utrecht-unordered-list__item">
              <a class="utrecht-link" href={`${props.base}/${q.key}/export?formaat=${f}`}>
                {EXPORT_LABELS[f]}
              </a>
            </li>
          ))}
        </ul>
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
