import { createHash } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import { toAmsterdam } from './amsterdam-time.ts';
import { toICalendar, type CalendarEvent } from './ical.ts';
import {
  inputTemplate,
  readInputWorkbook,
  type ParsedInputRow,
  type SheetProblem,
  type ThemeRef,
} from './input-xlsx.ts';
import {
  parseAttendanceForm,
  parseCancelForm,
  parseInputForm,
  parseParticipantForm,
  parseSessionForm,
  text,
  type FieldErrors,
  type FormBody,
} from './participation.forms.ts';
import type {
  InputCount,
  ParticipationRepository,
  SessionWithThemes,
} from './participation.repository.ts';
import type {
  Attendance,
  NewParticipationInput,
  Participant,
  ParticipationInput,
} from './participation.table.ts';

/** The public methods of the repository: what the service uses, and what a fake implements. */
export type ParticipationStore = {
  [K in keyof ParticipationRepository]: ParticipationRepository[K];
};

export interface AuditEntryInput {
  actor: string;
  /** Readable Dutch: "bijeenkomst.gepland". */
  action: string;
  entity: string;
  entityId: string;
  municipalityCode: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditWriter {
  record(entry: AuditEntryInput): Promise<void>;
}

/** Runs `work` in one transaction: the changes and their audit entries land together or not at all. */
export type Transactor = <T>(
  work: (scope: { repository: ParticipationStore; audit: AuditWriter }) => Promise<T>,
) => Promise<T>;

export interface FocusAreaRef {
  slug: string;
  name: string;
  municipalityCode: string;
  municipalityName: string;
}

export interface OpenSurvey {
  key: string;
  title: string;
  audience: 'bewoners' | 'professionals';
  /** Whether a letter code may be used ('mogelijk') or is needed ('verplicht'). */
  invitations: 'uit' | 'mogelijk' | 'verplicht';
}

/** Who to call or write for an interview or a paper form; null: not filled in yet. */
export interface ParticipationContact {
  phone: string | null;
  email: string | null;
  address: string | null;
}

export interface ParticipationDeps {
  repository: ParticipationStore;
  transaction: Transactor;
  themes: () => Promise<ThemeRef[]>;
  focusAreas: {
    ofMunicipality(code: string): Promise<FocusAreaRef[]>;
    find(slug: string): Promise<FocusAreaRef | null>;
  };
  surveys: (focusAreaSlug: string) => OpenSurvey[];
  contact: (focusAreaSlug: string) => ParticipationContact | null;
  now: () => Date;
  newId: () => string;
}

export interface Actor {
  /** As written in the audit log ("gebruiker:<id> <naam>"). */
  audit: string;
  /** The user id, kept as created_by. */
  id: string;
}

export type FormResult<T = { id: string }> =
  ({ ok: true } & T) | { ok: false; errors: FieldErrors; values: FormBody };

export interface SessionDetail {
  session: SessionWithThemes;
  focusArea: FocusAreaRef | null;
  themes: ThemeRef[];
  attendance: Attendance[];
  attendanceTotal: number;
  /** Null when the reader may not see the texts (the summary only). */
  inputs: ParticipationInput[] | null;
  counts: InputCount[];
  /** Null when the reader may not see names. */
  participants: Participant[] | null;
}

export interface ImportPreview {
  importId: string;
  fileName: string;
  rows: ParsedInputRow[];
  /** When this file was loaded into the session before (then confirming changes nothing). */
  loadedAt: string | null;
}

export type ConfirmResult = { status: 'geladen'; count: number } | { status: 'al-geladen' };

export interface DoeMeePage {
  focusArea: FocusAreaRef;
  surveys: OpenSurvey[];
  contact: ParticipationContact | null;
  sessions: SessionWithThemes[];
  themes: ThemeRef[];
  heldSessions: number;
  /** Whether an account of what happened with the input has been published (not yet built). */
  feedbackPublished: false;
}

/**
 * Knowledge sessions, their attendance and inputs (ADR 0025), and the public "Doe mee" page with
 * its calendar. Every write checks that the session belongs to the municipality of the request
 * and is audited in the same transaction.
 */
export class ParticipationService {
  constructor(private readonly deps: ParticipationDeps) {}

