import { localSourceNote } from '../../../imports/index.ts';
import { formatPeriod, formatValue as chartValue } from '../../../charts/index.ts';
import type { IndicatorAggregate } from '../../../aggregation/index.ts';
import type { Indicator, IndicatorAvailability } from '../../../indicators/index.ts';
import {
  evaluateTarget,
  noiseBand,
  periodYear,
  type Target,
  type TargetEvaluation,
} from '../../../targets/index.ts';
import { sourceText } from '../../figure-notes.ts';
import {
  REFERENCE_KEYS,
  REFERENCE_LABELS,
  type AreaProfile,
  type IndicatorProfile,
  type ReferenceKey,
  type ReferenceSeries,
  type SeriesPoint,
} from '../../profile.types.ts';
import { tableScroll } from '../../../../views/table-scroll.ts';
import { isTermKey, TERM_KEYS, TERMS, termHref, type TermKey } from '../../terms.ts';
import {
  DownloadLinks,
  formatLinks,
  TABLE_FORMATS,
} from '../../../../views/components/download-links.tsx';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../../views/components/data-table.tsx';

/** One cell that may have no value: the text, and why it is empty (never a zero). */
export interface Cell {
  text: string;
  note?: string;
  /** The number behind `text`, when there is one (not for a range or an empty cell). */
  value?: number;
}

export interface ProfileRow {
  indicator: Indicator;
  latest: Cell & { period: string; flags: string[] };
  /** The period the change is measured from, when there is a change. */
  baselinePeriod?: string;
  change: Cell;
  references: Record<ReferenceKey, Cell>;
  target: { status: string; explanation: string; isExample: boolean } | null;
}

export interface NotLoadedRow {
  indicator: Indicator;
  reason: string;
  /** For researchers: the CBS variables that are missing, in small print. */
  detail?: string;
}

export interface ProfileThemeView {
  key: string;
  name: string;
  rows: ProfileRow[];
  notLoaded: NotLoadedRow[];
}

/**
 * Tables on these pages group thousands with a dot (28.740), as the delineation table below does;
 * the narrow space of the chart format is for chart labels.
 */
function formatValue(value: number, decimals: number, unit: string): string {
  return chartValue(value, decimals, unit).replaceAll('\u202f', '.');
}

const hasValue = (r: IndicatorAggregate): boolean =>
  r.status === 'berekend' || r.status === 'bereik';

function valueText(indicator: Indicator, r: IndicatorAggregate): string {
  if (r.status === 'bereik' && r.range) {
    return `${formatValue(r.range.min, indicator.decimals, indicator.unit)} tot ${formatValue(r.range.max, indicator.decimals, indicator.unit)} (per buurt)`;
  }
  return r.value === null ? '–' : formatValue(r.value, indicator.decimals, indicator.unit);
}

function sameYear(points: readonly SeriesPoint[], period: string): SeriesPoint | undefined {
  const year = periodYear(period);
  return (
    points.find((p) => p.period === period) ?? points.find((p) => periodYear(p.period) === year)
  );
}

/** The single number of a result, for words and charts; a range has none. */
function numberOf(r: IndicatorAggregate): { value?: number } {
  return r.status === 'berekend' && r.value !== null ? { value: r.value } : {};
}

function referenceCell(
  indicator: Indicator,
  series: ReferenceSeries | undefined,
  period: string,
): Cell {
  const point = series?.points.find((p) => p.period === period);
  if (point && hasValue(point.result)) {
    // A reference summed from buurten (the rest of the municipality) says which it left out,
    // as the area's own figure does.
    const note = [point.result.note, excludedNote(point.result)].filter(Boolean).join(' ');
    return {
      text: valueText(indicator, point.result),
      ...(note ? { note } : {}),
      ...numberOf(point.result),
    };
  }
  return {
    text: '–',
    note: point?.result.note ?? series?.note ?? `Geen cijfer voor ${formatPeriod(period)}.`,
  };
}

function excludedNote(r: IndicatorAggregate): string | undefined {
  const secret = r.excluded.filter((e) => e.reason === 'geheim').length;
  const other = r.excluded.length - secret;
  const parts: string[] = [];
  if (secret > 0) parts.push(`${secret} ${secret === 1 ? 'buurt' : 'buurten'} geheim`);
  if (other > 0) parts.push(`${other} ${other === 1 ? 'buurt' : 'buurten'} zonder cijfer`);
  return parts.length > 0 ? `Niet meegeteld: ${parts.join(', ')}.` : undefined;
}

