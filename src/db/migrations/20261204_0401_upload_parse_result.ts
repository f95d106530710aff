import { SqliteAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * A staged upload is read once, in a background job, and keeps what that reading produced: the
 * parsed values (compact, gzip), the preview, or the problems that refuse the file. Preview
 * and confirmation read these instead of the file. `state`: wacht (not read yet), bezig,
 * klaar, geweigerd (problems in the file), mislukt (the job itself failed).
 */
export async function up(db: AnyDb): Promise<void> {
  const binary = db.getExecutor().adapter instanceof SqliteAdapter ? 'blob' : 'bytea';
  await db.schema
    .alterTable('uploads')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('wacht'))
    .execute();
  await db.schema.alterTable('uploads').addColumn('problems', 'text').execute();
  await db.schema.alterTable('uploads').addColumn('preview', 'text').execute();
  await db.schema.alterTable('uploads').addColumn('result', binary).execute();
  await db.schema.alterTable('uploads').addColumn('parsed_at', 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of ['parsed_at', 'result', 'preview', 'problems', 'state']) {
    await db.schema.alterTable('uploads').dropColumn(column).execute();
  }
}
