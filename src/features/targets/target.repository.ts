import type { Kysely } from 'kysely';
import { bumpDataVersion } from '../../db/data-change.repository.ts';
import type { Database } from '../../db/schema.ts';
import { recordAudit } from '../audit/index.ts';
import type { TargetRow, TargetTable } from './target.table.ts';
import type { StoredTarget, Target } from './target.types.ts';

type Q = Kysely<Database>;

/** The audit log's name for targets; entity ids are "<focus area>/<indicator>". */
export const TARGET_ENTITY = 'doel';
export const TARGET_DELETED = 'doel.verwijderd';

export function targetEntityId(slug: string, indicatorKey: string): string {
  return `${slug}/${indicatorKey}`;
}

const num = (v: number | string | null): number | undefined => (v === null ? undefined : Number(v));

/** PostgreSQL may return numbers as strings: normalised here, and nulls become absent fields. */
function fromRow(row: TargetRow): StoredTarget {
  const target: StoredTarget = {
    focusAreaSlug: row.focus_area_slug,
    indicatorKey: row.indicator_key,
    kind: row.kind,
    baselinePeriod: row.baseline_period,
    targetYear: Number(row.target_year),
    isExample: Number(row.is_example) === 1,
    note: row.note,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
  if (row.reference !== null) target.reference = row.reference;
  const gapShare = num(row.gap_share);
  if (gapShare !== undefined) target.gapShare = gapShare;
  const targetValue = num(row.target_value);
  if (targetValue !== undefined) target.targetValue = targetValue;
  const change = num(row.change);
  if (change !== undefined) target.change = change;
  return target;
}

function toRow(target: Target, actor: string, at: Date): TargetTable {
  return {
    focus_area_slug: target.focusAreaSlug,
    indicator_key: target.indicatorKey,
    kind: target.kind,
    reference: target.reference ?? null,
    gap_share: target.gapShare ?? null,
    target_value: target.targetValue ?? null,
    change: target.change ?? null,
    baseline_period: target.baselinePeriod,
    target_year: target.targetYear,
    is_example: target.isExample ? 1 : 0,
    note: target.note,
    updated_at: at.toISOString(),
    updated_by: actor,
  };
}

/** The target's own fields, for the audit log and for comparing (no updated_at/by). */
function plain(target: Target): Target {
  const out: Target = {
    focusAreaSlug: target.focusAreaSlug,
    indicatorKey: target.indicatorKey,
    kind: target.kind,
    baselinePeriod: target.baselinePeriod,
    targetYear: target.targetYear,
    isExample: target.isExample,
    note: target.note,
  };
  if (target.reference !== undefined) out.reference = target.reference;
  if (target.gapShare !== undefined) out.gapShare = target.gapShare;
  if (target.targetValue !== undefined) out.targetValue = target.targetValue;
  if (target.change !== undefined) out.change = target.change;
  return out;
}

function sameTarget(a: Target, b: Target): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** Runs fn in a transaction, or in the caller's transaction when db already is one. */
async function inTransaction<T>(db: Q, fn: (trx: Q) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

async function municipalityOf(db: Q, slug: string): Promise<string | null> {
  const row = await db
    .selectFrom('focus_areas')
    .select('municipality_code')
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row?.municipality_code ?? null;
}

export async function listTargets(db: Q, slug: string): Promise<StoredTarget[]> {
  const rows = await db
    .selectFrom('targets')
    .selectAll()
    .where('focus_area_slug', '=', slug)
    .orderBy('indicator_key')
    .execute();
  return rows.map(fromRow);
}

export async function findTarget(
  db: Q,
  slug: string,
  indicatorKey: string,
): Promise<StoredTarget | undefined> {
  const row = await db
    .selectFrom('targets')
    .selectAll()
    .where('focus_area_slug', '=', slug)
    .where('indicator_key', '=', indicatorKey)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

export type UpsertOutcome = 'aangemaakt' | 'gewijzigd' | 'ongewijzigd';

/**
 * Creates or replaces the target of one indicator in one focus area, with an audit entry
 * (before and after) in the same transaction. Saving the same target again writes nothing.
 */
export async function upsertTarget(
  db: Q,
  target: Target,
  actor: string,
  at: Date = new Date(),
): Promise<UpsertOutcome> {
  return inTransaction(db, async (trx) => {
    const before = await findTarget(trx, target.focusAreaSlug, target.indicatorKey);
    if (before && sameTarget(before, target)) return 'ongewijzigd';
    const row = toRow(target, actor, at);
    await trx
      .insertInto('targets')
      .values(row)
      .onConflict((oc) =>
        oc.columns(['focus_area_slug', 'indicator_key']).doUpdateSet({
          kind: row.kind,
          reference: row.reference,
          gap_share: row.gap_share,
          target_value: row.target_value,
          change: row.change,
          baseline_period: row.baseline_period,
          target_year: row.target_year,
          is_example: row.is_example,
          note: row.note,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute();
    await bumpDataVersion(trx, 'doel');
    await recordAudit(
      trx,
      {
        actor,
        action: before ? 'doel.gewijzigd' : 'doel.aangemaakt',
        entity: TARGET_ENTITY,
        entityId: targetEntityId(target.focusAreaSlug, target.indicatorKey),
        municipalityCode: await municipalityOf(trx, target.focusAreaSlug),
        before: before ? plain(before) : null,
        after: plain(target),
      },
      at,
    );
    return before ? 'gewijzigd' : 'aangemaakt';
  });
}

/** Removes a target, with an audit entry; false when there was none (nothing is written). */
export async function deleteTarget(
  db: Q,
  slug: string,
  indicatorKey: string,
  actor: string,
  at: Date = new Date(),
): Promise<boolean> {
  return inTransaction(db, async (trx) => {
    const before = await findTarget(trx, slug, indicatorKey);
    if (!before) return false;
    await trx
      .deleteFrom('targets')
      .where('focus_area_slug', '=', slug)
      .where('indicator_key', '=', indicatorKey)
      .execute();
    await bumpDataVersion(trx, 'doel');
    await recordAudit(
      trx,
      {
        actor,
        action: TARGET_DELETED,
        entity: TARGET_ENTITY,
        entityId: targetEntityId(slug, indicatorKey),
        municipalityCode: await municipalityOf(trx, slug),
        before: plain(before),
        after: null,
      },
      at,
    );
    return true;
  });
}

/** Entity ids of targets someone deleted, so an example seed does not bring them back. */
export async function listDeletedTargetIds(db: Q, entityIds: string[]): Promise<Set<string>> {
  if (entityIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_id')
    .distinct()
    .where('entity', '=', TARGET_ENTITY)
    .where('action', '=', TARGET_DELETED)
    .where('entity_id', 'in', entityIds)
    .execute();
  return new Set(rows.map((r) => r.entity_id));
}
