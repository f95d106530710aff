import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { AppError, NotFoundError } from '../../shared/errors.ts';
import { actorOf, type Actor } from '../accounts/index.ts';
import { listAreas } from '../areas/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  findFocusArea,
  findVersion,
  insertVersion,
  listMembers,
  listVersions,
  upsertFocusArea,
} from './focus-area.repository.ts';
import type {
  FocusArea,
  FocusAreaMember,
  FocusAreaVersion,
  MemberStatus,
  NewFocusAreaMember,
} from './focus-area.table.ts';
import {
  FOCUS_AREA_ENTITY,
  focusAreaChangeNotes,
  latestBuurtIndelingYear,
} from './focus-area-editing.repository.ts';
import { countedMembers, isCountedMember } from './counted-members.ts';

/** `geen`: not in the member list of the version at all. */
export type FormStatus = MemberStatus | 'geen';
export const FORM_STATUSES: readonly FormStatus[] = [
  'lid',
  'uitgesloten',
  'te_bevestigen',
  'deels',
  'geen',
];
export const FORM_STATUS_LABEL: Record<FormStatus, string> = {
  lid: 'Hoort erbij (lid)',
  uitgesloten: 'Uitgesloten',
  te_bevestigen: 'Te bevestigen',
  deels: 'Hoort er deels bij (telt niet mee)',
  geen: 'Geen lid',
};

export const RATIONALE_MAX = 5000;
export const REASON_MAX = 500;
export const NOTE_MAX = 500;

export type Errors = Record<string, string>;

export const statusField = (code: string): string => `status-${code}`;
export const reasonField = (code: string): string => `reden-${code}`;
/** The reason box of the quick "afwijzen" form: its own id, apart from the big form's box. */
export const rejectField = (code: string): string => `afwijzen-${code}`;

export interface BuurtOption {
  code: string;
  name: string;
  isWater: boolean;
}

export interface WijkGroup {
  code: string | null;
  name: string;
  buurten: BuurtOption[];
}

export interface VersionHistoryItem {
  version: number;
  createdAt: string;
  createdBy: string;
  note: string | null;
  members: number;
}

export interface EditContext {
  area: FocusArea;
  /** null: no delineation yet. */
  current: FocusAreaVersion | null;
  members: FocusAreaMember[];
  /** The indeling year the form edits in: the current version's, else the newest loaded. */
  indelingYear: number | null;
  wijken: WijkGroup[];
  history: VersionHistoryItem[];
}

/**
 * The focus area, checked to belong to the municipality in the address. The route's permission
 * is scoped to that municipality, so a slug of another municipality must be refused here: the
 * same 403 as a wrong municipality, not a page of someone else's area.
 */
export async function focusAreaInMunicipality(
  db: Kysely<Database>,
  slug: string,
  municipalityCode: string,
): Promise<FocusArea> {
  const area = await findFocusArea(db, slug);
  if (!area) throw new NotFoundError(`Er is geen focusgebied "${slug}".`);
  if (area.municipality_code !== municipalityCode) {
    throw new AppError(
      'FORBIDDEN',
      'Dit focusgebied hoort bij een andere gemeente. U kunt het hier niet bekijken of wijzigen.',
    );
  }
  return area;
}

