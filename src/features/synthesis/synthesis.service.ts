import { NotFoundError } from '../../shared/errors.ts';
import {
  evidenceAnchor,
  formatEvidenceRef,
  type EvidenceKind,
  type EvidenceRef,
} from '../../shared/evidence.ts';
import { THEMES } from '../budget/index.ts';
import type { AuditWriter, FocusAreaRef } from '../participation/index.ts';
import { formatPeriod, formatValue } from '../charts/index.ts';
import {
  referenceComparisons,
  type ProfileThemeView,
  type ReferenceComparison,
} from '../monitor/index.ts';
import { publicationCheck, type ResultTable } from '../survey/index.ts';
import type { SynthesisInput, SynthesisRepository } from './synthesis.repository.ts';
import {
  DEFAULT_WEIGHTS,
  SOURCES,
  SOURCE_NAMES,
  rankThemes,
  share,
  type Ranking,
  type SourceKey,
  type SourceUrgency,
} from './synthesis-score.ts';

/** The public methods of the repository: what the service uses, and what a fake implements. */
export type SynthesisStore = { [K in keyof SynthesisRepository]: SynthesisRepository[K] };

export type SynthesisTransactor = <T>(
  work: (scope: { repository: SynthesisStore; audit: AuditWriter }) => Promise<T>,
) => Promise<T>;

/** The counted responses of one questionnaire, weighted where it can be (survey/results). */
export interface SurveyOutcome {
  key: string;
  title: string;
  audience: 'bewoners' | 'professionals';
  responses: number;
  weighted: boolean;
  /** Kish's effective n of the weights; the number of responses when not weighted. */
  effectiveN: number;
  converged: boolean;
  tables: ResultTable[];
}

/** Items per code per source, from the coding feature. */
export interface CodeCount {
  code_key: string;
  label: string;
  theme_key: string;
  source: string;
  items: number;
}

export interface SynthesisDeps {
  repository: SynthesisStore;
  transaction: SynthesisTransactor;
  focusAreas: { find(slug: string): Promise<FocusAreaRef | null> };
  /** The profile rows of the area (as on its public page); null when its buurten are not known. */
  monitorThemes: (slug: string) => Promise<ProfileThemeView[] | null>;
  surveys: (slug: string) => Promise<SurveyOutcome[]>;
  codeCounts: (gemeente: string, slug: string) => Promise<CodeCount[]>;
  now: () => Date;
}

export interface SynthesisActor {
  id: string;
  /** Shown beside the weights: who changed them last. */
  name: string;
  /** As written in the audit log. */
  audit: string;
}

/** One item of evidence on the theme card: the anchor other features link to. */
export interface EvidenceItem {
  ref: EvidenceRef;
  /** `formatEvidenceRef(ref)`. */
  refText: string;
  /** The HTML id on the theme card. */
  anchor: string;
  label: string;
  /** A short value text: "32,1% (gemeente 25,0%)". */
  value: string;
  /** The item on the theme card: `/werkruimte/<g>/themakaart/<slug>#<anchor>`. */
  url: string;
  /** The page with the evidence itself (indicator page, results, session, coding). */
  source: string;
}

export interface MonitorItem extends EvidenceItem {
  period: string;
  /** Why the area has no figure ("Geen cijfer voor dit gebied."), when it has none. */
  note: string | null;
  comparisons: ReferenceComparison[];
  /** Why there is no comparison, when there is none. */
  notCompared: string | null;
  /** Per reference the gap as the profile writes a change: "+6,8 per 1.000 inwoners". */
  gaps: { key: 'gemeente' | 'nederland'; text: string }[];
  /** "ongunstiger dan de gemeente" etc.; null when no direction can be given. */
  direction: string | null;
  unfavourableVsCity: boolean | null;
}

export interface SurveyItem extends EvidenceItem {
  questionnaire: string;
  /** Why the figure is uncertain, said beside it; null when it is fine. */
  warning: string | null;
}

export interface InputItem extends EvidenceItem {
  kind: string;
  votes: number;
  /** Null when the reader may not see input texts (e.g. alliantielid). */
  text: string | null;
  session: string | null;
}

export interface CodeItem extends EvidenceItem {
  perSource: { source: string; items: number }[];
}

export interface SourceState {
  /** Null: there is data; otherwise why not ("nog geen gegevens", "te weinig antwoorden"). */
  missing: string | null;
}

