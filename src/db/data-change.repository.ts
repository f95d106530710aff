import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Q = Kysely<Database>;

/**
 * What moved the data version: one value per kind of write that feeds the public monitor
 * (ADR 0024). The last reason is stored beside the version, for someone asking why pages were
 * rebuilt.
 */
export type DataChangeReason =
  | 'gebieden'
  | 'dataset'
  | 'observaties'
  | 'variabelen'
  | 'focusgebied'
  | 'catalogus'
  | 'doel'
  | 'enquete-antwoord'
  | 'postcodes';

/**
 * Moves the data version by one. Call it with the transaction that does the write, so the write
 * and the new version commit together or not at all; prefer `withDataChange`, which opens that
 * transaction when the caller has none. Every cache keyed on the version is then dropped.
 */
export async function bumpDataVersion(
  trx: Transaction<Database> | Q,
  reason: DataChangeReason,
  now: Date = new Date(),
): Promise<void> {
  if (!trx.isTransaction) {
    throw new Error('bumpDataVersion: alleen binnen de transactie van de wijziging');
  }
  const result = await trx
    .updateTable('data_changes')
    .set((eb) => ({
      version: eb('version', '+', 1),
      changed_at: now.toISOString(),
      reason,
    }))
    .where('id', '=', 1)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new Error('data_changes heeft geen rij: is de database gemigreerd?');
  }
}

/**
 * Runs `write` and moves the data version in one transaction: the caller's own transaction when
 * `db` is one, or a new one. Every repository write method on a table that feeds the monitor goes
 * through here (`test/architecture/data-version.guard.test.ts` checks it).
 */
export async function withDataChange<T>(
  db: Q,
  reason: DataChangeReason,
  write: (trx: Q) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) {
    const out = await write(db);
    await bumpDataVersion(db, reason);
    return out;
  }
  return db.transaction().execute(async (trx) => {
    const out = await write(trx);
    await bumpDataVersion(trx, reason);
    return out;
  });
}

export interface DataVersionRow {
  /** `<epoch>.<count>`: what pages, snapshots and ETags are keyed on. */
  version: string;
  /** The part that only a catalogue edit moves: the newest stored catalogue version or ''. */
  catalogue: string;
}

/** The current data version and the catalogue part of it, in one statement. */
export async function readDataVersionRow(db: Q): Promise<DataVersionRow> {
  const row = await db
    .selectFrom('data_changes as d')
    .select((eb) => [
      'd.epoch',
      'd.version',
      eb
        .selectFrom('catalogue_versions')
        .select((e) => e.fn.max('version').as('v'))
        .as('catalogue'),
    ])
    .where('d.id', '=', 1)
    .executeTakeFirst();
  if (!row) throw new Error('data_changes heeft geen rij: is de database gemigreerd?');
  const catalogue =
    row.catalogue === null || row.catalogue === undefined ? '' : String(row.catalogue);
  return { version: `${row.epoch}.${Number(row.version)}`, catalogue };
}

/** When and why the data version last moved (for /metrics and diagnosis). */
export async function lastDataChange(
  db: Q,
): Promise<{ version: number; changedAt: string; reason: string }> {
  const row = await db
    .selectFrom('data_changes')
    .select(['version', 'changed_at', 'reason'])
    .where('id', '=', 1)
    .executeTakeFirstOrThrow();
  return { version: Number(row.version), changedAt: row.changed_at, reason: row.reason };
}
