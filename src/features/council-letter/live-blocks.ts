import type { LiveBlock, LiveFigure, SectionKey } from './snapshot.ts';

/** The monitor's figures of a focus area, as the factsheet formats them (same strings). */
export interface MonitorFigures {
  areaName: string;
  municipality: string;
  /** "versie 2" of the delineation, or "". */
  version: string;
  /** The credit line of the datasets behind the figures. */
  source: string;
  sections: {
    title: string;
    indicators: {
      key: string;
      name: string;
      value: { text: string; note?: string };
      period: string;
    }[];
  }[];
  /** Indicators without figures, gathered per reason (as the factsheet gathers them). */
  notLoaded: { indicators: { key: string }[] }[];
}

export interface ParticipationFigures {
  /** Sessions held (not cancelled, ended before now), planned (still to come). */
  held: number;
  planned: number;
  /** Inputs recorded at held sessions, per theme name. */
  inputsByTheme: { theme: string; inputs: number }[];
}

export interface AllianceFigures {
  seats: { sector: string; organisation: string | null }[];
  /** The public part of the decision list only. */
  decisions: { number: string; title: string }[];
}

export interface BudgetFigures {
  lines: number;
  plannedCents: number;
  committedCents: number;
  spentCents: number;
  /** The municipality's own contribution, reported apart: the council sets and controls it. */
  ownPlannedCents: number;
  ownSpentCents: number;
  /** Funding sources of the state (e.g. BZK's € 500.000 a year from 2023). */
  state: { name: string; funder: string; annualCents: number | null; fromYear: number | null }[];
  sources: number;
}

export interface PlannedMoment {
  date: string;
  subject: string;
}

/**
 * Where the live blocks read from: the monitor, participation, the Alliance, the budget and the
 * planning. The composition root wires the real services; tests pass fakes. A null means the
 * source has nothing for this area yet.
 */
export interface LetterSources {
  dataVersion(): Promise<string>;
  monitor(slug: string): Promise<MonitorFigures | null>;
  participation(slug: string, municipalityCode: string, now: Date): Promise<ParticipationFigures>;
  alliance(slug: string): Promise<AllianceFigures>;
  budget(slug: string, municipalityCode: string): Promise<BudgetFigures>;
}

export const NOT_LOADED = 'nog niet geladen';

