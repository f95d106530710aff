import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { ProgrammeProjectTable } from './budget.table.ts';

export interface Project extends Omit<ProgrammeProjectTable, 'public'> {
  public: boolean;
  indicators: string[];
  focus_area_name: string;
}

/** Projects of the programme, with the indicators they aim at. */
export class ProjectRepository {
  constructor(readonly handle: Kysely<Database>) {}

  transaction<T>(fn: (repo: ProjectRepository) => Promise<T>): Promise<T> {
    if (this.handle.isTransaction) return fn(this);
    return this.handle.transaction().execute((trx) => fn(new ProjectRepository(trx)));
  }

  private async withIndicators(
    rows: Array<ProgrammeProjectTable & { focus_area_name: string }>,
  ): Promise<Project[]> {
    if (rows.length === 0) return [];
    const links = await this.handle
      .selectFrom('project_indicators')
      .selectAll()
      .where(
        'project_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('indicator_key')
      .execute();
    return rows.map((r) => ({
      ...r,
      public: Number(r.public) === 1,
      indicators: links.filter((l) => l.project_id === r.id).map((l) => l.indicator_key),
    }));
  }

  private base() {
    return this.handle
      .selectFrom('programme_projects as p')
      .innerJoin('focus_areas as f', 'f.slug', 'p.focus_area_slug')
      .selectAll('p')
      .select('f.name as focus_area_name');
  }

  /** Every focus area's projects (other areas' workspaces read them by theme). */
  async listAll(): Promise<Project[]> {
    return this.withIndicators(
      await this.base().orderBy('p.theme').orderBy('f.name').orderBy('p.name').execute(),
    );
  }

  /** Public projects aiming at an indicator, in one focus area. */
  async listPublicForIndicator(slug: string, indicatorKey: string): Promise<Project[]> {
    const rows = await this.base()
      .innerJoin('project_indicators as i', 'i.project_id', 'p.id')
      .where('i.indicator_key', '=', indicatorKey)
      .where('p.focus_area_slug', '=', slug)
      .where('p.public', '=', 1)
      .orderBy('p.name')
      .execute();
    return this.withIndicators(rows);
  }

  /** One project of a municipality, or null when it does not exist there. */
  async find(municipalityCode: string, id: string): Promise<Project | null> {
    const row = await this.base()
      .where('p.id', '=', id)
      .where('p.municipality_code', '=', municipalityCode)
      .executeTakeFirst();
    return row ? ((await this.withIndicators([row]))[0] ?? null) : null;
  }

  async updateStatus(id: string, status: string, at: string): Promise<void> {
    await this.handle
      .updateTable('programme_projects')
      .set({ status, updated_at: at })
      .where('id', '=', id)
      .execute();
  }

  async insert(p: ProgrammeProjectTable, indicators: readonly string[]): Promise<void> {
    await this.handle.insertInto('programme_projects').values(p).execute();
    if (indicators.length > 0)
      await this.handle
        .insertInto('project_indicators')
        .values(indicators.map((k) => ({ project_id: p.id, indicator_key: k })))
        .execute();
  }
}
