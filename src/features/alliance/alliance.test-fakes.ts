import type { AuditEntry } from '../audit/index.ts';
import type {
  AllianceStore,
  AllianceTransaction,
  AuditWriter,
  FocusAreaRef,
} from './alliance.repository.ts';
import { AllianceService } from './alliance.service.ts';
import type {
  AllianceAction,
  AllianceAgreement,
  AllianceDecision,
  AllianceMeeting,
  AllianceMembership,
  AllianceSeat,
} from './alliance.table.ts';

/** An in-memory AllianceStore for service tests without a database. */
export class FakeAllianceStore implements AllianceStore {
  areas: FocusAreaRef[] = [];
  seats: AllianceSeat[] = [];
  memberships: AllianceMembership[] = [];
  meetings: AllianceMeeting[] = [];
  decisions: AllianceDecision[] = [];
  actions: AllianceAction[] = [];
  agreements: AllianceAgreement[] = [];

  async findFocusArea(slug: string) {
    return this.areas.find((a) => a.slug === slug) ?? null;
  }
  async listSeats(slug: string) {
    // Copies, as a database returns (a correction must not reach a row already read).
    return this.seats
      .filter((s) => s.focus_area_slug === slug)
      .sort((a, b) => a.position - b.position)
      .map((s) => ({ ...s }));
  }
  async insertSeat(row: AllianceSeat) {
    this.seats.push({ ...row });
  }
  async listMemberships(slug: string) {
    return this.memberships
      .filter((m) => m.focus_area_slug === slug)
      .sort((a, b) => a.starts_on.localeCompare(b.starts_on));
  }
  async findMembership(id: string) {
    // A copy, as a database returns: a later change does not reach an object already read.
    const found = this.memberships.find((m) => m.id === id);
    return found ? { ...found } : null;
  }
  async insertMembership(row: AllianceMembership) {
    this.memberships.push({ ...row });
  }
  async endMembership(id: string, endsOn: string, updatedAt: string) {
    const m = this.memberships.find((x) => x.id === id);
    if (m) Object.assign(m, { ends_on: endsOn, updated_at: updatedAt });
  }
  async updateMembership(row: AllianceMembership) {
    const m = this.memberships.find((x) => x.id === row.id);
    if (m)
      Object.assign(m, {
        organisation: row.organisation,
        representative_name: row.representative_name,
        representative_function: row.representative_function,
        representative_public: row.representative_public,
        mandate: row.mandate,
        networks: row.networks,
        starts_on: row.starts_on,
        updated_at: row.updated_at,
      });
  }
  async setRepresentativePublic(id: string, value: 0 | 1, updatedAt: string) {
    const m = this.memberships.find((x) => x.id === id);
    if (m) Object.assign(m, { representative_public: value, updated_at: updatedAt });
  }
  async listMeetings(slug: string) {
    return this.meetings
      .filter((m) => m.focus_area_slug === slug)
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  }
  async findMeeting(id: string) {
    // A copy, as a database returns: a later change does not reach an object already read.
    const found = this.meetings.find((m) => m.id === id);
    return found ? { ...found } : null;
  }
  async insertMeeting(row: AllianceMeeting) {
    this.meetings.push({ ...row });
  }
  async updateMeeting(row: AllianceMeeting) {
    const m = this.meetings.find((x) => x.id === row.id);
    if (m) Object.assign(m, { ...row });
  }
  async setMeetingDocuments(id: string, documents: string, updatedAt: string) {
    const m = this.meetings.find((x) => x.id === id);
    if (m) Object.assign(m, { documents, updated_at: updatedAt });
  }
  async listDecisions(slug: string) {
    return this.decisions
      .filter((d) => d.focus_area_slug === slug)
      .sort((a, b) => a.year - b.year || a.sequence - b.sequence)
      .map((d) => ({ ...d }));
  }
  async maxDecisionSequence(slug: string, year: number) {
    return Math.max(
      0,
      ...this.decisions
        .filter((d) => d.focus_area_slug === slug && d.year === year)
        .map((d) => d.sequence),
    );
  }
  async insertDecision(row: AllianceDecision) {
    this.decisions.push({ ...row });
  }
  async listActions(slug: string) {
    return this.actions
      .filter((a) => a.focus_area_slug === slug)
      .sort((a, b) => a.due_on.localeCompare(b.due_on));
  }
  async findAction(id: string) {
    // A copy, as a database returns: a later change does not reach an object already read.
    const found = this.actions.find((a) => a.id === id);
    return found ? { ...found } : null;
  }
  async insertAction(row: AllianceAction) {
    this.actions.push({ ...row });
  }
  async setActionStatus(id: string, status: AllianceAction['status'], updatedAt: string) {
    const a = this.actions.find((x) => x.id === id);
    if (a) Object.assign(a, { status, updated_at: updatedAt });
  }
  async listAgreements(slug: string) {
    return this.agreements.filter((a) => a.focus_area_slug === slug).map((a) => ({ ...a }));
  }
  async findAgreement(id: string) {
    // A copy, as a database returns: a later change does not reach an object already read.
    const found = this.agreements.find((a) => a.id === id);
    return found ? { ...found } : null;
  }
  async insertAgreement(row: AllianceAgreement) {
    this.agreements.push({ ...row });
  }
  async updateAgreement(
    id: string,
    change: { status: AllianceAgreement['status']; evidence: string; updatedAt: string },
  ) {
    const a = this.agreements.find((x) => x.id === id);
    if (a)
      Object.assign(a, {
        status: change.status,
        evidence: change.evidence,
        updated_at: change.updatedAt,
      });
  }
  /** Like the repository: writes only when `updated_at` still is what the form loaded. */
  private correct<T extends { id: string; updated_at: string }>(
    rows: T[],
    row: T,
    loadedAt: string,
    keys: (keyof T)[],
  ): boolean {
    const stored = rows.find((x) => x.id === row.id);
    if (!stored || stored.updated_at !== loadedAt) return false;
    for (const k of [...keys, 'updated_at' as keyof T]) stored[k] = row[k];
    return true;
  }
  async updateSeat(row: AllianceSeat, loadedAt: string) {
    return this.correct(this.seats, row, loadedAt, ['sector', 'note', 'kind']);
  }
  async updateDecision(row: AllianceDecision, loadedAt: string) {
    return this.correct(this.decisions, row, loadedAt, [
      'title',
      'text',
      'visibility',
      'corrected_at',
    ]);
  }
  async updateActionDetails(row: AllianceAction, loadedAt: string) {
    return this.correct(this.actions, row, loadedAt, [
      'description',
      'owner_seat_id',
      'due_on',
      'decision_id',
    ]);
  }
  async correctAgreement(row: AllianceAgreement, loadedAt: string) {
    return this.correct(this.agreements, row, loadedAt, [
      'subject',
      'position',
      'party',
      'commitment',
      'source',
      'link_path',
      'link_label',
      'corrected_at',
    ]);
  }
}

export class FakeAuditWriter implements AuditWriter {
  entries: AuditEntry[] = [];
  async record(entry: AuditEntry) {
    this.entries.push(entry);
  }
}

/** A service on fakes, with Dordt West (GM0505) and one area of another municipality. */
export function fakeAllianceService(now: Date = new Date('2026-03-01T10:00:00Z')) {
  const store = new FakeAllianceStore();
  store.areas.push(
    { slug: 'dordt-west', name: 'Dordt West', municipalityCode: 'GM0505' },
    { slug: 'elders', name: 'Elders', municipalityCode: 'GM0014' },
  );
  const audit = new FakeAuditWriter();
  const transaction: AllianceTransaction = (work) => work({ store, audit });
  const clock = { now };
  const service = new AllianceService(store, transaction, () => clock.now);
  return { store, audit, service, clock };
}
