/** The one row of the explicit data version (ADR 0024). */
export interface DataChangeTable {
  /** Always 1: a single row, so concurrent writers queue on it and the count never skips. */
  id: number;
  /** Random per database: a database built again never repeats an earlier one's version. */
  epoch: string;
  /** Moves by one with every write that feeds the monitor. */
  version: number;
  /** ISO-8601 UTC time of the last change. */
  changed_at: string;
  /** What the last change was (a DataChangeReason). */
  reason: string;
}
