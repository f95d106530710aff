import { formatPeriod } from '../../../charts/index.ts';
import type { ProfileRow, ProfileThemeView } from './profile-section.tsx';

/** One key figure of a theme, with the words that say what it means. */
export interface SummaryItem {
  themeKey: string;
  themeName: string;
  row: ProfileRow;
  /** "Gestegen: +230 sinds 2023." or null with one measurement. */
  change: string | null;
  /** "Hoger dan in de gemeente (30,6) en in Nederland (25,0)." or null for a count. */
  comparison: string | null;
}

const COMPARED = [
  ['gemeente', 'in de gemeente'],
  ['nederland', 'in Nederland'],
] as const;

/** Per theme the first indicator with a figure (the catalogue lists the main one first). */
export function summaryItems(themes: readonly ProfileThemeView[]): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const theme of themes) {
    const row = theme.rows.find((r) => r.latest.value !== undefined);
    if (!row) continue;
    items.push({
      themeKey: theme.key,
      themeName: theme.name,
      row,
      change: changeWords(row),
      comparison: comparisonWords(row),
    });
  }
  return items;
}

/** A survey figure has a margin; words without it would claim more than the figure carries. */
const fromSurvey = (row: ProfileRow) => row.indicator.measure.type === 'survey_proportion';

export function changeWords(row: ProfileRow): string | null {
  const value = row.change.value;
  if (value === undefined || fromSurvey(row)) return null;
  // Zero as shown (+0,0) is no change in words either.
  if (value === 0 || /^[+-]?0(,0+)?(\s|$)/.test(row.change.text))
    return `Gelijk gebleven sinds ${formatPeriod(row.baselinePeriod ?? '')}.`;
  return `${value > 0 ? 'Gestegen' : 'Gedaald'}: ${row.change.text}.`;
}

/**
 * How the area compares with the municipality and the Netherlands, in words. Compared as
 * shown (two figures that read the same are "even hoog"), never for a count (a count of a part
 * of the city is always smaller than that of the city) and never for a survey figure, whose
 * margin the table gives beside it.
 */
export function comparisonWords(row: ProfileRow): string | null {
  const parts = referenceComparisons(row);
  if (parts === null || parts.length === 0) return null;
  const phrase = (p: (typeof parts)[number]) =>
    p.word === 'even hoog' ? `even hoog als ${p.where}` : `${p.word} dan ${p.where}`;
  let sentence: string;
  if (parts.length === 2 && parts[0]!.word === parts[1]!.word) {
    const w = parts[0]!.word;
    sentence =
      (w === 'even hoog' ? 'Even hoog als' : `${capital(w)} dan`) +
      ` ${parts[0]!.where} (${parts[0]!.text}) en ${parts[1]!.where} (${parts[1]!.text}).`;
  } else {
    sentence = `${capital(parts.map((p) => `${phrase(p)} (${p.text})`).join(', '))}.`;
  }
  const words = new Set(parts.map((p) => p.word));
  if (words.size === 1 && parts[0]!.favourable !== null) {
    sentence += parts[0]!.favourable ? ' Dat is gunstiger.' : ' Dat is ongunstiger.';
  }
  return sentence;
}

/** The area against one reference: higher, lower or as high, and whether that is favourable. */
export interface ReferenceComparison {
  key: (typeof COMPARED)[number][0];
  word: 'hoger' | 'lager' | 'even hoog';
  where: string;
  /** The reference's figure as shown. */
  text: string;
  /** The area's figure minus the reference's, in the indicator's unit (0 when "even hoog"). */
  gap: number;
  /** By the indicator's polarity; null for "even hoog" or a neutral indicator. */
  favourable: boolean | null;
}

/**
 * The comparisons behind `comparisonWords`, one per reference with a figure (also used by the
 * themakaart, so both say the same). Null where no comparison is made: a count, a survey figure,
 * or an area without a figure.
 */