const EURO = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Whole cents as "€ 500.000,00"; integer arithmetic until the last step. */
export function euro(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}€ ${EURO.format(Math.floor(abs / 100) + (abs % 100) / 100)}`;
}

const LONG_DATE = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'UTC' });
export function longDate(isoDate: string): string {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

function block(
  key: string,
  section: SectionKey,
  title: string,
  source: string,
  dataVersion: string,
  figures: LiveFigure[],
): LiveBlock {
  return { key, section, title, source, dataVersion, loaded: figures.length > 0, figures };
}

export function delineationBlock(m: MonitorFigures | null, dataVersion: string): LiveBlock {
  const figures: LiveFigure[] = m
    ? [
        { key: 'focusgebied', label: 'Focusgebied', value: m.areaName },
        { key: 'gemeente', label: 'Gemeente', value: m.municipality },
        ...(m.version ? [{ key: 'versie', label: 'Afbakening', value: m.version }] : []),
      ]
    : [];
  return block(
    'afbakening',
    'afbakening',
    'Afbakening in de monitor',
    'Wijkkompas: afbakening van het focusgebied (CBS-buurten)',
    dataVersion,
    figures,
  );
}

/** Every figure the monitor has for the area; figures without a value are counted, not shown. */
export function monitorBlock(m: MonitorFigures | null, dataVersion: string): LiveBlock {
  const figures: LiveFigure[] = [];
  let missing = 0;
  for (const group of m?.notLoaded ?? []) missing += group.indicators.length;
  for (const section of m?.sections ?? []) {
    for (const i of section.indicators) {
      if (i.value.text === '–' || i.value.text === '') {
        missing += 1;
        continue;
      }
      figures.push({ key: i.key, label: i.name, value: i.value.text, note: i.period });
    }
  }
  const b = block(
    'monitor',
    'monitor',
    'Kerncijfers uit de monitor',
    m ? `Monitor Wijkkompas. ${m.source}` : 'Monitor Wijkkompas',
    dataVersion,
    figures,
  );
  if (b.loaded && missing > 0)
    b.figures.push({
      key: 'zonder-cijfer',
      label: 'Indicatoren zonder cijfer',
      value: String(missing),
      note: 'nog niet geladen of niet gepubliceerd',
    });
  return b;
}

export function participationBlock(p: ParticipationFigures, dataVersion: string): LiveBlock {
  const total = p.inputsByTheme.reduce((n, t) => n + t.inputs, 0);
  const figures: LiveFigure[] =
    p.held + p.planned === 0
      ? []
      : [
          { key: 'gehouden', label: 'Kennissessies gehouden', value: String(p.held) },
          { key: 'gepland', label: 'Kennissessies gepland', value: String(p.planned) },
          { key: 'inbreng', label: 'Inbreng vastgelegd', value: String(total) },
          ...p.inputsByTheme.map((t) => ({
            key: `inbreng:${t.theme}`,
            label: `Inbreng over ${t.theme}`,
            value: String(t.inputs),
          })),
        ];
  return block(
    'participatie',
    'participatie',
    'Kennissessies en inbreng',
    'Wijkkompas: bijeenkomsten en inbreng van het programma',
    dataVersion,
    figures,
  );
}

export function allianceBlock(a: AllianceFigures, dataVersion: string): LiveBlock {
  const filled = a.seats.filter((s) => s.organisation !== null).length;
  const figures: LiveFigure[] =
    a.seats.length === 0
      ? []
      : [
          { key: 'zetels', label: 'Zetels in de Alliantie', value: String(a.seats.length) },
          { key: 'bezet', label: 'Zetels met een lid', value: String(filled) },
          ...a.seats.map((s) => ({
            key: `zetel:${s.sector}`,
            label: s.sector,
            value: s.organisation ?? 'nog niet ingevuld',
          })),
          {
            key: 'besluiten',
            label: 'Openbare besluiten',
            value: String(a.decisions.length),
          },
          ...a.decisions.map((d) => ({
            key: `besluit:${d.number}`,
            label: `Besluit ${d.number}`,
            value: d.title,
          })),
        ];
  return block(
    'alliantie',
    'alliantie',
    'Samenstelling en openbare besluiten van de Alliantie',
    'Wijkkompas: register en besluitenlijst van de Alliantie (openbaar deel)',
    dataVersion,
    figures,
  );
}

export function budgetBlock(b: BudgetFigures, dataVersion: string): LiveBlock {
  const figures: LiveFigure[] =
    b.sources + b.lines === 0
      ? []
      : [
          ...b.state.map((s) => ({
            key: `rijk:${s.name}`,
            label: `${s.name} (${s.funder})`,
            value:
              s.annualCents === null ? 'bedrag niet ingevuld' : `${euro(s.annualCents)} per jaar`,
            ...(s.fromYear !== null ? { note: `vanaf ${s.fromYear}` } : {}),
          })),
          { key: 'begroot', label: 'Begroot (alle regels)', value: euro(b.plannedCents) },
          { key: 'verplicht', label: 'Verplicht', value: euro(b.committedCents) },
          { key: 'uitgegeven', label: 'Uitgegeven', value: euro(b.spentCents) },
          {
            key: 'eigen-begroot',
            label: 'Eigen gemeentelijke inzet: begroot',
            value: euro(b.ownPlannedCents),
          },
          {
            key: 'eigen-uitgegeven',
            label: 'Eigen gemeentelijke inzet: uitgegeven',
            value: euro(b.ownSpentCents),
          },
        ];
  return block(
    'financien',
    'financien',
    'Begroting: plan en realisatie',
    'Wijkkompas: begroting van het programmabureau',
    dataVersion,
    figures,
  );
}

export function planningBlock(moments: readonly PlannedMoment[], dataVersion: string): LiveBlock {
  return block(
    'raadsmomenten',
    'vervolg',
    'Geplande momenten om de raad te informeren',
    'Wijkkompas: planning van de raadsinformatie',
    dataVersion,
    moments.map((m, i) => ({ key: `moment:${i + 1}`, label: longDate(m.date), value: m.subject })),
  );
}
