import type { Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The monitor's snapshot reads every observation of one municipality's areas (`area_code IN
 * …`). The primary key leads with the variable, so without this index that read scans the whole
 * observations table, at national size 1.7 million rows per import (ADR 0021). The index holds
 * the area code plus the key (SQLite: WITHOUT ROWID tables put the key in every index), so the
 * import pays one more B-tree; docs/benchmarks.md has both costs.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex('observations_area_idx')
    .on('observations')
    .column('area_code')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('observations_area_idx').execute();
}
