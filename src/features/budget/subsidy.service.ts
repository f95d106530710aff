import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../shared/errors.ts';
import type { AuditWriter } from './audit-writer.ts';
import type { BudgetRepository, BudgetLine, FocusAreaRef } from './budget.repository.ts';
import {
  actorLabel,
  isIsoDate,
  type Actor,
  type FieldErrors,
  type FormResult,
} from './budget.service.ts';
import { toICalendar, type CalendarEvent } from './ical.ts';
import { centsToInput, parseEuro } from './money.ts';
import type { SubsidyApplication, SubsidyRepository, SubsidyScheme } from './subsidy.repository.ts';
import { isTheme } from './themes.ts';

export const APPLICATION_STATUSES = [
  'idee',
  'in-voorbereiding',
  'ingediend',
  'toegekend',
  'afgewezen',
  'verantwoord',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const STATUS_LABEL: Record<ApplicationStatus, string> = {
  idee: 'Idee',
  'in-voorbereiding': 'In voorbereiding',
  ingediend: 'Ingediend',
  toegekend: 'Toegekend',
  afgewezen: 'Afgewezen',
  verantwoord: 'Verantwoord',
};

/** Which status may follow which: an application moves forward, or back to preparation. */
export const TRANSITIONS: Record<ApplicationStatus, readonly ApplicationStatus[]> = {
  idee: ['in-voorbereiding'],
  'in-voorbereiding': ['idee', 'ingediend'],
  ingediend: ['toegekend', 'afgewezen'],
  toegekend: ['verantwoord'],
  afgewezen: ['in-voorbereiding'],
  verantwoord: [],
};

export function isStatus(s: string): s is ApplicationStatus {
  return (APPLICATION_STATUSES as readonly string[]).includes(s);
}

export function canMove(from: string, to: string): boolean {
  return isStatus(from) && isStatus(to) && TRANSITIONS[from].includes(to);
}

export const APPLICATION_FIELDS = [
  'scheme_id',
  'title',
  'project',
  'theme',
  'requested',
  'submission_deadline',
  'accountability_deadline',
  'budget_line_id',
  'contact_email',
] as const;

function text(form: Record<string, unknown>, name: string): string {
  const v = form[name];
  return typeof v === 'string' ? v.trim() : '';
}

export interface SubsidyOverview {
  area: FocusAreaRef;
  schemes: SubsidyScheme[];
  applications: SubsidyApplication[];
  lines: BudgetLine[];
}

type ApplicationValues = Record<(typeof APPLICATION_FIELDS)[number], string>;

/** The fields of a new or corrected application, checked; errors name the field in Dutch. */
function validateApplication(
  form: Record<string, unknown>,
  schemes: readonly SubsidyScheme[],
  lines: readonly BudgetLine[],
):
  | { ok: true; v: ApplicationValues; requested: number | null }
  | { ok: false; errors: FieldErrors; values: Record<string, string> } {
  const v = Object.fromEntries(
    APPLICATION_FIELDS.map((f) => [f, text(form, f)]),
  ) as ApplicationValues;
  const errors: FieldErrors = {};
  if (!schemes.some((s) => s.id === v.scheme_id)) errors.scheme_id = 'Kies de regeling.';
  if (v.title === '') errors.title = 'Geef de aanvraag een titel.';
  if (v.theme !== '' && !isTheme(v.theme)) errors.theme = 'Kies een van de vijf thema’s.';
  let requested: number | null = null;
  if (v.requested !== '') {
    const m = parseEuro(v.requested);
    if (!m.ok) errors.requested = m.error;
    else if (m.cents <= 0) errors.requested = 'Het gevraagde bedrag is groter dan nul.';
    else requested = m.cents;
  }
  for (const f of ['submission_deadline', 'accountability_deadline'] as const)
    if (v[f] !== '' && !isIsoDate(v[f]))
      errors[f] = 'Vul een datum in als jjjj-mm-dd, zoals 2026-03-31.';
  if (
    !errors.submission_deadline &&
    !errors.accountability_deadline &&
    v.submission_deadline !== '' &&
    v.accountability_deadline !== '' &&
    v.accountability_deadline < v.submission_deadline
  )
    errors.accountability_deadline = 'De verantwoording ligt na het indienen.';
  if (v.budget_line_id !== '' && !lines.some((l) => l.id === v.budget_line_id))
    errors.budget_line_id = 'Kies een begrotingsregel van dit focusgebied.';
  if (v.contact_email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.contact_email))
    errors.contact_email = 'Vul een geldig e-mailadres in, zoals naam@gemeente.nl.';
  if (Object.keys(errors).length > 0) return { ok: false, errors, values: v };
  return { ok: true, v, requested };
}

