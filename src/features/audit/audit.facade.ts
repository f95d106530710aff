import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { withDb } from '../../shared/with-db.ts';
import { countAudit, listAudit } from './audit.repository.ts';

/** Reading the audit log of a municipality. */
export function auditService(db: Kysely<Database>) {
  return {
    count: withDb(db, countAudit),
    list: withDb(db, listAudit),
  };
}
export type AuditService = ReturnType<typeof auditService>;
/** One entry of the log as views show it. */
export type { AuditRecord } from './audit.repository.ts';
