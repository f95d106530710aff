import { Layout } from '../../../../views/layout.tsx';
import { formatPeriod } from '../../../charts/index.ts';
import type { Indicator, IndicatorAvailability } from '../../../indicators/index.ts';
import type { AreaProfile, AreaSelection } from '../../profile.types.ts';
import { isTermKey, type TermKey } from '../../terms.ts';
import { SourceNote } from '../../profiles/views/buurt.page.tsx';
import {
  EmptyTheme,
  FootnoteList,
  Footnotes,
  NoteRef,
  noteTerm,
  NotLoadedSection,
  profileView,
  TermList,
  type NotLoadedRow,
  type ProfileRow,
} from '../../profiles/views/profile-section.tsx';
import { tableScroll } from '../../../../views/table-scroll.ts';
import {
  Table,
  TableCaption,
  TBody,
  THead,
  Td,
  Th,
  Tr,
} from '../../../../views/components/data-table.tsx';

export interface CompareCell {
  text: string;
  /** The period of this area's own latest value; null when it has none. */
  period: string | null;
  /** Short words beside the period (geheim, voorlopig). */
  flags: string[];
  /** Longer notes: numbered under the tables, each written once (as on the profile). */
  notes: string[];
}

export interface CompareRow {
  indicator: Indicator;
  a: CompareCell;
  b: CompareCell;
}

export interface CompareThemeView {
  key: string;
  name: string;
  rows: CompareRow[];
  notLoaded: NotLoadedRow[];
}

function cellOf(row: ProfileRow | undefined, missing: NotLoadedRow | undefined): CompareCell {
  if (!row) {
    return {
      text: '–',
      period: null,
      flags: [],
      notes: [missing ? `Nog niet geladen. ${missing.reason}` : 'Geen cijfer voor dit gebied.'],
    };
  }
  return {
    text: row.latest.text,
    period: row.latest.period,
    flags: [...row.latest.flags],
    notes: row.latest.note ? [row.latest.note] : [],
  };
}

/** Per theme: each indicator with both areas' latest values, each at its own newest period. */
export function compareView(
  a: AreaProfile,
  b: AreaProfile,
  availability: readonly IndicatorAvailability[],
): CompareThemeView[] {
  const viewA = profileView(a, [], availability);
  const viewB = profileView(b, [], availability);
  return a.themes.map(({ theme, indicators }) => {
    const ta = viewA.find((t) => t.key === theme.key);
    const tb = viewB.find((t) => t.key === theme.key);
    const rows: CompareRow[] = [];
    const notLoaded: NotLoadedRow[] = [];
    for (const { indicator } of indicators) {
      const ra = ta?.rows.find((r) => r.indicator.key === indicator.key);
      const rb = tb?.rows.find((r) => r.indicator.key === indicator.key);
      const na = ta?.notLoaded.find((n) => n.indicator.key === indicator.key);
      const nb = tb?.notLoaded.find((n) => n.indicator.key === indicator.key);
      if (!ra && !rb) {
        if (na ?? nb) notLoaded.push((na ?? nb) as NotLoadedRow);
        continue;
      }
      rows.push({ indicator, a: cellOf(ra, na), b: cellOf(rb, nb) });
    }
    return { key: theme.key, name: theme.name, rows, notLoaded };
  });
}

export interface Option {
  value: string;
  label: string;
}

export interface CompareOptions {
  focus: Option[];
  wijken: Option[];
  buurten: Option[];
  /** The municipality whose wijken and buurten are offered, and the others to choose from. */
  municipality: { code: string; name: string };
  municipalities: Option[];
}

const KIND_LABEL: Record<AreaSelection['kind'], string> = {
  focusgebied: 'focusgebied',
  selectie: 'eigen selectie',
  wijk: 'wijk',
  buurt: 'buurt',
};

/** The area's name, with its kind and code on a line of their own (narrow on a phone). */
function AreaHeading({ area }: { area: AreaSelection }) {
  return (
    <>
      {area.name}
      <span class="wk-cell-note">{`${KIND_LABEL[area.kind]}${area.code ? ` ${area.code}` : ''}`}</span>
    </>
  );
}

function AreaSelect({
  name,
  label,
  options,
  selected,
}: {
  name: 'a' | 'b';
  label: string;
  options: CompareOptions;
  selected: string;
}) {
  const group = (title: string, list: Option[]) =>
    list.length > 0 && (
      <optgroup label={title}>
        {list.map((o) => (
          <option value={o.value} selected={o.value === selected}>
            {o.label}
          </option>
        ))}
      </optgroup>
    );
  return (
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" for={`gebied-${name}`}>
        {label}
      </label>
      <select class="utrecht-select" id={`gebied-${name}`} name={name} required>
        <option value="" selected={selected === ''}>
          Kies een gebied
        </option>
        {group('Focusgebieden', options.focus)}
        {group(`Wijken van ${options.municipality.name}`, options.wijken)}
        {group(`Buurten van ${options.municipality.name}`, options.buurten)}
      </select>
    </div>
  );
}

