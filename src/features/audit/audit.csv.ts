import { actorLabel } from '../../shared/actor-label.ts';
import type { AuditRecord } from './audit.repository.ts';
import { actionLabel, summarizeChange } from './audit-summary.ts';

/**
 * A cell for a spreadsheet: quoted, and with a leading apostrophe when it would otherwise start
 * a formula (=, +, -, @, tab, CR), so an exported log cannot run code in Excel or LibreOffice.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",;\r\n']/.test(text) || text !== text.trim() ? `"${text.replaceAll('"', '""')}"` : text;
}

const HEADER = [
  'volgnummer',
  'tijdstip',
  'wie',
  'actie',
  'onderdeel',
  'id',
  'gemeente',
  'voor',
  'na',
  'wie (leesbaar)',
  'wat (leesbaar)',
  'wat veranderde',
];

/** The audit log as CSV (comma-separated, UTF-8 with BOM so spreadsheets read the accents). */
export function auditToCsv(records: readonly AuditRecord[]): string {
  const lines = [HEADER.join(',')];
  for (const r of records) {
    lines.push(
      [
        r.id,
        r.occurredAt,
        r.actor,
        r.action,
        r.entity,
        r.entityId,
        r.municipalityCode,
        r.before,
        r.after,
        actorLabel(r.actor),
        actionLabel(r.action),
        summarizeChange(r.before, r.after).join('; '),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
