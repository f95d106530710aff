import { AppError, NotFoundError } from '../../shared/errors.ts';
import { toICalendar } from '../../shared/ical.ts';
import type {
  CouncilLetterStore,
  CouncilLetterTransaction,
  FocusAreaRef,
} from './council-letter.repository.ts';
import type { CouncilLetter, CouncilMoment, LetterStatus } from './council-letter.table.ts';
import {
  allianceBlock,
  budgetBlock,
  delineationBlock,
  longDate,
  monitorBlock,
  participationBlock,
  planningBlock,
  type LetterSources,
} from './live-blocks.ts';
import {
  SECTIONS,
  SNAPSHOT_FORMAT,
  canonicalJson,
  changedFigures,
  contentHash,
  readSnapshot,
  type ChangedFigure,
  type LetterSnapshot,
  type LiveBlock,
  type SectionKey,
} from './snapshot.ts';

export type { FocusAreaRef };
export type FieldErrors = Record<string, string>;
export type FormInput = Record<string, unknown>;
export type FormResult<T> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Who acts, and the municipality of the route (`/werkruimte/:gemeente/…`). */
export interface Actor {
  actor: string;
  municipalityCode: string;
}

export const STATUS_LABELS: Record<LetterStatus, string> = {
  concept: 'Concept',
  'ter-beoordeling': 'Ter beoordeling',
  gepubliceerd: 'Gepubliceerd',
};

export const AUDIT_ACTIONS = {
  started: 'raadsbrief.concept-gestart',
  textSaved: 'raadsbrief.tekst-opgeslagen',
  submitted: 'raadsbrief.ter-beoordeling',
  returned: 'raadsbrief.terug-naar-concept',
  published: 'raadsbrief.gepubliceerd',
  momentPlanned: 'raadsbrief.raadsmoment-gepland',
  reminded: 'raadsbrief.herinnering-verstuurd',
} as const;

/** The refusal to change a published letter: it is frozen (ADR 0032). */
export class LetterFrozenError extends AppError {
  constructor() {
    super(
      'CONFLICT',
      'Deze raadsinformatiebrief is gepubliceerd. Een gepubliceerde brief verandert niet meer; begin een nieuwe brief.',
    );
    this.name = 'LetterFrozenError';
  }
}

const MAX_TEXT = 20_000;
const MAX_TITLE = 200;

function text(form: FormInput, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : '';
}

function stringValues(form: FormInput): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string' && k !== '_csrf') out[k] = v;
  return out;
}

/** A real calendar day written as YYYY-MM-DD (so 2027-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const AMSTERDAM_DAY = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
/** The calendar day in the Netherlands at this instant, YYYY-MM-DD. */
export function amsterdamDate(at: Date): string {
  return AMSTERDAM_DAY.format(at);
}

export function parseTexts(json: string): Record<SectionKey, string> {
  const parsed = JSON.parse(json) as Record<string, unknown>;
  const out = {} as Record<SectionKey, string>;
  for (const s of SECTIONS)
    out[s.key] = typeof parsed[s.key] === 'string' ? (parsed[s.key] as string) : '';
  return out;
}

export interface LetterSummary {
  id: string;
  title: string;
  status: LetterStatus;
  number: number | null;
  publishedOn: string | null;
  contentHash: string | null;
  updatedAt: string;
}

export interface WorkspaceOverview {
  area: FocusAreaRef;
  letters: LetterSummary[];
  moments: CouncilMoment[];
}

export interface WorkspaceLetter {
  area: FocusAreaRef;
  letter: LetterSummary;
  texts: Record<SectionKey, string>;
  /** Live for a draft; the frozen values for a published letter. */
  blocks: LiveBlock[];
  /** Set for a published letter. */
  snapshot: LetterSnapshot | null;
}

export interface PublishedLetter {
  area: FocusAreaRef;
  snapshot: LetterSnapshot;
  contentHash: string;
  /** The published letter before this one, and what changed since, when there is one. */
  previous: { number: number; title: string; changes: ChangedFigure[] } | null;
}

export interface ArchiveEntry {
  number: number;
  title: string;
  publishedOn: string;
  contentHash: string;
}

