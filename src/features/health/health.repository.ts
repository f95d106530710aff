import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

/** The queries behind /gereed: can we reach the database, and which migrations has it run. */
export async function pingDatabase(db: Kysely<Database>): Promise<void> {
  await sql`select 1`.execute(db);
}
