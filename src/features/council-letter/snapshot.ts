import { createHash } from 'node:crypto';

/** The parts of a council letter, in the order of the seed letter (ADR 0032). */
export const SECTIONS = [
  {
    key: 'aanleiding',
    title: 'Wat is de aanleiding om deze informatie kenbaar te maken?',
    hint: 'Waarom informeert het college de raad nu? Bijvoorbeeld: de start van het programma.',
  },
  {
    key: 'kernboodschap',
    title: 'Wat is de te delen informatie?',
    hint: 'De kern in een paar zinnen: wat is er gebeurd en wat is er afgesproken?',
  },
  {
    key: 'afbakening',
    title: 'Afbakening van het gebied',
    hint: 'Welke wijken en buurten horen bij het focusgebied, en waarom?',
  },
  {
    key: 'monitor',
    title: 'Monitor',
    hint: 'Hoe volgt het programma de leefbaarheid en veiligheid? Wat laten de cijfers zien?',
  },
  {
    key: 'participatie',
    title: 'Participatie van bewoners en partners',
    hint: 'Hoe krijgen bewoners een stem: enquête, kennissessies, vragenlijst voor professionals.',
  },
  {
    key: 'alliantie',
    title: 'De Alliantie',
    hint: 'Wie zit in de Alliantie, wat heeft zij besloten?',
  },
  {
    key: 'financien',
    title: 'Welke kosten zijn verbonden aan het proces?',
    hint: 'De bijdrage van het Rijk, de eigen gemeentelijke inzet en de subsidieregelingen.',
  },
  {
    key: 'vervolg',
    title: 'Hoe verder na deze raadsinformatiebrief?',
    hint: 'Wanneer en waarover informeert het college de raad de volgende keer?',
  },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS: readonly SectionKey[] = SECTIONS.map((s) => s.key);

/** One figure of a live block; `key` is stable, so two letters can be compared figure by figure. */
export interface LiveFigure {
  key: string;
  label: string;
  /** The figure as printed ("28.970", "€ 500.000,00", "nog niet ingevuld"). */
  value: string;
  /** Period, unit or why there is no figure. */
  note?: string;
}

/** A live block: figures pulled from a service, with its source and the data version. */
export interface LiveBlock {
  key: string;
  section: SectionKey;
  title: string;
  /** Where the figures come from, in words. */
  source: string;
  /** The data version (ADR 0024) when the block was resolved. */
  dataVersion: string;
  /** false: the source has nothing yet; the block then says "nog niet geladen". */
  loaded: boolean;
  figures: LiveFigure[];
}

export const SNAPSHOT_FORMAT = 'wijkkompas-raadsinformatiebrief/1';

/** The frozen letter: all text and the resolved values of every live block (ADR 0032). */
export interface LetterSnapshot {
  format: typeof SNAPSHOT_FORMAT;
  focusArea: { slug: string; name: string; municipalityCode: string };
  number: number;
  title: string;
  /** ISO-8601 UTC. */
  publishedAt: string;
  /** YYYY-MM-DD in Europe/Amsterdam. */
  publishedOn: string;
  publishedBy: string;
  dataVersion: string;
  sections: { key: SectionKey; title: string; text: string; blocks: LiveBlock[] }[];
}

/** JSON with object keys sorted at every level: the same letter always gives the same text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort())
      out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** SHA-256 (lower-case hex) of the canonical JSON text as UTF-8. */
export function contentHash(canonical: string): string {
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Parses a stored snapshot; a snapshot whose text no longer matches its hash is refused. */
export function readSnapshot(text: string, hash: string): LetterSnapshot {
  if (contentHash(text) !== hash)
    throw new Error('De opgeslagen brief klopt niet met zijn hash: de inhoud is veranderd.');
  const parsed = JSON.parse(text) as LetterSnapshot;
  if (parsed.format !== SNAPSHOT_FORMAT)
    throw new Error(`Onbekend formaat van een raadsinformatiebrief: ${String(parsed.format)}`);
  return parsed;
}

export interface ChangedFigure {
  block: string;
  label: string;
  /** null: the figure was not in the earlier letter. */
  before: string | null;
  /** null: the figure is not in the later letter. */
  after: string | null;
}

function figureMap(snapshot: LetterSnapshot) {
  const map = new Map<string, { block: string; label: string; value: string }>();
  for (const section of snapshot.sections)
    for (const block of section.blocks)
      for (const f of block.figures)
        map.set(`${block.key}\u0000${f.key}`, {
          block: block.title,
          label: f.label,
          value: f.note ? `${f.value} (${f.note})` : f.value,
        });
  return map;
}

/** The figures that differ between two published letters, in the order of the later letter. */
export function changedFigures(earlier: LetterSnapshot, later: LetterSnapshot): ChangedFigure[] {
  const before = figureMap(earlier);
  const after = figureMap(later);
  const out: ChangedFigure[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (!b || b.value !== a.value)
      out.push({ block: a.block, label: a.label, before: b?.value ?? null, after: a.value });
  }
  for (const [key, b] of before)
    if (!after.has(key)) out.push({ block: b.block, label: b.label, before: b.value, after: null });
  return out;
}
