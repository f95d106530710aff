import path from 'node:path';
import { createDb, type Db } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

/**
 * A fresh, migrated, file-backed SQLite database (WAL, as in production): an in-memory database
 * would hide the cost of writing pages and the journal.
 */
export async function createBenchDb(dir: string, name: string): Promise<Db & { file: string }> {
  const file = path.join(dir, `${name}.sqlite`);
  const handle = createDb({ kind: 'sqlite', file });
  await migrateToLatest(handle.db);
  return { ...handle, file };
}
