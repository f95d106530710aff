import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';

export interface SeedReport {
  imported: string[];
  unchanged: string[];
}

// Placeholder until the importers land (same commit series); replaced by the real seed.
export async function seedShippedData(
  _db: Kysely<Database>,
  _datasetsDir: string,
  _ctx: { importedBy: string },
): Promise<SeedReport> {
  return { imported: [], unchanged: [] };
}
