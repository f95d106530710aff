import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type {
  Attendance,
  InputKind,
  NewParticipationInput,
  NewParticipationSession,
  Participant,
  ParticipationImport,
  ParticipationInput,
  ParticipationSession,
} from './participation.table.ts';

export interface SessionWithThemes extends ParticipationSession {
  themes: string[];
}

export interface InputCount {
  theme_key: string;
  kind: InputKind;
  inputs: number;
  votes: number;
}

export type SessionChanges = Omit<
  NewParticipationSession,
  'id' | 'municipality_code' | 'created_at' | 'created_by'
>;

/** PostgreSQL hands some integers back as strings; the service compares numbers. */
function session(row: ParticipationSession): ParticipationSession {
  return { ...row, is_public: Number(row.is_public) };
}

function input(row: ParticipationInput): ParticipationInput {
  return {
    ...row,
    votes: Number(row.votes),
    quote_allowed: Number(row.quote_allowed),
    import_row: row.import_row === null ? null : Number(row.import_row),
  };
}

/**
 * Every query of the participation feature (sessions, attendance, participants, inputs, staged
 * imports). Built on a database or a transaction; the service never sees either.
 */
export class ParticipationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private async withThemes(rows: ParticipationSession[]): Promise<SessionWithThemes[]> {
    if (rows.length === 0) return [];
    const themes = await this.db
      .selectFrom('participation_session_themes')
      .select(['session_id', 'theme_key'])
      .where(
        'session_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('theme_key')
      .execute();
    return rows.map((r) => ({
      ...session(r),
      themes: themes.filter((t) => t.session_id === r.id).map((t) => t.theme_key),
    }));
  }

  async insertSession(row: NewParticipationSession, themes: readonly string[]): Promise<void> {
    await this.db.insertInto('participation_sessions').values(row).execute();
    await this.replaceThemes(row.id, themes);
  }

  async updateSession(id: string, changes: SessionChanges, themes: readonly string[]) {
    await this.db.updateTable('participation_sessions').set(changes).where('id', '=', id).execute();
    await this.replaceThemes(id, themes);
  }

  async cancelSession(id: string, reason: string, at: string, by: string): Promise<void> {
    await this.db
      .updateTable('participation_sessions')
      .set({ status: 'geannuleerd', cancel_reason: reason, updated_at: at, updated_by: by })
      .where('id', '=', id)
      .execute();
  }

  private async replaceThemes(id: string, themes: readonly string[]): Promise<void> {
    await this.db.deleteFrom('participation_session_themes').where('session_id', '=', id).execute();
    if (themes.length === 0) return;
    await this.db
      .insertInto('participation_session_themes')
      .values(themes.map((theme_key) => ({ session_id: id, theme_key })))
      .execute();
  }

