import {
  EVIDENCE_KIND_LABELS,
  evidenceAnchor,
  formatEvidenceRef,
  parseEvidenceRef,
  type EvidenceKind,
} from '../../shared/evidence.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter, FocusAreaRef } from '../participation/index.ts';
import {
  EMPTY_CONTENT,
  MAX_ROWS,
  allEvidence,
  formatItemRef,
  readContent,
  type ContourContent,
  type ItemRef,
  type MainTheme,
} from './contours.content.ts';
import type { ContoursRepository, EvidenceInput } from './contours.repository.ts';
import type { ContourStatus, ContourVersionRow } from './contours.table.ts';

/** The public methods of the repository: what the service uses, and what a fake implements. */
export type ContoursStore = { [K in keyof ContoursRepository]: ContoursRepository[K] };

export type ContoursTransactor = <T>(
  work: (scope: { repository: ContoursStore; audit: AuditWriter }) => Promise<T>,
) => Promise<T>;

export interface ThemeRef {
  key: string;
  name: string;
}

/** A question of one of the area's questionnaires, as the composition root flattens them. */
export interface SurveyQuestionRef {
  surveyKey: string;
  audience: 'bewoners' | 'professionals';
  surveyTitle: string;
  name: string;
  text: string;
  themeKey: string;
}

export interface AllianceDecisionRef {
  id: string;
  number: string;
  decided_on: string;
  title: string;
}

export interface ContoursDeps {
  repository: ContoursStore;
  transaction: ContoursTransactor;
  themes: () => Promise<ThemeRef[]>;
  focusAreas: { find(slug: string): Promise<FocusAreaRef | null> };
  indicators: () => Promise<{ key: string; name: string; theme: string }[]>;
  surveyQuestions: (slug: string) => SurveyQuestionRef[];
  codes: (slug: string) => Promise<{ code_key: string; theme_key: string; label: string }[]>;
  /** The indicators that have a target in this area. */
  targets: (slug: string) => Promise<string[]>;
  decisions: (slug: string) => Promise<AllianceDecisionRef[]>;
  now: () => Date;
  newId: () => string;
}

export interface ContoursActor {
  id: string;
  name: string;
  /** As written in the audit log. */
  audit: string;
}

export type FormBody = Record<string, unknown>;
export type FieldErrors = Record<string, string>;
/** `conflict`: someone else saved a version in the meantime (answered with 409, the text kept). */
export type FormResult =
  { ok: true; version: number } | { ok: false; errors: FieldErrors; conflict?: true };

/** A piece of evidence the bureau can pick for a theme, and how it is shown. */
export interface EvidenceCandidate {
  ref: string;
  kind: EvidenceKind;
  themeKey: string;
  /** Shown in the proposal and its exports (never an unreviewed quote). */
  label: string;
  /** Shown in the picker to the programme bureau: the full text of an input. */
  pickLabel: string;
}

/** A reference as shown: its source, a label and the link to the theme card. */
export interface ResolvedEvidence {
  ref: string;
  kind: EvidenceKind | null;
  source: string;
  label: string;
  href: string | null;
  /** False when the source no longer has it (a deleted input, a code dropped from the codebook). */
  found: boolean;
}

export interface ContoursView {
  focusArea: FocusAreaRef;
  themes: ThemeRef[];
  /** The version shown; null when nothing was saved yet. */
  version: ContourVersionRow | null;
  content: ContourContent;
  latest: number | null;
  evidence: Map<string, ResolvedEvidence>;
  indicatorNames: Map<string, string>;
  targets: Set<string>;
  decisions: AllianceDecisionRef[];
}

export interface ThemeForm {
  focusArea: FocusAreaRef;
  theme: ThemeRef;
  latest: ContourVersionRow | null;
  current: MainTheme | null;
  indicators: { key: string; name: string }[];
  targets: Set<string>;
}

export interface EvidencePicker {
  focusArea: FocusAreaRef;
  theme: ThemeRef;
  latest: ContourVersionRow | null;
  item: ItemRef;
  itemText: string;
  chosen: string[];
  candidates: EvidenceCandidate[];
  /** Chosen references that are not among the candidates any more. */
  missing: ResolvedEvidence[];
}

