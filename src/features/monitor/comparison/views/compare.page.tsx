import { Layout } from '../../../../views/layout.tsx';
import { formatPeriod } from '../../../charts/index.ts';
import type { Indicator, IndicatorAvailability } from '../../../indicators/index.ts';
import type { AreaProfile, AreaSelection } from '../../profile.types.ts';
import { SourceNote } from '../../profiles/views/buurt.page.tsx';
import {
  NotLoadedList,
  profileView,
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
      notes: [missing ? `Nog niet geladen. ${missing.reason}` : 'Geen cijfer voor dit gebied.'],
    };
  }
  const notes = [...row.latest.flags];
  if (row.latest.note) notes.push(row.latest.note);
  return { text: row.latest.text, period: row.latest.period, notes };
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

function Value({ cell }: { cell: CompareCell }) {
  return (
    <>
      {cell.text}
      {cell.period !== null && <span class="wk-cell-note">{formatPeriod(cell.period)}</span>}
      {cell.notes.map((n) => (
        <span class="wk-cell-note">{n}</span>
      ))}
    </>
  );
}

export interface ComparePageProps {
  options: CompareOptions;
  selected: { a: string; b: string };
  comparison?: { a: AreaSelection; b: AreaSelection; themes: CompareThemeView[] };
}

export function ComparePage({ options, selected, comparison }: ComparePageProps) {
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
                            <Value cell={r.a} />
                          </Td>
                          <Td data-cell="b">
                            <Value cell={r.b} />
                          </Td>
                        </Tr>
                      ))}
                    </TBody>
                  </Table>
                </div>
              )}
              <NotLoadedList theme={theme} />
            </section>
          ))}
        <SourceNote />
      </div>
    </Layout>
  );
}
