import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { FocusAreaRef } from './alliance.types.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';
import type {
  ActionStatus,
  AgreementStatus,
  AllianceAction,
  AllianceAgreement,
  AllianceDecision,
  AllianceMeeting,
  AllianceMembership,
  AllianceSeat,
} from './alliance.table.ts';

export type { FocusAreaRef };

/** What the Alliance service needs from storage; the repository below, or a fake in tests. */
export interface AllianceStore {
  findFocusArea(slug: string): Promise<FocusAreaRef | null>;
  listSeats(slug: string): Promise<AllianceSeat[]>;
  insertSeat(row: AllianceSeat): Promise<void>;
  listMemberships(slug: string): Promise<AllianceMembership[]>;
  findMembership(id: string): Promise<AllianceMembership | null>;
  insertMembership(row: AllianceMembership): Promise<void>;
  endMembership(id: string, endsOn: string, updatedAt: string): Promise<void>;
  /** Writes a membership's corrected details (everything but its seat, area and end). */
  updateMembership(row: AllianceMembership): Promise<void>;
  setRepresentativePublic(id: string, value: 0 | 1, updatedAt: string): Promise<void>;
  listMeetings(slug: string): Promise<AllianceMeeting[]>;
  findMeeting(id: string): Promise<AllianceMeeting | null>;
  insertMeeting(row: AllianceMeeting): Promise<void>;
  setMeetingDocuments(id: string, documents: string, updatedAt: string): Promise<void>;
  /** Writes a meeting's corrected title, times, place and agenda. */
  updateMeeting(row: AllianceMeeting): Promise<void>;
  listDecisions(slug: string): Promise<AllianceDecision[]>;
  /** The highest sequence number used in this focus area and year, 0 when none. */
  maxDecisionSequence(slug: string, year: number): Promise<number>;
  insertDecision(row: AllianceDecision): Promise<void>;
  listActions(slug: string): Promise<AllianceAction[]>;
  findAction(id: string): Promise<AllianceAction | null>;
  insertAction(row: AllianceAction): Promise<void>;
  setActionStatus(id: string, status: ActionStatus, updatedAt: string): Promise<void>;
  listAgreements(slug: string): Promise<AllianceAgreement[]>;
  findAgreement(id: string): Promise<AllianceAgreement | null>;
  insertAgreement(row: AllianceAgreement): Promise<void>;
  updateAgreement(
    id: string,
    change: { status: AgreementStatus; evidence: string; updatedAt: string },
  ): Promise<void>;
  // Corrections: each writes only when the stored `updated_at` still equals `loadedAt` (the
  // value the edit form was loaded with) and answers whether it wrote.
  /** A seat's sector, note and kind. */
  updateSeat(row: AllianceSeat, loadedAt: string): Promise<boolean>;
  /** A decision's title, text, visibility and correction time (never its number or date). */
  updateDecision(row: AllianceDecision, loadedAt: string): Promise<boolean>;
  /** An action's description, owner, deadline and decision (its status has its own form). */
  updateActionDetails(row: AllianceAction, loadedAt: string): Promise<boolean>;
  /** An agreement's subject, position, party, commitment, source, link and correction time. */
  correctAgreement(row: AllianceAgreement, loadedAt: string): Promise<boolean>;
}

/** Appends to the audit log (in the same transaction as the change it describes). */
export interface AuditWriter {
  record(entry: AuditEntry): Promise<void>;
}

export interface AllianceUnitOfWork {
  store: AllianceStore;
  audit: AuditWriter;
}

/** Runs `work` in one transaction: the change and its audit entry are written together or not. */
export type AllianceTransaction = <T>(work: (uow: AllianceUnitOfWork) => Promise<T>) => Promise<T>;

