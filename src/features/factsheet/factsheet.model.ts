import { formatPeriod } from '../charts/index.ts';
import type { IndicatorAvailability } from '../indicators/index.ts';
import {
  Footnotes,
  profileView,
  summaryItems,
  type Cell,
  type AreaProfile,
} from '../monitor/index.ts';
import {
  countedMembers,
  type FocusAreaPageData,
  type MapArea,
  type MemberStatus,
} from '../focus-areas/index.ts';
import type { Target } from '../targets/index.ts';

/**
 * One figure as printed: the text and, when there is no figure or it needs a word, why. The
 * note is printed once under the tables; the cell carries its number (`ref`).
 */
export interface FactsheetCell {
  text: string;
  note?: string;
  ref?: number;
}

export interface FactsheetIndicator {
  key: string;
  name: string;
  value: FactsheetCell;
  /** "2024", "2e kwartaal 2023", with status flags such as "voorlopig" after it. */
  period: string;
  change: FactsheetCell;
  /** The municipality without the focus area: the monitor's own Σ teller / Σ noemer. */
  rest: FactsheetCell;
  gemeente: FactsheetCell;
  nederland: FactsheetCell;
  /** The target status in words, "geen doel" without a target. */
  status: string;
  statusExplanation?: string;
}

/** A theme with figures; a theme without any is not printed (its indicators are in notLoaded). */
export interface FactsheetSection {
  key: string;
  title: string;
  indicators: FactsheetIndicator[];
}

/** Indicators without figures, gathered at the end: one reason, the names it holds for. */
export interface FactsheetNotLoaded {
  reason: string;
  indicators: { key: string; name: string; theme: string }[];
}

/** The key figure of a theme, as "In het kort" on the profile says it. */
export interface FactsheetSummaryItem {
  key: string;
  theme: string;
  name: string;
  value: string;
  period: string;
  /** "Gestegen: +230 sinds 2023." and the comparison in words, when there are any. */
  words: string[];
}

export interface FactsheetMember {
  code: string;
  name: string;
  wijk: string;
  status: MemberStatus;
  /** "Hoort erbij", "Uitgesloten", …: the words of the delineation page. */
  statusLabel: string;
}

export interface FactsheetMemberGroup {
  status: MemberStatus;
  statusLabel: string;
  wijk: string;
  names: string[];
}

const STATUS_ORDER: readonly MemberStatus[] = ['lid', 'deels', 'te_bevestigen', 'uitgesloten'];

/** Members grouped by status (in STATUS_ORDER) and then by wijk, in the order they come. */
export function groupMembers(members: readonly FactsheetMember[]): FactsheetMemberGroup[] {
  const groups: FactsheetMemberGroup[] = [];
  for (const status of STATUS_ORDER) {
    for (const m of members.filter((x) => x.status === status)) {
      const group = groups.find((g) => g.status === status && g.wijk === m.wijk);
      if (group) group.names.push(m.name);
      else groups.push({ status, statusLabel: m.statusLabel, wijk: m.wijk, names: [m.name] });
    }
  }
  return groups;
}

/** The delineation: which buurten belong to the area (with their status) and its map. */
export interface FactsheetBoundary {
  /** "buurt" or "wijk": what the members are. */
  unit: 'buurt' | 'wijk';
  /** "9 buurten tellen mee; 1 buurt is uitgesloten." */
  text: string;
  members: FactsheetMember[];
  /** The members per status (counted first) and wijk: a short table that fits beside the map. */
  groups: FactsheetMemberGroup[];
  rationale: string | null;
  indelingYear: number | null;
  map: { buurten: MapArea[]; wijken: MapArea[] };
}

export interface Factsheet {
  /** "Factsheet Dordt West": the document title of the HTML, PDF and .docx. */
  title: string;
  areaName: string;
  municipality: string;
  slug: string;
  /** "versie 2" of the delineation, or "" when the selection has no version. */
  version: string;
  /** "28 november 2026": the newest import in the data version, or "onbekend". */
  dataDate: string;
  dataVersion: string;
  summary: FactsheetSummaryItem[];
  /** null when it is not known which buurten belong to the area. */
  boundary: FactsheetBoundary | null;
  sections: FactsheetSection[];
  /** True when any indicator has a target that was set: only then is there a "Doel" column. */
  withTargets: boolean;
  /** The notes the tables refer to by number, each written once. */
  notes: { n: number; text: string }[];
  notLoaded: FactsheetNotLoaded[];
  /** "Bron: CBS (…) … Licentie CC BY 4.0." */
  source: string;
}

/** The active datasets behind the figures: what the source line credits. */
export interface FactsheetSource {
  kind: string;
  tableId: string | null;
}

export interface FactsheetInput {
  profile: AreaProfile;
  targets: readonly Target[];
  availability: readonly IndicatorAvailability[];
  /** imported_at of the newest active dataset (ISO), null without data. */
  dataDate: string | null;
  sources: readonly FactsheetSource[];
  /** The delineation page's data (members with status, map); absent: no boundary section. */
  page?: Pick<
    FocusAreaPageData,
    'members' | 'map' | 'memberLevel' | 'rationale' | 'indelingYear' | 'version'
  >;
  /** Status labels of the delineation page, so both say the same words. */
  statusLabels?: Record<MemberStatus, string>;
}

const DATE = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Amsterdam',
});

/** "2026-11-28T12:00:00Z" → "28 november 2026"; SQLite's "2026-11-28 12:00:00" is UTC too. */
export function formatDataDate(iso: string | null): string {
  if (!iso) return 'onbekend';
  const normalised = /^\d{4}-\d{2}-\d{2} \d/.test(iso) ? `${iso.replace(' ', 'T')}Z` : iso;
  const date = new Date(normalised);
  return Number.isNaN(date.getTime()) ? 'onbekend' : DATE.format(date);
}

