import { createHash } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter, FocusAreaRef } from '../participation/index.ts';
import type {
  CodeCount,
  Codebook,
  CodingItem,
  CodingRepository,
  NewCode,
  ThemeCount,
} from './coding.repository.ts';
import type { CodebookVersion, CodingAssignment, CodingSource } from './coding.table.ts';
import { CODING_SOURCES } from './coding.table.ts';
import { cohensKappa, type CodedPair, type KappaAbsence, type KappaResult } from './kappa.ts';

/** The public methods of the repository: what the service uses, and what a fake implements. */
export type CodingStore = { [K in keyof CodingRepository]: CodingRepository[K] };

export type CodingTransactor = <T>(
  work: (scope: { repository: CodingStore; audit: AuditWriter }) => Promise<T>,
) => Promise<T>;

export interface ThemeRef {
  key: string;
  name: string;
}

/** A questionnaire of the focus area whose open answers are coded (ADR 0035). */
export interface OpenQuestionnaire {
  key: string;
  audience: 'bewoners' | 'professionals';
  /** The variables of its open-text questions (every version) and their survey theme. */
  questions: { variable: string; theme: string }[];
  /** The question whose answer `ja` lets the respondent's open answers be quoted, if any. */
  quoteConsent?: string | undefined;
  /** Whether a sent response counts (the statuses the survey's results and exports count). */
  counts: (response: { source: string; status: string }) => boolean;
}

export interface CodingDeps {
  repository: CodingStore;
  /** The questionnaires of a focus area with open questions; none when left out. */
  openQuestionnaires?: (slug: string) => OpenQuestionnaire[];
  transaction: CodingTransactor;
  themes: () => Promise<ThemeRef[]>;
  focusAreas: { find(slug: string): Promise<FocusAreaRef | null> };
  now: () => Date;
  newId: () => string;
}

export interface CodingActor {
  id: string;
  /** As written in the audit log. */
  audit: string;
}

export type FormBody = Record<string, unknown>;
export type FieldErrors = Record<string, string>;
export type FormResult = { ok: true } | { ok: false; errors: FieldErrors; values: FormBody };

export interface CodebookPage {
  focusArea: FocusAreaRef;
  codebook: Codebook | null;
  versions: CodebookVersion[];
  themes: ThemeRef[];
}

export interface CodingScreen {
  focusArea: FocusAreaRef;
  codebook: Codebook | null;
  /** The item to code now; null when this coder has coded every item. */
  item: CodingItem | null;
  /** The code this coder gave the item before, if any. */
  current: string | null;
  done: number;
  total: number;
  /** Whether the item is in the agreement sample. */
  inSample: boolean;
}

export interface AgreementSummary {
  focusArea: FocusAreaRef;
  sample: { seed: string; size: number; created_at: string } | null;
  /** Sample items coded by two different coders. */
  doubleCoded: number;
  kappa: KappaResult | KappaAbsence;
  counts: (CodeCount & { label: string; theme_key: string })[];
}

export const SOURCE_LABELS: Record<CodingSource, string> = {
  bijeenkomst: 'Bijeenkomst',
  enquete: 'Bewonersenquête (open antwoord)',
  professionals: 'Vragenlijst professionals (open antwoord)',
};

/**
 * The item id of an open answer: a hash of response and question, so the coding screen, its
 * form and the audit log never carry a response id (ADR 0035).
 */
export function openAnswerId(responseId: string, variable: string): string {
  return createHash('sha256').update(`${responseId}\u0000${variable}`).digest('hex').slice(0, 32);
}

const MAX_CODES = 200;
const MAX_FIELD = 500;