export async function loadEditContext(
  db: Kysely<Database>,
  slug: string,
  municipalityCode: string,
): Promise<EditContext> {
  const area = await focusAreaInMunicipality(db, slug, municipalityCode);
  const current = (await findVersion(db, slug)) ?? null;
  const members = current ? await listMembers(db, slug, current.version) : [];
  const indelingYear =
    current?.indeling_year ?? (await latestBuurtIndelingYear(db, municipalityCode));
  const wijken: WijkGroup[] = [];
  if (indelingYear !== null) {
    const filter = { indelingYear, municipalityCode };
    const wijkRows = await listAreas(db, { ...filter, kind: 'wijk' });
    const buurtRows = await listAreas(db, { ...filter, kind: 'buurt' });
    const groups = new Map<string | null, WijkGroup>(
      wijkRows.map((w) => [w.code, { code: w.code, name: w.name, buurten: [] }]),
    );
    const other: WijkGroup = { code: null, name: 'Buurten zonder bekende wijk', buurten: [] };
    for (const b of buurtRows) {
      (groups.get(b.parent_code) ?? other).buurten.push({
        code: b.code,
        name: b.name,
        isWater: b.is_water === 1,
      });
    }
    // A member whose buurt is not loaded stays editable, so a save never drops it unseen.
    const known = new Set(buurtRows.map((b) => b.code));
    for (const m of members) {
      if (!known.has(m.buurt_code))
        other.buurten.push({ code: m.buurt_code, name: m.buurt_code, isWater: false });
    }
    wijken.push(...[...groups.values()].filter((g) => g.buurten.length > 0));
    if (other.buurten.length > 0) wijken.push(other);
  }
  const notes = await focusAreaChangeNotes(db, slug);
  const history: VersionHistoryItem[] = [];
  for (const v of await listVersions(db, slug)) {
    const vMembers = await listMembers(db, slug, v.version);
    history.push({
      version: v.version,
      createdAt: v.created_at,
      createdBy: v.created_by,
      note: notes.get(v.version) ?? null,
      members: countedMembers(vMembers).length,
    });
  }
  history.reverse();
  return { area, current, members, indelingYear, wijken, history };
}

/** The values the form shows: from a failed post, else the current version. */
export interface FormValues {
  baseVersion: number | null;
  statuses: Record<string, FormStatus>;
  reasons: Record<string, string>;
  rationale: string;
  note: string;
}

export function formValuesOf(ctx: EditContext): FormValues {
  const statuses: Record<string, FormStatus> = {};
  const reasons: Record<string, string> = {};
  for (const m of ctx.members) {
    statuses[m.buurt_code] = m.status;
    reasons[m.buurt_code] = m.reason ?? '';
  }
  return {
    baseVersion: ctx.current?.version ?? null,
    statuses,
    reasons,
    rationale: ctx.current?.rationale ?? '',
    note: '',
  };
}

function text(value: unknown): string {
  if (Array.isArray(value)) return text(value[0]);
  return typeof value === 'string' ? value.trim() : '';
}

function parseBaseVersion(value: unknown): number | null {
  const t = text(value);
  return /^[1-9][0-9]{0,5}$/.test(t) ? Number(t) : null;
}

function isFormStatus(value: string): value is FormStatus {
  return (FORM_STATUSES as readonly string[]).includes(value);
}

export type SaveResult =
  | { ok: true; version: number }
  | { ok: false; status: 409 | 422; errors: Errors; message?: string; values: FormValues };

interface MemberEntry {
  buurt: string;
  status: MemberStatus;
  reden: string | null;
}

function auditMembers(
  members: readonly { buurt_code: string; status: MemberStatus; reason: string | null }[],
): MemberEntry[] {
  return [...members]
    .sort((a, b) => a.buurt_code.localeCompare(b.buurt_code))
    .map((m) => ({ buurt: m.buurt_code, status: m.status, reden: m.reason }));
}

function conflictMessage(current: FocusAreaVersion | null): string {
  return current
    ? `Iemand heeft intussen versie ${current.version} opgeslagen. Uw wijziging is niet bewaard. Laad de pagina opnieuw, bekijk de nieuwe versie en doe uw wijziging dan nog een keer.`
    : 'De afbakening is intussen veranderd. Uw wijziging is niet bewaard. Laad de pagina opnieuw en probeer het nog een keer.';
}

interface WriteInput {
  area: FocusArea;
  current: FocusAreaVersion | null;
  before: FocusAreaMember[];
  indelingYear: number;
  members: { buurt_code: string; status: MemberStatus; reason: string | null }[];
  rationale: string;
  note: string;
  action: string;
  actor: Actor;
  at: Date;
}

/**
 * Writes a NEW version (the old ones are never touched) and its audit entry in one transaction.
 * The newest version is read again inside the transaction: when it moved since the form was
 * opened, nothing is written and the caller says so.
 */