/** The credit line, built from the datasets actually loaded (CC BY 4.0 asks for the source). */
export function sourceLine(sources: readonly FactsheetSource[]): string {
  const tables = [
    ...new Set(sources.flatMap((s) => (s.tableId && s.kind !== 'pdok-geojson' ? [s.tableId] : []))),
  ].sort();
  const police = sources.some((s) => s.kind === 'politie-47018');
  const cbs =
    tables.length > 0
      ? `CBS (Kerncijfers wijken en buurten; ${tables.length === 1 ? 'tabel' : 'tabellen'} ${tables.join(', ')})`
      : 'CBS (Kerncijfers wijken en buurten)';
  return `Bron: ${cbs}${police ? ', Politie via CBS' : ''}, Kadaster/CBS wijk- en buurtkaart via PDOK. Licentie CC BY 4.0.`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The delineation in one sentence: what counts and what does not, said as on the page. */
export function boundaryText(
  members: readonly { status: MemberStatus }[],
  unit: 'buurt' | 'wijk',
  areaName: string,
): string {
  const [one, many] = unit === 'wijk' ? ['wijk', 'wijken'] : ['buurt', 'buurten'];
  const count = (status: MemberStatus) => members.filter((m) => m.status === status).length;
  const verb = (n: number, single: string, multiple: string) => (n === 1 ? single : multiple);
  const counted = countedMembers(members).length;
  const parts = [
    `${plural(counted, one, many)} ${verb(counted, 'telt', 'tellen')} mee in de cijfers van ${areaName}`,
  ];
  const excluded = count('uitgesloten');
  const partly = count('deels');
  const toConfirm = count('te_bevestigen');
  if (excluded > 0) parts.push(`${plural(excluded, one, many)} uitgesloten`);
  if (partly > 0)
    parts.push(
      `${plural(partly, one, many)} ${verb(partly, 'hoort', 'horen')} er deels bij en ${verb(partly, 'telt', 'tellen')} niet mee`,
    );
  if (toConfirm > 0) parts.push(`${plural(toConfirm, one, many)} nog te bevestigen`);
  return `${parts.join('; ')}.`;
}

/**
 * The factsheet of an area: every figure formatted here, once, with the same rules as the
 * profile page (profileView, summaryItems), so the screen, the PDF and the .docx print the same
 * strings. Themes without figures get no table; their indicators are listed at the end.
 */
export function buildFactsheet(input: FactsheetInput): Factsheet {
  const { profile } = input;
  const selection = profile.selection;
  const themes = profileView(profile, input.targets, input.availability);
  // Numbered in reading order (row by row, cell by cell), as on the profile page.
  const notes = new Footnotes();
  const cell = (c: Cell): FactsheetCell =>
    c.note ? { text: c.text, note: c.note, ref: notes.ref(c.note) } : { text: c.text };
  const sections: FactsheetSection[] = themes
    .filter((theme) => theme.rows.length > 0)
    .map((theme) => ({
      key: theme.key,
      title: theme.name,
      indicators: theme.rows.map((r) => ({
        key: r.indicator.key,
        name: r.indicator.name,
        value: cell(r.latest),
        period:
          formatPeriod(r.latest.period) +
          (r.latest.flags.length > 0 ? ` (${r.latest.flags.join(', ')})` : ''),
        change: cell(r.change),
        rest: cell(r.references.rest_gemeente),
        gemeente: cell(r.references.gemeente),
        nederland: cell(r.references.nederland),
        status: r.target
          ? `${r.target.status}${r.target.isExample ? ' (voorbeelddoel)' : ''}`
          : 'geen doel',
        ...(r.target ? { statusExplanation: r.target.explanation } : {}),
      })),
    }));
  const notLoaded = new Map<string, FactsheetNotLoaded>();
  for (const theme of themes) {
    for (const n of theme.notLoaded) {
      const group = notLoaded.get(n.reason) ?? { reason: n.reason, indicators: [] };
      group.indicators.push({ key: n.indicator.key, name: n.indicator.name, theme: theme.name });
      notLoaded.set(n.reason, group);
    }
  }
  const page = input.page;
  const members: FactsheetMember[] = (page?.members ?? []).map((m) => ({
    code: m.code,
    name: m.name,
    wijk: m.wijk ?? 'onbekend',
    status: m.status,
    statusLabel: input.statusLabels?.[m.status] ?? m.status,
  }));
  const boundary: FactsheetBoundary | null =
    page && page.version !== null
      ? {
          unit: page.memberLevel,
          text: boundaryText(page.members, page.memberLevel, selection.name),
          members,
          groups: groupMembers(members),
          rationale: page.rationale,
          indelingYear: page.indelingYear,
          map: page.map,
        }
      : null;
  return {
    title: `Factsheet ${selection.name}`,
    areaName: selection.name,
    municipality: selection.municipalityName,
    slug: selection.slug ?? '',
    version: selection.version !== undefined ? `versie ${selection.version}` : '',
    dataDate: formatDataDate(input.dataDate),
    dataVersion: profile.dataVersion,
    summary: summaryItems(themes).map((item) => ({
      key: item.row.indicator.key,
      theme: item.themeName,
      name: item.row.indicator.name,
      value: item.row.latest.text,
      period: formatPeriod(item.row.latest.period),
      words: [item.change, item.comparison].filter((w): w is string => w !== null),
    })),
    boundary,
    sections,
    withTargets: sections.some((s) => s.indicators.some((i) => i.statusExplanation !== undefined)),
    notes: notes.list,
    notLoaded: [...notLoaded.values()],
    source: sourceLine(input.sources),
  };
}
