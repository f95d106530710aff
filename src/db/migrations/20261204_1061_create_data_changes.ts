import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The explicit data version (ADR 0024): one row, moved by every write that feeds the public
 * monitor, in the same transaction as that write. `epoch` is random per database, so a database
 * built again from scratch never repeats an earlier database's version; `version` counts the
 * changes; `changed_at` (ISO-8601 UTC) and `reason` tell what moved it last.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('data_changes')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('epoch', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('data_changes')
    .values({
      id: 1,
      epoch: randomBytes(6).toString('base64url'),
      version: 1,
      changed_at: new Date().toISOString(),
      reason: 'migratie',
    })
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('data_changes').execute();
}