export interface MomentReminder {
  to: string;
  subject: string;
  text: string;
}

/** Sends reminder mails; nodemailer over SMTP_URL in production, a fake in tests. */
export interface ReminderMailer {
  send(mail: MomentReminder): Promise<void>;
}

function summary(l: CouncilLetter): LetterSummary {
  return {
    id: l.id,
    title: l.title,
    status: l.status,
    number: l.number,
    publishedOn: l.published_at ? amsterdamDate(new Date(l.published_at)) : null,
    contentHash: l.content_hash,
    updatedAt: l.updated_at,
  };
}

/** "Raadsinformatiebrief 3 · Dordt West": how a published letter is named everywhere. */
export function letterName(number: number, areaName: string): string {
  return `Raadsinformatiebrief ${number} · ${areaName}`;
}

/**
 * Council information letters of a focus area (issue 15, ADR 0032): drafts with editable text
 * per part and live blocks from the monitor, participation, the Alliance and the budget;
 * concept → ter beoordeling → gepubliceerd. Publishing freezes the letter into a snapshot with a
 * SHA-256 content hash and a sequence number per focus area; from then on every change is
 * refused, here and in the repository. Every change is audited in the same transaction.
 */
export class CouncilLetterService {
  constructor(
    private readonly store: CouncilLetterStore,
    private readonly transaction: CouncilLetterTransaction,
    private readonly sources: LetterSources,
    private readonly now: () => Date = () => new Date(),
    private readonly newId: () => string = () => crypto.randomUUID(),
  ) {}

  private async area(slug: string, municipalityCode?: string): Promise<FocusAreaRef> {
    const area = await this.store.findFocusArea(slug);
    if (!area || (municipalityCode !== undefined && area.municipalityCode !== municipalityCode))
      throw new NotFoundError(`Focusgebied "${slug}" bestaat niet in deze gemeente.`);
    return area;
  }

  private async letterOf(area: FocusAreaRef, id: string): Promise<CouncilLetter> {
    const letter = await this.store.findLetter(id);
    if (!letter || letter.focus_area_slug !== area.slug)
      throw new NotFoundError('Deze raadsinformatiebrief bestaat niet.');
    return letter;
  }

  async overview(slug: string, municipalityCode: string): Promise<WorkspaceOverview> {
    const area = await this.area(slug, municipalityCode);
    return {
      area,
      letters: (await this.store.listLetters(slug)).map(summary),
      moments: await this.store.listMoments(slug),
    };
  }

  /** The live blocks of a focus area now: what a draft shows and what publishing freezes. */
  async liveBlocks(area: FocusAreaRef): Promise<LiveBlock[]> {
    const at = this.now();
    const version = await this.sources.dataVersion();
    const monitor = await this.sources.monitor(area.slug);
    const today = amsterdamDate(at);
    const upcoming = (await this.store.listMoments(area.slug)).filter((m) => m.date >= today);
    return [
      delineationBlock(monitor, version),
      monitorBlock(monitor, version),
      participationBlock(
        await this.sources.participation(area.slug, area.municipalityCode, at),
        version,
      ),
      allianceBlock(await this.sources.alliance(area.slug), version),
      budgetBlock(await this.sources.budget(area.slug, area.municipalityCode), version),
      planningBlock(upcoming, version),
    ];
  }

