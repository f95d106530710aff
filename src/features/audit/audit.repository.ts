import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface AuditEntry {
  /** Who: use actorOf(user) from the accounts feature, or "cli" / "import". */
  actor: string;
  /** What happened, as a short Dutch verb phrase key: "gebruiker.aangemaakt". */
  action: string;
  entity: string;
  entityId: string;
  /** The municipality whose data changed; leave out for changes that belong to none. */
  municipalityCode?: string | null;
  /** Plain data (JSON-serialisable); never a password hash or token. */
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  occurredAt: string;
  actor: string;
  action: string;
  entity: string;
  entityId: string;
  municipalityCode: string | null;
  before: string | null;
  after: string | null;
}

function json(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Appends one entry. Pass the transaction that makes the change, so the change and its audit
 * entry are written together or not at all. There is no update or delete: the table refuses both.
 */
export async function recordAudit(
  db: Kysely<Database>,
  entry: AuditEntry,
  at: Date = new Date(),
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      occurred_at: at.toISOString(),
      actor: entry.actor,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      municipality_code: entry.municipalityCode ?? null,
      before: json(entry.before),
      after: json(entry.after),
    })
    .execute();
}

export interface AuditQuery {
  /** Only entries of this municipality, plus those that belong to no municipality. */
  municipalityCode: string;
  limit?: number;
  offset?: number;
}

/** Newest first. */
export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<AuditRecord[]> {
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('municipality_code', '=', q.municipalityCode),
        eb('municipality_code', 'is', null),
      ]),
    )
    .orderBy('id', 'desc');
  if (q.limit !== undefined) query = query.limit(q.limit).offset(q.offset ?? 0);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: Number(r.id),
    occurredAt: r.occurred_at,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    municipalityCode: r.municipality_code,
    before: r.before,
    after: r.after,
  }));
}

export async function countAudit(db: Kysely<Database>, municipalityCode: string): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) =>
      eb.or([eb('municipality_code', '=', municipalityCode), eb('municipality_code', 'is', null)]),
    )
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