/** The values a stored application shows in its edit form. */
export function applicationFormValues(a: SubsidyApplication): Record<string, string> {
  return {
    scheme_id: a.scheme_id,
    title: a.title,
    project: a.project,
    theme: a.theme ?? '',
    requested: centsToInput(a.requested_cents),
    submission_deadline: a.submission_deadline ?? '',
    accountability_deadline: a.accountability_deadline ?? '',
    budget_line_id: a.budget_line_id ?? '',
    contact_email: a.contact_email ?? '',
  };
}

/** National schemes and a focus area's applications to them, with deadlines. */
export class SubsidyService {
  constructor(
    private readonly repo: SubsidyRepository,
    private readonly budget: BudgetRepository,
    private readonly audit: AuditWriter,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async area(municipalityCode: string, slug: string): Promise<FocusAreaRef> {
    const area = await this.budget.focusArea(slug);
    if (!area || area.municipality_code !== municipalityCode)
      throw new NotFoundError(`Focusgebied "${slug}" hoort niet bij deze gemeente.`);
    return area;
  }

  async overview(municipalityCode: string, slug: string): Promise<SubsidyOverview> {
    const area = await this.area(municipalityCode, slug);
    const [schemes, applications, lines] = await Promise.all([
      this.repo.listSchemes(),
      this.repo.listApplications(slug),
      this.budget.listLines(slug),
    ]);
    return { area, schemes, applications, lines };
  }

  async application(municipalityCode: string, slug: string, id: string) {
    const overview = await this.overview(municipalityCode, slug);
    const app = overview.applications.find((a) => a.id === id);
    if (!app) throw new NotFoundError('Deze aanvraag bestaat niet.');
    return { ...overview, app };
  }

  async create(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    form: Record<string, unknown>,
  ): Promise<FormResult<string>> {
    const { schemes, lines } = await this.overview(municipalityCode, slug);
    const checked = validateApplication(form, schemes, lines);
    if (!checked.ok) return checked;
    const { v, requested } = checked;
    const at = this.now().toISOString();
    const app: SubsidyApplication = {
      id: randomUUID(),
      focus_area_slug: slug,
      scheme_id: v.scheme_id,
      title: v.title,
      project: v.project,
      theme: v.theme === '' ? null : v.theme,
      requested_cents: requested,
      granted_cents: null,
      status: 'idee',
      submission_deadline: v.submission_deadline || null,
      accountability_deadline: v.accountability_deadline || null,
      budget_line_id: v.budget_line_id || null,
      contact_email: v.contact_email || null,
      created_at: at,
      updated_at: at,
    };
    await this.repo.transaction(async (tx) => {
      await tx.insertApplication(app);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'subsidie.aanvraag-aangemaakt',
          entity: 'subsidieaanvraag',
          entityId: app.id,
          municipalityCode,
          after: app,
        },
        tx.handle,
      );
    });
    return { ok: true, value: app.id };
  }

  /**
   * Corrects an application's details (a typo in the title, a moved deadline). The status and
   * the granted amount change only through changeStatus. A changed deadline is a new deadline
   * for the reminders. The audit entry keeps the fields before and after.
   */
  async update(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<FormResult> {
    const { schemes, lines } = await this.overview(municipalityCode, slug);
    const current = await this.repo.findApplication(slug, id);
    if (!current) throw new NotFoundError('Deze aanvraag bestaat niet.');
    const checked = validateApplication(form, schemes, lines);
    if (!checked.ok) return checked;
    const { v, requested } = checked;
    const next: SubsidyApplication = {
      ...current,
      scheme_id: v.scheme_id,
      title: v.title,
      project: v.project,
      theme: v.theme === '' ? null : v.theme,
      requested_cents: requested,
      submission_deadline: v.submission_deadline || null,
      accountability_deadline: v.accountability_deadline || null,
      budget_line_id: v.budget_line_id || null,
      contact_email: v.contact_email || null,
      updated_at: this.now().toISOString(),
    };
    const changed = (Object.keys(next) as (keyof SubsidyApplication)[]).filter(
      (k) => k !== 'updated_at' && next[k] !== current[k],
    );
    if (changed.length === 0) return { ok: true, value: undefined };
    await this.repo.transaction(async (tx) => {
      await tx.updateApplication(next);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'subsidie.aanvraag-gewijzigd',
          entity: 'subsidieaanvraag',
          entityId: id,
          municipalityCode,
          before: Object.fromEntries(changed.map((k) => [k, current[k]])),
          after: Object.fromEntries(changed.map((k) => [k, next[k]])),
        },
        tx.handle,
      );
    });
    return { ok: true, value: undefined };
  }

  async changeStatus(
    actor: Actor,
    municipalityCode: string,
    slug: string,
    id: string,
    form: Record<string, unknown>,
  ): Promise<FormResult> {
    await this.area(municipalityCode, slug);
    const current = await this.repo.findApplication(slug, id);
    if (!current) throw new NotFoundError('Deze aanvraag bestaat niet.');
    const to = text(form, 'status');
    const grantedText = text(form, 'granted');
    const errors: FieldErrors = {};
    if (!canMove(current.status, to)) {
      const allowed = isStatus(current.status) ? TRANSITIONS[current.status] : [];
      errors.status =
        allowed.length === 0
          ? `Een aanvraag met status "${STATUS_LABEL[current.status as ApplicationStatus] ?? current.status}" verandert niet meer.`
          : `Vanuit "${STATUS_LABEL[current.status as ApplicationStatus]}" kan de status alleen naar: ${allowed.map((s) => STATUS_LABEL[s]).join(', ')}.`;
    }
    let granted = current.granted_cents;
    if (to === 'toegekend') {
      const m = parseEuro(grantedText);
      if (!m.ok) errors.granted = `Vul het toegekende bedrag in. ${m.error}`;
      else if (m.cents <= 0) errors.granted = 'Het toegekende bedrag is groter dan nul.';
      else granted = m.cents;
    }
    if (Object.keys(errors).length > 0)
      return { ok: false, errors, values: { status: to, granted: grantedText } };
    const next: SubsidyApplication = {
      ...current,
      status: to,
      granted_cents: granted,
      updated_at: this.now().toISOString(),
    };
    await this.repo.transaction(async (tx) => {
      await tx.updateApplication(next);
      await this.audit.write(
        {
          actor: actorLabel(actor),
          action: 'subsidie.status-gewijzigd',
          entity: 'subsidieaanvraag',
          entityId: id,
          municipalityCode,
          before: { status: current.status, granted_cents: current.granted_cents },
          after: { status: next.status, granted_cents: next.granted_cents },
        },
        tx.handle,
      );
    });
    return { ok: true, value: undefined };
  }

  /** The deadlines of a focus area's applications as an iCalendar feed. */
  async deadlineCalendar(municipalityCode: string, slug: string): Promise<string> {
    const { area, schemes, applications } = await this.overview(municipalityCode, slug);
    const schemeName = new Map(schemes.map((s) => [s.id, s.name]));
    const events: CalendarEvent[] = [];
    for (const a of applications) {
      const scheme = schemeName.get(a.scheme_id) ?? a.scheme_id;
      if (a.submission_deadline)
        events.push({
          uid: `${a.id}-indienen@wijkkompas`,
          date: a.submission_deadline,
          summary: `Indienen: ${a.title} (${scheme})`,
          description: `Uiterste datum om de aanvraag "${a.title}" in te dienen bij ${scheme}. Status: ${STATUS_LABEL[a.status as ApplicationStatus] ?? a.status}.`,
          stamp: a.updated_at,
        });
      if (a.accountability_deadline)
        events.push({
          uid: `${a.id}-verantwoorden@wijkkompas`,
          date: a.accountability_deadline,
          summary: `Verantwoorden: ${a.title} (${scheme})`,
          description: `Uiterste datum voor de verantwoording van "${a.title}" bij ${scheme}.`,
          stamp: a.updated_at,
        });
    }
    events.sort((x, y) => x.date.localeCompare(y.date) || x.uid.localeCompare(y.uid));
    return toICalendar(`Subsidiedeadlines ${area.name}`, events);
  }
}

export type { SubsidyApplication } from './subsidy.repository.ts';