/** "Wonen", "Te weinig licht" → "wonen-te-weinig-licht": a stable key per theme and label. */
export function codeKey(theme: string, label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${theme}-${slug}`.slice(0, 120);
}

/**
 * Reads the codebook text: one code per line, "thema-sleutel; subcode; omschrijving". Errors name
 * the line; nothing is saved when any line is wrong.
 */
export function parseCodebookText(
  text: string,
  themes: readonly ThemeRef[],
): { ok: true; codes: NewCode[] } | { ok: false; error: string } {
  const known = new Set(themes.map((t) => t.key));
  const codes: NewCode[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const [theme = '', label = '', ...rest] = raw.split(';').map((p) => p.trim());
    const description = rest.join(';').trim();
    if (!known.has(theme)) {
      problems.push(`Regel ${line}: thema "${theme.slice(0, 40)}" staat niet in de catalogus.`);
      return;
    }
    if (label === '') {
      problems.push(`Regel ${line}: vul na de puntkomma een subcode in.`);
      return;
    }
    if (label.length > MAX_FIELD || description.length > MAX_FIELD) {
      problems.push(`Regel ${line}: de tekst is te lang (hoogstens ${MAX_FIELD} tekens).`);
      return;
    }
    const key = codeKey(theme, label);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      problems.push(`Regel ${line}: deze subcode staat al op regel ${earlier}.`);
      return;
    }
    seen.set(key, line);
    codes.push({ code_key: key, theme_key: theme, label, description, position: codes.length + 1 });
  });
  if (codes.length > MAX_CODES) problems.push(`Gebruik hoogstens ${MAX_CODES} codes.`);
  if (problems.length === 0 && codes.length === 0)
    problems.push('Regel 1: vul minstens één code in.');
  return problems.length > 0 ? { ok: false, error: problems.join(' ') } : { ok: true, codes };
}

export function codebookText(codebook: Codebook | null): string {
  return (codebook?.codes ?? [])
    .map((c) =>
      [c.theme_key, c.label, c.description].filter((p, i) => i < 2 || p !== '').join('; '),
    )
    .join('\n');
}

/** A deterministic draw: items ordered by sha256(seed + source + id), the first `size` taken. */
export function drawSample(items: readonly CodingItem[], seed: string, size: number): CodingItem[] {
  const rank = (i: CodingItem) =>
    createHash('sha256').update(`${seed}\u0000${i.source}\u0000${i.id}`).digest('hex');
  return [...items]
    .map((i) => ({ i, r: rank(i) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0))
    .slice(0, size)
    .map((x) => x.i);
}

/** Per sample item, the codes of the first two different coders (by time, then coder). */
export function samplePairs(
  items: readonly { source: CodingSource; item_id: string }[],
  assignments: readonly CodingAssignment[],
): CodedPair[] {
  const pairs: CodedPair[] = [];
  for (const item of items) {
    const coded = assignments
      .filter((a) => a.source === item.source && a.item_id === item.item_id)
      .sort((a, b) =>
        a.coded_at === b.coded_at
          ? a.coder.localeCompare(b.coder)
          : a.coded_at < b.coded_at
            ? -1
            : 1,
      );
    const [first, second] = coded;
    if (first && second) pairs.push({ first: first.code_key, second: second.code_key });
  }
  return pairs;
}

/**
 * Coding open text against a versioned codebook per focus area, the agreement sample and the
 * counts per code (ADR 0031). Session inputs and open survey answers are the items (ADR 0035).
 */
export class CodingService {
  constructor(private readonly deps: CodingDeps) {}

  /**
   * Everything to code in a focus area: session inputs, then the open answers of its surveys
   * (resident survey as `enquete`, professionals as `professionals`) from responses that count.
   */
  private async items(slug: string): Promise<CodingItem[]> {
    const { repository } = this.deps;
    const inputs = await repository.listSessionInputs(slug);
    const questionnaires = this.deps.openQuestionnaires?.(slug) ?? [];
    const answers: CodingItem[] = [];
    for (const q of questionnaires) {
      const themeOf = new Map(q.questions.map((x) => [x.variable, x.theme]));
      const variables = [...themeOf.keys()];
      if (variables.length === 0) continue;
      const rows = await repository.listOpenAnswers(
        [q.key],
        q.quoteConsent ? [...variables, q.quoteConsent] : variables,
      );
      const consenting = new Set(
        rows
          .filter((r) => r.variable === q.quoteConsent && r.value_text.trim() === 'ja')
          .map((r) => r.response_id),
      );
      for (const r of rows) {
        if (!themeOf.has(r.variable) || !q.counts(r)) continue;
        answers.push({
          source: q.audience === 'professionals' ? 'professionals' : 'enquete',
          id: openAnswerId(r.response_id, r.variable),
          text: r.value_text.trim(),
          theme_key: themeOf.get(r.variable) ?? '',
          quotable: consenting.has(r.response_id),
        });
      }
    }
    return [...inputs, ...answers];
  }

  /** Coded items per catalogue theme per source, for the public feedback page (ADR 0035). */
  themeCounts(slug: string): Promise<ThemeCount[]> {
    return this.deps.repository.countPerTheme(slug);
  }

  /** Items whose source allowed quoting (for the review of quotes; never public unreviewed). */
  async quoteCandidates(slug: string): Promise<CodingItem[]> {
    return (await this.items(slug)).filter((i) => i.quotable === true);
  }

  private async area(gemeente: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.deps.focusAreas.find(slug);
    if (!area || area.municipalityCode !== gemeente)
      throw new NotFoundError('Dit gebied bestaat niet.');
    return area;
  }

  async codebookPage(gemeente: string, slug: string, number?: number): Promise<CodebookPage> {
    const focusArea = await this.area(gemeente, slug);
    const codebook = await this.deps.repository.findCodebook(slug, number);
    if (number !== undefined && !codebook) throw new NotFoundError('Deze versie bestaat niet.');
    return {
      focusArea,
      codebook,
      versions: await this.deps.repository.listVersions(slug),
      themes: await this.deps.themes(),
    };
  }

  /** Saves the codebook text as a new version; the old versions stay. */
  async saveCodebook(
    gemeente: string,
    slug: string,
    actor: CodingActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const text = typeof body['codes'] === 'string' ? body['codes'] : '';
    const note = typeof body['toelichting'] === 'string' ? body['toelichting'].trim() : '';
    const errors: FieldErrors = {};
    const parsed = parseCodebookText(text, await this.deps.themes());
    if (!parsed.ok) errors['codes'] = `Codes: ${parsed.error}`;
    if (note.length > MAX_FIELD)
      errors['toelichting'] = `Toelichting: gebruik hoogstens ${MAX_FIELD} tekens.`;
    if (!parsed.ok || Object.keys(errors).length > 0)
      return { ok: false, errors, values: { codes: text, toelichting: note } };
    return this.deps.transaction(async ({ repository, audit }) => {
      const latest = await repository.findCodebook(slug);
      const version = (latest?.version.version ?? 0) + 1;
      const row = {
        id: this.deps.newId(),
        municipality_code: focusArea.municipalityCode,
        focus_area_slug: slug,
        version,
        note: note === '' ? `Versie ${version}` : note,
        created_at: this.deps.now().toISOString(),
        created_by: actor.id,
      };
      await repository.insertCodebookVersion(row, parsed.codes);
      await audit.record({
        actor: actor.audit,
        action: 'codeboek.nieuwe_versie',
        entity: 'codeboek',
        entityId: `${slug}@${version}`,
        municipalityCode: focusArea.municipalityCode,
        before: latest ? { versie: latest.version.version, codes: latest.codes.length } : null,
        after: { versie: version, codes: parsed.codes.map((c) => c.code_key) },
      });
      return { ok: true as const };
    });
  }

  /**
   * The coding screen for one coder: the named item, or the next one to code. Items of the
   * agreement sample that fewer than two coders coded come first, then the rest in order.
   */
  async screen(
    gemeente: string,
    slug: string,
    coder: string,
    wanted?: { source: CodingSource; id: string },
  ): Promise<CodingScreen> {
    const focusArea = await this.area(gemeente, slug);
    const { repository } = this.deps;
    const items = await this.items(slug);
    const assignments = await repository.listAssignments(slug);
    const sample = await repository.latestSample(slug);
    const key = (s: string, id: string) => `${s}\u0000${id}`;
    const mine = new Map(
      assignments
        .filter((a) => a.coder === coder)
        .map((a) => [key(a.source, a.item_id), a.code_key]),
    );
    const inSample = new Set((sample?.items ?? []).map((i) => key(i.source, i.item_id)));
    const coders = (s: string, id: string) =>
      new Set(assignments.filter((a) => a.source === s && a.item_id === id).map((a) => a.coder))
        .size;
    let item: CodingItem | null = null;
    if (wanted) {
      item = items.find((i) => i.source === wanted.source && i.id === wanted.id) ?? null;
      if (!item) throw new NotFoundError('Dit item bestaat niet.');
    } else {
      const open = items.filter((i) => !mine.has(key(i.source, i.id)));
      item =
        open.find((i) => inSample.has(key(i.source, i.id)) && coders(i.source, i.id) < 2) ??
        open.find((i) => !inSample.has(key(i.source, i.id))) ??
        null;
    }
    return {
      focusArea,
      codebook: await repository.findCodebook(slug),
      item,
      current: item ? (mine.get(key(item.source, item.id)) ?? null) : null,
      done: items.filter((i) => mine.has(key(i.source, i.id))).length,
      total: items.length,
      inSample: item ? inSample.has(key(item.source, item.id)) : false,
    };
  }

  /** Records the code a coder gives an item (or replaces it); audited. */
  async assign(
    gemeente: string,
    slug: string,
    actor: CodingActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const source = body['bron'];
    const itemId = typeof body['item'] === 'string' ? body['item'] : '';
    const code = typeof body['code'] === 'string' ? body['code'] : '';
    if (!CODING_SOURCES.includes(source as CodingSource))
      throw new NotFoundError('Dit item bestaat niet.');
    const items = await this.items(slug);
    if (!items.some((i) => i.source === source && i.id === itemId))
      throw new NotFoundError('Dit item bestaat niet.');
    return this.deps.transaction(async ({ repository, audit }) => {
      const codebook = await repository.findCodebook(slug);
      if (!codebook || !codebook.codes.some((c) => c.code_key === code)) {
        return {
          ok: false as const,
          errors: { code: 'Code: kies één van de codes uit het codeboek.' },
          values: body,
        };
      }
      const before = await repository.findAssignment(source as CodingSource, itemId, actor.id);
      await repository.saveAssignment({
        focus_area_slug: slug,
        source: source as CodingSource,
        item_id: itemId,
        coder: actor.id,
        code_key: code,
        codebook_version: codebook.version.version,
        coded_at: this.deps.now().toISOString(),
      });
      await audit.record({
        actor: actor.audit,
        action: before ? 'codering.gewijzigd' : 'codering.toegekend',
        entity: 'codering',
        entityId: `${source as string}:${itemId}`,
        municipalityCode: focusArea.municipalityCode,
        before: before ? { code: before.code_key } : null,
        after: { code, codeboekversie: codebook.version.version },
      });
      return { ok: true as const };
    });
  }

  /** Draws the agreement sample (deterministic for a seed); audited. */
  async drawSample(
    gemeente: string,
    slug: string,
    actor: CodingActor,
    body: FormBody,
  ): Promise<FormResult> {
    const focusArea = await this.area(gemeente, slug);
    const seed = typeof body['zaad'] === 'string' ? body['zaad'].trim() : '';
    const sizeText = typeof body['aantal'] === 'string' ? body['aantal'].trim() : '';
    const errors: FieldErrors = {};
    const items = await this.items(slug);
    const size = /^\d{1,5}$/.test(sizeText) ? Number(sizeText) : NaN;
    if (!(size >= 1)) errors['aantal'] = 'Aantal: vul een heel getal van 1 of meer in.';
    else if (size > items.length)
      errors['aantal'] = `Aantal: er zijn maar ${items.length} items om te coderen.`;
    if (seed === '' || seed.length > 100)
      errors['zaad'] = 'Startgetal: vul een woord of getal in (hoogstens 100 tekens).';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: body };
    const drawn = drawSample(items, seed, size);
    return this.deps.transaction(async ({ repository, audit }) => {
      const id = this.deps.newId();
      await repository.insertSample(
        {
          id,
          focus_area_slug: slug,
          seed,
          size,
          created_at: this.deps.now().toISOString(),
          created_by: actor.id,
        },
        drawn.map((i) => ({ source: i.source, item_id: i.id })),
      );
      await audit.record({
        actor: actor.audit,
        action: 'steekproef.getrokken',
        entity: 'codeersteekproef',
        entityId: id,
        municipalityCode: focusArea.municipalityCode,
        after: { startgetal: seed, aantal: size },
      });
      return { ok: true as const };
    });
  }

  /** The agreement on the latest sample and the counts per code per source. */
  async summary(gemeente: string, slug: string): Promise<AgreementSummary> {
    const focusArea = await this.area(gemeente, slug);
    const { repository } = this.deps;
    const sample = await repository.latestSample(slug);
    const pairs = sample ? samplePairs(sample.items, await repository.listAssignments(slug)) : [];
    const codebook = await repository.findCodebook(slug);
    const codes = new Map((codebook?.codes ?? []).map((c) => [c.code_key, c]));
    return {
      focusArea,
      sample: sample
        ? {
            seed: sample.sample.seed,
            size: sample.sample.size,
            created_at: sample.sample.created_at,
          }
        : null,
      doubleCoded: pairs.length,
      kappa: cohensKappa(pairs),
      counts: (await repository.countPerCode(slug)).map((c) => ({
        ...c,
        label: codes.get(c.code_key)?.label ?? c.code_key,
        theme_key: codes.get(c.code_key)?.theme_key ?? '',
      })),
    };
  }
}