  themes(): Promise<ThemeRef[]> {
    return this.deps.themes();
  }

  focusAreasOf(municipalityCode: string): Promise<FocusAreaRef[]> {
    return this.deps.focusAreas.ofMunicipality(municipalityCode);
  }

  listSessions(municipalityCode: string): Promise<SessionWithThemes[]> {
    return this.deps.repository.listSessionsOfMunicipality(municipalityCode);
  }

  /** The session, only when it belongs to this municipality; otherwise "not found". */
  async session(municipalityCode: string, id: string): Promise<SessionWithThemes> {
    const found = await this.deps.repository.findSession(id);
    if (!found || found.municipality_code !== municipalityCode)
      throw new NotFoundError('Deze bijeenkomst bestaat niet (in deze gemeente).');
    return found;
  }

  private async allowed(municipalityCode: string) {
    const [areas, themes] = await Promise.all([
      this.deps.focusAreas.ofMunicipality(municipalityCode),
      this.deps.themes(),
    ]);
    return { focusAreas: areas.map((a) => a.slug), themes: themes.map((t) => t.key) };
  }

  async planSession(actor: Actor, municipalityCode: string, body: FormBody): Promise<FormResult> {
    const parsed = parseSessionForm(body, await this.allowed(municipalityCode));
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    const f = parsed.value;
    const id = this.deps.newId();
    const at = this.deps.now().toISOString();
    const row = {
      id,
      municipality_code: municipalityCode,
      focus_area_slug: f.focusAreaSlug,
      title: f.title,
      description: f.description,
      starts_at: f.startsAt,
      ends_at: f.endsAt,
      location: f.location,
      organiser: f.organiser,
      audience: f.audience,
      is_public: f.isPublic ? 1 : 0,
      status: 'gepland' as const,
      cancel_reason: null,
      created_at: at,
      created_by: actor.id,
      updated_at: at,
      updated_by: actor.id,
    };
    await this.deps.transaction(async ({ repository, audit }) => {
      await repository.insertSession(row, f.themes);
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.gepland',
        entity: 'bijeenkomst',
        entityId: id,
        municipalityCode,
        after: { ...row, themes: f.themes },
      });
    });
    return { ok: true, id };
  }

  async updateSession(
    actor: Actor,
    municipalityCode: string,
    id: string,
    body: FormBody,
  ): Promise<FormResult> {
    const before = await this.session(municipalityCode, id);
    const parsed = parseSessionForm(body, await this.allowed(municipalityCode));
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    const f = parsed.value;
    const changes = {
      focus_area_slug: f.focusAreaSlug,
      title: f.title,
      description: f.description,
      starts_at: f.startsAt,
      ends_at: f.endsAt,
      location: f.location,
      organiser: f.organiser,
      audience: f.audience,
      is_public: f.isPublic ? 1 : 0,
      status: before.status,
      cancel_reason: before.cancel_reason,
      updated_at: this.deps.now().toISOString(),
      updated_by: actor.id,
    };
    await this.deps.transaction(async ({ repository, audit }) => {
      await repository.updateSession(id, changes, f.themes);
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.gewijzigd',
        entity: 'bijeenkomst',
        entityId: id,
        municipalityCode,
        before,
        after: { ...changes, themes: f.themes },
      });
    });
    return { ok: true, id };
  }

  async cancelSession(
    actor: Actor,
    municipalityCode: string,
    id: string,
    body: FormBody,
  ): Promise<FormResult> {
    const before = await this.session(municipalityCode, id);
    const parsed = parseCancelForm(body);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    await this.deps.transaction(async ({ repository, audit }) => {
      await repository.cancelSession(
        id,
        parsed.value.reason,
        this.deps.now().toISOString(),
        actor.id,
      );
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.geannuleerd',
        entity: 'bijeenkomst',
        entityId: id,
        municipalityCode,
        before: { status: before.status },
        after: { status: 'geannuleerd', reden: parsed.value.reason },
      });
    });
    return { ok: true, id };
  }

  async detail(
    municipalityCode: string,
    id: string,
    access: { inputTexts: boolean; participants: boolean },
  ): Promise<SessionDetail> {
    const session = await this.session(municipalityCode, id);
    const r = this.deps.repository;
    const attendance = await r.listAttendance(id);
    return {
      session,
      focusArea: await this.deps.focusAreas.find(session.focus_area_slug),
      themes: await this.deps.themes(),
      attendance,
      attendanceTotal: attendance.reduce((n, a) => n + a.count, 0),
      inputs: access.inputTexts ? await r.listInputsOfSession(id) : null,
      counts: await r.countInputs(id),
      participants: access.participants ? await r.listParticipants(id) : null,
    };
  }

  async setAttendance(
    actor: Actor,
    municipalityCode: string,
    id: string,
    body: FormBody,
  ): Promise<FormResult> {
    await this.session(municipalityCode, id);
    const parsed = parseAttendanceForm(body);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    const { group, count } = parsed.value;
    await this.deps.transaction(async ({ repository, audit }) => {
      const before = (await repository.listAttendance(id)).find((a) => a.group_label === group);
      await repository.setAttendance(id, group, count);
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.aanwezigheid-vastgelegd',
        entity: 'bijeenkomst',
        entityId: id,
        municipalityCode,
        before: before ? { groep: group, aantal: before.count } : undefined,
        after: { groep: group, aantal: count },
      });
    });
    return { ok: true, id };
  }

  async addParticipant(
    actor: Actor,
    municipalityCode: string,
    id: string,
    body: FormBody,
  ): Promise<FormResult> {
    await this.session(municipalityCode, id);
    const parsed = parseParticipantForm(body);
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    const participant: Participant = {
      id: this.deps.newId(),
      session_id: id,
      name: parsed.value.name,
      organisation: parsed.value.organisation,
      consent_at: this.deps.now().toISOString(),
      created_by: actor.id,
    };
    await this.deps.transaction(async ({ repository, audit }) => {
      await repository.insertParticipant(participant);
      // The log says that a name was recorded, with consent, but not the name itself.
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.deelnemer-toegevoegd',
        entity: 'deelnemer',
        entityId: participant.id,
        municipalityCode,
        after: { bijeenkomst: id, toestemming: participant.consent_at },
      });
    });
    return { ok: true, id };
  }

  async removeParticipant(
    actor: Actor,
    municipalityCode: string,
    id: string,
    participantId: string,
  ) {
    await this.session(municipalityCode, id);
    await this.deps.transaction(async ({ repository, audit }) => {
      const removed = await repository.deleteParticipant(id, participantId);
      if (!removed) throw new NotFoundError('Deze deelnemer staat niet bij deze bijeenkomst.');
      await audit.record({
        actor: actor.audit,
        action: 'bijeenkomst.deelnemer-verwijderd',
        entity: 'deelnemer',
        entityId: participantId,
        municipalityCode,
        before: { bijeenkomst: id },
      });
    });
  }

  private inputRow(
    session: SessionWithThemes,
    actor: Actor,
    at: string,
    f: Omit<ParsedInputRow, 'row'>,
    origin: { importId: string; row: number } | null,
  ): NewParticipationInput {
    return {
      id: this.deps.newId(),
      municipality_code: session.municipality_code,
      focus_area_slug: session.focus_area_slug,
      source: 'bijeenkomst',
      session_id: session.id,
      theme_key: f.themeKey,
      sub_theme: f.subTheme,
      kind: f.kind,
      text: f.text,
      table_group: f.tableGroup,
      votes: f.votes,
      quote_allowed: f.quoteAllowed ? 1 : 0,
      quote_review: f.quoteAllowed ? 'te_beoordelen' : 'niet_toegestaan',
      import_id: origin?.importId ?? null,
      import_row: origin?.row ?? null,
      created_at: at,
      created_by: actor.id,
    };
  }

  async addInput(
    actor: Actor,
    municipalityCode: string,
    id: string,
    body: FormBody,
  ): Promise<FormResult> {
    const session = await this.session(municipalityCode, id);
    const themes = await this.deps.themes();
    const parsed = parseInputForm(
      body,
      themes.map((t) => t.key),
    );
    if (!parsed.ok) return { ok: false, errors: parsed.errors, values: body };
    const row = this.inputRow(session, actor, this.deps.now().toISOString(), parsed.value, null);
    await this.deps.transaction(async ({ repository, audit }) => {
      await repository.insertInputs([row]);
      await audit.record({
        actor: actor.audit,
        action: 'inbreng.toegevoegd',
        entity: 'inbreng',
        entityId: row.id,
        municipalityCode,
        after: row,
      });
    });
    return { ok: true, id: row.id };
  }

  async removeInput(actor: Actor, municipalityCode: string, id: string, inputId: string) {
    await this.session(municipalityCode, id);
    await this.deps.transaction(async ({ repository, audit }) => {
      const removed = await repository.deleteInput(id, inputId);
      if (!removed) throw new NotFoundError('Deze inbreng hoort niet bij deze bijeenkomst.');
      await audit.record({
        actor: actor.audit,
        action: 'inbreng.verwijderd',
        entity: 'inbreng',
        entityId: inputId,
        municipalityCode,
        before: removed,
      });
    });
  }

  async template(municipalityCode: string, id: string): Promise<Buffer> {
    await this.session(municipalityCode, id);
    return inputTemplate(await this.deps.themes());
  }

  /** Reads an uploaded template and stages it for the preview; a bad file stages nothing. */
  async stageImport(
    actor: Actor,
    municipalityCode: string,
    id: string,
    file: { fileName: string; bytes: Buffer } | null,
  ): Promise<{ ok: true; importId: string } | { ok: false; problems: SheetProblem[] }> {
    await this.session(municipalityCode, id);
    if (!file || file.bytes.length === 0)
      return { ok: false, problems: [{ sheet: '(bestand)', message: 'kies een .xlsx-bestand' }] };
    const read = await readInputWorkbook(file.bytes, await this.deps.themes());
    if (!read.ok) return read;
    const importId = this.deps.newId();
    await this.deps.repository.insertImport({
      id: importId,
      session_id: id,
      file_name: file.fileName.slice(0, 200),
      file_hash: createHash('sha256').update(file.bytes).digest('hex'),
      rows: JSON.stringify(read.rows),
      created_at: this.deps.now().toISOString(),
      created_by: actor.id,
      confirmed_at: null,
      loaded_hash: null,
    });
    return { ok: true, importId };
  }

  async importPreview(
    municipalityCode: string,
    id: string,
    importId: string,
  ): Promise<ImportPreview> {
    await this.session(municipalityCode, id);
    const staged = await this.deps.repository.findImport(id, importId);
    if (!staged) throw new NotFoundError('Deze upload bestaat niet (meer).');
    const loaded = await this.deps.repository.findLoadedImport(id, staged.file_hash);
    return {
      importId,
      fileName: staged.file_name,
      rows: JSON.parse(staged.rows) as ParsedInputRow[],
      loadedAt: loaded?.confirmed_at ?? null,
    };
  }

  /**
   * Loads a staged file's rows in one transaction. The same file (by its bytes) loads into a
   * session once: a second confirm, or a re-upload of the same file, changes nothing.
   */
  async confirmImport(
    actor: Actor,
    municipalityCode: string,
    id: string,
    importId: string,
  ): Promise<ConfirmResult> {
    const session = await this.session(municipalityCode, id);
    return this.deps.transaction(async ({ repository, audit }) => {
      const staged = await repository.findImport(id, importId);
      if (!staged) throw new NotFoundError('Deze upload bestaat niet (meer).');
      if (await repository.findLoadedImport(id, staged.file_hash)) return { status: 'al-geladen' };
      const at = this.deps.now().toISOString();
      const rows = (JSON.parse(staged.rows) as ParsedInputRow[]).map((r) =>
        this.inputRow(session, actor, at, r, { importId, row: r.row }),
      );
      await repository.markImportLoaded(importId, staged.file_hash, at);
      await repository.insertInputs(rows);
      await audit.record({
        actor: actor.audit,
        action: 'inbreng.bestand-geladen',
        entity: 'bijeenkomst',
        entityId: id,
        municipalityCode,
        after: { bestand: staged.file_name, sha256: staged.file_hash, rijen: rows.length },
      });
      return { status: 'geladen', count: rows.length };
    });
  }

  /** The public page of a focus area: how to take part, upcoming sessions, what was done. */
  async doeMee(slug: string): Promise<DoeMeePage> {
    const focusArea = await this.deps.focusAreas.find(slug);
    if (!focusArea) throw new NotFoundError(`Focusgebied "${slug}" bestaat niet.`);
    const now = this.deps.now().toISOString();
    return {
      focusArea,
      surveys: this.deps.surveys(slug),
      contact: this.deps.contact(slug),
      sessions: await this.deps.repository.listPublicSessionsFrom(slug, now),
      themes: await this.deps.themes(),
      heldSessions: await this.deps.repository.countHeldSessions(slug, now),
      feedbackPublished: false,
    };
  }

  /** The iCal feed of a focus area's upcoming public sessions (cancelled ones as CANCELLED). */
  async calendar(slug: string, publicUrl: string): Promise<string> {
    const page = await this.doeMee(slug);
    const themeName = new Map(page.themes.map((t) => [t.key, t.name]));
    const pageUrl = `${publicUrl}/gebieden/${slug}/doe-mee`;
    const host = new URL(publicUrl).hostname;
    const events: CalendarEvent[] = page.sessions.map((s) => ({
      uid: `bijeenkomst-${s.id}@${host}`,
      start: new Date(s.starts_at),
      end: new Date(s.ends_at),
      summary: s.title,
      location: s.location,
      description: [
        `Thema's: ${s.themes.map((t) => themeName.get(t) ?? t).join(', ')}.`,
        `Organisator: ${s.organiser}.`,
        s.description ?? '',
        s.status === 'geannuleerd' && s.cancel_reason ? `Afgelast: ${s.cancel_reason}` : '',
      ]
        .filter((x) => x !== '')
        .join('\n'),
      url: pageUrl,
      cancelled: s.status === 'geannuleerd',
      lastModified: new Date(s.updated_at),
    }));
    return toICalendar({
      name: `Bijeenkomsten ${page.focusArea.name}`,
      stamp: this.deps.now(),
      events,
    });
  }
}

/** The form values of an existing session, for its edit form. */
export function sessionFormValues(s: SessionWithThemes): FormBody {
  const start = toAmsterdam(new Date(s.starts_at));
  return {
    gebied: s.focus_area_slug,
    titel: s.title,
    omschrijving: s.description ?? '',
    themas: s.themes,
    datum: start.date,
    begintijd: start.time,
    eindtijd: toAmsterdam(new Date(s.ends_at)).time,
    plaats: s.location,
    organisator: s.organiser,
    doelgroep: s.audience,
    openbaar: s.is_public === 1 ? 'ja' : 'nee',
  };
}

export { text as formText };

export type { SessionWithThemes } from './participation.repository.ts';