export class AllianceRepository implements AllianceStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findFocusArea(slug: string): Promise<FocusAreaRef | null> {
    const row = await this.db
      .selectFrom('focus_areas')
      .select(['slug', 'name', 'municipality_code'])
      .where('slug', '=', slug)
      .executeTakeFirst();
    return row ? { slug: row.slug, name: row.name, municipalityCode: row.municipality_code } : null;
  }

  async listSeats(slug: string): Promise<AllianceSeat[]> {
    return this.db
      .selectFrom('alliance_seats')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('position')
      .execute();
  }

  async insertSeat(row: AllianceSeat): Promise<void> {
    await this.db.insertInto('alliance_seats').values(row).execute();
  }

  async listMemberships(slug: string): Promise<AllianceMembership[]> {
    const rows = await this.db
      .selectFrom('alliance_memberships')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('starts_on')
      .orderBy('created_at')
      .execute();
    return rows.map(normaliseMembership);
  }

  async findMembership(id: string): Promise<AllianceMembership | null> {
    const row = await this.db
      .selectFrom('alliance_memberships')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? normaliseMembership(row) : null;
  }

  async insertMembership(row: AllianceMembership): Promise<void> {
    await this.db.insertInto('alliance_memberships').values(row).execute();
  }

  async endMembership(id: string, endsOn: string, updatedAt: string): Promise<void> {
    await this.db
      .updateTable('alliance_memberships')
      .set({ ends_on: endsOn, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async updateMembership(row: AllianceMembership): Promise<void> {
    await this.db
      .updateTable('alliance_memberships')
      .set({
        organisation: row.organisation,
        representative_name: row.representative_name,
        representative_function: row.representative_function,
        representative_public: row.representative_public,
        mandate: row.mandate,
        networks: row.networks,
        starts_on: row.starts_on,
        updated_at: row.updated_at,
      })
      .where('id', '=', row.id)
      .execute();
  }

  async setRepresentativePublic(id: string, value: 0 | 1, updatedAt: string): Promise<void> {
    await this.db
      .updateTable('alliance_memberships')
      .set({ representative_public: value, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async listMeetings(slug: string): Promise<AllianceMeeting[]> {
    return this.db
      .selectFrom('alliance_meetings')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('starts_at')
      .execute();
  }

  async findMeeting(id: string): Promise<AllianceMeeting | null> {
    const row = await this.db
      .selectFrom('alliance_meetings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  async insertMeeting(row: AllianceMeeting): Promise<void> {
    await this.db.insertInto('alliance_meetings').values(row).execute();
  }

  async updateMeeting(row: AllianceMeeting): Promise<void> {
    await this.db
      .updateTable('alliance_meetings')
      .set({
        title: row.title,
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        place: row.place,
        agenda: row.agenda,
        updated_at: row.updated_at,
      })
      .where('id', '=', row.id)
      .execute();
  }

  async setMeetingDocuments(id: string, documents: string, updatedAt: string): Promise<void> {
    await this.db
      .updateTable('alliance_meetings')
      .set({ documents, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async listDecisions(slug: string): Promise<AllianceDecision[]> {
    const rows = await this.db
      .selectFrom('alliance_decisions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('year')
      .orderBy('sequence')
      .execute();
    return rows.map((r) => ({ ...r, year: Number(r.year), sequence: Number(r.sequence) }));
  }

  async maxDecisionSequence(slug: string, year: number): Promise<number> {
    const row = await this.db
      .selectFrom('alliance_decisions')
      .select((eb) => eb.fn.max('sequence').as('max'))
      .where('focus_area_slug', '=', slug)
      .where('year', '=', year)
      .executeTakeFirst();
    // PostgreSQL may return an aggregate as a string, SQLite as a number.
    return row?.max === null || row?.max === undefined ? 0 : Number(row.max);
  }

  async insertDecision(row: AllianceDecision): Promise<void> {
    await this.db.insertInto('alliance_decisions').values(row).execute();
  }

  async listActions(slug: string): Promise<AllianceAction[]> {
    return this.db
      .selectFrom('alliance_actions')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('due_on')
      .orderBy('created_at')
      .execute();
  }

  async findAction(id: string): Promise<AllianceAction | null> {
    const row = await this.db
      .selectFrom('alliance_actions')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ?? null;
  }

  async insertAction(row: AllianceAction): Promise<void> {
    await this.db.insertInto('alliance_actions').values(row).execute();
  }

  async setActionStatus(id: string, status: ActionStatus, updatedAt: string): Promise<void> {
    await this.db
      .updateTable('alliance_actions')
      .set({ status, updated_at: updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async listAgreements(slug: string): Promise<AllianceAgreement[]> {
    const rows = await this.db
      .selectFrom('alliance_agreements')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('subject')
      .orderBy('position')
      .execute();
    return rows.map((r) => ({ ...r, position: Number(r.position) }));
  }

  async findAgreement(id: string): Promise<AllianceAgreement | null> {
    const row = await this.db
      .selectFrom('alliance_agreements')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? { ...row, position: Number(row.position) } : null;
  }

  async insertAgreement(row: AllianceAgreement): Promise<void> {
    await this.db.insertInto('alliance_agreements').values(row).execute();
  }

  async updateAgreement(
    id: string,
    change: { status: AgreementStatus; evidence: string; updatedAt: string },
  ): Promise<void> {
    await this.db
      .updateTable('alliance_agreements')
      .set({ status: change.status, evidence: change.evidence, updated_at: change.updatedAt })
      .where('id', '=', id)
      .execute();
  }

  async updateSeat(row: AllianceSeat, loadedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('alliance_seats')
      .set({ sector: row.sector, note: row.note, kind: row.kind, updated_at: row.updated_at })
      .where('id', '=', row.id)
      .where('updated_at', '=', loadedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async updateDecision(row: AllianceDecision, loadedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('alliance_decisions')
      .set({
        title: row.title,
        text: row.text,
        visibility: row.visibility,
        updated_at: row.updated_at,
        corrected_at: row.corrected_at,
      })
      .where('id', '=', row.id)
      .where('updated_at', '=', loadedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async updateActionDetails(row: AllianceAction, loadedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('alliance_actions')
      .set({
        description: row.description,
        owner_seat_id: row.owner_seat_id,
        due_on: row.due_on,
        decision_id: row.decision_id,
        updated_at: row.updated_at,
      })
      .where('id', '=', row.id)
      .where('updated_at', '=', loadedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async correctAgreement(row: AllianceAgreement, loadedAt: string): Promise<boolean> {
    const result = await this.db
      .updateTable('alliance_agreements')
      .set({
        subject: row.subject,
        position: row.position,
        party: row.party,
        commitment: row.commitment,
        source: row.source,
        link_path: row.link_path,
        link_label: row.link_label,
        updated_at: row.updated_at,
        corrected_at: row.corrected_at,
      })
      .where('id', '=', row.id)
      .where('updated_at', '=', loadedAt)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function normaliseMembership(row: AllianceMembership): AllianceMembership {
  return { ...row, representative_public: Number(row.representative_public) };
}

/** The audit writer on a database handle or transaction. */
export function databaseAuditWriter(db: Kysely<Database>): AuditWriter {
  return { record: (entry) => recordAudit(db, entry) };
}

/** One transaction per change, with the repository and audit writer bound to it. */
export function allianceTransaction(db: Kysely<Database>): AllianceTransaction {
  return (work) =>
    db
      .transaction()
      .execute((trx) =>
        work({ store: new AllianceRepository(trx), audit: databaseAuditWriter(trx) }),
      );
}
