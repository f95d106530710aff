import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * Login attempts that failed or are still being checked, per account, for the throttle (docs/adr/0015). `account_key` is the SHA-256 of
 * the lower-cased e-mail address, also for addresses without an account, so the table does not
 * tell which addresses exist. Rows older than the window are removed as new ones come in.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('login_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_key', 'text', (c) => c.notNull())
    .addColumn('failed_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('login_failures_account_idx')
    .on('login_failures')
    .columns(['account_key', 'failed_at'])
    .execute();
  await db.schema
    .createIndex('login_failures_failed_at_idx')
    .on('login_failures')
    .column('failed_at')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