export interface ThemeCard {
  key: string;
  name: string;
  monitor: MonitorItem[];
  monitorNotLoaded: number;
  bewoners: SurveyItem[];
  professionals: SurveyItem[];
  sessions: {
    inputs: number;
    votes: number;
    perKind: { kind: string; count: number }[];
    top: InputItem[];
  };
  codes: CodeItem[];
  urgency: Partial<Record<SourceKey, number | null>>;
}

export interface SynthesisPage {
  focusArea: FocusAreaRef;
  themes: ThemeCard[];
  sources: Record<SourceKey, SourceState>;
  ranking: Ranking;
  weights: Record<SourceKey, number>;
  weightsChanged: { at: string; by: string } | null;
}

export interface ThemeEvidence {
  theme: string;
  name: string;
  items: EvidenceItem[];
}

export type FormBody = Record<string, unknown>;
export type FormResult =
  { ok: true } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

const INPUT_KINDS = ['knelpunt', 'kans', 'idee', 'vraag'] as const;
const TOP_INPUTS = 3;
const NO_DATA = 'nog geen gegevens';

const WEIGHT_FIELD: Record<SourceKey, string> = {
  monitor: 'gewicht_monitor',
  bewoners: 'gewicht_bewoners',
  professionals: 'gewicht_professionals',
  bijeenkomsten: 'gewicht_bijeenkomsten',
  codes: 'gewicht_codes',
};
export { WEIGHT_FIELD };

export function themakaartPath(gemeente: string, slug: string): string {
  return `/werkruimte/${gemeente}/themakaart/${slug}`;
}