/** The last set version, for the public page "Wat we met uw inbreng deden". */
export interface DecidedContours {
  focusAreaSlug: string;
  version: number;
  decidedOn: string;
  decisionReference: string;
  themes: { themeKey: string; themeName: string; title: string; ambition: string }[];
}

export const STATUS_LABELS: Record<ContourStatus, string> = {
  concept: 'Concept',
  voorgelegd: 'Voorgelegd aan de Alliantie',
  vastgesteld: 'Vastgesteld',
};

const KIND_NAMES: Record<string, string> = {
  knelpunt: 'Knelpunt',
  kans: 'Kans',
  idee: 'Idee',
  vraag: 'Vraag',
};

const MAX_TITLE = 200;
const MAX_TEXT = 1000;
const MAX_AMBITION = 4000;
const MAX_NOTE = 500;

/** The link to one piece of evidence on the theme card (built by the themakaart feature). */
export function themeCardHref(gemeente: string, slug: string, ref: string): string | null {
  const parsed = parseEvidenceRef(ref);
  if (!parsed) return null;
  return `/werkruimte/${gemeente}/themakaart/${slug}#${evidenceAnchor(parsed)}`;
}

function text(body: FormBody, name: string): string {
  const v = body[name];
  return typeof v === 'string' ? v.trim() : '';
}

/** A form field that may be sent once or several times (checkboxes). */
function list(body: FormBody, name: string): string[] {
  const v = body[name];
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  return [];
}

function conflict(message: string): AppError {
  return new AppError('CONFLICT', message);
}

/** The form was filled in on an older version, or another save took the next number first. */
function changedMeanwhile(version: number): FieldErrors {
  return {
    versie: `Versie: iemand anders heeft dit voorstel gewijzigd; intussen is versie ${version} opgeslagen. Uw wijziging is niet bewaard. Open het formulier opnieuw en doe uw wijziging dan nog een keer; uw tekst staat hieronder.`,
  };
}

/** A session input as evidence: its text only when the source allowed quoting and it was reviewed. */
function inputLabel(i: EvidenceInput): string {
  const kind = KIND_NAMES[i.kind] ?? i.kind;
  const where = i.session_title ? ` uit "${i.session_title}"` : '';
  const votes = i.votes === 1 ? '1 stip' : `${i.votes} stippen`;
  return i.quotable ? `${kind}${where}: "${i.text}" (${votes})` : `${kind}${where} (${votes})`;
}

/**
 * The contours proposal of a focus area (issue 14 point 5, ADR 0034): main themes with an
 * ambition, goals and first actions, each linked to evidence; every save is a new version; a
 * version moves concept → voorgelegd → vastgesteld and is frozen once set.
 */
export class ContoursService {
  constructor(private readonly deps: ContoursDeps) {}

  private async area(gemeente: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.deps.focusAreas.find(slug);
    if (!area || area.municipalityCode !== gemeente)
      throw new NotFoundError('Dit gebied bestaat niet.');
    return area;
  }

  private async theme(key: string): Promise<ThemeRef> {
    const theme = (await this.deps.themes()).find((t) => t.key === key);
    if (!theme) throw new NotFoundError('Dit thema bestaat niet.');
    return theme;
  }

  /** Every piece of evidence the sources hold for this area, over all themes. */
  async candidates(slug: string): Promise<EvidenceCandidate[]> {
    const out: EvidenceCandidate[] = [];
    for (const i of await this.deps.indicators())
      out.push({
        ref: formatEvidenceRef({ kind: 'indicator', id: i.key }),
        kind: 'indicator',
        themeKey: i.theme,
        label: i.name,
        pickLabel: i.name,
      });
    for (const q of this.deps.surveyQuestions(slug)) {
      const kind = q.audience === 'professionals' ? 'professionals' : 'survey';
      const label = `${q.surveyTitle}: ${q.text}`;
      out.push({
        ref: formatEvidenceRef({ kind, id: `${q.surveyKey}:${q.name}` }),
        kind,
        themeKey: q.themeKey,
        label,
        pickLabel: label,
      });
    }
    for (const i of await this.deps.repository.listEvidenceInputs(slug)) {
      const kind = KIND_NAMES[i.kind] ?? i.kind;
      const votes = i.votes === 1 ? '1 stip' : `${i.votes} stippen`;
      out.push({
        ref: formatEvidenceRef({ kind: 'input', id: i.id }),
        kind: 'input',
        themeKey: i.theme_key,
        label: inputLabel(i),
        pickLabel: `${kind}: ${i.text} (${votes}${i.session_title ? `, ${i.session_title}` : ''})`,
      });
    }
    for (const c of await this.deps.codes(slug))
      out.push({
        ref: formatEvidenceRef({ kind: 'code', id: c.code_key }),
        kind: 'code',
        themeKey: c.theme_key,
        label: `Code "${c.label}"`,
        pickLabel: `Code "${c.label}"`,
      });
    return out;
  }