export function referenceComparisons(row: ProfileRow): ReferenceComparison[] | null {
  if (row.indicator.measure.type === 'count' || fromSurvey(row)) return null;
  const own = row.latest.value;
  if (own === undefined) return null;
  const polarity = row.indicator.polarity;
  const parts: ReferenceComparison[] = [];
  for (const [key, where] of COMPARED) {
    const ref = row.references[key];
    if (ref.value === undefined) continue;
    const word = ref.text === row.latest.text ? 'even hoog' : own > ref.value ? 'hoger' : 'lager';
    const favourable =
      polarity === 'neutraal' || word === 'even hoog'
        ? null
        : (word === 'hoger') === (polarity === 'hoger-is-beter');
    const gap = word === 'even hoog' ? 0 : own - ref.value;
    parts.push({ key, word, where, text: ref.text, gap, favourable });
  }
  return parts;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Bars from zero for the area, the municipality and the Netherlands; the words say the same. */
function CompareBars({ item, areaName }: { item: SummaryItem; areaName: string }) {
  const r = item.row;
  const bars = [
    { label: areaName, value: r.latest.value, text: r.latest.text, own: true },
    { label: 'Gemeente', value: r.references.gemeente.value, text: r.references.gemeente.text },
    { label: 'Nederland', value: r.references.nederland.value, text: r.references.nederland.text },
  ].filter((b): b is typeof b & { value: number } => b.value !== undefined && b.value >= 0);
  if (bars.length < 2 || item.comparison === null) return null;
  const max = Math.max(...bars.map((b) => b.value));
  if (max <= 0) return null;
  const width = 280;
  const labelWidth = 88;
  const barMax = width - labelWidth - 8;
  const row = 22;
  const title = `${r.indicator.name}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}.`;
  return (
    <svg
      class="wk-summary__bars"
      viewBox={`0 0 ${width} ${bars.length * row}`}
      role="img"
      aria-label={title}
    >
      {bars.map((b, i) => (
        <g>
          <text x={0} y={i * row + 15} class="wk-summary__bar-label">
            {b.label.length > 14 ? `${b.label.slice(0, 13)}…` : b.label}
          </text>
          <rect
            x={labelWidth}
            y={i * row + 4}
            width={Math.max(1, Math.round((b.value / max) * barMax))}
            height={14}
            class={b.own ? 'wk-summary__bar wk-summary__bar--own' : 'wk-summary__bar'}
          />
        </g>
      ))}
    </svg>
  );
}

/**
 * "In het kort": the key figure per theme at the top of a profile, with its change and its
 * comparison in words and a small chart that starts at zero. Figures that are not loaded are
 * not repeated here; the page gathers them at the end.
 */
export function ProfileSummary({
  themes,
  areaName,
  slug,
}: {
  themes: readonly ProfileThemeView[];
  areaName: string;
  slug?: string;
}) {
  const items = summaryItems(themes);
  if (items.length === 0) return null;
  return (
    <section class="wk-summary" aria-labelledby="in-het-kort">
      <h2 class="utrecht-heading-2" id="in-het-kort">
        In het kort
      </h2>
      <ul class="wk-summary__list">
        {items.map((item) => (
          <li class="wk-summary__item" data-summary={item.row.indicator.key}>
            <p class="wk-summary__theme">{item.themeName}</p>
            <p class="wk-summary__figure">
              {slug ? (
                <a
                  class="utrecht-link"
                  href={`/gebieden/${slug}/indicatoren/${item.row.indicator.key}`}
                >
                  {item.row.indicator.name}
                </a>
              ) : (
                item.row.indicator.name
              )}
              {': '}
              <strong data-summary-value>{item.row.latest.text}</strong>
              {` (${formatPeriod(item.row.latest.period)})`}
            </p>
            {item.change && <p class="wk-summary__words">{item.change}</p>}
            {item.comparison && <p class="wk-summary__words">{item.comparison}</p>}
            <CompareBars item={item} areaName={areaName} />
          </li>
        ))}
      </ul>
    </section>
  );
}