  /** A new draft; its texts start from the newest letter of the area, so nothing is retyped. */
  async startLetter(who: Actor, slug: string, form: FormInput): Promise<FormResult<CouncilLetter>> {
    const area = await this.area(slug, who.municipalityCode);
    const title = text(form, 'titel') || `Raadsinformatiebrief Nationaal Programma ${area.name}`;
    if (title.length > MAX_TITLE)
      return {
        ok: false,
        errors: { titel: `Titel: gebruik hoogstens ${MAX_TITLE} tekens (nu ${title.length}).` },
        values: stringValues(form),
      };
    const newest = (await this.store.listLetters(slug))[0];
    const texts = newest ? parseTexts(newest.texts) : parseTexts('{}');
    const at = this.now().toISOString();
    const row: CouncilLetter = {
      id: this.newId(),
      focus_area_slug: slug,
      municipality_code: area.municipalityCode,
      status: 'concept',
      title,
      texts: JSON.stringify(texts),
      number: null,
      published_at: null,
      published_by: null,
      snapshot: null,
      content_hash: null,
      created_at: at,
      created_by: who.actor,
      updated_at: at,
      updated_by: who.actor,
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertLetter(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.started,
        entity: 'raadsinformatiebrief',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, titel: title, tekstVan: newest?.id ?? null },
      });
    });
    return { ok: true, value: row };
  }

  async letter(slug: string, municipalityCode: string, id: string): Promise<WorkspaceLetter> {
    const area = await this.area(slug, municipalityCode);
    const letter = await this.letterOf(area, id);
    if (letter.status === 'gepubliceerd') {
      const snapshot = readSnapshot(letter.snapshot!, letter.content_hash!);
      return {
        area,
        letter: summary(letter),
        texts: Object.fromEntries(snapshot.sections.map((s) => [s.key, s.text])) as Record<
          SectionKey,
          string
        >,
        blocks: snapshot.sections.flatMap((s) => s.blocks),
        snapshot,
      };
    }
    return {
      area,
      letter: summary(letter),
      texts: parseTexts(letter.texts),
      blocks: await this.liveBlocks(area),
      snapshot: null,
    };
  }

  async saveTexts(
    who: Actor,
    slug: string,
    id: string,
    form: FormInput,
  ): Promise<FormResult<CouncilLetter>> {
    const area = await this.area(slug, who.municipalityCode);
    const letter = await this.letterOf(area, id);
    if (letter.status === 'gepubliceerd') throw new LetterFrozenError();
    const errors: FieldErrors = {};
    if (letter.status !== 'concept')
      errors.status =
        'Deze brief ligt ter beoordeling. Zet hem eerst terug naar concept om de tekst te veranderen.';
    const texts = {} as Record<SectionKey, string>;
    for (const s of SECTIONS) {
      const value = text(form, s.key);
      if (value.length > MAX_TEXT)
        errors[s.key] = `${s.title}: gebruik hoogstens ${MAX_TEXT} tekens (nu ${value.length}).`;
      texts[s.key] = value;
    }
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const before = parseTexts(letter.texts);
    const at = this.now().toISOString();
    const json = JSON.stringify(texts);
    await this.transaction(async ({ store, audit }) => {
      if (!(await store.updateTexts(id, json, at, who.actor))) throw new LetterFrozenError();
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.textSaved,
        entity: 'raadsinformatiebrief',
        entityId: id,
        municipalityCode: area.municipalityCode,
        before: {
          onderdelen: SECTIONS.filter((s) => before[s.key] !== texts[s.key]).map((s) => s.key),
        },
        after: {
          onderdelen: SECTIONS.filter((s) => before[s.key] !== texts[s.key]).map((s) => s.key),
        },
      });
    });
    return { ok: true, value: { ...letter, texts: json, updated_at: at, updated_by: who.actor } };
  }

  /** concept → ter-beoordeling ("indienen"), or back ("terug"). */
  async changeStatus(who: Actor, slug: string, id: string, to: 'ter-beoordeling' | 'concept') {
    const area = await this.area(slug, who.municipalityCode);
    const letter = await this.letterOf(area, id);
    if (letter.status === 'gepubliceerd') throw new LetterFrozenError();
    const from: LetterStatus = to === 'concept' ? 'ter-beoordeling' : 'concept';
    if (letter.status !== from)
      throw new AppError('CONFLICT', `Deze brief staat al op "${STATUS_LABELS[letter.status]}".`);
    const at = this.now().toISOString();
    await this.transaction(async ({ store, audit }) => {
      if (!(await store.setStatus(id, from, to, at, who.actor)))
        throw new AppError(
          'CONFLICT',
          'De status van deze brief is net veranderd. Laad de pagina opnieuw.',
        );
      await audit.record({
        actor: who.actor,
        action: to === 'concept' ? AUDIT_ACTIONS.returned : AUDIT_ACTIONS.submitted,
        entity: 'raadsinformatiebrief',
        entityId: id,
        municipalityCode: area.municipalityCode,
        before: { status: from },
        after: { status: to },
      });
    });
  }

  /**
   * Freezes a letter under review: resolves every live block now, stores the snapshot as
   * canonical JSON with its SHA-256, and gives it the next number of the focus area.
   */
  async publish(who: Actor, slug: string, id: string): Promise<LetterSnapshot> {
    const area = await this.area(slug, who.municipalityCode);
    const letter = await this.letterOf(area, id);
    if (letter.status === 'gepubliceerd') throw new LetterFrozenError();
    if (letter.status !== 'ter-beoordeling')
      throw new AppError(
        'CONFLICT',
        'Alleen een brief die ter beoordeling ligt, kan worden gepubliceerd. Zet hem eerst ter beoordeling.',
      );
    const blocks = await this.liveBlocks(area);
    const texts = parseTexts(letter.texts);
    const at = this.now();
    return this.transaction(async ({ store, audit }) => {
      const number = (await store.maxNumber(slug)) + 1;
      const snapshot: LetterSnapshot = {
        format: SNAPSHOT_FORMAT,
        focusArea: { slug: area.slug, name: area.name, municipalityCode: area.municipalityCode },
        number,
        title: letter.title,
        publishedAt: at.toISOString(),
        publishedOn: amsterdamDate(at),
        publishedBy: who.actor,
        dataVersion: blocks[0]?.dataVersion ?? '',
        sections: SECTIONS.map((s) => ({
          key: s.key,
          title: s.title,
          text: texts[s.key],
          blocks: blocks.filter((b) => b.section === s.key),
        })),
      };
      const canonical = canonicalJson(snapshot);
      const hash = contentHash(canonical);
      const done = await store.publish(id, {
        number,
        publishedAt: snapshot.publishedAt,
        publishedBy: who.actor,
        snapshot: canonical,
        contentHash: hash,
      });
      if (!done) throw new LetterFrozenError();
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.published,
        entity: 'raadsinformatiebrief',
        entityId: id,
        municipalityCode: area.municipalityCode,
        before: { status: 'ter-beoordeling' },
        after: {
          status: 'gepubliceerd',
          nummer: number,
          hash,
          gegevensversie: snapshot.dataVersion,
        },
      });
      return snapshot;
    });
  }

  /** The public archive: published letters of the area, newest first. */
  async archive(
    slug: string,
  ): Promise<{ area: FocusAreaRef; letters: ArchiveEntry[]; moments: CouncilMoment[] }> {
    const area = await this.area(slug);
    const letters = (await this.store.listLetters(slug))
      .filter((l) => l.status === 'gepubliceerd')
      .sort((a, b) => b.number! - a.number!)
      .map((l) => ({
        number: l.number!,
        title: l.title,
        publishedOn: amsterdamDate(new Date(l.published_at!)),
        contentHash: l.content_hash!,
      }));
    const today = amsterdamDate(this.now());
    return {
      area,
      letters,
      moments: (await this.store.listMoments(slug)).filter((m) => m.date >= today),
    };
  }

  /** A published letter from its snapshot (never live data), with the changes since the one before. */
  async published(slug: string, number: number): Promise<PublishedLetter> {
    const area = await this.area(slug);
    const row = await this.store.findPublished(slug, number);
    if (!row) throw new NotFoundError(`Raadsinformatiebrief ${number} bestaat niet.`);
    const snapshot = readSnapshot(row.snapshot!, row.content_hash!);
    const earlier = (await this.store.listLetters(slug))
      .filter((l) => l.status === 'gepubliceerd' && l.number! < number)
      .sort((a, b) => b.number! - a.number!)[0];
    let previous: PublishedLetter['previous'] = null;
    if (earlier) {
      const before = readSnapshot(earlier.snapshot!, earlier.content_hash!);
      previous = {
        number: before.number,
        title: before.title,
        changes: changedFigures(before, snapshot),
      };
    }
    return { area, snapshot, contentHash: row.content_hash!, previous };
  }

  async addMoment(who: Actor, slug: string, form: FormInput): Promise<FormResult<CouncilMoment>> {
    const area = await this.area(slug, who.municipalityCode);
    const errors: FieldErrors = {};
    const date = text(form, 'datum');
    const subject = text(form, 'onderwerp');
    const email = text(form, 'email');
    if (!isIsoDate(date))
      errors.datum = 'Datum: vul een datum in als jjjj-mm-dd, bijvoorbeeld 2027-03-15.';
    if (!subject) errors.onderwerp = 'Onderwerp: schrijf waarover het college de raad informeert.';
    else if (subject.length > 500)
      errors.onderwerp = `Onderwerp: gebruik hoogstens 500 tekens (nu ${subject.length}).`;
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.email = 'E-mailadres voor de herinnering: dit is geen e-mailadres.';
    if (Object.keys(errors).length > 0) return { ok: false, errors, values: stringValues(form) };
    const row: CouncilMoment = {
      id: this.newId(),
      focus_area_slug: slug,
      municipality_code: area.municipalityCode,
      date,
      subject,
      contact_email: email || null,
      reminded_for: null,
      created_at: this.now().toISOString(),
      created_by: who.actor,
    };
    await this.transaction(async ({ store, audit }) => {
      await store.insertMoment(row);
      await audit.record({
        actor: who.actor,
        action: AUDIT_ACTIONS.momentPlanned,
        entity: 'raadsmoment',
        entityId: row.id,
        municipalityCode: area.municipalityCode,
        after: { focusgebied: slug, datum: date, onderwerp: subject, herinnering: email !== '' },
      });
    });
    return { ok: true, value: row };
  }

  /** The planned council information moments as an iCalendar feed (all-day events). */
  async momentsCalendar(slug: string, publicUrl: string): Promise<string> {
    const area = await this.area(slug);
    const moments = await this.store.listMoments(slug);
    const url = `${publicUrl.replace(/\/$/, '')}/gebieden/${encodeURIComponent(slug)}/raadsbrieven`;
    return toICalendar({
      name: `Raadsinformatie ${area.name}`,
      product: 'Raadsinformatie',
      stamp: this.now(),
      events: moments.map((m) => ({
        uid: `raadsmoment-${m.id}@wijkkompas`,
        start: m.date,
        summary: `Raadsinformatie ${area.name}: ${m.subject}`,
        url,
        lastModified: new Date(m.created_at),
      })),
    });
  }
}

