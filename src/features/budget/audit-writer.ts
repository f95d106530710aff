import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { recordAudit, type AuditEntry } from '../audit/index.ts';

/**
 * Writes an audit entry inside the transaction (`tx`, a repository's handle) that makes the
 * change, so both commit or neither. Services receive this; tests pass a fake that collects.
 */
export interface AuditWriter {
  write(entry: AuditEntry, tx: unknown): Promise<void>;
}

export const databaseAuditWriter: AuditWriter = {
  write: (entry, tx) => recordAudit(tx as Kysely<Database>, entry),
};

export type { AuditEntry };