async function writeVersion(
  db: Kysely<Database>,
  input: WriteInput,
): Promise<{ ok: true; version: number } | { ok: false }> {
  return db.transaction().execute(async (trx) => {
    const newest = (await findVersion(trx, input.area.slug)) ?? null;
    if ((newest?.version ?? null) !== (input.current?.version ?? null)) return { ok: false };
    const version = (newest?.version ?? 0) + 1;
    const rows: NewFocusAreaMember[] = input.members.map((m) => ({
      focus_area_slug: input.area.slug,
      version,
      buurt_code: m.buurt_code,
      status: m.status,
      reason: m.reason,
    }));
    await insertVersion(
      trx,
      {
        focus_area_slug: input.area.slug,
        version,
        indeling_year: input.indelingYear,
        rationale: input.rationale,
        created_at: input.at.toISOString(),
        created_by: actorOf(input.actor),
      },
      rows,
    );
    if (input.area.composition_status !== 'bekend') {
      // The first delineation: the public pages now show it instead of "nog niet bekend".
      await upsertFocusArea(trx, { ...input.area, composition_status: 'bekend' });
    }
    await recordAudit(
      trx,
      {
        actor: actorOf(input.actor),
        action: input.action,
        entity: FOCUS_AREA_ENTITY,
        entityId: input.area.slug,
        municipalityCode: input.area.municipality_code,
        before: input.current
          ? {
              versie: input.current.version,
              toelichting: input.current.rationale,
              leden: auditMembers(input.before),
            }
          : null,
        after: {
          versie: version,
          toelichting: input.rationale,
          notitie: input.note,
          leden: auditMembers(input.members),
        },
      },
      input.at,
    );
    return { ok: true, version };
  });
}

function sameMembers(
  a: readonly { buurt_code: string; status: MemberStatus; reason: string | null }[],
  b: readonly { buurt_code: string; status: MemberStatus; reason: string | null }[],
): boolean {
  return JSON.stringify(auditMembers(a)) === JSON.stringify(auditMembers(b));
}

/**
 * Saves the membership form as a new version. Every problem is named by its field and nothing
 * is written: a status outside the list, an exclusion without reason, too long texts, no member
 * at all, an empty change note, or no change.
 */
export async function saveFocusAreaForm(
  db: Kysely<Database>,
  input: {
    slug: string;
    municipalityCode: string;
    actor: Actor;
    form: Record<string, unknown>;
    at?: Date;
  },
): Promise<SaveResult> {
  const ctx = await loadEditContext(db, input.slug, input.municipalityCode);
  const form = input.form;
  const values: FormValues = {
    baseVersion: parseBaseVersion(form.versie),
    statuses: {},
    reasons: {},
    rationale: text(form.toelichting),
    note: text(form.notitie),
  };
  const errors: Errors = {};
  const members: WriteInput['members'] = [];
  for (const group of ctx.wijken) {
    for (const b of group.buurten) {
      const rawStatus = text(form[statusField(b.code)]) || 'geen';
      const reason = text(form[reasonField(b.code)]);
      values.reasons[b.code] = reason;
      if (!isFormStatus(rawStatus)) {
        values.statuses[b.code] = 'geen';
        errors[statusField(b.code)] =
          `${b.name}: kies een status uit de lijst (hoort erbij, uitgesloten, te bevestigen of geen lid).`;
        continue;
      }
      values.statuses[b.code] = rawStatus;
      if (reason.length > REASON_MAX) {
        errors[reasonField(b.code)] =
          `${b.name}: de reden is te lang. Gebruik hoogstens ${REASON_MAX} tekens.`;
      } else if (rawStatus === 'uitgesloten' && reason === '') {
        errors[reasonField(b.code)] = `${b.name}: schrijf op waarom deze buurt is uitgesloten.`;
      }
      if (rawStatus === 'geen') continue;
      members.push({
        buurt_code: b.code,
        status: rawStatus,
        // A member that counts needs no reason; one kept for a doubtful buurt stays readable.
        reason: rawStatus === 'lid' || reason === '' ? null : reason,
      });
    }
  }
  if (values.rationale === '') errors.toelichting = 'Schrijf op waarom deze buurten erbij horen.';
  else if (values.rationale.length > RATIONALE_MAX)
    errors.toelichting = `De toelichting is te lang. Gebruik hoogstens ${RATIONALE_MAX} tekens.`;
  if (values.note === '')
    errors.notitie =
      'Schrijf kort op wat u verandert en waarom. Dit komt in de versiegeschiedenis.';
  else if (values.note.length > NOTE_MAX)
    errors.notitie = `De notitie is te lang. Gebruik hoogstens ${NOTE_MAX} tekens.`;

  const fail = (status: 409 | 422, message?: string): SaveResult => ({
    ok: false,
    status,
    errors,
    values,
    ...(message ? { message } : {}),
  });
  if (ctx.indelingYear === null)
    return fail(422, 'Er zijn nog geen buurtgrenzen van deze gemeente ingelezen.');
  if (Object.keys(errors).length > 0) return fail(422);
  if (!members.some(isCountedMember))
    return fail(422, 'Kies minstens één buurt die erbij hoort (lid).');
  if ((ctx.current?.version ?? null) !== values.baseVersion)
    return fail(409, conflictMessage(ctx.current));
  if (
    ctx.current &&
    sameMembers(members, ctx.members) &&
    values.rationale === ctx.current.rationale
  ) {
    return fail(
      422,
      'Er is niets veranderd aan de buurten of de toelichting. Er is geen nieuwe versie gemaakt.',
    );
  }
  const written = await writeVersion(db, {
    area: ctx.area,
    current: ctx.current,
    before: ctx.members,
    indelingYear: ctx.indelingYear,
    members,
    rationale: values.rationale,
    note: values.note,
    action: 'focusgebied.nieuwe-versie',
    actor: input.actor,
    at: input.at ?? new Date(),
  });
  return written.ok ? written : fail(409, conflictMessage(ctx.current));
}

