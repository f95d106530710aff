import type { InputCount, SessionChanges, SessionWithThemes } from './participation.repository.ts';
import type {
  AuditEntryInput,
  FocusAreaRef,
  ParticipationDeps,
  ParticipationStore,
} from './participation.service.ts';
import type {
  Attendance,
  NewParticipationInput,
  NewParticipationSession,
  Participant,
  ParticipationImport,
  ParticipationInput,
} from './participation.table.ts';

/** Test fixtures: an in-memory repository and the service's other dependencies, no database. */

interface State {
  sessions: SessionWithThemes[];
  attendance: Attendance[];
  participants: Participant[];
  inputs: ParticipationInput[];
  imports: ParticipationImport[];
}

export class FakeParticipationStore implements ParticipationStore {
  state: State = { sessions: [], attendance: [], participants: [], inputs: [], imports: [] };

  snapshot(): State {
    return structuredClone(this.state);
  }

  async insertSession(row: NewParticipationSession, themes: readonly string[]) {
    this.state.sessions.push({
      description: null,
      cancel_reason: null,
      ...row,
      themes: [...themes],
    } as SessionWithThemes);
  }
  async updateSession(id: string, changes: SessionChanges, themes: readonly string[]) {
    const s = this.state.sessions.find((x) => x.id === id)!;
    Object.assign(s, changes, { themes: [...themes] });
  }
  async cancelSession(id: string, reason: string, at: string, by: string) {
    const s = this.state.sessions.find((x) => x.id === id)!;
    Object.assign(s, {
      status: 'geannuleerd',
      cancel_reason: reason,
      updated_at: at,
      updated_by: by,
    });
  }
  async findSession(id: string) {
    return structuredClone(this.state.sessions.find((s) => s.id === id) ?? null);
  }
  async listSessionsOfMunicipality(code: string) {
    return this.state.sessions.filter((s) => s.municipality_code === code);
  }
  async listPublicSessionsFrom(slug: string, fromIso: string) {
    return this.state.sessions
      .filter((s) => s.focus_area_slug === slug && s.is_public === 1 && s.ends_at >= fromIso)
      .sort((a, b) => a.starts_at.localeCompare(b.starts_at));
  }
  async countHeldSessions(slug: string, beforeIso: string) {
    return this.state.sessions.filter(
      (s) => s.focus_area_slug === slug && s.status === 'gepland' && s.ends_at < beforeIso,
    ).length;
  }
  async setAttendance(sessionId: string, group: string, count: number) {
    this.state.attendance = this.state.attendance.filter(
      (a) => !(a.session_id === sessionId && a.group_label === group),
    );
    if (count > 0) this.state.attendance.push({ session_id: sessionId, group_label: group, count });
  }
  async listAttendance(sessionId: string) {
    return this.state.attendance.filter((a) => a.session_id === sessionId);
  }
  async insertParticipant(row: Participant) {
    this.state.participants.push(row);
  }
  async listParticipants(sessionId: string) {
    return this.state.participants.filter((p) => p.session_id === sessionId);
  }
  async deleteParticipant(sessionId: string, id: string) {
    const row = this.state.participants.find((p) => p.session_id === sessionId && p.id === id);
    this.state.participants = this.state.participants.filter((p) => p !== row);
    return row ?? null;
  }
  async insertInputs(rows: readonly NewParticipationInput[]) {
    this.state.inputs.push(...(rows as ParticipationInput[]));
  }
  async listInputsOfSession(sessionId: string) {
    return this.state.inputs.filter((i) => i.session_id === sessionId);
  }
  async deleteInput(sessionId: string, id: string) {
    const row = this.state.inputs.find((i) => i.session_id === sessionId && i.id === id);
    this.state.inputs = this.state.inputs.filter((i) => i !== row);
    return row ?? null;
  }
  async countInputs(sessionId: string): Promise<InputCount[]> {
    const out = new Map<string, InputCount>();
    for (const i of this.state.inputs.filter((x) => x.session_id === sessionId)) {
      const key = `${i.theme_key}|${i.kind}`;
      const c = out.get(key) ?? { theme_key: i.theme_key, kind: i.kind, inputs: 0, votes: 0 };
      c.inputs += 1;
      c.votes += i.votes;
      out.set(key, c);
    }
    return [...out.values()];
  }
  async insertImport(row: ParticipationImport) {
    this.state.imports.push(row);
  }
  async findImport(sessionId: string, id: string) {
    return this.state.imports.find((i) => i.session_id === sessionId && i.id === id) ?? null;
  }
  async findLoadedImport(sessionId: string, hash: string) {
    return (
      this.state.imports.find((i) => i.session_id === sessionId && i.loaded_hash === hash) ?? null
    );
  }
  async markImportLoaded(id: string, hash: string, at: string) {
    const i = this.state.imports.find((x) => x.id === id)!;
    i.loaded_hash = hash;
    i.confirmed_at = at;
  }
}

export const FIXTURE_THEMES = [
  { key: 'gezond-leven', name: 'Gezond leven' },
  { key: 'wonen', name: 'Wonen' },
  { key: 'werk-en-inkomen', name: 'Werk en inkomen' },
  { key: 'onderwijs', name: 'Onderwijs' },
  { key: 'veiligheid-en-leefbaarheid', name: 'Veiligheid en leefbaarheid van de openbare ruimte' },
];

export const FIXTURE_AREAS: FocusAreaRef[] = [
  {
    slug: 'fixture-west',
    name: 'Fixture West',
    municipalityCode: 'GM0505',
    municipalityName: 'Dordrecht',
  },
  {
    slug: 'fixture-elders',
    name: 'Fixture Elders',
    municipalityCode: 'GM0014',
    municipalityName: 'Groningen',
  },
];

/** The service's dependencies on fakes; the transaction rolls the fake back when work throws. */
export function fakeDeps(now = new Date('2027-01-01T09:00:00Z')) {
  const store = new FakeParticipationStore();
  const audit: AuditEntryInput[] = [];
  let n = 0;
  const deps: ParticipationDeps = {
    repository: store,
    transaction: async (work) => {
      const before = store.snapshot();
      const auditLength = audit.length;
      try {
        return await work({
          repository: store,
          audit: { record: async (e) => void audit.push(e) },
        });
      } catch (error) {
        store.state = before;
        audit.length = auditLength;
        throw error;
      }
    },
    themes: async () => FIXTURE_THEMES,
    focusAreas: {
      ofMunicipality: async (code) => FIXTURE_AREAS.filter((a) => a.municipalityCode === code),
      find: async (slug) => FIXTURE_AREAS.find((a) => a.slug === slug) ?? null,
    },
    surveys: (slug) =>
      slug === 'fixture-west'
        ? [
            {
              key: 'fixture-enquete',
              title: 'Fixture-enquête',
              audience: 'bewoners',
              invitations: 'mogelijk',
            },
          ]
        : [],
    contact: () => null,
    now: () => now,
    newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  };
  return { deps, store, audit };
}

/** A valid session form for the fixture area, with overrides. */
export function sessionForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    gebied: 'fixture-west',
    titel: 'Fixture-kennissessie Wonen',
    themas: ['wonen', 'onderwijs'],
    datum: '2027-01-14',
    begintijd: '19:30',
    eindtijd: '21:30',
    plaats: 'Fixture-buurthuis, Voorbeeldstraat 1',
    organisator: 'Programmabureau (fixture)',
    doelgroep: 'gemengd',
    openbaar: 'ja',
    omschrijving: '',
    ...overrides,
  };
}