  /** Labels and theme-card links for these references, from the sources as they are now. */
  async resolve(
    gemeente: string,
    slug: string,
    refs: readonly string[],
  ): Promise<Map<string, ResolvedEvidence>> {
    const known = new Map((await this.candidates(slug)).map((c) => [c.ref, c]));
    const out = new Map<string, ResolvedEvidence>();
    for (const ref of refs) {
      const parsed = parseEvidenceRef(ref);
      const candidate = known.get(ref);
      out.set(ref, {
        ref,
        kind: parsed?.kind ?? null,
        source: parsed ? EVIDENCE_KIND_LABELS[parsed.kind] : 'Onbekend',
        label: candidate?.label ?? `Niet meer gevonden (${ref})`,
        href: candidate ? themeCardHref(gemeente, slug, ref) : null,
        found: candidate !== undefined,
      });
    }
    return out;
  }

  /** The proposal as it stands (or one earlier version), with its evidence resolved. */
  async view(gemeente: string, slug: string, number?: number): Promise<ContoursView> {
    const focusArea = await this.area(gemeente, slug);
    const { repository } = this.deps;
    const latest = await repository.findVersion(slug);
    const version = number === undefined ? latest : await repository.findVersion(slug, number);
    if (number !== undefined && !version) throw new NotFoundError('Deze versie bestaat niet.');
    const content = version ? readContent(version.content) : EMPTY_CONTENT;
    const indicators = await this.deps.indicators();
    return {
      focusArea,
      themes: await this.deps.themes(),
      version,
      content,
      latest: latest?.version ?? null,
      evidence: await this.resolve(gemeente, slug, allEvidence(content)),
      indicatorNames: new Map(indicators.map((i) => [i.key, i.name])),
      targets: new Set(await this.deps.targets(slug)),
      decisions: await this.deps.decisions(slug),
    };
  }

  async history(gemeente: string, slug: string) {
    const focusArea = await this.area(gemeente, slug);
    return { focusArea, versions: await this.deps.repository.listVersions(slug) };
  }

  async themeForm(gemeente: string, slug: string, themeKey: string): Promise<ThemeForm> {
    const focusArea = await this.area(gemeente, slug);
    const theme = await this.theme(themeKey);
    const latest = await this.deps.repository.findVersion(slug);
    const content = latest ? readContent(latest.content) : EMPTY_CONTENT;
    return {
      focusArea,
      theme,
      latest,
      current: content.themes.find((t) => t.themeKey === themeKey) ?? null,
      indicators: (await this.deps.indicators())
        .filter((i) => i.theme === themeKey)
        .map((i) => ({ key: i.key, name: i.name })),
      targets: new Set(await this.deps.targets(slug)),
    };
  }

  /** Refuses a change to a set version and a form filled in on an older version. */
  private editable(latest: ContourVersionRow | null, body: FormBody): FieldErrors | null {
    if (latest?.status === 'vastgesteld')
      throw conflict(
        `Versie ${latest.version} is vastgesteld en verandert niet meer. Begin een nieuw concept om verder te werken.`,
      );
    const basis = text(body, 'versie');
    const expected = latest?.version ?? 0;
    return basis === String(expected) ? null : changedMeanwhile(expected);
  }