/**
 * Reminders for planned council information moments, folded into `wijkkompas herinneringen`
 * beside the subsidy deadlines (ADR 0027, 0032).
 */
export class CouncilMomentReminders {
  constructor(
    private readonly store: CouncilLetterStore,
    private readonly transaction: CouncilLetterTransaction,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /**
   * Mails a reminder `daysBefore` days (or fewer) before each planned moment with an address,
   * once per moment and date: recorded in the same transaction as the send and the audit entry.
   */
  async sendMomentReminders(mailer: ReminderMailer, daysBefore: number): Promise<{ sent: number }> {
    const today = amsterdamDate(this.now());
    const until = new Date(`${today}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + daysBefore);
    const due = await this.store.dueMoments(today, until.toISOString().slice(0, 10));
    let sent = 0;
    for (const m of due) {
      await this.transaction(async ({ store, audit }) => {
        if (!(await store.markReminded(m.id, m.date))) return;
        await audit.record({
          actor: 'herinneringen',
          action: AUDIT_ACTIONS.reminded,
          entity: 'raadsmoment',
          entityId: m.id,
          municipalityCode: m.municipality_code,
          after: { datum: m.date },
        });
        await mailer.send(momentReminderText(m, today));
        sent += 1;
      });
    }
    return { sent };
  }
}

export function momentReminderText(m: CouncilMoment, today: string): MomentReminder {
  const days = Math.round(
    (Date.parse(`${m.date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
  return {
    to: m.contact_email ?? '',
    subject: `Herinnering: raad informeren op ${longDate(m.date)}`,
    text: [
      'Beste collega,',
      '',
      `Op ${longDate(m.date)} informeert het college de raad over: ${m.subject}.`,
      `Dat is over ${days} ${days === 1 ? 'dag' : 'dagen'}.`,
      '',
      'Maak de raadsinformatiebrief in Wijkkompas, in de werkruimte onder Raadsinformatie.',
      '',
      'U krijgt deze herinnering één keer per moment.',
    ].join('\n'),
  };
}