function Value({ cell, notes }: { cell: CompareCell; notes: Footnotes }) {
  const small = [cell.period !== null ? formatPeriod(cell.period) : null, ...cell.flags].filter(
    (t): t is string => t !== null,
  );
  return (
    <>
      {cell.text}
      {cell.notes.map((n) => (
        <NoteRef n={notes.ref(n, noteTerm(n))} />
      ))}
      {small.length > 0 && <span class="wk-cell-note">{small.join(' · ')}</span>}
    </>
  );
}

/** The notes of both columns, numbered in reading order before the tables are drawn. */
function numberNotes(themes: readonly CompareThemeView[]): Footnotes {
  const notes = new Footnotes();
  for (const theme of themes)
    for (const r of theme.rows)
      for (const n of [...r.a.notes, ...r.b.notes]) notes.ref(n, noteTerm(n));
  return notes;
}

/** The explained words the cells use: their flags and their notes. */
function comparedTerms(themes: readonly CompareThemeView[]): TermKey[] {
  const used = new Set<TermKey>();
  for (const theme of themes)
    for (const r of theme.rows)
      for (const c of [r.a, r.b]) {
        for (const flag of c.flags) if (isTermKey(flag)) used.add(flag);
        for (const n of c.notes) {
          const term = noteTerm(n);
          if (term) used.add(term);
        }
      }
  return [...used];
}

export interface ComparePageProps {
  options: CompareOptions;
  selected: { a: string; b: string };
  comparison?: { a: AreaSelection; b: AreaSelection; themes: CompareThemeView[] };
}

export function ComparePage({ options, selected, comparison }: ComparePageProps) {
  const notes = numberNotes(comparison?.themes ?? []);
  const title = comparison
    ? `${comparison.a.name} en ${comparison.b.name} vergeleken`
    : 'Twee gebieden vergelijken';
  return (
    <Layout
      title={title}
      description={
        comparison
          ? `${comparison.a.name} en ${comparison.b.name} naast elkaar: dezelfde cijfers per thema voor beide gebieden, met de bron bij elk cijfer.`
          : 'Kies twee gebieden, zoals een focusgebied, een wijk of een buurt, en zie hun cijfers naast elkaar.'
      }
      breadcrumbs={[
        { href: '/', label: 'Focusgebieden' },
        { href: '/vergelijk', label: 'Vergelijken', current: true },
      ]}
    >
      <div class="wk-stack">
        <h1 class="utrecht-heading-1">{title}</h1>
        <p class="utrecht-paragraph wk-lead">
          Kies twee gebieden: een focusgebied, een wijk of een buurt. U ziet per thema het laatste
          cijfer van elk gebied, met het jaar erbij. Die jaren kunnen verschillen.
        </p>
        <form class="wk-stack" method="get" action="/vergelijk">
          <div class="utrecht-form-field">
            <label class="utrecht-form-label" for="gemeente">
              Wijken en buurten van gemeente
            </label>
            <select class="utrecht-select" id="gemeente" name="gemeente">
              {options.municipalities.map((m) => (
                <option value={m.value} selected={m.value === options.municipality.code}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <AreaSelect name="a" label="Gebied A" options={options} selected={selected.a} />
          <AreaSelect name="b" label="Gebied B" options={options} selected={selected.b} />
          <div>
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              Vergelijk
            </button>
          </div>
        </form>
        {comparison &&
          comparison.themes.map((theme) => (
            <section class="wk-stack" aria-labelledby={`thema-${theme.key}`}>
              <h2 class="utrecht-heading-2" id={`thema-${theme.key}`}>
                {theme.name}
              </h2>
              {theme.rows.length === 0 && <EmptyTheme />}
              {theme.rows.length > 0 && (
                <div
                  {...tableScroll(`${theme.name}: ${comparison.a.name} en ${comparison.b.name}`)}
                >
                  <Table class="wk-profile-table wk-compare-table">
                    <TableCaption>
                      {`${theme.name}: ${comparison.a.name} en ${comparison.b.name}`}
                    </TableCaption>
                    <THead>
                      <Tr>
                        <Th scope="col">Indicator</Th>
                        <Th scope="col">
                          <AreaHeading area={comparison.a} />
                        </Th>
                        <Th scope="col">
                          <AreaHeading area={comparison.b} />
                        </Th>
                      </Tr>
                    </THead>
                    <TBody>
                      {theme.rows.map((r) => (
                        <Tr data-indicator={r.indicator.key}>
                          <Th scope="row">{r.indicator.name}</Th>
                          <Td data-cell="a">
                            <Value cell={r.a} notes={notes} />
                          </Td>
                          <Td data-cell="b">
                            <Value cell={r.b} notes={notes} />
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </div>
              )}
            </section>
          ))}
        {comparison && (
          <>
            <FootnoteList notes={notes} />
            <TermList terms={comparedTerms(comparison.themes)} />
            <NotLoadedSection themes={comparison.themes} />
          </>
        )}
        <SourceNote />
      </div>
    </Layout>
  );
}