  async findSession(id: string): Promise<SessionWithThemes | null> {
    const row = await this.db
      .selectFrom('participation_sessions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? ((await this.withThemes([row]))[0] ?? null) : null;
  }

  /** Every session of a municipality, newest first. */
  async listSessionsOfMunicipality(municipalityCode: string): Promise<SessionWithThemes[]> {
    const rows = await this.db
      .selectFrom('participation_sessions')
      .selectAll()
      .where('municipality_code', '=', municipalityCode)
      .orderBy('starts_at', 'desc')
      .orderBy('id')
      .execute();
    return this.withThemes(rows);
  }

  /** Public sessions of a focus area that end at or after `fromIso`, soonest first. */
  async listPublicSessionsFrom(slug: string, fromIso: string): Promise<SessionWithThemes[]> {
    const rows = await this.db
      .selectFrom('participation_sessions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('is_public', '=', 1)
      .where('ends_at', '>=', fromIso)
      .orderBy('starts_at')
      .orderBy('id')
      .execute();
    return this.withThemes(rows);
  }

  /** Held (not cancelled) sessions of a focus area that ended before `beforeIso`. */
  async countHeldSessions(slug: string, beforeIso: string): Promise<number> {
    const row = await this.db
      .selectFrom('participation_sessions')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('focus_area_slug', '=', slug)
      .where('status', '=', 'gepland')
      .where('ends_at', '<', beforeIso)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async setAttendance(sessionId: string, groupLabel: string, count: number): Promise<void> {
    await this.db
      .deleteFrom('participation_attendance')
      .where('session_id', '=', sessionId)
      .where('group_label', '=', groupLabel)
      .execute();
    if (count > 0) {
      await this.db
        .insertInto('participation_attendance')
        .values({ session_id: sessionId, group_label: groupLabel, count })
        .execute();
    }
  }

  async listAttendance(sessionId: string): Promise<Attendance[]> {
    const rows = await this.db
      .selectFrom('participation_attendance')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('group_label')
      .execute();
    return rows.map((r) => ({ ...r, count: Number(r.count) }));
  }

  async insertParticipant(row: Participant): Promise<void> {
    await this.db.insertInto('participation_participants').values(row).execute();
  }

  async listParticipants(sessionId: string): Promise<Participant[]> {
    return this.db
      .selectFrom('participation_participants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('name')
      .orderBy('id')
      .execute();
  }

  async deleteParticipant(sessionId: string, id: string): Promise<Participant | null> {
    const row = await this.db
      .selectFrom('participation_participants')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    await this.db.deleteFrom('participation_participants').where('id', '=', id).execute();
    return row;
  }

  async insertInputs(rows: readonly NewParticipationInput[]): Promise<void> {
    // In slices: SQLite allows a limited number of bound values per statement.
    for (let i = 0; i < rows.length; i += 50) {
      await this.db
        .insertInto('participation_inputs')
        .values(rows.slice(i, i + 50))
        .execute();
    }
  }

  async listInputsOfSession(sessionId: string): Promise<ParticipationInput[]> {
    const rows = await this.db
      .selectFrom('participation_inputs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .orderBy('created_at')
      .orderBy('import_row')
      .orderBy('id')
      .execute();
    return rows.map(input);
  }

  async deleteInput(sessionId: string, id: string): Promise<ParticipationInput | null> {
    const row = await this.db
      .selectFrom('participation_inputs')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return null;
    await this.db.deleteFrom('participation_inputs').where('id', '=', id).execute();
    return input(row);
  }

  /** Inputs and votes per theme and kind: what may be shown without the texts. */
  async countInputs(sessionId: string): Promise<InputCount[]> {
    const rows = await this.db
      .selectFrom('participation_inputs')
      .select((eb) => [
        'theme_key',
        'kind',
        eb.fn.countAll().as('inputs'),
        eb.fn.sum<number | string>('votes').as('votes'),
      ])
      .where('session_id', '=', sessionId)
      .groupBy(['theme_key', 'kind'])
      .orderBy('theme_key')
      .orderBy('kind')
      .execute();
    return rows.map((r) => ({
      theme_key: r.theme_key,
      kind: r.kind,
      inputs: Number(r.inputs),
      votes: Number(r.votes ?? 0),
    }));
  }

  async insertImport(row: ParticipationImport): Promise<void> {
    await this.db.insertInto('participation_imports').values(row).execute();
  }

  async findImport(sessionId: string, id: string): Promise<ParticipationImport | null> {
    const row = await this.db
      .selectFrom('participation_imports')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  /** The confirmed import of this very file into this session, if there was one. */
  async findLoadedImport(sessionId: string, fileHash: string): Promise<ParticipationImport | null> {
    const row = await this.db
      .selectFrom('participation_imports')
      .selectAll()
      .where('session_id', '=', sessionId)
      .where('loaded_hash', '=', fileHash)
      .executeTakeFirst();
    return row ?? null;
  }

  async markImportLoaded(id: string, fileHash: string, at: string): Promise<void> {
    await this.db
      .updateTable('participation_imports')
      .set({ loaded_hash: fileHash, confirmed_at: at })
      .where('id', '=', id)
      .execute();
  }
}
