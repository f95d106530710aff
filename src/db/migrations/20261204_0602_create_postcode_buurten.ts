import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/**
 * CBS "buurt, wijk en gemeente per postcode": per indeling year, per six-position postcode, the
 * buurten its addresses lie in and how many addresses each (1 per postcode for the file without
 * house numbers). A survey's postcode answer is mapped to a buurt through it, and a postcode
 * outside the survey's municipality is refused.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('postcode_buurten')
    .addColumn('indeling_year', 'integer', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('buurt_code', 'text', (c) => c.notNull())
    .addColumn('wijk_code', 'text', (c) => c.notNull())
    .addColumn('gemeente_code', 'text', (c) => c.notNull())
    .addColumn('addresses', 'integer', (c) => c.notNull())
    .addColumn('dataset_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('postcode_buurten_pk', ['indeling_year', 'postcode', 'buurt_code'])
    .execute();
  await db.schema
    .createIndex('postcode_buurten_gemeente')
    .on('postcode_buurten')
    .columns(['indeling_year', 'gemeente_code'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('postcode_buurten').execute();
}