function evaluate(p: IndicatorProfile, target: Target): TargetEvaluation {
  const measure = p.indicator.measure;
  const base = sameYear(p.area, target.baselinePeriod);
  const latest = p.latest;
  const refKey: ReferenceKey = target.reference ?? 'nederland';
  const ref = p.references.find((r) => r.key === refKey);
  const refAt = (period: string | undefined): number | null => {
    if (!ref || period === undefined) return null;
    return sameYear(ref.points, period)?.result.value ?? null;
  };
  const current =
    latest && latest.result.value !== null
      ? {
          period: latest.period,
          value: latest.result.value,
          noise: noiseBand({
            measureType: measure.type,
            value: latest.result.value,
            includedBuurten: latest.result.includedCodes.length,
            ...(latest.result.denominator !== undefined
              ? { denominator: latest.result.denominator }
              : {}),
            ...(measure.type === 'ratio' ? { scale: measure.scale } : {}),
            ...(measure.type !== 'count' && measure.type !== 'ratio'
              ? { publishedDecimals: p.indicator.decimals }
              : {}),
            ...(latest.result.survey
              ? { ciHalfWidth: (latest.result.survey.upper - latest.result.survey.lower) / 2 }
              : {}),
          }),
        }
      : null;
  return evaluateTarget({
    target,
    polarity: p.indicator.polarity,
    baseline:
      base && base.result.value !== null ? { period: base.period, value: base.result.value } : null,
    current,
    reference: {
      baseline: refAt(base?.period ?? target.baselinePeriod),
      current: refAt(latest?.period),
    },
  });
}

function row(p: IndicatorProfile, target: Target | undefined, latest: SeriesPoint): ProfileRow {
  const ind = p.indicator;
  const refs = {} as Record<ReferenceKey, Cell>;
  for (const key of REFERENCE_KEYS) {
    refs[key] = referenceCell(
      ind,
      p.references.find((r) => r.key === key),
      latest.period,
    );
  }
  const excluded = latest.result.survey
    ? latest.result.note
    : hasValue(latest.result)
      ? excludedNote(latest.result)
      : (latest.result.note ?? 'Geen cijfer voor dit gebied.');
  const change: Cell =
    p.change !== null && p.baseline
      ? {
          text:
            (p.change > 0 ? '+' : '') +
            formatValue(p.change, ind.decimals, ind.unit) +
            ` sinds ${formatPeriod(p.baseline.period)}`,
          value: p.change,
        }
      : {
          text: '–',
          note:
            latest.result.status === 'bereik'
              ? 'Een bereik heeft geen verandering.'
              : hasValue(latest.result)
                ? 'Nog maar één meting.'
                : 'Geen cijfer om te vergelijken.',
        };
  let evaluation: ProfileRow['target'] = null;
  if (target) {
    const e = evaluate(p, target);
    evaluation = { status: e.status, explanation: e.explanation, isExample: target.isExample };
  }
  return {
    indicator: ind,
    ...(p.change !== null && p.baseline ? { baselinePeriod: p.baseline.period } : {}),
    latest: {
      text: valueText(ind, latest.result),
      period: latest.period,
      flags: latest.result.survey ? [...latest.result.flags, 'enquête'] : latest.result.flags,
      ...(excluded ? { note: excluded } : {}),
      ...numberOf(latest.result),
    },
    change,
    references: refs,
    target: evaluation,
  };
}

