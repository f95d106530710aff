import type { DataColumn } from '../data-table.ts';

/**
 * A number as written in a download: fixed to the column's decimals when it has them, never in
 * exponent notation for the sizes CBS figures have, and without a "-0" left over from rounding.
 * Non-finite numbers have no meaning in a table and become null.
 */
export function numberText(value: number, column: DataColumn): string | null {
  if (!Number.isFinite(value)) return null;
  const text = column.decimals === undefined ? String(value) : value.toFixed(column.decimals);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** The value a JSON download carries: rounded like the CSV, so both files agree. */
export function roundedNumber(value: number, column: DataColumn): number | null {
  const text = numberText(value, column);
  return text === null ? null : Number(text);
}

/** Keys the downloads add to every row; a table column with such a key would be overwritten. */
export const RESERVED_KEYS = ['status', 'bron'] as const;

export function assertNoReservedKeys(columns: readonly DataColumn[]): void {
  for (const column of columns) {
    if ((RESERVED_KEYS as readonly string[]).includes(column.key)) {
      throw new Error(`Column key "${column.key}" is reserved for the downloads`);
    }
  }
}
