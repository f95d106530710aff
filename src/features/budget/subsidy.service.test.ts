import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditEntry, AuditWriter } from './audit-writer.ts';
import type { BudgetRepository } from './budget.repository.ts';
import type { SubsidyApplication, SubsidyRepository } from './subsidy.repository.ts';
import { APPLICATION_STATUSES, SubsidyService, TRANSITIONS, canMove } from './subsidy.service.ts';

class FakeSubsidies {
  handle = 'tx';
  apps: SubsidyApplication[] = [];
  async transaction<T>(fn: (r: FakeSubsidies) => Promise<T>) {
    return fn(this);
  }
  async listSchemes() {
    return [{ id: 'school-en-omgeving', name: 'School & Omgeving', ministry: 'OCW', rules: '' }];
  }
  async listApplications() {
    return this.apps;
  }
  async findApplication(_s: string, id: string) {
    return this.apps.find((a) => a.id === id) ?? null;
  }
  async insertApplication(a: SubsidyApplication) {
    this.apps.push(a);
  }
  async updateApplication(a: SubsidyApplication) {
    this.apps = this.apps.map((x) => (x.id === a.id ? a : x));
  }
}

const budget = {
  async focusArea(slug: string) {
    return slug === 'dordt-west' ? { slug, name: 'Dordt West', municipality_code: 'GM0505' } : null;
  },
  async listLines() {
    return [];
  },
};

function setup() {
  const repo = new FakeSubsidies();
  const written: AuditEntry[] = [];
  const audit: AuditWriter = { write: async (e) => void written.push(e) };
  const service = new SubsidyService(
    repo as unknown as SubsidyRepository,
    budget as unknown as BudgetRepository,
    audit,
    () => new Date('2026-01-02T10:00:00Z'),
  );
  return { repo, written, service };
}
const actor = { id: 'u', name: 'An' };

describe('application status', () => {
  it('moves only along the allowed transitions', () => {
    assert.ok(canMove('idee', 'in-voorbereiding'));
    assert.ok(canMove('ingediend', 'toegekend'));
    assert.ok(canMove('toegekend', 'verantwoord'));
    assert.ok(!canMove('idee', 'toegekend'));
    assert.ok(!canMove('afgewezen', 'toegekend'));
    assert.ok(!canMove('verantwoord', 'idee'));
    assert.ok(!canMove('idee', 'onzin'));
    for (const s of APPLICATION_STATUSES) for (const t of TRANSITIONS[s]) assert.notEqual(s, t);
  });
});

describe('SubsidyService', () => {
  it('creates an application, refuses a skipped step, and needs the granted amount', async () => {
    const { service, repo, written } = setup();
    const bad = await service.create(actor, 'GM0505', 'dordt-west', {
      scheme_id: 'school-en-omgeving',
      title: 'Brede school',
      submission_deadline: '2026-02-30',
      accountability_deadline: '2025-01-01',
      requested: '50.000',
    });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.errors.submission_deadline!, /jjjj-mm-dd/);
    const ok = await service.create(actor, 'GM0505', 'dordt-west', {
      scheme_id: 'school-en-omgeving',
      title: 'Brede school',
      submission_deadline: '2026-03-31',
      accountability_deadline: '2027-06-30',
      requested: '50.000',
    });
    assert.ok(ok.ok);
    const id = repo.apps[0]!.id;
    assert.equal(repo.apps[0]!.status, 'idee');
    assert.equal(repo.apps[0]!.requested_cents, 5_000_000);
    const skip = await service.changeStatus(actor, 'GM0505', 'dordt-west', id, {
      status: 'toegekend',
    });
    assert.equal(skip.ok, false);
    assert.match(skip.ok ? '' : skip.errors.status!, /alleen naar: In voorbereiding/);
    for (const status of ['in-voorbereiding', 'ingediend'])
      assert.ok((await service.changeStatus(actor, 'GM0505', 'dordt-west', id, { status })).ok);
    const noAmount = await service.changeStatus(actor, 'GM0505', 'dordt-west', id, {
      status: 'toegekend',
    });
    assert.equal(noAmount.ok, false);
    assert.ok(
      (
        await service.changeStatus(actor, 'GM0505', 'dordt-west', id, {
          status: 'toegekend',
          granted: '40.000,00',
        })
      ).ok,
    );
    assert.equal(repo.apps[0]!.granted_cents, 4_000_000);
    assert.deepEqual(
      written.map((w) => w.action),
      [
        'subsidie.aanvraag-aangemaakt',
        'subsidie.status-gewijzigd',
        'subsidie.status-gewijzigd',
        'subsidie.status-gewijzigd',
      ],
    );
    const ics = await service.deadlineCalendar('GM0505', 'dordt-west');
    assert.match(ics, /UID:[0-9a-f-]+-indienen@wijkkompas/);
    assert.match(ics, /DTSTART;VALUE=DATE:20270630/);
  });
});
