import { createHash, randomUUID } from 'node:crypto';
import type { VNode } from 'preact';
import type { AuditWriter } from './audit-writer.ts';
import type { BudgetRepository, FocusAreaRef } from './budget.repository.ts';
import { actorLabel, type Actor, type FieldErrors, type FormResult } from './budget.service.ts';
import type { Project, ProjectRepository } from './project.repository.ts';
import { THEMES, isTheme, themeName } from './themes.ts';
import { IndicatorProjects } from './views/indicator-projects.tsx';
import { PROJECT_STATUSES, PROJECT_STATUS_LABEL } from './project-status.ts';

/** A section for the public indicator page; `key` changes whenever what it shows changes (page cache). */
export interface IndicatorSection {
  key: string;
  node: VNode | null;
}

export { PROJECT_STATUSES, PROJECT_STATUS_LABEL };

export interface IndicatorOption {
  key: string;
  name: string;
}

export interface ProjectsOverview {
  areas: FocusAreaRef[];
  own: Project[];
  /** Other municipalities' projects by theme: to learn from, read-only. */
  othersByTheme: Array<{ theme: string; name: string; projects: Project[] }>;
  indicators: IndicatorOption[];
}

function text(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
}

function list(form: Record<string, unknown>, name: string): string[] {
  const v = form[name];
  const all = Array.isArray(v) ? v : [v];
  return [...new Set(all.filter((x): x is string => typeof x === 'string' && x !== ''))];
}

/** Projects per theme with status, budget line and the indicators they aim at. */
export class ProjectService {
  constructor(
    private readonly repo: ProjectRepository,
    private readonly budget: BudgetRepository,
    private readonly audit: AuditWriter,
    /** The indicator catalogue's keys and names (the active catalogue). */
    private readonly indicators: () => Promise<IndicatorOption[]>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async overview(municipalityCode: string): Promise<ProjectsOverview> {
    const [areas, all, indicators] = await Promise.all([
      this.budget.focusAreasOf(municipalityCode),
      this.repo.listAll(),
      this.indicators(),
    ]);
    const own = all.filter((p) => p.municipality_code === municipalityCode);
    const others = all.filter((p) => p.municipality_code !== municipalityCode);
    const othersByTheme = THEMES.map((t) => ({
      theme: t.key as string,
      name: t.name as string,
      projects: others.filter((p) => p.theme === t.key),
    })).filter((g) => g.projects.length > 0);
    return { areas, own, othersByTheme, indicators };
  }

  /** What the public indicator page lists: the public projects aiming at this indicator. */
  async forIndicator(slug: string, indicatorKey: string): Promise<Project[]> {
    return this.repo.listPublicForIndicator(slug, indicatorKey);
  }

  /**
   * The public indicator page's "Wat wordt eraan gedaan" section. Public, by the project's own
   * choice: residents and the council see what is done about a figure; amounts stay inside.
   */
  async indicatorSection(slug: string, indicatorKey: string): Promise<IndicatorSection> {
    const projects = await this.forIndicator(slug, indicatorKey);
    if (projects.length === 0) return { key: '', node: null };
    const key = createHash('sha256')
      .update(JSON.stringify(projects.map((p) => [p.id, p.name, p.status, p.description])))
      .digest('hex')
      .slice(0, 16);
    return { key, node: <IndicatorProjects projects={projects} /> };
  }

  async create(
    actor: Actor,
    municipalityCode: string,
    form: Record<string, unknown>,
  ): Promise<FormResult<string>> {
    const v = {
      focus_area_slug: text(form, 'focus_area_slug'),
      name: text(form, 'name'),
      theme: text(form, 'theme'),
      status: text(form, 'status'),
      description: text(form, 'description'),
      budget_line_id: text(form, 'budget_line_id'),
      public: text(form, 'public'),
    };
    const indicatorKeys = list(form, 'indicators');
    const errors: FieldErrors = {};
    const area = v.focus_area_slug ? await this.budget.focusArea(v.focus_area_slug) : null;
    if (!area || area.municipality_code !== municipalityCode)
      errors.focus_area_slug = 'Kies een focusgebied van deze gemeente.';
    if (v.name === '' || v.name.length > 200)
      errors.name = 'Geef het project een naam (hoogstens 200 tekens).';
    if (!isTheme(v.theme)) errors.theme = 'Kies een van de vijf thema’s.';
    if (!(PROJECT_STATUSES as readonly string[]).includes(v.status))
      errors.status = 'Kies een status.';
    if (v.budget_line_id !== '' && area) {
      const line = await this.budget.findLine(area.slug, v.budget_line_id);
      if (!line) errors.budget_line_id = 'Kies een begrotingsregel van dit focusgebied.';
    }
    const known = new Set((await this.indicators()).map((i) => i.key));
    const unknown = indicatorKeys.filter((k) => !known.has(k));
    if (unknown.length > 0) errors.indicators = `Onbekende indicator: ${unknown.join(', ')}.`;
    if (Object.keys(errors).length > 0 || !area)
      return { ok: false, errors, values: { ...v, indicators: indicatorKeys.join(',') } };
    const at = this.now().toISOString();
    const project = {
      id: randomUUID(),
      focus_area_slug: area.slug,
      municipality_code: municipalityCode,
      name: v.name,
      theme: v.theme,
      status: v.status,
      description: v.description,
      budget_line_id: v.budget_line_id || null,
      public: v.public === 'ja' ? 1 : 0,
      created_at: at,
      updated_at: at,
    };
    await this.repo.transaction(async (tx) => {
      await tx.insert(project, indicatorKeys);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'project.aangemaakt',
          entity: 'project',
          entityId: project.id,
          municipalityCode,
          after: { ...project, indicators: indicatorKeys },
        },
        tx.handle,
      );
    });
    return { ok: true, value: project.id };
  }

  /** Moves a project of this municipality to another status; audited with before and after. */
  async setStatus(
    actor: Actor,
    municipalityCode: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<FormResult<string> | null> {
    const status = text(form, 'status');
    return this.repo.transaction(async (tx) => {
      const project = await tx.find(municipalityCode, id);
      if (!project) return null;
      if (!(PROJECT_STATUSES as readonly string[]).includes(status))
        return {
          ok: false,
          errors: { [`status-${id}`]: `Kies een status voor “${project.name}”.` },
          values: {},
        };
      if (status === project.status) return { ok: true, value: id };
      await tx.updateStatus(id, status, this.now().toISOString());
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'project.status-gewijzigd',
          entity: 'project',
          entityId: id,
          municipalityCode,
          before: { status: project.status },
          after: { status },
        },
        tx.handle,
      );
      return { ok: true, value: id };
    });
  }
}

export { themeName };
