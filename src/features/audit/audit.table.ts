import type { Generated } from 'kysely';

/**
 * The append-only audit log: who changed what, when, before and after. The database itself
 * refuses UPDATE and DELETE on this table (triggers in the migration).
 */
export interface AuditLogTable {
  id: Generated<number>;
  occurred_at: string;
  /** Who: "gebruiker:<id> <naam>", "cli" or "import". */
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  /** The municipality whose data changed; null for changes that belong to no one municipality. */
  municipality_code: string | null;
  /** JSON, or null when there was nothing before (a creation) or after (a removal). */
  before: string | null;
  after: string | null;
}