/** The profile as rows to show: every figure formatted, every empty cell with its reason. */
export function profileView(
  profile: AreaProfile,
  targets: readonly Target[],
  availability: readonly IndicatorAvailability[],
): ProfileThemeView[] {
  const reasons = new Map(
    availability.flatMap((a) => (a.status === 'geladen' ? [] : [[a.key, a] as const])),
  );
  // A reference with a figure, or with a state other than "not loaded", is worth a row: the
  // area's own cell then says why it is empty.
  const informative = (p: IndicatorProfile): boolean =>
    p.references.some((r) =>
      r.points.some((pt) => hasValue(pt.result) || (pt.missing && pt.missing !== 'niet geladen')),
    );
  // Example targets are for the workspace; public pages show only targets that were set.
  const setTargets = targets.filter((t) => !t.isExample);
  return profile.themes.map(({ theme, indicators }) => {
    const rows: ProfileRow[] = [];
    const notLoaded: NotLoadedRow[] = [];
    for (const p of indicators) {
      // Loaded but without a value (e.g. every buurt secret): a row with "–" and the reason,
      // since "nog niet geladen" would be untrue.
      const shown = p.latest ?? (p.loaded || informative(p) ? p.area.at(-1) : undefined);
      if (!shown) {
        const missing = reasons.get(p.indicator.key);
        if (missing && missing.missing.length > 0) {
          // Plain words: who publishes it, and the table; never the variable codes.
          notLoaded.push({
            indicator: p.indicator,
            reason: `Dit cijfer komt van ${p.indicator.source.publisher}. Die gegevens staan nog niet in Wijkkompas.`,
            detail: sourceText(p.indicator),
          });
          continue;
        }
        const reason =
          p.indicator.measure.type === 'survey_proportion'
            ? 'Dit cijfer komt uit de bewonersenquête en wordt daar berekend.'
            : missing
              ? 'De gegevens die nodig zijn, staan niet voor dezelfde periode in Wijkkompas.'
              : 'Wijkkompas heeft dit cijfer wel voor andere gebieden, maar nog niet voor dit gebied, zijn gemeente of Nederland.';
        notLoaded.push({ indicator: p.indicator, reason, detail: sourceText(p.indicator) });
        continue;
      }
      rows.push(
        row(
          p,
          setTargets.find((t) => t.indicatorKey === p.indicator.key),
          shown,
        ),
      );
    }
    return { key: theme.key, name: theme.name, rows, notLoaded };
  });
}

