/** The audit log: every change by a user is written through recordAudit. */
export { recordAudit } from './audit.repository.ts';
export type { AuditEntry } from './audit.repository.ts';