export type QuickResult =
  | { ok: true; version: number }
  | { ok: false; status: 409 | 422; errors: Errors; message?: string };

/**
 * Bevestigen (te bevestigen → lid) or afwijzen (→ uitgesloten, with a reason): a new version
 * with only that buurt changed, the change note written for the user.
 */
export async function decideBuurt(
  db: Kysely<Database>,
  input: {
    slug: string;
    municipalityCode: string;
    actor: Actor;
    decision: 'bevestigen' | 'afwijzen';
    form: Record<string, unknown>;
    at?: Date;
  },
): Promise<QuickResult> {
  const ctx = await loadEditContext(db, input.slug, input.municipalityCode);
  const code = text(input.form.buurt);
  const reason = text(input.form.reden);
  const baseVersion = parseBaseVersion(input.form.versie);
  const member = ctx.members.find((m) => m.buurt_code === code);
  if (!ctx.current || !member || member.status !== 'te_bevestigen') {
    throw new NotFoundError(
      'Deze buurt staat niet (meer) als "te bevestigen" in de nieuwste versie. Laad de pagina opnieuw.',
    );
  }
  const name = ctx.wijken.flatMap((w) => w.buurten).find((b) => b.code === code)?.name ?? code;
  const errors: Errors = {};
  if (input.decision === 'afwijzen') {
    if (reason === '')
      errors[rejectField(code)] = `${name}: schrijf op waarom deze buurt niet meedoet.`;
    else if (reason.length > REASON_MAX)
      errors[rejectField(code)] =
        `${name}: de reden is te lang. Gebruik hoogstens ${REASON_MAX} tekens.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, status: 422, errors };
  if (baseVersion !== ctx.current.version)
    return { ok: false, status: 409, errors, message: conflictMessage(ctx.current) };
  const members = ctx.members.map((m) =>
    m.buurt_code !== code
      ? { buurt_code: m.buurt_code, status: m.status, reason: m.reason }
      : input.decision === 'bevestigen'
        ? { buurt_code: code, status: 'lid' as const, reason: null }
        : { buurt_code: code, status: 'uitgesloten' as const, reason },
  );
  const written = await writeVersion(db, {
    area: ctx.area,
    current: ctx.current,
    before: ctx.members,
    indelingYear: ctx.current.indeling_year,
    members,
    rationale: ctx.current.rationale,
    note:
      input.decision === 'bevestigen'
        ? `${name} (${code}) bevestigd: hoort erbij.`
        : `${name} (${code}) afgewezen: uitgesloten. Reden: ${reason}`,
    action:
      input.decision === 'bevestigen'
        ? 'focusgebied.buurt-bevestigd'
        : 'focusgebied.buurt-afgewezen',
    actor: input.actor,
    at: input.at ?? new Date(),
  });
  return written.ok
    ? written
    : { ok: false, status: 409, errors, message: conflictMessage(ctx.current) };
}