/** A theme's indicators without figures, each with why, in plain words first. */
export function NotLoadedList({ theme }: { theme: Pick<ProfileThemeView, 'name' | 'notLoaded'> }) {
  if (theme.notLoaded.length === 0) return null;
  return (
    <>
      <h3 class="utrecht-heading-3">{`Nog niet geladen (${theme.name})`}</h3>
      <ul class="wk-plain-list">
        {theme.notLoaded.map((n) => (
          <li data-not-loaded={n.indicator.key}>
            {`${n.indicator.name}: nog niet geladen. ${n.reason}`}
            {n.detail && <span class="wk-cell-note">{n.detail}</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A theme without any figure yet: one line, pointing to the list at the end. */
export function EmptyTheme() {
  return (
    <p class="utrecht-paragraph wk-muted" data-empty-theme>
      {'Voor dit thema staan nog geen cijfers in Wijkkompas. Zie '}
      <a class="utrecht-link" href="#nog-niet-geladen">
        nog niet geladen
      </a>
      {' onderaan de pagina.'}
    </p>
  );
}

/**
 * Every indicator of the page without figures, gathered at the end in one section that is
 * closed until opened (a native <details>: works without JavaScript).
 */
export function NotLoadedSection({
  themes,
}: {
  themes: readonly Pick<ProfileThemeView, 'name' | 'notLoaded'>[];
}) {
  const count = themes.reduce((n, t) => n + t.notLoaded.length, 0);
  if (count === 0) return null;
  return (
    <details class="wk-not-loaded" id="nog-niet-geladen">
      <summary class="wk-not-loaded__summary">
        {`Nog niet geladen: ${count} ${count === 1 ? 'cijfer' : 'cijfers'} zonder gegevens in Wijkkompas`}
      </summary>
      {themes.map((theme) => (
        <NotLoadedList theme={theme} />
      ))}
    </details>
  );
}

/**
 * The notes of a page's tables, each written once: a cell shows a numbered reference, the list
 * under the tables says what it means. The same state reads the same everywhere on the page,
 * and a note that recurs on twenty rows takes one line instead of twenty.
 */
export class Footnotes {
  private readonly numbers = new Map<string, { n: number; term: TermKey | undefined }>();

  /**
   * The number of a note; the first time a note is seen, it gets the next number. `term`: the
   * word the note uses (e.g. geheim), so the note links to its one explanation on the page.
   */
  ref(note: string, term?: TermKey): number {
    let entry = this.numbers.get(note);
    if (entry === undefined) {
      entry = { n: this.numbers.size + 1, term };
      this.numbers.set(note, entry);
    }
    return entry.n;
  }

  get list(): { n: number; text: string; term: TermKey | undefined }[] {
    return [...this.numbers].map(([text, { n, term }]) => ({ n, text, term }));
  }
}

/** The id of a word's explanation on the page (see TermList). */
export function termId(key: TermKey): string {
  return `uitleg-${TERMS[key].anchor}`;
}

/** The word a note is about, when it uses one that is explained (only "geheim" so far). */
export function noteTerm(note: string): TermKey | undefined {
  return /\bgeheim\b/i.test(note) ? 'geheim' : undefined;
}

/** A note in a comparison column: about secrecy, or else (the NPLV column) about its average. */
function referenceTerm(key: ReferenceKey, note: string | undefined): TermKey | undefined {
  if (note === undefined) return undefined;
  return noteTerm(note) ?? (key === 'nplv' ? 'nplv' : undefined);
}

/** The number of a note under the tables, linked to it (profile and factsheet). */
export function NoteRef({ n }: { n: number }) {
  return (
    <sup>
      <a class="wk-note-ref" href={`#noot-${n}`} aria-label={`toelichting ${n}`}>
        {n}
      </a>
    </sup>
  );
}

function CellView({ cell, notes, term }: { cell: Cell; notes?: Footnotes; term?: TermKey }) {
  if (notes && cell.note) {
    return (
      <>
        {cell.text}
        <NoteRef n={notes.ref(cell.note, term ?? noteTerm(cell.note))} />
      </>
    );
  }
  return (
    <>
      {cell.text}
      {cell.note && <span class="wk-cell-note">{cell.note}</span>}
    </>
  );
}

/** The list of notes the tables refer to; a note that uses an explained word links to it. */
export function FootnoteList({ notes }: { notes: Footnotes }) {
  const list = notes.list;
  if (list.length === 0) return null;
  return (
    <section class="wk-footnotes" aria-labelledby="toelichting">
      <h2 class="utrecht-heading-2" id="toelichting">
        Toelichting bij de tabellen
      </h2>
      <ol class="wk-footnotes__list">
        {list.map(({ n, text, term }) => (
          <li id={`noot-${n}`} value={n} data-note={n}>
            {text}
            {term && (
              <>
                {' '}
                <a class="utrecht-link" href={`#${termId(term)}`} data-term-link={term}>
                  {`Wat betekent ${TERMS[term].word}?`}
                </a>
              </>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * The words the page's tables use, each explained once, in the same text as on /methode, with a
 * link to it there. A cell or a note with the word refers here.
 */
export function TermList({ terms }: { terms: readonly TermKey[] }) {
  const used = TERM_KEYS.filter((k) => terms.includes(k));
  if (used.length === 0) return null;
  return (
    <section class="wk-terms" aria-labelledby="woorden">
      <h2 class="utrecht-heading-2" id="woorden">
        Woorden bij de cijfers
      </h2>
      <dl class="wk-definitions" data-section="woorden">
        {used.map((k) => (
          <>
            <dt id={termId(k)} data-term={k}>
              {TERMS[k].word}
            </dt>
            <dd>
              {TERMS[k].text}{' '}
              <a class="utrecht-link" href={termHref(k)}>
                {`Meer over ${TERMS[k].word} in hoe wij rekenen`}
              </a>
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

/** The explained words a profile's rows use: their flags, their notes and the NPLV column. */
export function termsUsed(
  themes: readonly Pick<ProfileThemeView, 'rows'>[],
  references: readonly ReferenceKey[],
): TermKey[] {
  const used = new Set<TermKey>();
  if (references.includes('nplv')) used.add('nplv');
  for (const theme of themes)
    for (const r of theme.rows) {
      for (const flag of r.latest.flags) if (isTermKey(flag)) used.add(flag);
      const cells = [r.latest, r.change, ...references.map((k) => r.references[k])];
      for (const c of cells) {
        const term = c.note ? noteTerm(c.note) : undefined;
        if (term) used.add(term);
      }
    }
  return [...used];
}

/** Per theme: a table of its indicators and a list of those not yet loaded. */
/** `slug` links each indicator to its page; a custom set has no such pages, so no links. */
export function ProfileSection({
  slug,
  themes,
  downloads,
  references = REFERENCE_KEYS,
}: {
  slug?: string;
  themes: ProfileThemeView[];
  /** Where the profile table is served as files (see DownloadLinks). */
  downloads?: string;
  /**
   * The comparison columns; a column that means nothing for the area is left out (the NPLV
   * average beside a custom area).
   */
  references?: readonly ReferenceKey[];
}) {
  // Without any target that was set, a column of "geen doel" says nothing: it is left out.
  const withTargets = themes.some((t) => t.rows.some((r) => r.target !== null));
  // Numbered in reading order (row by row, cell by cell), before the tables are drawn.
  const notes = new Footnotes();
  for (const theme of themes)
    for (const r of theme.rows) {
      if (r.latest.note) notes.ref(r.latest.note, noteTerm(r.latest.note));
      if (r.change.note) notes.ref(r.change.note, noteTerm(r.change.note));
      for (const k of references) {
        const note = r.references[k].note;
        if (note) notes.ref(note, referenceTerm(k, note));
      }
    }
  return (
    <>
      {downloads && (
        <DownloadLinks
          intro="Download deze cijfers:"
          links={formatLinks(downloads, TABLE_FORMATS)}
        />
      )}
      {themes.map((theme) => (
        <section class="wk-stack" aria-labelledby={`thema-${theme.key}`}>
          <h2 class="utrecht-heading-2" id={`thema-${theme.key}`}>
            {theme.name}
          </h2>
          {theme.rows.length === 0 && <EmptyTheme />}
          {theme.rows.length > 0 && (
            <div {...tableScroll(`${theme.name}: laatste cijfers, verandering en vergelijking`)}>
              <Table class="wk-profile-table">
                <TableCaption>
                  {`${theme.name}: laatste cijfers, verandering en vergelijking`}
                </TableCaption>
                <THead>
                  <Tr>
                    <Th scope="col">Indicator</Th>
                    <Th scope="col">Laatste cijfer</Th>
                    <Th scope="col">Verandering</Th>
                    {references.map((k) => (
                      <Th scope="col" data-column={k}>
                        {REFERENCE_LABELS[k]}
                      </Th>
                    ))}
                    {withTargets && <Th scope="col">Doel</Th>}
                  </Tr>
                </THead>
                <TBody>
                  {theme.rows.map((r) => (
                    <Tr data-indicator={r.indicator.key}>
                      <Th scope="row">
                        {slug ? (
                          <a
                            class="utrecht-link"
                            href={`/gebieden/${slug}/indicatoren/${r.indicator.key}`}
                          >
                            {r.indicator.name}
                          </a>
                        ) : (
                          r.indicator.name
                        )}
                      </Th>
                      <Td data-cell="laatste">
                        {r.latest.text}
                        <span class="wk-cell-note">
                          {formatPeriod(r.latest.period)}
                          {r.latest.flags.length > 0 ? ` · ${r.latest.flags.join(', ')}` : ''}
                        </span>
                        {r.latest.note && (
                          <NoteRef n={notes.ref(r.latest.note, noteTerm(r.latest.note))} />
                        )}
                      </Td>
                      <Td data-cell="verandering">
                        <CellView cell={r.change} notes={notes} />
                      </Td>
                      {references.map((k) => (
                        <Td data-cell={k}>
                          <CellView
                            cell={r.references[k]}
                            notes={notes}
                            term={referenceTerm(k, r.references[k].note)}
                          />
                        </Td>
                      ))}
                      {withTargets && (
                        <Td data-cell="doel">
                          {r.target ? (
                            <>
                              <strong>{r.target.status}</strong>
                              {r.target.isExample && ' (voorbeeld)'}
                              <span class="wk-cell-note">{r.target.explanation}</span>
                            </>
                          ) : (
                            'geen doel'
                          )}
                        </Td>
                      )}
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </div>
          )}
        </section>
      ))}
      <FootnoteList notes={notes} />
      <TermList terms={termsUsed(themes, references)} />
      <NotLoadedSection themes={themes} />
      <p class="utrecht-paragraph wk-muted">
        {localSourceNote(themes.flatMap((t) => t.rows.map((r) => r.indicator))).trim()}
        {localSourceNote(themes.flatMap((t) => t.rows.map((r) => r.indicator))) ? ' ' : ''}
        {`Bron: CBS en andere bronnen per indicator, zie `}
        <a class="utrecht-link" href="/bronnen">
          bronnen
        </a>
        {' en '}
        <a class="utrecht-link" href="/methode">
          hoe wij rekenen
        </a>
        .
      </p>
    </>
  );
}
