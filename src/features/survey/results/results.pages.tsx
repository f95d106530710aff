import { Layout } from '../../../views/layout.tsx';
import { textIn, THEME_LABELS } from '../definition/fixed-labels.ts';
import type { Questionnaire } from '../definition/questionnaire.schema.ts';
import { SURVEY_EXPORT_FORMATS } from '../export/formats.ts';
import { MINIMUM_CELL_N } from '../weighting/suppression.ts';
import type { ResultTable, SuppressedTable, Weighting } from './survey-results.ts';

const pct = (v: number) =>
  (v * 100).toLocaleString('nl-NL', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

type Cell = SuppressedTable['categories'][number];

function share(cell: Cell | undefined, key: 'weighted' | 'unweighted'): string {
  if (!cell) return '–';
  if ('onderdrukt' in cell && cell.onderdrukt) return `minder dan ${MINIMUM_CELL_N}`;
  const e = (cell as Record<string, unknown>)[key] as
    { estimate: number; lower: number; upper: number } | null | undefined;
  if (!e) return '–';
  return `${pct(e.estimate)}% (${pct(Math.max(0, e.lower))}–${pct(Math.min(1, e.upper))})`;
}

export const EXPORT_LABELS: Record<(typeof SURVEY_EXPORT_FORMATS)[number], string> = {
  csv: 'Gegevens (CSV, één regel per antwoord)',
  'codeboek-csv': 'Codeboek (CSV)',
  'codeboek-md': 'Codeboek (Markdown)',
  sav: 'SPSS (.sav, met labels, ontbrekende waarden en weegfactor)',
  xlsx: 'Excel (.xlsx, gegevens en codeboek)',
};

function ResultTableView({ table, weighted }: { table: ResultTable; weighted: boolean }) {
  const { spec } = table;
  return (
    <div class="wk-table-scroll" data-result={spec.variable}>
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">
          {spec.title}
          <span class="wk-cell-note">
            {table.unweighted.onderdrukt
              ? `Minder dan ${MINIMUM_CELL_N} antwoorden: niet getoond.`
              : `${table.unweighted.nValid} antwoorden, ${table.unweighted.nMissing} zonder antwoord.`}
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
          {spec.categories.map((c) => {
            const u = table.unweighted.categories.find((x) => x.category === c.value);
            const w = table.weighted?.categories.find((x) => x.category === c.value);
            const n =
              u && 'n' in u && typeof u.n === 'number' ? String(u.n) : `< ${MINIMUM_CELL_N}`;
            return (
              <tr class="utrecht-table__row" data-category={c.value}>
                <th class="utrecht-table__header-cell" scope="row">
                  {c.label}
                </th>
                <td class="utrecht-table__cell">{n}</td>
                <td class="utrecht-table__cell" data-cell="ongewogen">
                  {share(u, 'unweighted')}
                </td>
                {weighted && (
                  <td class="utrecht-table__cell" data-cell="gewogen">
                    {share(w, 'weighted')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface DomainView {
  title: string;
  variable: string;
  by: 'kanaal' | 'buurt';
  rows: { domain: string; weighted: boolean; table: SuppressedTable }[];
  categories: { value: string; label: string }[];
}

function DomainTable({ view }: { view: DomainView }) {
  return (
    <div class="wk-table-scroll">
      <table class="utrecht-table" data-domain={view.by}>
        <caption class="utrecht-table__caption">
          {`${view.title}, per ${view.by === 'kanaal' ? 'kanaal' : 'buurt'} (${view.rows[0]?.weighted ? 'gewogen' : 'ongewogen'})`}
        </caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            <th class="utrecht-table__header-cell" scope="col">
              {view.by === 'kanaal' ? 'Kanaal' : 'Buurt'}
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
              <td class="utrecht-table__cell">{r.table.nValid ?? `< ${MINIMUM_CELL_N}`}</td>
              {view.categories.map((c) => (
                <td class="utrecht-table__cell">
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
  const weighted = weighting.status === 'gewogen';
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
      <p class="utrecht-paragraph">
        {`${props.responses} antwoorden tellen mee (op internet verstuurd, of goedgekeurd): ${Object.entries(
          props.byChannel,
        )
          .map(([c, n]) => `${c} ${n}`)
          .join(', ')}. Antwoorden die nog gecontroleerd worden, tellen niet mee.`}
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
          </dl>
        )}
        <p class="utrecht-paragraph wk-muted">
          {`Een antwoord dat minder dan ${MINIMUM_CELL_N} keer is gegeven, tonen we niet (en zo nodig nog één, zodat het niet uit te rekenen is). De marge is het 95%-betrouwbaarheidsinterval.`}
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
                <ResultTableView table={t} weighted={weighted} />
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
                </p>
              </>
            ))}
        </section>
      ))}
    </Layout>
  );
}
