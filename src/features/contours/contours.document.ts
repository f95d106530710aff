import { allEvidence } from './contours.content.ts';
import { STATUS_LABELS, type ContoursView } from './contours.service.ts';

/** One numbered piece of evidence in the annex ("B3"). */
export interface AnnexEntry {
  number: string;
  source: string;
  label: string;
  href: string | null;
  found: boolean;
}

export interface DocumentItem {
  text: string;
  /** A note under a goal: the indicator it is measured by and whether the area has a target. */
  note: string | null;
  /** Annex numbers of its evidence. */
  evidence: string[];
}

/** The proposal as a document: what the print page and the .docx show, alike. */
export interface ContoursDocument {
  title: string;
  areaName: string;
  municipality: string;
  version: number;
  status: string;
  /** "Vastgesteld op 2026-12-10, besluit 2026-03: …", or who saved it when. */
  statusLine: string;
  themes: {
    key: string;
    themeName: string;
    title: string;
    ambition: string;
    ambitionEvidence: string[];
    goals: DocumentItem[];
    actions: DocumentItem[];
  }[];
  annex: AnnexEntry[];
}

/** Builds the document of the version a view shows; null when no version exists yet. */
export function contoursDocument(view: ContoursView): ContoursDocument | null {
  const { version, content } = view;
  if (!version) return null;
  const refs = allEvidence(content);
  const numbers = new Map(refs.map((r, i) => [r, `B${i + 1}`]));
  const numbered = (list: readonly string[]) => list.map((r) => numbers.get(r) ?? r);
  const themeNames = new Map(view.themes.map((t) => [t.key, t.name]));
  const statusLine =
    version.status === 'vastgesteld'
      ? `Vastgesteld door de Alliantie op ${version.decided_on ?? '?'} (${version.decision_reference ?? ''}).`
      : version.status === 'voorgelegd'
        ? `Voorgelegd aan de Alliantie op ${(version.submitted_at ?? '').slice(0, 10)}.`
        : `Concept, opgeslagen op ${version.created_at.slice(0, 10)} door ${version.created_by_name}.`;
  return {
    title: `Contouren programma ${view.focusArea.name}`,
    areaName: view.focusArea.name,
    municipality: view.focusArea.municipalityName,
    version: version.version,
    status: STATUS_LABELS[version.status],
    statusLine,
    themes: content.themes.map((t) => ({
      key: t.themeKey,
      themeName: themeNames.get(t.themeKey) ?? t.themeKey,
      title: t.title,
      ambition: t.ambition,
      ambitionEvidence: numbered(t.evidence),
      goals: t.goals.map((g) => ({
        text: g.text,
        note: g.indicatorKey
          ? `Gemeten met: ${view.indicatorNames.get(g.indicatorKey) ?? g.indicatorKey}${view.targets.has(g.indicatorKey) ? ' (er is een doel voor deze indicator)' : ' (nog geen doel voor deze indicator)'}`
          : null,
        evidence: numbered(g.evidence),
      })),
      actions: t.actions.map((a) => ({ text: a.text, note: null, evidence: numbered(a.evidence) })),
    })),
    annex: refs.map((ref) => {
      const r = view.evidence.get(ref);
      return {
        number: numbers.get(ref) ?? ref,
        source: r?.source ?? 'Onbekend',
        label: r?.label ?? ref,
        href: r?.href ?? null,
        found: r?.found ?? false,
      };
    }),
  };
}
