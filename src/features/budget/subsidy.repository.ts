import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { SubsidyApplicationTable, SubsidySchemeTable } from './budget.table.ts';

export type SubsidyScheme = SubsidySchemeTable;

export interface SubsidyApplication {
  id: string;
  focus_area_slug: string;
  scheme_id: string;
  title: string;
  project: string;
  theme: string | null;
  requested_cents: number | null;
  granted_cents: number | null;
  status: string;
  submission_deadline: string | null;
  accountability_deadline: string | null;
  budget_line_id: string | null;
  contact_email: string | null;
  created_at: string;
  updated_at: string;
}

export interface DueDeadline {
  application: SubsidyApplication;
  municipality_code: string;
  kind: 'indienen' | 'verantwoorden';
  date: string;
}

const n = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function application(r: SubsidyApplicationTable): SubsidyApplication {
  return { ...r, requested_cents: n(r.requested_cents), granted_cents: n(r.granted_cents) };
}

/** Schemes, applications and sent reminders. */
export class SubsidyRepository {
  constructor(readonly handle: Kysely<Database>) {}

  transaction<T>(fn: (repo: SubsidyRepository) => Promise<T>): Promise<T> {
    if (this.handle.isTransaction) return fn(this);
    return this.handle.transaction().execute((trx) => fn(new SubsidyRepository(trx)));
  }

  async listSchemes(): Promise<SubsidyScheme[]> {
    return this.handle.selectFrom('subsidy_schemes').selectAll().orderBy('name').execute();
  }

  async listApplications(slug: string): Promise<SubsidyApplication[]> {
    const rows = await this.handle
      .selectFrom('subsidy_applications')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(application);
  }

  async findApplication(slug: string, id: string): Promise<SubsidyApplication | null> {
    const row = await this.handle
      .selectFrom('subsidy_applications')
      .selectAll()
      .where('focus_area_slug', '=', slug)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? application(row) : null;
  }

  async insertApplication(a: SubsidyApplication): Promise<void> {
    await this.handle.insertInto('subsidy_applications').values(a).execute();
  }

  async updateApplication(a: SubsidyApplication): Promise<void> {
    const { id, ...rest } = a;
    await this.handle.updateTable('subsidy_applications').set(rest).where('id', '=', id).execute();
  }

  /** Deadlines from `from` up to and including `until` (YYYY-MM-DD) with no reminder sent yet. */
  async dueDeadlines(from: string, until: string): Promise<DueDeadline[]> {
    const rows = await this.handle
      .selectFrom('subsidy_applications as a')
      .innerJoin('focus_areas as f', 'f.slug', 'a.focus_area_slug')
      .selectAll('a')
      .select('f.municipality_code')
      .where((eb) =>
        eb.or([
          eb.and([
            eb('a.submission_deadline', '>=', from),
            eb('a.submission_deadline', '<=', until),
          ]),
          eb.and([
            eb('a.accountability_deadline', '>=', from),
            eb('a.accountability_deadline', '<=', until),
          ]),
        ]),
      )
      .orderBy('a.id')
      .execute();
    const sent = await this.handle.selectFrom('deadline_reminders').selectAll().execute();
    const done = new Set(
      sent.map((s) => `${s.application_id}|${s.deadline_kind}|${s.deadline_date}`),
    );
    const out: DueDeadline[] = [];
    for (const r of rows) {
      const { municipality_code, ...rest } = r;
      const app = application(rest);
      for (const [kind, date] of [
        ['indienen', app.submission_deadline],
        ['verantwoorden', app.accountability_deadline],
      ] as const) {
        if (date && date >= from && date <= until && !done.has(`${app.id}|${kind}|${date}`))
          out.push({ application: app, municipality_code, kind, date });
      }
    }
    return out;
  }

  /** Marks a reminder sent; false when another run marked it first (sent once per deadline). */
  async markReminded(
    applicationId: string,
    kind: string,
    date: string,
    at: string,
  ): Promise<boolean> {
    const r = await this.handle
      .insertInto('deadline_reminders')
      .values({
        application_id: applicationId,
        deadline_kind: kind,
        deadline_date: date,
        sent_at: at,
      })
      .onConflict((oc) =>
        oc.columns(['application_id', 'deadline_kind', 'deadline_date']).doNothing(),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
