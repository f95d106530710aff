import { sql, type Kysely } from 'kysely';

// Migrations are typed against Kysely<any>: they describe the schema as it was at that time.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * The municipality a dataset belongs to (ADR 0017): the one it was imported for, or the single
 * municipality its figures lie in. Null for a national dataset. The workspace lists only a
 * municipality's own datasets. Existing datasets get the municipality of their figures when
 * all of them (the Netherlands aside) lie in one.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable('datasets').addColumn('municipality_code', 'text').execute();
  const owners = await db
    .selectFrom('observations')
    .select([
      'dataset_id',
      sql<string>`min(substr(area_code, 3, 4))`.as('digits'),
      sql<number>`count(distinct substr(area_code, 3, 4))`.as('n'),
    ])
    .where('area_code', 'not like', 'NL%')
    .groupBy('dataset_id')
    .execute();
  for (const row of owners) {
    if (Number(row.n) !== 1) continue;
    await db
      .updateTable('datasets')
      .set({ municipality_code: `GM${row.digits}` })
      .where('id', '=', row.dataset_id)
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('datasets').dropColumn('municipality_code').execute();
}
