import { SqliteAdapter, sql, type Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('areas')
    .addColumn('indeling_year', 'integer', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('municipality_code', 'text')
    .addColumn('geometry', 'text')
    .addColumn('is_water', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('areas_pk', ['indeling_year', 'code'])
    .execute();
  await db.schema
    .createIndex('areas_parent_idx')
    .on('areas')
    .columns(['indeling_year', 'parent_code'])
    .execute();

  await db.schema
    .createTable('area_crosswalk')
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('from_code', 'text', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('to_code', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('area_crosswalk_pk', ['from_year', 'from_code', 'to_year', 'to_code'])
    .execute();

  await db.schema
    .createTable('datasets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('table_id', 'text')
    .addColumn('edition', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'text', (c) => c.notNull())
    .addColumn('indeling_year', 'integer')
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('observation_count', 'integer', (c) => c.notNull())
    .addColumn('area_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attribution', 'text', (c) => c.notNull())
    .execute();

  // One B-tree: the key leads with what every read filters on (variable, indeling, period).
  // No index on dataset_id: datasets are withdrawn by status, never deleted row by row, and a
  // second index on 1.7 million rows doubled the write time of a national import
  // (docs/benchmarks.md). On SQLite the table is WITHOUT ROWID for the same reason.
  const isSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  await db.schema
    .createTable('observations')
    .addColumn('dataset_id', 'text', (c) => c.notNull().references('datasets.id'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('indeling_year', 'integer', (c) => c.notNull())
    .addColumn('area_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('value', 'double precision')
    .addColumn('numerator', 'double precision')
    .addColumn('denominator', 'double precision')
    .addColumn('status', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('observations_pk', [
      'variable',
      'indeling_year',
      'period',
      'area_code',
      'dataset_id',
    ])
    .$call((q) => (isSqlite ? q.modifyEnd(sql`without rowid`) : q))
    .execute();

  await db.schema
    .createTable('variables')
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('table_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('unit', 'text')
    .addColumn('description', 'text')
    .addPrimaryKeyConstraint('variables_pk', ['stem', 'table_id'])
    .execute();

  await db.schema
    .createTable('focus_areas')
    .addColumn('slug', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('municipality_code', 'text', (c) => c.notNull())
    .addColumn('municipality_name', 'text', (c) => c.notNull())
    .addColumn('composition_status', 'text', (c) => c.notNull())
    .addColumn('source_note', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('focus_area_versions')
    .addColumn('focus_area_slug', 'text', (c) => c.notNull().references('focus_areas.slug'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('indeling_year', 'integer', (c) => c.notNull())
    .addColumn('rationale', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('focus_area_versions_pk', ['focus_area_slug', 'version'])
    .execute();

  await db.schema
    .createTable('focus_area_members')
    .addColumn('focus_area_slug', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('buurt_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('focus_area_members_pk', ['focus_area_slug', 'version', 'buurt_code'])
    .addForeignKeyConstraint(
      'focus_area_members_version_fk',
      ['focus_area_slug', 'version'],
      'focus_area_versions',
      ['focus_area_slug', 'version'],
    )
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'focus_area_members',
    'focus_area_versions',
    'focus_areas',
    'variables',
    'observations',
    'datasets',
    'area_crosswalk',
    'areas',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
