import { formatPeriod } from '../charts/format.ts';
import type { IndicatorAvailability } from '../indicators/indicator-availability.ts';
import { profileView, type Cell } from '../monitor/views/profile-section.tsx';
import type { AreaProfile } from '../monitor/profile.types.ts';
import type { Target } from '../targets/target.types.ts';

/** One figure as printed: the text and, when there is no figure, why not. */
export interface FactsheetCell {
  text: string;
  note?: string;
}

export interface FactsheetIndicator {
  key: string;
  name: string;
  value: FactsheetCell;
  /** "2024", "2e kwartaal 2023", with status flags such as "voorlopig" after it. */
  period: string;
  change: FactsheetCell;
  gemeente: FactsheetCell;
  nederland: FactsheetCell;
  /** The target status in words, "geen doel" without a target. */
  status: string;
  statusExplanation?: string;
}

export interface FactsheetSection {
  key: string;
  title: string;
  indicators: FactsheetIndicator[];
  notLoaded: { key: string; name: string; reason: string }[];
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
  sections: FactsheetSection[];
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

function cell(c: Cell): FactsheetCell {
  return c.note ? { text: c.text, note: c.note } : { text: c.text };
}

/**
 * The factsheet of an area: every figure formatted here, once, with the same rules as the
 * profile page (profileView), so the screen, the PDF and the .docx print the same strings.
 */
export function buildFactsheet(input: FactsheetInput): Factsheet {
  const { profile } = input;
  const selection = profile.selection;
  const themes = profileView(profile, input.targets, input.availability);
  return {
    title: `Factsheet ${selection.name}`,
    areaName: selection.name,
    municipality: selection.municipalityName,
    slug: selection.slug ?? '',
    version: selection.version !== undefined ? `versie ${selection.version}` : '',
    dataDate: formatDataDate(input.dataDate),
    dataVersion: profile.dataVersion,
    sections: themes.map((theme) => ({
      key: theme.key,
      title: theme.name,
      indicators: theme.rows.map((r) => ({
        key: r.indicator.key,
        name: r.indicator.name,
        value: r.latest.note
          ? { text: r.latest.text, note: r.latest.note }
          : { text: r.latest.text },
        period:
          formatPeriod(r.latest.period) +
          (r.latest.flags.length > 0 ? ` (${r.latest.flags.join(', ')})` : ''),
        change: cell(r.change),
        gemeente: cell(r.references.gemeente),
        nederland: cell(r.references.nederland),
        status: r.target
          ? `${r.target.status}${r.target.isExample ? ' (voorbeelddoel)' : ''}`
          : 'geen doel',
        ...(r.target ? { statusExplanation: r.target.explanation } : {}),
      })),
      notLoaded: theme.notLoaded.map((n) => ({
        key: n.indicator.key,
        name: n.indicator.name,
        reason: n.reason,
      })),
    })),
    source: sourceLine(input.sources),
  };
}