  /** Saves one main theme (or takes it out when every field is empty) as a new version. */
  async saveTheme(
    gemeente: string,
    slug: string,
    themeKey: string,
    actor: ContoursActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const theme = await this.theme(themeKey);
    const indicatorKeys = new Set((await this.deps.indicators()).map((i) => i.key));
    const errors: FieldErrors = {};
    const title = text(body, 'titel');
    const ambition = text(body, 'ambitie');
    const note = text(body, 'toelichting');
    const goals: { slot: number; text: string; indicatorKey: string | null }[] = [];
    const actions: { slot: number; text: string }[] = [];
    for (let slot = 0; slot < MAX_ROWS; slot += 1) {
      const goal = text(body, `doel-${slot + 1}`);
      const indicator = text(body, `doel-${slot + 1}-indicator`);
      if (goal.length > MAX_TEXT)
        errors[`doel-${slot + 1}`] = `Doel ${slot + 1}: gebruik hoogstens ${MAX_TEXT} tekens.`;
      if (indicator !== '' && !indicatorKeys.has(indicator))
        errors[`doel-${slot + 1}-indicator`] = `Doel ${slot + 1}: kies een indicator uit de lijst.`;
      if (goal !== '') goals.push({ slot, text: goal, indicatorKey: indicator || null });
      else if (indicator !== '' && !errors[`doel-${slot + 1}-indicator`])
        errors[`doel-${slot + 1}`] = `Doel ${slot + 1}: schrijf het doel, of kies geen indicator.`;
      const action = text(body, `actie-${slot + 1}`);
      if (action.length > MAX_TEXT)
        errors[`actie-${slot + 1}`] = `Actie ${slot + 1}: gebruik hoogstens ${MAX_TEXT} tekens.`;
      if (action !== '') actions.push({ slot, text: action });
    }
    const empty = title === '' && ambition === '' && goals.length === 0 && actions.length === 0;
    if (!empty && title === '')
      errors['titel'] = 'Titel: geef het hoofdthema een titel (of maak alle velden leeg).';
    if (title.length > MAX_TITLE) errors['titel'] = `Titel: gebruik hoogstens ${MAX_TITLE} tekens.`;
    if (ambition.length > MAX_AMBITION)
      errors['ambitie'] = `Ambitie: gebruik hoogstens ${MAX_AMBITION} tekens.`;
    if (note.length > MAX_NOTE)
      errors['toelichting'] = `Wat is er veranderd: gebruik hoogstens ${MAX_NOTE} tekens.`;
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await repository.findVersion(slug);
      const stale = this.editable(latest, body);
      if (stale)
        return { ok: false as const, errors: { ...errors, ...stale }, conflict: true as const };
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      const content = latest ? readContent(latest.content) : EMPTY_CONTENT;
      const before = content.themes.find((t) => t.themeKey === themeKey) ?? null;
      // Evidence stays with the slot it was chosen for: the form shows goal n in slot n.
      const next: MainTheme | null = empty
        ? null
        : {
            themeKey,
            title,
            ambition,
            evidence: before?.evidence ?? [],
            goals: goals.map((g) => ({
              text: g.text,
              indicatorKey: g.indicatorKey,
              evidence: before?.goals[g.slot]?.evidence ?? [],
            })),
            actions: actions.map((a) => ({
              text: a.text,
              evidence: before?.actions[a.slot]?.evidence ?? [],
            })),
          };
      const version = await this.insert(repository, focusArea, actor, latest, {
        content: withTheme(content, themeKey, next, await this.deps.themes()),
        note: note || (next ? `${theme.name} bijgewerkt` : `${theme.name} weggehaald`),
      });
      if (version === null) return this.lostRace(latest);
      await audit.record({
        actor: actor.audit,
        action: 'contouren.nieuwe_versie',
        entity: 'contourvoorstel',
        entityId: `${slug}@${version}`,
        municipalityCode: focusArea.municipalityCode,
        before: before ? { versie: latest?.version, thema: themeKey, titel: before.title } : null,
        after: next
          ? {
              versie: version,
              thema: themeKey,
              titel: next.title,
              doelen: next.goals.length,
              acties: next.actions.length,
            }
          : { versie: version, thema: themeKey, weggehaald: true },
      });
      return { ok: true as const, version };
    });
  }

  /** Another save stored the next version between reading the latest and writing ours. */
  private lostRace(latest: ContourVersionRow | null): FormResult {
    return { ok: false, errors: changedMeanwhile((latest?.version ?? 0) + 1), conflict: true };
  }

  /** The number of the new version; null when another save took that number first. */
  private async insert(
    repository: ContoursStore,
    focusArea: FocusAreaRef,
    actor: ContoursActor,
    latest: ContourVersionRow | null,
    fields: { content: ContourContent; note: string; basedOn?: number },
  ): Promise<number | null> {
    const version = (latest?.version ?? 0) + 1;
    const stored = await repository.insertVersion({
      id: this.deps.newId(),
      municipality_code: focusArea.municipalityCode,
      focus_area_slug: focusArea.slug,
      version,
      status: 'concept',
      content: JSON.stringify(fields.content),
      note: fields.note,
      based_on: fields.basedOn ?? null,
      created_at: this.deps.now().toISOString(),
      created_by: actor.id,
      created_by_name: actor.name,
      submitted_at: null,
      submitted_by_name: null,
      decided_at: null,
      decided_by_name: null,
      decided_on: null,
      decision_reference: null,
      decision_id: null,
    });
    return stored ? version : null;
  }

  /** The evidence picker for one item of a main theme: the theme's candidates from every source. */
  async picker(
    gemeente: string,
    slug: string,
    themeKey: string,
    item: ItemRef,
  ): Promise<EvidencePicker> {
    const focusArea = await this.area(gemeente, slug);
    const theme = await this.theme(themeKey);
    const latest = await this.deps.repository.findVersion(slug);
    const main = (latest ? readContent(latest.content) : EMPTY_CONTENT).themes.find(
      (t) => t.themeKey === themeKey,
    );
    const target = main ? itemOf(main, item) : null;
    if (!main || !target)
      throw new NotFoundError('Dit onderdeel bestaat (nog) niet. Sla eerst het hoofdthema op.');
    const candidates = (await this.candidates(slug)).filter((c) => c.themeKey === themeKey);
    const offered = new Set(candidates.map((c) => c.ref));
    const resolved = await this.resolve(gemeente, slug, target.evidence);
    return {
      focusArea,
      theme,
      latest,
      item,
      itemText: target.text,
      chosen: target.evidence,
      candidates,
      missing: target.evidence
        .filter((r) => !offered.has(r))
        .map((r) => resolved.get(r))
        .filter((r): r is ResolvedEvidence => r !== undefined),
    };
  }

  /** Saves the evidence chosen for one item as a new version. */
  async saveEvidence(
    gemeente: string,
    slug: string,
    themeKey: string,
    item: ItemRef,
    actor: ContoursActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    await this.theme(themeKey);
    const offered = new Set(
      (await this.candidates(slug)).filter((c) => c.themeKey === themeKey).map((c) => c.ref),
    );
    const wanted = [...new Set(list(body, 'bewijs'))];
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await repository.findVersion(slug);
      const stale = this.editable(latest, body);
      if (stale) return { ok: false as const, errors: stale, conflict: true as const };
      const content = latest ? readContent(latest.content) : EMPTY_CONTENT;
      const main = content.themes.find((t) => t.themeKey === themeKey);
      const target = main ? itemOf(main, item) : null;
      if (!main || !target) throw new NotFoundError('Dit onderdeel bestaat (nog) niet.');
      // A reference is kept when the theme's sources offer it or the item already had it.
      const unknown = wanted.filter((r) => !offered.has(r) && !target.evidence.includes(r));
      if (unknown.length > 0)
        return {
          ok: false as const,
          errors: {
            bewijs: `Onderbouwing: ${unknown.length === 1 ? 'één keuze hoort' : `${unknown.length} keuzes horen`} niet bij dit thema (${unknown.slice(0, 3).join(', ')}).`,
          },
        };
      const updated = setEvidence(main, item, wanted);
      const version = await this.insert(repository, focusArea, actor, latest, {
        content: withTheme(content, themeKey, updated, await this.deps.themes()),
        note: `Onderbouwing bij ${label(item)} van "${main.title}"`,
      });
      if (version === null) return this.lostRace(latest);
      await audit.record({
        actor: actor.audit,
        action: 'contouren.onderbouwing',
        entity: 'contourvoorstel',
        entityId: `${slug}@${version}`,
        municipalityCode: focusArea.municipalityCode,
        before: {
          versie: latest?.version,
          onderdeel: formatItemRef(item),
          bewijs: target.evidence,
        },
        after: { versie: version, onderdeel: formatItemRef(item), bewijs: wanted },
      });
      return { ok: true as const, version };
    });
  }

  /** concept → voorgelegd aan de Alliantie, for the latest version only. */
  async submit(gemeente: string, slug: string, actor: ContoursActor, body: FormBody) {
    const focusArea = await this.area(gemeente, slug);
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await this.latestFor(repository, slug, body);
      if (latest.status !== 'concept')
        throw conflict(
          `Versie ${latest.version} is al ${STATUS_LABELS[latest.status].toLowerCase()}.`,
        );
      if (readContent(latest.content).themes.length === 0)
        throw conflict(
          'Een voorstel zonder hoofdthema’s kan niet aan de Alliantie worden voorgelegd.',
        );
      const moved = await repository.changeStatus(latest.id, 'concept', {
        status: 'voorgelegd',
        submitted_at: this.deps.now().toISOString(),
        submitted_by_name: actor.name,
      });
      if (!moved) throw conflict('Deze versie is intussen veranderd. Laad de pagina opnieuw.');
      await audit.record({
        actor: actor.audit,
        action: 'contouren.voorgelegd',
        entity: 'contourvoorstel',
        entityId: `${slug}@${latest.version}`,
        municipalityCode: focusArea.municipalityCode,
        before: { status: 'concept' },
        after: { status: 'voorgelegd' },
      });
      return latest.version;
    });
  }

  /** voorgelegd → vastgesteld, with the decision's date and reference; frozen from then on. */
  async decide(
    gemeente: string,
    slug: string,
    actor: ContoursActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const errors: FieldErrors = {};
    const decisionId = text(body, 'besluit');
    let date = text(body, 'datum');
    let reference = text(body, 'kenmerk');
    let decisionRef: string | null = null;
    if (decisionId !== '') {
      const decision = (await this.deps.decisions(slug)).find((d) => d.id === decisionId);
      if (!decision) errors['besluit'] = 'Besluit: kies een besluit uit de lijst.';
      else {
        decisionRef = decision.id;
        if (date === '') date = decision.decided_on;
        if (reference === '') reference = `Besluit ${decision.number}: ${decision.title}`;
      }
    }
    if (!validDate(date))
      errors['datum'] = 'Datum van het besluit: vul een datum in als 2026-12-04.';
    if (reference === '')
      errors['kenmerk'] = 'Kenmerk van het besluit: vul het kenmerk in, of kies een besluit.';
    else if (reference.length > MAX_TITLE)
      errors['kenmerk'] = `Kenmerk van het besluit: gebruik hoogstens ${MAX_TITLE} tekens.`;
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await this.latestFor(repository, slug, body);
      if (latest.status !== 'voorgelegd')
        throw conflict(
          latest.status === 'concept'
            ? `Versie ${latest.version} is nog een concept: leg het eerst voor aan de Alliantie.`
            : `Versie ${latest.version} is al vastgesteld.`,
        );
      if (Object.keys(errors).length > 0) return { ok: false as const, errors };
      const moved = await repository.changeStatus(latest.id, 'voorgelegd', {
        status: 'vastgesteld',
        decided_at: this.deps.now().toISOString(),
        decided_by_name: actor.name,
        decided_on: date,
        decision_reference: reference,
        decision_id: decisionRef,
      });
      if (!moved) throw conflict('Deze versie is intussen veranderd. Laad de pagina opnieuw.');
      await audit.record({
        actor: actor.audit,
        action: 'contouren.vastgesteld',
        entity: 'contourvoorstel',
        entityId: `${slug}@${latest.version}`,
        municipalityCode: focusArea.municipalityCode,
        before: { status: 'voorgelegd' },
        after: { status: 'vastgesteld', datum: date, kenmerk: reference },
      });
      return { ok: true as const, version: latest.version };
    });
  }

  /** Starts a new concept from the set latest version; the set version stays as it is. */
  async newConcept(gemeente: string, slug: string, actor: ContoursActor, body: FormBody) {
    const focusArea = await this.area(gemeente, slug);
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await this.latestFor(repository, slug, body);
      if (latest.status !== 'vastgesteld')
        throw conflict(`Versie ${latest.version} is nog niet vastgesteld: werk daarin verder.`);
      const version = await this.insert(repository, focusArea, actor, latest, {
        content: readContent(latest.content),
        note: `Nieuw concept op basis van vastgestelde versie ${latest.version}`,
        basedOn: latest.version,
      });
      if (version === null)
        throw conflict(
          'Iemand anders heeft intussen al een nieuw concept begonnen. Laad de pagina opnieuw en werk daarin verder.',
        );
      await audit.record({
        actor: actor.audit,
        action: 'contouren.nieuw_concept',
        entity: 'contourvoorstel',
        entityId: `${slug}@${version}`,
        municipalityCode: focusArea.municipalityCode,
        before: { versie: latest.version, status: 'vastgesteld' },
        after: { versie: version, status: 'concept' },
      });
      return version;
    });
  }

  /** The latest version, which must be the one the form was shown with. */
  private async latestFor(
    repository: ContoursStore,
    slug: string,
    body: FormBody,
  ): Promise<ContourVersionRow> {
    const latest = await repository.findVersion(slug);
    if (!latest) throw conflict('Er is nog geen voorstel opgeslagen.');
    if (text(body, 'versie') !== String(latest.version))
      throw conflict(
        `Intussen is versie ${latest.version} opgeslagen. Bekijk die eerst en probeer het opnieuw.`,
      );
    return latest;
  }

  /** The last set version of an area (for the public feedback page); null when none is set. */
  async decided(focusAreaId: string): Promise<DecidedContours | null> {
    const row = await this.deps.repository.findLatestWithStatus(focusAreaId, 'vastgesteld');
    if (!row || row.decided_on === null || row.decision_reference === null) return null;
    const names = new Map((await this.deps.themes()).map((t) => [t.key, t.name]));
    return {
      focusAreaSlug: row.focus_area_slug,
      version: row.version,
      decidedOn: row.decided_on,
      decisionReference: row.decision_reference,
      themes: readContent(row.content).themes.map((t) => ({
        themeKey: t.themeKey,
        themeName: names.get(t.themeKey) ?? t.themeKey,
        title: t.title,
        ambition: t.ambition,
      })),
    };
  }
}