const nl = (v: number, digits = 0) =>
  v.toLocaleString('nl-NL', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (v: number) => `${nl(v * 100)}%`;

/** A gap as the profile writes a change: a sign, the indicator's decimals and unit. */
export function gapText(gap: number, decimals: number, unit: string): string {
  const text = formatValue(gap, decimals, unit).replaceAll('\u202f', '.');
  return gap > 0 && !/^0(,0+)?(\D|$)/.test(text) ? `+${text}` : text;
}

/** The short words for an indicator's direction against the city and the Netherlands. */
function directionWords(comparisons: readonly ReferenceComparison[]): string | null {
  const parts = comparisons
    .filter((c) => c.favourable !== null)
    .map(
      (c) =>
        `${c.favourable ? 'gunstiger' : 'ongunstiger'} dan ${c.key === 'gemeente' ? 'de gemeente' : 'Nederland'}`,
    );
  return parts.length > 0 ? `${parts.join(', ')}.` : null;
}

/** One survey table in a line: every answer's share with its 95% margin, or why not. */
function surveyLine(
  table: ResultTable,
  outcome: SurveyOutcome,
): { value: string; warning: string | null } {
  const { spec } = table;
  const t = table.table;
  if (t.onderdrukt || t.nValid === null)
    return {
      value: 'niet getoond',
      warning: 'Te weinig antwoorden om een uitkomst te tonen.',
    };
  const warnings = new Set<string>();
  const parts: string[] = [];
  for (const category of spec.categories.filter((c) => !c.missing)) {
    const cell = t.categories.find((c) => c.category === category.value);
    if (!cell || cell.onderdrukt) {
      parts.push(`${category.label}: niet getoond (te weinig antwoorden)`);
      continue;
    }
    const e = table.weighted ? cell.weighted : cell.unweighted;
    if (!e || !Number.isFinite(e.estimate)) continue;
    parts.push(`${category.label}: ${pct(e.estimate)} (${pct(e.lower)} tot ${pct(e.upper)})`);
    const check = publicationCheck({
      converged: outcome.converged,
      effectiveN: table.weighted ? outcome.effectiveN : t.nValid,
      lower: e.lower,
      upper: e.upper,
    });
    if (!check.publish) warnings.add(check.reason);
  }
  const base = `${parts.join('; ')}. ${t.nValid} antwoorden${table.weighted ? ', gewogen' : ', ongewogen'}.`;
  return {
    value: base,
    warning:
      warnings.size > 0
        ? `Let op, te onzeker om zo te gebruiken: ${[...warnings].join('; ')}.`
        : null,
  };
}

/** A theme's share of first places in a ranking question, per theme; null: no usable data. */
function rankingUrgency(outcomes: readonly SurveyOutcome[]): {
  urgency: SourceUrgency;
  missing: string | null;
} {
  const withResponses = outcomes.filter((o) => o.responses > 0);
  if (withResponses.length === 0) return { urgency: null, missing: NO_DATA };
  for (const o of withResponses) {
    const table = o.tables.find((t) => t.spec.question.type === 'theme_ranking');
    if (!table) continue;
    if (table.table.onderdrukt) return { urgency: null, missing: 'te weinig antwoorden' };
    const urgency: Record<string, number> = {};
    for (const theme of THEMES) {
      const cell = table.table.categories.find((c) => c.category === theme.key);
      const e = cell ? (table.weighted ? cell.weighted : cell.unweighted) : null;
      urgency[theme.key] = e && Number.isFinite(e.estimate) ? e.estimate : 0;
    }
    return { urgency, missing: null };
  }
  return {
    urgency: null,
    missing: 'geen vraag naar de volgorde van de thema’s in de vragenlijst',
  };
}

/**
 * The themakaart (issue 14 point 4, ADR 0033): per theme the four sources side by side and a
 * ranking of the themes by a transparent score with editable weights.
 */
export class SynthesisService {
  constructor(private readonly deps: SynthesisDeps) {}

  private async area(gemeente: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.deps.focusAreas.find(slug);
    if (!area || area.municipalityCode !== gemeente)
      throw new NotFoundError('Dit gebied bestaat niet.');
    return area;
  }

  async weights(slug: string): Promise<{
    weights: Record<SourceKey, number>;
    changed: { at: string; by: string } | null;
  }> {
    const row = await this.deps.repository.findWeights(slug);
    if (!row) return { weights: { ...DEFAULT_WEIGHTS }, changed: null };
    return {
      weights: {
        monitor: row.weight_monitor,
        bewoners: row.weight_bewoners,
        professionals: row.weight_professionals,
        bijeenkomsten: row.weight_bijeenkomsten,
        codes: row.weight_codes,
      },
      changed: { at: row.updated_at, by: row.updated_by },
    };
  }

  /**
   * The theme card of an area. `inputTexts`: whether the reader may see the texts of session
   * inputs (permissions.ts `participation:input`); without, only kind, votes and session.
   */
  async page(
    gemeente: string,
    slug: string,
    options: { inputTexts: boolean },
  ): Promise<SynthesisPage> {
    const focusArea = await this.area(gemeente, slug);
    const base = themakaartPath(gemeente, slug);
    const item = (ref: EvidenceRef, label: string, value: string, source: string): EvidenceItem => {
      const anchor = evidenceAnchor(ref);
      return {
        ref,
        refText: formatEvidenceRef(ref),
        anchor,
        label,
        value,
        url: `${base}#${anchor}`,
        source,
      };
    };
    const ref = (kind: EvidenceKind, id: string): EvidenceRef => ({ kind, id });

    const [monitorThemes, surveys, inputs, codeCounts, stored] = await Promise.all([
      this.deps.monitorThemes(slug),
      this.deps.surveys(slug),
      this.deps.repository.listInputs(slug),
      this.deps.codeCounts(gemeente, slug),
      this.weights(slug),
    ]);
    const residents = surveys.filter((s) => s.audience === 'bewoners');
    const professionals = surveys.filter((s) => s.audience === 'professionals');

    const monitorUrgency: Record<string, number | null> = {};
    const cards: ThemeCard[] = THEMES.map((theme) => {
      const view = monitorThemes?.find((t) => t.key === theme.key);
      const monitor: MonitorItem[] = (view?.rows ?? []).map((row) => {
        const made = referenceComparisons(row);
        const comparisons = made ?? [];
        const notCompared =
          row.latest.value === undefined
            ? 'geen cijfer voor het gebied'
            : made === null
              ? row.indicator.measure.type === 'count'
                ? 'een aantal: niet te vergelijken met de hele gemeente'
                : 'een enquêtecijfer: vergelijk met de marge op de indicatorpagina'
              : made.length === 0
                ? 'geen cijfer van de gemeente of Nederland'
                : null;
        const city = comparisons.find((c) => c.key === 'gemeente');
        const refs = comparisons.map((c) => `${c.where} ${c.text}`).join(', ');
        return {
          ...item(
            ref('indicator', row.indicator.key),
            row.indicator.name,
            `${row.latest.text} (${formatPeriod(row.latest.period)})${refs ? `; ${refs}` : ''}`,
            `/gebieden/${slug}/indicatoren/${row.indicator.key}`,
          ),
          period: row.latest.period,
          note: row.latest.value === undefined ? (row.latest.note ?? 'Geen cijfer.') : null,
          comparisons,
          notCompared,
          gaps: comparisons.map((c) => ({
            key: c.key,
            text: gapText(c.gap, row.indicator.decimals, row.indicator.unit),
          })),
          direction: directionWords(comparisons),
          unfavourableVsCity: city && city.favourable !== null ? !city.favourable : null,
        };
      });
      const directed = monitor.filter((m) => m.unfavourableVsCity !== null);
      monitorUrgency[theme.key] =
        directed.length > 0
          ? share(directed.filter((m) => m.unfavourableVsCity).length, directed.length)
          : null;

      const surveyItems = (
        outcomes: readonly SurveyOutcome[],
        kind: 'survey' | 'professionals',
      ): SurveyItem[] =>
        outcomes
          .filter((o) => o.responses > 0)
          .flatMap((o) =>
            o.tables
              .filter((t) => t.spec.theme === theme.key)
              .map((t) => {
                const line = surveyLine(t, o);
                return {
                  ...item(
                    ref(kind, `${o.key}:${t.spec.variable}`),
                    t.spec.title,
                    line.value,
                    `/werkruimte/${gemeente}/enquetes/${o.key}/resultaten#thema-${theme.key}`,
                  ),
                  questionnaire: o.title,
                  warning: line.warning,
                };
              }),
          );

      const mine = inputs.filter((i) => i.theme_key === theme.key);
      const top: InputItem[] = mine.slice(0, TOP_INPUTS).map((i: SynthesisInput) => ({
        ...item(
          ref('input', i.id),
          `${capital(i.kind)}${i.session_title ? ` (${i.session_title})` : ''}`,
          `${i.votes} ${i.votes === 1 ? 'stem' : 'stemmen'}`,
          i.session_id ? `/werkruimte/${gemeente}/bijeenkomsten/${i.session_id}` : base,
        ),
        kind: i.kind,
        votes: i.votes,
        text: options.inputTexts ? i.text : null,
        session: i.session_title,
      }));

      const codeMap = new Map<string, CodeItem>();
      for (const c of codeCounts.filter((c) => c.theme_key === theme.key)) {
        let entry = codeMap.get(c.code_key);
        if (!entry) {
          entry = {
            ...item(
              ref('code', c.code_key),
              c.label,
              '',
              `/werkruimte/${gemeente}/coderen/${slug}`,
            ),
            perSource: [],
          };
          codeMap.set(c.code_key, entry);
        }
        entry.perSource.push({ source: c.source, items: c.items });
      }
      const codes = [...codeMap.values()].map((c) => {
        const total = c.perSource.reduce((a, s) => a + s.items, 0);
        return { ...c, value: `${total} keer gecodeerd` };
      });

      return {
        key: theme.key,
        name: theme.name,
        monitor,
        monitorNotLoaded: view?.notLoaded.length ?? 0,
        bewoners: surveyItems(residents, 'survey'),
        professionals: surveyItems(professionals, 'professionals'),
        sessions: {
          inputs: mine.length,
          votes: mine.reduce((a, i) => a + i.votes, 0),
          perKind: INPUT_KINDS.map((kind) => ({
            kind,
            count: mine.filter((i) => i.kind === kind).length,
          })),
          top,
        },
        codes,
        urgency: {},
      };
    });

    // Urgency per source (ADR 0033).
    const monitorHas = Object.values(monitorUrgency).some((v) => v !== null);
    const resident = rankingUrgency(residents);
    const prof = rankingUrgency(professionals);
    const totalVotes = inputs.reduce((a, i) => a + i.votes, 0);
    const sessionUrgency: SourceUrgency =
      inputs.length === 0
        ? null
        : Object.fromEntries(
            THEMES.map((t) => {
              const mine = inputs.filter((i) => i.theme_key === t.key);
              return [
                t.key,
                totalVotes > 0
                  ? share(
                      mine.reduce((a, i) => a + i.votes, 0),
                      totalVotes,
                    )
                  : share(mine.length, inputs.length),
              ];
            }),
          );
    const codedTotal = codeCounts.reduce((a, c) => a + c.items, 0);
    const codeUrgency: SourceUrgency =
      codedTotal === 0
        ? null
        : Object.fromEntries(
            THEMES.map((t) => [
              t.key,
              share(
                codeCounts.filter((c) => c.theme_key === t.key).reduce((a, c) => a + c.items, 0),
                codedTotal,
              ),
            ]),
          );
    const urgency: Record<SourceKey, SourceUrgency> = {
      monitor: monitorHas ? monitorUrgency : null,
      bewoners: resident.urgency,
      professionals: prof.urgency,
      bijeenkomsten: sessionUrgency,
      codes: codeUrgency,
    };
    for (const card of cards)
      for (const s of SOURCES) card.urgency[s] = urgency[s]?.[card.key] ?? null;
    const sources: Record<SourceKey, SourceState> = {
      monitor: { missing: monitorHas ? null : NO_DATA },
      bewoners: { missing: resident.missing },
      professionals: { missing: prof.missing },
      bijeenkomsten: { missing: sessionUrgency ? null : NO_DATA },
      codes: { missing: codeUrgency ? null : NO_DATA },
    };
    return {
      focusArea,
      themes: cards,
      sources,
      ranking: rankThemes(
        THEMES.map((t) => t.key),
        urgency,
        stored.weights,
      ),
      weights: stored.weights,
      weightsChanged: stored.changed,
    };
  }

  /**
   * The evidence items per theme, for the contours proposal and the council letter: each with
   * its reference, a label, a short value text and the theme card's anchor. Input texts are left
   * out (they are not for every reader); the label names the kind and session.
   */
  async evidence(gemeente: string, slug: string): Promise<ThemeEvidence[]> {
    const page = await this.page(gemeente, slug, { inputTexts: false });
    const strip = (i: EvidenceItem): EvidenceItem => ({
      ref: i.ref,
      refText: i.refText,
      anchor: i.anchor,
      label: i.label,
      value: i.value,
      url: i.url,
      source: i.source,
    });
    return page.themes.map((t) => ({
      theme: t.key,
      name: t.name,
      items: [...t.monitor, ...t.bewoners, ...t.professionals, ...t.sessions.top, ...t.codes].map(
        strip,
      ),
    }));
  }

  /** Saves the weights of the ranking; whole numbers 0–100, at least one above 0. Audited. */
  async saveWeights(
    gemeente: string,
    slug: string,
    actor: SynthesisActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const errors: Record<string, string> = {};
    const values: Record<string, string> = {};
    const parsed = {} as Record<SourceKey, number>;
    for (const s of SOURCES) {
      const field = WEIGHT_FIELD[s];
      const raw = typeof body[field] === 'string' ? body[field].trim() : '';
      values[field] = raw;
      if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) {
        errors[field] = `Gewicht ${SOURCE_NAMES[s]}: vul een heel getal van 0 tot en met 100 in.`;
        continue;
      }
      parsed[s] = Number(raw);
    }
    if (Object.keys(errors).length === 0 && SOURCES.every((s) => parsed[s] === 0))
      errors[WEIGHT_FIELD.monitor] =
        `Gewicht ${SOURCE_NAMES.monitor}: geef minstens één bron een gewicht boven 0.`;
    if (Object.keys(errors).length > 0) return { ok: false, errors, values };
    return this.deps.transaction(async ({ repository, audit }) => {
      const before = await repository.findWeights(slug);
      await repository.saveWeights({
        focus_area_slug: slug,
        municipality_code: focusArea.municipalityCode,
        weight_monitor: parsed.monitor,
        weight_bewoners: parsed.bewoners,
        weight_professionals: parsed.professionals,
        weight_bijeenkomsten: parsed.bijeenkomsten,
        weight_codes: parsed.codes,
        updated_at: this.deps.now().toISOString(),
        updated_by: actor.name,
      });
      const show = (w: Record<SourceKey, number>) =>
        Object.fromEntries(SOURCES.map((s) => [SOURCE_NAMES[s], w[s]]));
      await audit.record({
        actor: actor.audit,
        action: 'themakaart.gewichten_gewijzigd',
        entity: 'themakaart',
        entityId: slug,
        municipalityCode: focusArea.municipalityCode,
        before: before
          ? show({
              monitor: before.weight_monitor,
              bewoners: before.weight_bewoners,
              professionals: before.weight_professionals,
              bijeenkomsten: before.weight_bijeenkomsten,
              codes: before.weight_codes,
            })
          : { standaard: show({ ...DEFAULT_WEIGHTS }) },
        after: show(parsed),
      });
      return { ok: true as const };
    });
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