/** The content with this theme replaced (or removed), main themes in the catalogue's order. */
export function withTheme(
  content: ContourContent,
  themeKey: string,
  next: MainTheme | null,
  themes: readonly ThemeRef[],
): ContourContent {
  const rest = content.themes.filter((t) => t.themeKey !== themeKey);
  const all = next ? [...rest, next] : rest;
  const order = (key: string) => {
    const i = themes.findIndex((t) => t.key === key);
    return i === -1 ? themes.length : i;
  };
  return { themes: all.sort((a, b) => order(a.themeKey) - order(b.themeKey)) };
}

function itemOf(main: MainTheme, item: ItemRef): { text: string; evidence: string[] } | null {
  if (item.part === 'ambitie')
    return { text: main.ambition || main.title, evidence: main.evidence };
  const row = item.part === 'doel' ? main.goals[item.index] : main.actions[item.index];
  return row ? { text: row.text, evidence: row.evidence } : null;
}

function setEvidence(main: MainTheme, item: ItemRef, evidence: string[]): MainTheme {
  if (item.part === 'ambitie') return { ...main, evidence };
  if (item.part === 'doel')
    return {
      ...main,
      goals: main.goals.map((g, i) => (i === item.index ? { ...g, evidence } : g)),
    };
  return {
    ...main,
    actions: main.actions.map((a, i) => (i === item.index ? { ...a, evidence } : a)),
  };
}

function label(item: ItemRef): string {
  return item.part === 'ambitie'
    ? 'de ambitie'
    : `${item.part === 'doel' ? 'doel' : 'actie'} ${item.index + 1}`;
}

function validDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
